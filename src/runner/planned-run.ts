// The runner's plan, richer than the RunSteps it shows: for each step the instruction, the
// stage and what to do (plan-from-analysis.ts makes it from the analysis; run-target.ts carries it
// out). Plain data, no sandbox.

import type { Analysis, Instruction, Stage } from '../analyzer/model.ts';
import type { NodeTool } from './node-commands.ts';
import type { RunStep } from './types.ts';

/** A word of a command: `expand` words are shell words as written (`"$NAME"`), expanded
 *  with the step's variables when it runs; the others are exec-form words, used as they are. */
export interface CommandWord {
  text: string;
  expand: boolean;
}

/** One command of a step: a Node.js tool (or `cd` inside a chain) and its arguments. */
export interface PlannedCommand {
  tool: NodeTool | 'cd';
  /** `NAME=value` before the command (shell form): variables for this command only. */
  assignments: Array<{ name: string; raw: string }>;
  /** The command name first. */
  words: CommandWord[];
}

export interface PlannedStage {
  stage: Stage;
  /** Shown to the learner: the stage name, or `stage 2`. */
  label: string;
  /** The stage's root folder name under the run's prefix: the name, or `stage-2`. */
  folder: string;
  /** The base image (after ARG expansion), or the base stage's label. */
  base: string;
  /** The image at the bottom of the FROM chain (`node:22-alpine`, `scratch`). */
  image: string;
  /** The image has Node.js, so its RUN steps can run (inherited through FROM <stage>). */
  hasNode: boolean;
}

/** A `RUN --mount=type=bind`: files copied in for the step and removed after it. */
export interface BindMount {
  /** Path in the source (the build context, or the `from` stage's root). */
  source: string;
  /** Where the step sees it (relative to the working directory when not absolute). */
  target: string;
  /** Index of the stage it reads from; null for the build context. */
  fromStage: number | null;
}

export type StepAction =
  | { kind: 'from' }
  | { kind: 'workdir' }
  | { kind: 'env' }
  | { kind: 'arg' }
  /** COPY or ADD; `fromStage` for `--from=<stage>`. */
  | { kind: 'copy'; fromStage: number | null }
  | { kind: 'run'; commands: PlannedCommand[]; binds: BindMount[] }
  /** CMD or ENTRYPOINT: recorded in the image's config (the one that starts is PlannedRun.start). */
  | { kind: 'config' }
  /** Nothing to do: the step is skipped. */
  | { kind: 'none' };

export interface PlannedStep {
  step: RunStep;
  instruction: Instruction;
  stage: PlannedStage;
  action: StepAction;
}

/** The image's command as the sandbox starts it. */
export interface StartCommand {
  command: PlannedCommand;
  /** The CMD (or ENTRYPOINT) step that shows the command running. */
  stepIndex: number;
}

export interface PlannedRun {
  analysis: Analysis;
  /** Docker's message when it refuses the build (nothing runs then). */
  error: string | null;
  /** The stages the build executes, in plan order. */
  stages: PlannedStage[];
  steps: PlannedStep[];
  /** The stage that becomes the image; null when the build cannot start. */
  target: PlannedStage | null;
  start: StartCommand | null;
  /** Why nothing starts when `start` is null (no command, or one the sandbox cannot run). */
  startProblem: string | null;
}
