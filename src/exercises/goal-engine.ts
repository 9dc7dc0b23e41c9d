// The goal engine: a Dockerfile's text in, which of an exercise's goals it meets out.
// evaluateGoals() takes the cache goals' checker as an argument: the cache model it needs is
// a fifth of the goal engine's weight and only a few exercises have cache goals, so the
// browser loads it only for those (src/components/exercise/workbench.ts, room-board.ts).
// goals.ts is the engine with the checker in, for Node and the tests.
//
// Pure (no DOM, no Node APIs) and cheap enough to run on every keystroke: each distinct
// scope (target × builder) is analyzed once per call, and a goal never throws, whatever the
// text; a goal that cannot be checked fails with a detail that says why.
//
// Goals judge the outcome: whether the build of their scope succeeds and what its image is,
// never the text. A goal about the image of a scope fails while that build fails, and says
// why as Docker would (src/exercises/outcome.ts, which also counts a pull of a misnamed
// stage as the failure it is).
//   stage-exists    a stage has that (lower-cased) name
//   default-target  the last stage, which a plain `docker build` builds, has that name
//   builds          the build of the scope succeeds (buildOutcome)
//   runs-stages     the scope builds, running every stage in `includes` and none in `excludes`
//   rule-silent     no diagnostic of that rule for the scope (and, for a rule about the
//                   target's image, the scope builds)
//   no-problems     the scope builds and the analyzer reports nothing at all for it
//   non-root-user   the image of the scope (the target and the stages it is built FROM) ends
//                   with a USER that is not root, 0, root:… or 0:… (a numeric non-zero UID
//                   counts); with no USER at all, only a distroless `nonroot` base counts
//   copies-only     the COPY --from=<from> lines in that image copy exactly `paths`
//   copies-from     …copy at least `paths` (either with `byName`: and name the stage, not its index)
//   cache-keeps     the scope builds and, after `change`, every step `steps` picks comes from the
//                   build cache, on Docker 26.1 and 28.5 (cache-goals.ts)
//   cache-reruns    …and at least one of them runs again
//   no-blanks       no blank (`___`) of a faded example is left; the detail says where the first
//                   one is and what it asks for (blanks.ts)
// A scoped goal whose target does not resolve (no such stage yet, or a file Docker cannot
// read) fails, and its detail says so.

import { analyze } from '../analyzer/index.ts';
import type { Analysis, Builder, Diagnostic, Stage } from '../analyzer/model.ts';
import { copyFromStage, copySources } from '../analyzer/rules/course/support/copy.ts';
import { stageIndexOf } from '../analyzer/references.ts';
import { ruleById } from '../analyzer/rules/index.ts';
import { imageInstructions, rootImage, stageChain } from '../analyzer/rules/support/stage-chain.ts';
import type { CacheGoalInput, checkCacheGoal } from './cache-goals.ts';
import type { checkNoBlanks } from './blanks.ts';
import { buildOutcome } from './outcome.ts';
import type { CopiesGoal, Evaluation, Exercise, GoalResult, GoalScope, GoalSpec } from './types.ts';

type Analyze = (scope: GoalScope) => Analysis | null;

/** The outcome of one goal: passed, or failed with an optional detail that replaces `failure`. */
type Check = { passed: true } | { passed: false; detail?: string };

const PASS: Check = { passed: true };
const FAIL: Check = { passed: false };

/** Checks a cache goal (cache-goals.ts's checkCacheGoal, loaded where there are cache goals). */
export type CacheGoalChecker = typeof checkCacheGoal;

/** Checks a no-blanks goal (blanks.ts's checkNoBlanks, loaded where there are blanks). */
export type BlanksChecker = typeof checkNoBlanks;

export type GoalExercise = Pick<Exercise, 'goals'> & Partial<Pick<Exercise, 'files' | 'starter'>>;

export { hasBlanks, hasCacheGoals } from './goal-kinds.ts';

/** Evaluates every goal of `exercise` against `text`, cache goals with `checkCache` and
 *  no-blanks goals with `checkBlanks` (without one, such a goal fails: it could not be
 *  checked). Never throws. */
export function evaluateGoals(exercise: GoalExercise, text: string, checkCache: CacheGoalChecker | null, checkBlanks: BlanksChecker | null = null): Evaluation {
  const dockerignore = exercise.files?.['.dockerignore'];
  const analyses = new Map<string, Analysis | null>();
  const analysisFor: Analyze = (scope) => {
    const builder: Builder = scope.builder ?? 'buildkit';
    const key = `${builder}\n${scope.target ?? ''}`;
    if (!analyses.has(key)) {
      let analysis: Analysis | null;
      try {
        analysis = analyze(text, { target: scope.target ?? null, builder, ...(dockerignore === undefined ? {} : { dockerignore }) });
      } catch {
        analysis = null;
      }
      analyses.set(key, analysis);
    }
    return analyses.get(key) ?? null;
  };

  const build: Omit<CacheGoalInput, 'analysis'> = {
    text,
    files: Object.keys(exercise.files ?? {}),
    predictions: new Map(),
    ...(dockerignore === undefined ? {} : { dockerignore }),
  };
  const goals: GoalResult[] = exercise.goals.map((goal) => {
    let check: Check;
    try {
      if (goal.kind !== 'no-blanks') check = checkGoal(goal, analysisFor, build, checkCache);
      else if (checkBlanks) check = checkBlanks(text, exercise.starter ?? '', goal.blanks ?? []);
      else check = { passed: false, detail: `${goal.failure} (The blanks checker is not loaded, so this goal could not be checked.)` };
    } catch {
      check = { passed: false, detail: `${goal.failure} (This goal could not be checked on the current Dockerfile.)` };
    }
    return {
      id: goal.id,
      statement: goal.statement,
      passed: check.passed,
      detail: check.passed ? '' : (check.detail ?? goal.failure),
      hints: goal.hints,
    };
  });

  return {
    goals,
    complete: goals.every((goal) => goal.passed),
    diagnostics: analysisFor({})?.diagnostics ?? [],
  };
}

function checkGoal(goal: GoalSpec, analysisFor: Analyze, build: Omit<CacheGoalInput, 'analysis'>, checkCache: CacheGoalChecker | null): Check {
  switch (goal.kind) {
    case 'stage-exists': {
      const analysis = analysisFor({});
      return analysis && analysis.stages.some((stage) => stage.name === goal.stage.toLowerCase()) ? PASS : FAIL;
    }
    case 'default-target': {
      const analysis = analysisFor({});
      return analysis && analysis.stages.at(-1)?.name === goal.stage.toLowerCase() ? PASS : FAIL;
    }
    case 'builds': {
      const scoped = resolve(goal, analysisFor);
      if (!scoped.ok) return scoped.check;
      const outcome = buildOutcome(scoped.analysis);
      return outcome.builds ? PASS : { passed: false, detail: `${goal.failure} ${outcome.reason}` };
    }
    case 'runs-stages': {
      const scoped = resolveBuilt(goal, analysisFor);
      if (!scoped.ok) return scoped.check;
      const { analysis } = scoped;
      const ran = new Set(analysis.plan.stages.map((index) => analysis.stages[index]?.name).filter((name) => name != null));
      const ok = (goal.includes ?? []).every((name) => ran.has(name.toLowerCase())) && !(goal.excludes ?? []).some((name) => ran.has(name.toLowerCase()));
      return ok ? PASS : FAIL;
    }
    case 'rule-silent': {
      const aboutImage = ruleById(goal.rule)?.meta.perTarget === true;
      const scoped = aboutImage ? resolveBuilt(goal, analysisFor) : resolve(goal, analysisFor);
      if (!scoped.ok) return scoped.check;
      return scoped.analysis.diagnostics.some((diagnostic) => reportedBy(diagnostic, goal.rule)) ? FAIL : PASS;
    }
    case 'no-problems': {
      const scoped = resolveBuilt(goal, analysisFor);
      if (!scoped.ok) return scoped.check;
      const first = scoped.analysis.diagnostics[0];
      if (!first) return PASS;
      const more = scoped.analysis.diagnostics.length - 1;
      return { passed: false, detail: `${goal.failure} First, line ${first.range.start.line}: ${first.message}${more > 0 ? ` (and ${more} more)` : ''}.` };
    }
    case 'non-root-user': {
      const scoped = resolveBuilt(goal, analysisFor);
      if (!scoped.ok) return scoped.check;
      return nonRootUser(scoped.analysis, scoped.stage, goal.failure);
    }
    case 'copies-only':
    case 'copies-from': {
      const scoped = resolveBuilt(goal, analysisFor);
      if (!scoped.ok) return scoped.check;
      return copies(scoped.analysis, scoped.stage, goal, goal.kind === 'copies-only');
    }
    case 'cache-keeps':
    case 'cache-reruns': {
      const scoped = resolveBuilt(goal, analysisFor);
      if (!scoped.ok) return scoped.check;
      if (!checkCache) return { passed: false, detail: `${goal.failure} (The build cache model is not loaded, so this goal could not be checked.)` };
      return checkCache(goal, { ...build, analysis: scoped.analysis });
    }
    default: {
      const unknown: { kind?: unknown } = goal;
      return { passed: false, detail: `Unknown goal kind "${String(unknown.kind)}".` };
    }
  }
}

type Scoped = { ok: true; analysis: Analysis; stage: Stage } | { ok: false; check: Check };

/** How a scope reads in a sentence: `docker build --target prod` on the classic builder. */
function describeScope(scope: GoalScope): string {
  const command = scope.target ? `docker build --target ${scope.target}` : 'docker build';
  return scope.builder === 'classic' ? `${command} (classic builder)` : command;
}

/** The analysis of the goal's scope and the stage it builds, or why there is none. */
function resolve(scope: GoalScope, analysisFor: Analyze): Scoped {
  const analysis = analysisFor(scope);
  if (!analysis) return { ok: false, check: { passed: false, detail: 'The analyzer could not read this Dockerfile.' } };
  const stage = analysis.target.index >= 0 ? analysis.stages[analysis.target.index] : undefined;
  if (stage) return { ok: true, analysis, stage };

  const target = scope.target?.toLowerCase();
  let detail: string;
  if (analysis.stages.length === 0) {
    detail = 'The target does not exist yet: the Dockerfile has no stage. Start one with a FROM line.';
  } else if (target !== undefined && !analysis.stages.some((s) => s.name === target)) {
    detail = `The target does not exist yet: no stage is named "${target}", so ${describeScope(scope)} cannot build it.`;
  } else {
    const outcome = buildOutcome(analysis);
    detail = `${describeScope(scope)} fails. ${outcome.builds ? 'Docker cannot resolve its target stage.' : outcome.reason}`;
  }
  return { ok: false, check: { passed: false, detail } };
}

/** Like resolve, and the build of the scope succeeds: a goal about an image fails while there
 *  is none, and says why as Docker would. */
function resolveBuilt(goal: GoalScope, analysisFor: Analyze): Scoped {
  const scoped = resolve(goal, analysisFor);
  if (!scoped.ok) return scoped;
  const outcome = buildOutcome(scoped.analysis);
  if (outcome.builds) return scoped;
  return { ok: false, check: { passed: false, detail: `No image to check: ${describeScope(goal)} fails. ${outcome.reason}` } };
}

/**
 * Whether `diagnostic` is a report of rule `ruleId`: its own id, or (when the rule's finding
 * fell on a place where the analyzer already reports the problem, and was merged into that
 * diagnostic) the BuildKit check or hadolint rule the two share.
 */
function reportedBy(diagnostic: Diagnostic, ruleId: string): boolean {
  if (diagnostic.id === ruleId) return true;
  const sources = ruleById(ruleId)?.meta.sources;
  if (!sources || !diagnostic.sources) return false;
  return (
    (sources.buildkit !== undefined && diagnostic.sources.buildkit === sources.buildkit) ||
    (sources.hadolint !== undefined && diagnostic.sources.hadolint === sources.hadolint)
  );
}

/** `root`, `0` (or `00`), with or without a group. */
function isRootUser(user: string): boolean {
  const name = user.split(':')[0] ?? '';
  return name === 'root' || /^0+$/.test(name);
}

/** Distroless `nonroot` tags run as uid 65532 without a USER line. */
function startsAsNonRoot(ref: string | null): boolean {
  if (ref === null) return false;
  const name = ref.split('@')[0]!;
  const colon = name.lastIndexOf(':');
  if (colon <= name.lastIndexOf('/')) return false;
  const repository = name.slice(0, colon).toLowerCase();
  const tag = name.slice(colon + 1);
  return repository.startsWith('gcr.io/distroless/') && /(^|[-_.])nonroot([-_.]|$)/.test(tag);
}

function nonRootUser(analysis: Analysis, stage: Stage, failure: string): Check {
  const user = imageInstructions(analysis, stage.index)
    .filter((i) => i.keyword === 'USER')
    .at(-1);
  if (!user) return startsAsNonRoot(rootImage(analysis, stage.index)) ? PASS : FAIL;
  const value = user.words[0]?.value ?? '';
  if (value === '') return FAIL;
  if (value.includes('$')) {
    return { passed: false, detail: `${failure} (USER ${value} is set from a variable; write the user name or id itself, so it can be checked.)` };
  }
  return isRootUser(value) ? FAIL : PASS;
}

/** A COPY --from source as a path in the other stage's filesystem: `app/dist/` → `/app/dist`
 *  (Docker reads --from sources from the root of the stage, whatever its WORKDIR). */
function normalizePath(path: string): string {
  return `/${path
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/')}`;
}

/** The image's COPY --from=<from> sources are exactly `paths` (`exactly`), or include them all;
 *  with `byName`, every such COPY names the stage rather than giving its index. */
function copies(analysis: Analysis, stage: Stage, goal: CopiesGoal & { failure: string }, exactly: boolean): Check {
  const name = goal.from.toLowerCase();
  if (!analysis.stages.some((s) => s.name === name)) {
    return { passed: false, detail: `There is no stage named "${name}" yet to copy from.` };
  }
  const copied = new Set<string>();
  for (const s of stageChain(analysis, stage.index)) {
    for (const instruction of s.instructions) {
      if (instruction.keyword !== 'COPY') continue;
      if (copyFromStage({ analysis }, instruction)?.name !== name) continue;
      const written = instruction.flags.find((flag) => flag.name === 'from')?.value ?? '';
      if (goal.byName && stageIndexOf(written) !== null) {
        return {
          passed: false,
          detail: `${goal.failure} (Line ${instruction.range.start.line} copies with --from=${written}, the stage's index: write its name, --from=${name}.)`,
        };
      }
      for (const source of copySources(instruction)) copied.add(normalizePath(source));
    }
  }
  const wanted = new Set(goal.paths.map(normalizePath));
  const all = [...wanted].every((path) => copied.has(path));
  return all && (!exactly || copied.size === wanted.size) ? PASS : FAIL;
}
