// The exercise contract shared by the content schema, the goal engine and the workbench
// island. Goals are statements about the analysis, never about the text.

import type { Builder, Diagnostic } from '../analyzer/model.ts';

/** Where a goal looks: a target (default: the file's default target) built by a builder (default BuildKit). */
export interface GoalScope {
  target?: string;
  builder?: Builder;
}

export type GoalSpec =
  /** A stage with this name exists. */
  | ({ kind: 'stage-exists'; stage: string } & GoalBase)
  /** The default target (a plain `docker build .`) is this stage. */
  | ({ kind: 'default-target'; stage: string } & GoalBase)
  /** The build succeeds: the analyzer predicts no error, and no FROM or --from that Docker
   *  would pull is a misnamed stage (src/exercises/outcome.ts). */
  | ({ kind: 'builds' } & GoalScope & GoalBase)
  /** Building the scope runs all of `includes` and none of `excludes` (stage names). */
  | ({ kind: 'runs-stages'; includes?: string[]; excludes?: string[] } & GoalScope & GoalBase)
  /** A rule reports nothing for the scope (e.g. test-tools-in-final-image for --target production). */
  | ({ kind: 'rule-silent'; rule: string } & GoalScope & GoalBase)
  /** The scope builds and the analyzer reports nothing at all for it: no error, no BuildKit
   *  check, no hadolint or course rule (the capstone's "nothing to report"). */
  | ({ kind: 'no-problems' } & GoalScope & GoalBase)
  /** The image of the scope runs as a non-root user (a USER that is not root/0 in its stage chain). */
  | ({ kind: 'non-root-user' } & GoalScope & GoalBase)
  /** The image of the scope copies from stage `from` only these source paths (exactly). */
  | ({ kind: 'copies-only' } & CopiesGoal & GoalScope & GoalBase)
  /** The image of the scope copies at least these source paths from stage `from` (more is fine). */
  | ({ kind: 'copies-from' } & CopiesGoal & GoalScope & GoalBase)
  /** After `change`, every step matching `steps` comes from the cache (src/exercises/cache-goals.ts). */
  | ({ kind: 'cache-keeps' } & CacheGoal & GoalScope & GoalBase)
  /** After `change`, at least one step matching `steps` runs again. */
  | ({ kind: 'cache-reruns' } & CacheGoal & GoalScope & GoalBase)
  /** No blank (`___`) of a faded example is left (src/exercises/blanks.ts); `blanks` says what
   *  each blank of the starter asks for, in order. The one goal about the text, not the build:
   *  the other goals of the exercise judge what the filled-in file builds. */
  | ({ kind: 'no-blanks'; blanks?: string[] } & GoalBase);

/** What changed since the last build, in the words of `stagecraft rebuild` and the cache model's
 *  CacheChange: files of the build context (paths relative to files/) and build arguments. */
export interface CacheGoalChange {
  edited?: string[];
  added?: string[];
  removed?: string[];
  /** This build's `--build-arg`s (default: none). */
  buildArgs?: Record<string, string>;
  /** The last build's `--build-arg`s (default: the same as this build's). */
  previousBuildArgs?: Record<string, string>;
}

/** Which steps a cache goal is about: those of a stage, those whose instruction matches one of
 *  the patterns (`RUN npm ci`: the keyword, then words that appear in the command in that order,
 *  other words between them allowed; flags such as --mount are not part of it), or both. */
export interface CacheStepSelector {
  stage?: string;
  instruction?: string[];
}

export interface CacheGoal {
  change: CacheGoalChange;
  steps: CacheStepSelector;
}

export interface CopiesGoal {
  /** The stage copied from (lower case). */
  from: string;
  paths: string[];
  /** Every COPY --from that reaches the stage names it (`--from=build`), not its index
   *  (`--from=0`, which points elsewhere once a stage is added above). */
  byName?: boolean;
}

export interface GoalBase {
  /** Stable within the exercise, kebab-case. */
  id: string;
  /** The goal as the learner reads it: "Building --target production does not run test." */
  statement: string;
  /** Shown while the goal fails: what is wrong now. */
  failure: string;
  /** This goal's hint ladder, from a nudge to nearly the answer (1 to 3 steps). The workbench
   *  offers the hints of the goals still failing, the first failing goal first. */
  hints: string[];
}

export interface Exercise {
  id: string;
  title: string;
  /** Lesson slug the exercise belongs to. */
  lesson: string;
  /** Markdown-free short task description. */
  task: string;
  starter: string;
  solution: string;
  /** Build-context files shown to the learner (path → text), e.g. package.json. */
  files: Record<string, string>;
  goals: GoalSpec[];
  /** The exercise's own hint ladder, from a nudge to nearly the answer: what the page shows
   *  without JavaScript, and what the workbench falls back to when no failing goal has a hint
   *  left to show. */
  hints: string[];
}

export interface GoalResult {
  id: string;
  statement: string;
  passed: boolean;
  /** `failure` (and why, when the build fails) while failing; empty when passed. */
  detail: string;
  /** The goal's hint ladder. */
  hints: string[];
}

export interface Evaluation {
  goals: GoalResult[];
  /** Every goal passed. */
  complete: boolean;
  /** Diagnostics of the default analysis (BuildKit, default target), for the editor. */
  diagnostics: Diagnostic[];
}
