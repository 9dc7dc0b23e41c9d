// The cache goals of an exercise: "editing src/ must not re-run npm ci". A cache goal names a
// change since the last build (files of the build context edited, added or removed; build
// arguments changed: the vocabulary of `stagecraft rebuild`) and the steps it is about; the
// build-cache model (src/analyzer/cache) says which of them come from the cache.
//   cache-keeps   every step the selector picks comes from the cache
//   cache-reruns  at least one step the selector picks runs again (the change reaches them)
// The model answers for Docker 26.1 and 28.5 (they agreed in every recorded case); the goal asks
// both and holds only where both hold. A step the model calls cached only on an assumption (a
// step before it ran again and is taken to make the same files) does not count as kept: the
// learner cannot rely on it. The failure detail says which step runs and why, in the model's own
// words ("line 5 `RUN npm ci` runs again because line 3 `COPY . .` ran before it: src/app.js changed").
//
// Pure, like goals.ts: it runs in the workbench on every keystroke.

import { CACHE_ENGINES, predictCache, type CachePrediction, type StepVerdict } from '../analyzer/cache/index.ts';
import type { Analysis, Instruction } from '../analyzer/model.ts';
import type { CacheGoal, CacheStepSelector, GoalScope } from './types.ts';

export type CacheCheck = { passed: true } | { passed: false; detail: string };

export interface CacheGoalInput {
  /** The learner's Dockerfile. */
  text: string;
  /** Its analysis for the goal's scope (default build arguments): to read the instructions. */
  analysis: Analysis;
  /** The exercise's build context: paths of files/ (the Dockerfile is added at its root). */
  files: readonly string[];
  dockerignore?: string;
  /** Predictions already made in this evaluation, by change, scope and engine: goals about the
   *  same change (one keeps a step, another reruns one) share them. */
  predictions?: Map<string, CachePrediction>;
}

type Goal = CacheGoal & GoalScope & { kind: 'cache-keeps' | 'cache-reruns'; failure: string };

/** Words of a command as the pattern compares them: split at blanks and shell operators. */
function words(text: string): string[] {
  return text.split(/[\s;&|()]+/).filter(Boolean);
}

/** A command word matches a pattern word as written or by its last path segment:
 *  `/venv/bin/pip` and `./requirements.txt` match `pip` and `requirements.txt`. */
function sameWord(word: string, pattern: string): boolean {
  return word === pattern || (!pattern.includes('/') && word.slice(word.lastIndexOf('/') + 1) === pattern);
}

/** The pattern's words appear in the command in the same order (other words may come between). */
function inOrder(haystack: readonly string[], needle: readonly string[]): boolean {
  let at = 0;
  for (const word of haystack) if (at < needle.length && sameWord(word, needle[at]!)) at++;
  return at === needle.length;
}

/** `RUN npm ci` matches `RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev && …`,
 *  an exec form `RUN ["npm", "ci"]` and a heredoc body that runs it; `RUN pip install
 *  requirements.txt` matches `RUN /venv/bin/pip install --no-cache-dir -r requirements.txt`. */
export function matchesPattern(instruction: Instruction, pattern: string): boolean {
  const [keyword = '', ...rest] = words(pattern);
  if (instruction.keyword !== keyword.toUpperCase()) return false;
  const command = [instruction.json ? instruction.json.join(' ') : instruction.argsText, ...instruction.heredocs.map((h) => h.body)].join('\n');
  return inOrder(words(command), rest);
}

function selected(verdict: StepVerdict, selector: CacheStepSelector, instructions: ReadonlyMap<number, Instruction>): boolean {
  if (selector.stage !== undefined && verdict.stageName !== selector.stage.toLowerCase()) return false;
  if (selector.instruction === undefined) return true;
  const instruction = instructions.get(verdict.line);
  return instruction !== undefined && selector.instruction.some((pattern) => matchesPattern(instruction, pattern));
}

/** "`RUN npm ci`" or, for a pattern list, "`RUN npm ci` or `RUN npm install`", plus the stage. */
export function describeSelector(selector: CacheStepSelector): string {
  const patterns = (selector.instruction ?? []).map((p) => `\`${p}\``).join(' or ');
  if (selector.stage === undefined) return `a step ${patterns}`;
  return patterns ? `a step ${patterns} in stage ${selector.stage}` : `a step of stage ${selector.stage}`;
}

/** The step as the detail names it: line 5 `RUN npm ci`. */
function stepName(verdict: StepVerdict): string {
  const text = verdict.text.length > 60 ? `${verdict.text.slice(0, 57)}…` : verdict.text;
  return text.includes('`') ? `line ${verdict.line} ${text}` : `line ${verdict.line} \`${text}\``;
}

/** Why a step runs again, traced back to the first step that ran for a reason of its own. */
function whyRuns(verdict: StepVerdict, byLine: ReadonlyMap<number, StepVerdict>): string {
  let root = verdict;
  const seen = new Set<number>();
  for (;;) {
    const parent = root.causes.length > 0 && root.causes.every((c) => c.kind === 'parent') ? root.causes[0] : undefined;
    const next = parent?.kind === 'parent' ? byLine.get(parent.line) : undefined;
    if (!next || next.cached || seen.has(next.line)) break;
    seen.add(next.line);
    root = next;
  }
  if (root === verdict) return `${capital(stepName(verdict))} runs again: ${verdict.reason}.`;
  return `${capital(stepName(verdict))} runs again because ${stepName(root)} ran before it: ${root.reason}.`;
}

/** " So line 5 `RUN pip install …` runs again too." for the other selected steps that run. */
function alsoRuns(more: readonly StepVerdict[]): string {
  if (more.length === 0) return '';
  const named = more.length <= 2 ? more.map(stepName).join(' and ') : `${stepName(more[0]!)} and ${more.length - 1} more steps`;
  return ` So ${named} ${more.length === 1 ? 'runs' : 'run'} again too.`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function predict(goal: Goal, input: CacheGoalInput, engine: (typeof CACHE_ENGINES)[number]): CachePrediction {
  const key = JSON.stringify([goal.change, goal.target ?? null, goal.builder ?? 'buildkit', engine]);
  const known = input.predictions?.get(key);
  if (known) return known;
  const buildArgs = goal.change.buildArgs ?? {};
  const prediction = predictCache({
    dockerfile: input.text,
    // An edited or removed file is in the context whatever the caller passed (the loader checks
    // that files/ has it); an added one the model adds itself.
    context: {
      files: [...new Set(['Dockerfile', ...input.files, ...(goal.change.edited ?? []), ...(goal.change.removed ?? [])])],
      ...(input.dockerignore === undefined ? {} : { dockerignore: input.dockerignore }),
    },
    target: goal.target ?? null,
    builder: goal.builder ?? 'buildkit',
    engine,
    buildArgs,
    change: {
      edited: goal.change.edited ?? [],
      added: goal.change.added ?? [],
      removed: goal.change.removed ?? [],
      previousBuildArgs: goal.change.previousBuildArgs ?? buildArgs,
    },
  });
  input.predictions?.set(key, prediction);
  return prediction;
}

function checkPrediction(goal: Goal, prediction: CachePrediction, input: CacheGoalInput): CacheCheck {
  if (prediction.fails) {
    const where = prediction.error ? `line ${prediction.error.line}: ${prediction.error.message}` : 'see the problems list';
    return { passed: false, detail: `${goal.failure} (The build with these build arguments fails, ${where}.)` };
  }
  const instructions = new Map(input.analysis.instructions.map((i) => [i.range.start.line, i]));
  const steps = prediction.steps.filter((v) => selected(v, goal.steps, instructions));
  if (steps.length === 0) {
    const stage = goal.steps.stage === undefined ? undefined : prediction.stages.find((s) => s.name === goal.steps.stage!.toLowerCase());
    const why =
      stage && !stage.built
        ? `This build does not build stage ${stage.name}: ${stage.reason ?? 'it is not needed'}.`
        : `The build has no ${describeSelector(goal.steps).replace(/^a /, '')} yet.`;
    return { passed: false, detail: `${goal.failure} ${why}` };
  }
  const byLine = new Map(prediction.steps.map((v) => [v.line, v]));
  if (goal.kind === 'cache-keeps') {
    const [runs, ...more] = steps.filter((v) => !v.cached);
    if (runs) return { passed: false, detail: `${goal.failure} ${whyRuns(runs, byLine)}${alsoRuns(more)}` };
    const assumed = steps.find((v) => v.assumption);
    if (assumed) {
      const from = assumed.assumptionFrom === undefined ? '' : ` (after line ${assumed.assumptionFrom})`;
      return {
        passed: false,
        detail: `${goal.failure} ${capital(stepName(assumed))} comes from the cache only if the steps that ran again before it${from} make the same files as last time, which you cannot count on.`,
      };
    }
    return { passed: true };
  }
  if (steps.some((v) => !v.cached)) return { passed: true };
  const kept = steps[0]!;
  const none = steps.length === 1 ? '' : `None of the ${steps.length} steps it is about runs again; the first, `;
  return { passed: false, detail: `${goal.failure} ${none}${none ? stepName(kept) : capital(stepName(kept))} comes from the cache: ${kept.reason}.` };
}

/** A cache goal over the learner's Dockerfile, on both engines. */
export function checkCacheGoal(goal: Goal, input: CacheGoalInput): CacheCheck {
  const failures: Array<{ engine: string; detail: string }> = [];
  for (const engine of CACHE_ENGINES) {
    const check = checkPrediction(goal, predict(goal, input, engine), input);
    if (!check.passed) failures.push({ engine, detail: check.detail });
  }
  const first = failures[0];
  if (!first) return { passed: true };
  if (failures.length === CACHE_ENGINES.length) return { passed: false, detail: first.detail };
  return { passed: false, detail: `${first.detail} (This is so on Docker ${first.engine}, not on the other engine.)` };
}
