import type { EngineFacts } from '../engine.ts';
import type { GlobalArgError } from '../stages.ts';
import type { Diagnostic, Edge, Instruction, Range, Stage } from '../model.ts';

export interface PlanInput {
  stages: Stage[];
  /** `--target` as given, or null for the default (last) stage. */
  requestedTarget: string | null;
  /** Errors from evaluating FROM lines, by stage index. */
  fromErrors: Map<number, Diagnostic>;
  target: {
    /** The diagnostic for a target no stage is named after. */
    unknown(): Diagnostic;
  };
  /** The instructions that can reference a stage (those with flags, and ONBUILD), in file order,
   *  when the caller collected them while parsing: then the plan need not read every
   *  instruction again. */
  flagged?: readonly Instruction[];
  /** The engine modelled (what differs between Docker 26.1 and 28.5). */
  facts: EngineFacts;
  /** The escape character in effect (default `\`). */
  escape?: string;
  /** Global ARG defaults that do not expand, in file order. */
  globalArgErrors?: readonly GlobalArgError[];
  /** `--build-arg` values. */
  buildArgs?: Readonly<Record<string, string>>;
}

export interface PlanOutput {
  targetIndex: number;
  /** Stages the build executes (and, for a build that stops part-way, the stages it started). */
  stages: number[];
  /** In the order the builder reports them; the first is what Docker prints. */
  errors: Diagnostic[];
  warnings: Diagnostic[];
  edges: Edge[];
  stoppedAt: { stage: number; range: Range } | null;
}
