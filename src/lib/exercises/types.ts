// The exercise contract shared by the content schema, the goal engine and the workbench
// island. Goals are statements about the analysis, never about the text.

import type { Builder, Diagnostic } from '../../analyzer/model.ts';

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
  /** The build starts: the analyzer predicts no error. */
  | ({ kind: 'builds' } & GoalScope & GoalBase)
  /** Building the scope runs all of `includes` and none of `excludes` (stage names). */
  | ({ kind: 'runs-stages'; includes?: string[]; excludes?: string[] } & GoalScope & GoalBase)
  /** A rule reports nothing for the scope (e.g. test-tools-in-final-image for --target production). */
  | ({ kind: 'rule-silent'; rule: string } & GoalScope & GoalBase)
  /** The image of the scope runs as a non-root user (a USER that is not root/0 in its stage chain). */
  | ({ kind: 'non-root-user' } & GoalScope & GoalBase)
  /** The image of the scope copies from stage `from` only these source paths (exactly). */
  | ({ kind: 'copies-only'; from: string; paths: string[] } & GoalScope & GoalBase);

export interface GoalBase {
  /** Stable within the exercise, kebab-case. */
  id: string;
  /** The goal as the learner reads it: "Building --target production does not run test." */
  statement: string;
  /** Shown while the goal fails: what is wrong now. */
  failure: string;
  /** How to get there, one step. */
  hint: string;
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
  /** Hint ladder: from a nudge to nearly the answer. */
  hints: string[];
}

export interface GoalResult {
  id: string;
  statement: string;
  passed: boolean;
  /** `failure` while failing; empty when passed. */
  detail: string;
  hint: string;
}

export interface Evaluation {
  goals: GoalResult[];
  /** Every goal passed. */
  complete: boolean;
  /** Diagnostics of the default analysis (BuildKit, default target), for the editor. */
  diagnostics: Diagnostic[];
}
