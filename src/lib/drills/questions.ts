// The question a drill asks about its generated Dockerfile, and the answer, from the analyzer
// only: `analyze(text, { target, builder, engine, buildArgs })` — the plan of which stages a
// build runs, recorded against Docker 26.1 and 28.5 (tests/fixtures/builds). The question is
// asked for today's Docker (28.5); the feedback says where the other builder or Docker 26.1
// does something else. A build the analyzer predicts to fail with BuildKit is never asked about
// (a drill asks about builds that work), and a classic build is asked about only when it runs
// cleanly: where the classic builder stops or reads a stage name as an image, the feedback
// says so with the analyzer's own message instead.
import { analyze, DEFAULT_ENGINE, type Analysis, type Builder, type Engine } from '../../analyzer/index.ts';
import { generateDrill, type GeneratedDrill, type Level } from './generate.ts';
import { Random } from '../../shared/random.ts';

export type QuestionKind = 'runs' | 'ships';

export interface DrillOption {
  /** The stage's index in the file. */
  index: number;
  /** Its name, with its line when two stages share it: `test (line 7)`. */
  label: string;
}

/** What one build does, as the analyzer predicts it. */
export interface BuildResult {
  builder: Builder;
  engine: Engine;
  /** Stages run, in file order. */
  stages: number[];
  /** The stage the image comes from (the target); -1 when the build is refused. */
  target: number;
  fails: boolean;
  /** Docker's first error, with its line, when the build fails. */
  error: string | null;
  /** The analyzer's warnings about this build (a reference read as an image, a stage skipped). */
  warnings: string[];
}

export interface DrillQuestion {
  kind: QuestionKind;
  builder: Builder;
  target: string | null;
  buildArgs: Record<string, string>;
  /** The command the question is about, e.g. `DOCKER_BUILDKIT=0 docker build --target test .`. */
  command: string;
  prompt: string;
  /** Several answers (checkboxes) or one (radios). */
  multiple: boolean;
  options: DrillOption[];
  /** The stage indices that answer it: the stages run, or the one stage shipped. */
  correct: number[];
  /** The same build with each builder on each engine (the feedback compares them). */
  results: Record<Builder, Record<Engine, BuildResult>>;
  /** Sentences for the feedback: why, and what the other builder and the other engine do. */
  notes: string[];
}

export interface Drill extends GeneratedDrill {
  question: DrillQuestion;
}

const BUILDERS: readonly Builder[] = ['buildkit', 'classic'];
const OTHER_ENGINE: Engine = '26.1';
const BUILDER_NAMES: Record<Builder, string> = { buildkit: 'BuildKit', classic: 'the classic builder' };

function result(analysis: Analysis, builder: Builder, engine: Engine): BuildResult {
  const error = analysis.diagnostics.find((d) => d.severity === 'error');
  return {
    builder,
    engine,
    stages: analysis.plan.fails && analysis.plan.stoppedAt ? [...analysis.plan.stages, analysis.plan.stoppedAt.stage] : analysis.plan.stages,
    target: analysis.plan.fails ? -1 : analysis.target.index,
    fails: analysis.plan.fails,
    error: error ? `line ${error.range.start.line}: ${error.message}` : null,
    warnings: analysis.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message),
  };
}

/** One build of `text` with both builders on both engines. */
export function buildResults(text: string, target: string | null, buildArgs: Record<string, string>): Record<Builder, Record<Engine, BuildResult>> {
  const run = (builder: Builder, engine: Engine) => result(analyze(text, { target, builder, engine, buildArgs, rules: false }), builder, engine);
  return {
    buildkit: { '28.5': run('buildkit', '28.5'), '26.1': run('buildkit', '26.1') },
    classic: { '28.5': run('classic', '28.5'), '26.1': run('classic', '26.1') },
  };
}

/** Options: every stage, by name (with its line where a name is shared). */
export function stageOptions(analysis: Analysis): DrillOption[] {
  const uses = new Map<string, number>();
  for (const stage of analysis.stages) if (stage.name) uses.set(stage.name, (uses.get(stage.name) ?? 0) + 1);
  return analysis.stages.map((stage) => {
    const name = stage.nameAsWritten ?? `stage ${stage.index}`;
    const shared = stage.name !== null && (uses.get(stage.name) ?? 0) > 1;
    return { index: stage.index, label: shared ? `${name} (line ${stage.from.range.start.line})` : name };
  });
}

export function buildCommand(builder: Builder, target: string | null, buildArgs: Record<string, string>): string {
  const args = Object.entries(buildArgs).map(([k, v]) => ` --build-arg ${k}=${v}`);
  return `${builder === 'classic' ? 'DOCKER_BUILDKIT=0 ' : ''}docker build${target ? ` --target ${target}` : ''}${args.join('')} .`;
}

const sameRun = (a: BuildResult, b: BuildResult) => a.fails === b.fails && a.target === b.target && a.stages.join() === b.stages.join();
const clean = (r: BuildResult) => !r.fails && r.warnings.length === 0;

interface Candidate {
  kind: QuestionKind;
  builder: Builder;
  target: string | null;
  buildArgs: Record<string, string>;
  weight: number;
}

/** Every question the analyzer can answer truthfully for this file, weighted by interest. */
function candidates(drill: GeneratedDrill, analysis: Analysis): Candidate[] {
  const names = [...new Set(analysis.stages.flatMap((s) => (s.name ? [s.name] : [])))];
  const lastName = analysis.stages[analysis.stages.length - 1]?.name ?? null;
  const argSets: Array<Record<string, string>> = [{}];
  if (drill.variantArg) for (const value of drill.variantArg.others) argSets.push({ [drill.variantArg.name]: value });
  const duplicated = new Set(names.filter((n) => analysis.stages.filter((s) => s.name === n).length > 1));
  const out: Candidate[] = [];
  for (const buildArgs of argSets) {
    // The last stage by name builds the same as no --target: ask it once.
    // A --build-arg is asked about with the default build only: that is where it picks the stage.
    const targets = Object.keys(buildArgs).length > 0 ? [null] : [null, ...names.filter((n) => n !== lastName)];
    for (const target of targets) {
      const results = buildResults(drill.dockerfile, target, buildArgs);
      const today = results.buildkit[DEFAULT_ENGINE];
      if (today.fails || results.buildkit[OTHER_ENGINE].fails) continue;
      const classic = results.classic[DEFAULT_ENGINE];
      out.push({ kind: 'runs', builder: 'buildkit', target, buildArgs, weight: target === null ? (drill.variantArg ? 4 : 2) : 3 });
      if (clean(classic) && !sameRun(classic, today)) out.push({ kind: 'runs', builder: 'classic', target, buildArgs, weight: 2 });
      const shipsTrap = target === null ? drill.shapes.includes('last-stage-not-runtime') : duplicated.has(target);
      if (Object.keys(buildArgs).length === 0 && (target === null || duplicated.has(target)))
        out.push({ kind: 'ships', builder: 'buildkit', target, buildArgs, weight: shipsTrap ? 3 : 1 });
    }
  }
  return out;
}

function list(labels: string[]): string {
  return labels.length === 0 ? 'nothing' : labels.join(', ');
}

/** What a build does, in a sentence: "BuildKit runs deps, build." */
export function describeResult(r: BuildResult, options: DrillOption[]): string {
  const who = BUILDER_NAMES[r.builder];
  const label = (i: number) => options[i]?.label ?? `stage ${i}`;
  const subject = who.charAt(0).toUpperCase() + who.slice(1);
  // A warning about the build itself (the classic builder reading a later stage's name as an
  // image to pull): the engines were recorded failing there, so never say it ships.
  if (!r.fails && r.warnings.length > 0 && r.builder === 'classic')
    return `${subject} starts ${list(r.stages.map(label))}, but not cleanly: ${r.warnings.join('; ')}.`;
  if (!r.fails) return `${subject} runs ${list(r.stages.map(label))} and ships ${label(r.target)}.`;
  if (r.stages.length > 0)
    return `${subject} runs ${list(r.stages.slice(0, -1).map(label))}, then stops in ${label(r.stages[r.stages.length - 1]!)}: ${r.error ?? 'an error'}.`;
  return `${subject} refuses the build: ${r.error ?? 'an error'}.`;
}

function notesFor(q: Omit<DrillQuestion, 'notes'>): string[] {
  const label = (i: number) => q.options[i]?.label ?? `stage ${i}`;
  const asked = q.results[q.builder][DEFAULT_ENGINE];
  const other = q.results[q.builder === 'buildkit' ? 'classic' : 'buildkit'][DEFAULT_ENGINE];
  const notes: string[] = [];
  if (q.kind === 'ships') {
    notes.push(
      q.target === null
        ? `Without --target, docker build builds the last stage in the file, ${label(asked.target)}, whatever its name.`
        : `Two stages are called ${q.target}: BuildKit builds the later one, ${label(asked.target)}.`,
    );
  } else if (q.builder === 'buildkit') {
    notes.push(`BuildKit runs only the target, ${label(asked.target)}, and the stages it needs (FROM a stage, COPY --from): ${list(asked.stages.map(label))}.`);
  } else {
    notes.push(`The classic builder runs every stage from the first up to the target, ${label(asked.target)}, in file order, needed or not.`);
  }
  for (const warning of asked.warnings) notes.push(`The analyzer warns: ${warning}.`);
  // The other builder, on today's Docker.
  if (sameRun(other, asked)) notes.push(`${BUILDER_NAMES[other.builder].replace(/^t/, 'T')} runs the same stages here.`);
  else notes.push(describeResult(other, q.options));
  if (other.builder === 'buildkit') for (const warning of other.warnings) notes.push(`With BuildKit, the analyzer warns: ${warning}.`);
  // The other engine, for both builders.
  const differs = BUILDERS.filter((b) => !sameRun(q.results[b][OTHER_ENGINE], q.results[b][DEFAULT_ENGINE]));
  if (differs.length === 0) notes.push(`Docker 26.1 does the same as Docker ${DEFAULT_ENGINE} with both builders.`);
  else for (const b of differs) notes.push(`On Docker 26.1: ${describeResult(q.results[b][OTHER_ENGINE], q.options)}`);
  return notes;
}

function promptFor(kind: QuestionKind, builder: Builder): string {
  if (kind === 'ships') return 'Which stage becomes the image this build produces?';
  return builder === 'buildkit' ? 'Which stages does BuildKit run for this build?' : 'Which stages does the classic builder run for this build?';
}

/** The drill for (level, seed): its Dockerfile and one question, both the same every time. */
export function makeDrill(level: Level, seed: number): Drill {
  const generated = generateDrill(level, seed);
  const analysis = analyze(generated.dockerfile, { rules: false });
  const options = stageOptions(analysis);
  const found = candidates(generated, analysis);
  if (found.length === 0) throw new Error(`drill ${level}/${seed}: no question the analyzer can answer`);
  const r = new Random((seed ^ 0x5bd1e995) >>> 0);
  let pick = r.next() * found.reduce((sum, c) => sum + c.weight, 0);
  const chosen = found.find((c) => (pick -= c.weight) < 0) ?? found[found.length - 1]!;
  const results = buildResults(generated.dockerfile, chosen.target, chosen.buildArgs);
  const today = results[chosen.builder][DEFAULT_ENGINE];
  const base = {
    kind: chosen.kind,
    builder: chosen.builder,
    target: chosen.target,
    buildArgs: chosen.buildArgs,
    command: buildCommand(chosen.builder, chosen.target, chosen.buildArgs),
    prompt: promptFor(chosen.kind, chosen.builder),
    multiple: chosen.kind === 'runs',
    options,
    correct: chosen.kind === 'runs' ? today.stages : [today.target],
    results,
  };
  return { ...generated, question: { ...base, notes: notesFor(base) } };
}

/** Whether `chosen` (stage indices) is exactly the answer. */
export function isCorrect(question: DrillQuestion, chosen: readonly number[]): boolean {
  const picked = new Set(chosen);
  return picked.size === question.correct.length && question.correct.every((i) => picked.has(i));
}
