// What the parts of a run share: the sandbox, the build context, where a stage's files are,
// and how to report (run-target.ts makes one per run).

import type { BuildContextIndex } from './context-index.ts';
import type { Variables } from './stage-variables.ts';
import type { Sandbox } from './types.ts';

/** What a stage has built so far. */
export interface StageState {
  /** Sandbox path of the stage's root folder. */
  root: string;
  /** Container path. */
  workdir: string;
  variables: Variables;
}

export interface RunIO {
  sandbox: Sandbox;
  context: BuildContextIndex;
  signal: AbortSignal | undefined;
  /** A line of the runner's own for the log. */
  say(line: string): void;
  /** Process output, passed on as it comes. */
  output(chunk: string): void;
  /** The root and label of a stage built earlier in this run (for --from). */
  stageRoot(index: number): { root: string; label: string };
}
