// The bake exercises' goal engine: runs the learner's docker-bake.hcl through the bake analyzer
// (src/analyzer/bake) for each command the goals name, against the exercise's own Dockerfile,
// and says which goals pass. Pure: the browser island, the tests and Node share it.
import { analyzeDefinition, emptyDefinition, type BakeAnalysis } from '../../analyzer/bake/analysis.ts';
import { readHcl } from '../../analyzer/bake/hcl.ts';
import type { BakeDefinition, BakeDiagnostic, ResolvedTarget } from '../../analyzer/bake/model.ts';
import type { Diagnostic } from '../../analyzer/model.ts';
import type { GoalResult } from '../types.ts';
import type { BakeExercise, BakeGoalSpec } from './types.ts';

/**
 * Longer bake files are not checked. An exercise's file is under 1 KB; the HCL parser's error
 * recovery costs about 20 µs a character on garbage (a pasted 64 KB of `{` takes over a second),
 * so the cap keeps a bad paste from freezing the page. The text is kept all the same.
 */
export const MAX_BAKE_TEXT = 8 * 1024;

/** One bake target of a command, as the panel shows it. */
export interface BakeTargetRun {
  name: string;
  /** The Dockerfile stage it builds; null when it does not resolve. */
  stage: string | null;
  /** The stages BuildKit runs for it, in build order. */
  stages: string[];
  /** The image names it tags (none when it exports no image). */
  tags: string[];
  /** Whether it exports an image (false: every output is type=cacheonly). */
  exportsImage: boolean;
}

/** What one `docker buildx bake [names…]` does with the learner's file. */
export interface BakeRun {
  /** The command line, e.g. `docker buildx bake test`. */
  command: string;
  targets: BakeTargetRun[];
  /** Why the command fails (the first error), or null when it builds. */
  failure: string | null;
}

export interface BakeEvaluation {
  goals: GoalResult[];
  complete: boolean;
  /** The bake file's problems, every target and group resolved (positions in the learner's file). */
  diagnostics: Diagnostic[];
  /** The commands the goals name, in the goals' order. */
  runs: BakeRun[];
}

export function bakeCommand(names: readonly string[] = []): string {
  return ['docker buildx bake', ...names].join(' ');
}

/** The learner's file read as HCL (a bake exercise's file is a docker-bake.hcl): readHcl alone
 *  keeps the JSON and compose readers out of the page. */
function read(text: string): BakeDefinition {
  const definition = emptyDefinition();
  readHcl(text, 0, definition);
  return definition;
}

function analyse(exercise: BakeExercise, text: string, names: readonly string[]): BakeAnalysis {
  const readFile = (path: string) => exercise.files[path] ?? null;
  return analyzeDefinition(read(text), readFile, { names: [...names] });
}

/** A target exports an image unless every output it has is type=cacheonly (no output: the image store). */
export function exportsImage(target: ResolvedTarget): boolean {
  return !target.output?.length || target.output.some((output) => output['type'] !== 'cacheonly');
}

/** Runs one command: the targets it resolves to, the stages each runs, the tags it leaves, why it fails. */
export function runBake(exercise: BakeExercise, text: string, names: readonly string[] = []): BakeRun {
  const analysis = analyse(exercise, text, names);
  const resolved = new Map(analysis.targets.map((target) => [target.name, target]));
  const targets = analysis.plans.map((plan): BakeTargetRun => {
    const target = resolved.get(plan.name)!;
    const exports = exportsImage(target);
    return { name: plan.name, stage: plan.stage, stages: plan.stages, tags: exports ? (target.tags ?? []) : [], exportsImage: exports };
  });
  return { command: bakeCommand(names), targets, failure: firstFailure(analysis) };
}

function firstFailure(analysis: BakeAnalysis): string | null {
  const error = analysis.diagnostics.find((d) => d.severity === 'error');
  if (error) return error.message;
  if (analysis.targets.length === 0) return 'it builds no target';
  for (const plan of analysis.plans) {
    const problem = [...plan.diagnostics, ...plan.dockerfileErrors].find((d) => d.severity === 'error');
    if (problem) return problem.message;
    if (plan.fails) return `target "${plan.name}" fails to build`;
  }
  return null;
}

const list = (names: readonly string[]) => (names.length === 0 ? 'nothing' : names.join(', '));

function stagesRun(run: BakeRun): string[] {
  return [...new Set(run.targets.flatMap((target) => target.stages))];
}

function tagsLeft(run: BakeRun): string[] {
  return [...new Set(run.targets.flatMap((target) => target.tags))].sort();
}

/** Whether a goal passes on a command's run, and what the learner reads when it does not. */
function judge(goal: BakeGoalSpec, run: BakeRun): { passed: boolean; why: string } {
  if (run.failure !== null) return { passed: false, why: `\`${run.command}\` fails: ${run.failure}.` };
  switch (goal.kind) {
    case 'bake-builds':
      return { passed: true, why: '' };
    case 'bake-runs-stages': {
      const stages = stagesRun(run);
      const passed = (goal.includes ?? []).every((s) => stages.includes(s)) && !(goal.excludes ?? []).some((s) => stages.includes(s));
      return { passed, why: `\`${run.command}\` runs ${list(stages)}.` };
    }
    case 'bake-tags': {
      const tags = tagsLeft(run);
      const wanted = [...new Set(goal.tags)].sort();
      const passed = tags.length === wanted.length && tags.every((tag, i) => tag === wanted[i]);
      return { passed, why: `\`${run.command}\` tags ${list(tags)}.` };
    }
    case 'bake-exports-nothing': {
      const exporting = run.targets.filter((target) => target.exportsImage).map((target) => target.name);
      return { passed: exporting.length === 0, why: `Target ${exporting.join(', ')} exports an image.` };
    }
  }
}

/** Every goal of the exercise on `text`, each command run once; plus the file's problems. */
export function evaluateBakeGoals(exercise: BakeExercise, text: string): BakeEvaluation {
  const runs = new Map<string, BakeRun>();
  const runOf = (names: readonly string[] = []): BakeRun => {
    const key = bakeCommand(names);
    let run = runs.get(key);
    if (!run) runs.set(key, (run = runBake(exercise, text, names)));
    return run;
  };
  const goals = exercise.goals.map((goal): GoalResult => {
    const { passed, why } = judge(goal, runOf(goal.names));
    return { id: goal.id, statement: goal.statement, passed, detail: passed ? '' : `${goal.failure} ${why}`.trim(), hints: goal.hints };
  });
  return { goals, complete: goals.every((goal) => goal.passed), diagnostics: bakeFileDiagnostics(exercise, text), runs: [...runs.values()] };
}

/**
 * The problems of the file as a whole: each group and each target resolved on its own (bake stops
 * at a command's first error, and a mistake in one target should not hide another's), so a mistake
 * in a target no goal builds is marked too. Only those in the learner's file (not the command
 * line's, not the Dockerfile's), each once.
 */
export function bakeFileDiagnostics(exercise: BakeExercise, text: string): Diagnostic[] {
  const definition = read(text);
  const names = [...new Set([...definition.groups.keys(), ...definition.targets.keys()])];
  const all: BakeDiagnostic[] = [...definition.diagnostics];
  if (!all.some((d) => d.id === 'bake-syntax')) {
    for (const name of names) {
      const analysis = analyse(exercise, text, [name]);
      all.push(...analysis.diagnostics, ...analysis.plans.flatMap((plan) => plan.diagnostics));
    }
  }
  const seen = new Set<string>();
  return all.filter((d) => {
    const key = `${d.id}:${d.range.start.offset}:${d.message}`;
    if (d.file !== 0 || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
