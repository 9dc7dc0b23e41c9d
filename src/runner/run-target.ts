// The stage runner: carries out the analyzer's build plan for a target in a Sandbox.
// Each stage gets its own root folder under the run's prefix (`/stages/<target>/<stage>`),
// so two targets can sit side by side for "Compare targets". FROM, WORKDIR, ENV, ARG, COPY
// and ADD (local), and RUN steps made of Node.js commands run for real; the rest is shown
// as skipped with the reason (plan-from-analysis.ts). When the build succeeds, the image's command
// starts with the final stage's working directory and ENV.

import { expand } from '../analyzer/rules/buildkit/support/variables.ts';
import { indexContext, type BuildContextIndex } from './context-index.ts';
import { copyInstruction } from './copy.ts';
import { cleanPath, resolvePath, underRoot } from './paths.ts';
import type { PlannedRun, PlannedStage, PlannedStep } from './planned-run.ts';
import { planRun } from './plan-from-analysis.ts';
import { printableLines } from './printable.ts';
import type { RunIO, StageState } from './run-io.ts';
import { runStep } from './run-step.ts';
import { sandboxFailure, type StageRoot } from './sandbox-failure.ts';
import { copyTree } from './sandbox-files.ts';
import { applyArg, applyEnv, expansionScope, globalScope, NO_VARIABLES } from './stage-variables.ts';
import { startImage } from './start-image.ts';
import { StepFailure, StepSkipped } from './step-failure.ts';
import type { RunEvent, RunRequest, RunResult, RunStep, Sandbox, SandboxProcess } from './types.ts';

export interface RunOptions {
  signal?: AbortSignal;
  /** Start the image's command when the build succeeds (default true). */
  start?: boolean;
  /** Where the stage roots go (default `/stages/<target>`). */
  rootPrefix?: string;
  /** How long runTarget waits for the started command to open a port or exit before it
   *  resolves anyway (default 15 s); the command keeps running either way. */
  startWaitMs?: number;
}

const DEFAULT_START_WAIT_MS = 15_000;

export async function runTarget(sandbox: Sandbox, request: RunRequest, onEvent: (event: RunEvent) => void, options: RunOptions = {}): Promise<RunResult> {
  const plan = planRun(request);
  const steps: RunStep[] = plan.steps.map((planned) => ({ ...planned.step }));
  const targetLabel = plan.target?.label ?? request.target ?? 'default';
  const prefix = cleanPath(options.rootPrefix ?? `/stages/${plan.target?.folder ?? 'default'}`);
  const root = plan.target ? `${prefix}/${plan.target.folder}` : prefix;
  // The runner's own lines quote the Dockerfile: its control characters are shown escaped.
  const say = (text: string) => onEvent({ type: 'output', chunk: printableLines(text.endsWith('\n') ? text : `${text}\n`) });
  const finish = (ok: boolean, process: SandboxProcess | null): RunResult => {
    const result: RunResult = { target: targetLabel, ok, root, steps: steps.map((step) => ({ ...step })), process };
    onEvent({ type: 'done', result });
    return result;
  };
  onEvent({ type: 'plan', steps: steps.map((step) => ({ ...step })) });

  if (plan.error !== null) {
    say(`Docker would not start this build: ${plan.error}`);
    return finish(false, null);
  }
  const indexed = indexContext(request.context);
  if (!indexed.ok) {
    say(`The build context has a path outside it (${indexed.path}); the runner refuses to use it.`);
    return finish(false, null);
  }

  const run = new PlanRun(sandbox, plan, steps, indexed.index, request.buildArgs ?? {}, prefix, onEvent, options.signal);
  await sandbox.rm(prefix);
  await sandbox.mkdir(prefix);
  const built = await run.build();
  if (!built) return finish(false, null);

  const target = run.state(plan.target!);
  if (plan.startProblem) say(plan.startProblem);
  if (!plan.start) return finish(true, null);
  run.header(plan.start.stepIndex);
  if (options.start === false) {
    const reason = 'Not started: the run was asked to build only.';
    run.update(plan.start.stepIndex, 'skipped', reason);
    say(`#${plan.start.stepIndex + 1} SKIPPED ${reason}`);
    return finish(true, null);
  }
  const startIndex = plan.start.stepIndex;
  const started = await startImage(
    plan.start.command,
    target,
    { ...run.io, roots: run.roots, emit: onEvent, update: (status, reason) => run.update(startIndex, status, reason) },
    options.startWaitMs ?? DEFAULT_START_WAIT_MS,
  );
  return finish(started.ok, started.process);
}

/** One run of a plan: the stage states and the steps' statuses as they change. */
class PlanRun {
  readonly #states = new Map<number, StageState>();
  readonly #global: ReadonlyMap<string, string>;
  readonly #plan: PlannedRun;
  readonly #steps: RunStep[];
  readonly #buildArgs: Readonly<Record<string, string>>;
  readonly #prefix: string;
  readonly #emit: (event: RunEvent) => void;
  readonly io: RunIO;
  /** Every stage's folder, for messages about a path (sandbox-failure.ts). */
  readonly roots: StageRoot[];

  constructor(
    sandbox: Sandbox,
    plan: PlannedRun,
    steps: RunStep[],
    context: BuildContextIndex,
    buildArgs: Readonly<Record<string, string>>,
    prefix: string,
    emit: (event: RunEvent) => void,
    signal: AbortSignal | undefined,
  ) {
    this.#plan = plan;
    this.#steps = steps;
    this.#buildArgs = buildArgs;
    this.#prefix = prefix;
    this.#emit = emit;
    this.#global = globalScope(plan.analysis, buildArgs);
    this.roots = plan.stages.map((stage) => ({ root: `${prefix}/${stage.folder}`, label: stage.label }));
    this.io = {
      sandbox,
      context,
      signal,
      say: (line) => emit({ type: 'output', chunk: printableLines(line.endsWith('\n') ? line : `${line}\n`) }),
      output: (chunk) => emit({ type: 'output', chunk }),
      stageRoot: (index) => this.#stageRoot(index),
    };
  }

  state(stage: PlannedStage): StageState {
    return this.#states.get(stage.stage.index)!;
  }

  update(index: number, status: RunStep['status'], reason?: string): void {
    const step = this.#steps[index]!;
    step.status = status;
    if (reason !== undefined) step.reason = reason;
    this.#emit({ type: 'step', index, step: { ...step } });
  }

  /** The step's line in the log, numbered as BuildKit numbers them: `#6 [deps 2/2] RUN npm ci`. */
  header(index: number): void {
    const planned = this.#plan.steps;
    const { step, stage } = planned[index]!;
    const ofStage = planned.filter((p) => p.stage === stage);
    this.io.say(`\n#${index + 1} [${stage.label} ${ofStage.indexOf(planned[index]!) + 1}/${ofStage.length}] ${step.text}`);
  }

  /** Runs every step in plan order; false when one failed (the rest are then skipped). */
  async build(): Promise<boolean> {
    const planned = this.#plan.steps;
    const { signal } = this.io;
    for (let index = 0; index < planned.length; index++) {
      // The image's command stays pending until it starts (runTarget starts it after the build).
      if (index === this.#plan.start?.stepIndex) continue;
      this.header(index);
      if (this.#steps[index]!.status === 'skipped') {
        this.io.say(`#${index + 1} SKIPPED ${this.#steps[index]!.reason ?? ''}`);
        continue;
      }
      if (signal?.aborted) return this.#stop(index, 'Stopped: the run was cancelled.');
      this.update(index, 'running');
      const began = Date.now();
      try {
        await this.#carryOut(planned[index]!);
      } catch (error) {
        if (error instanceof StepSkipped) {
          this.update(index, 'skipped', error.message);
          this.io.say(`#${index + 1} SKIPPED ${error.message}`);
          continue;
        }
        const failure = error instanceof StepFailure ? error : sandboxFailure(error, this.roots);
        if (failure === null) throw error;
        return this.#stop(index, signal?.aborted ? 'Stopped: the run was cancelled.' : failure.message);
      }
      this.update(index, 'done');
      this.io.say(`#${index + 1} DONE ${((Date.now() - began) / 1000).toFixed(1)}s`);
    }
    return true;
  }

  /** Marks `index` failed and every step that did not run as skipped. */
  #stop(index: number, reason: string): false {
    this.update(index, 'failed', reason);
    this.io.say(`#${index + 1} FAILED ${reason}`);
    const line = this.#steps[index]!.line;
    for (let later = index + 1; later < this.#steps.length; later++) {
      if (this.#steps[later]!.status === 'pending') this.update(later, 'skipped', `Not run: the build stopped at line ${line}.`);
    }
    return false;
  }

  async #carryOut(planned: PlannedStep): Promise<void> {
    const { instruction, stage, action } = planned;
    const escape = this.#plan.analysis.escape;
    if (action.kind === 'from') return this.#from(stage);
    const state = this.state(stage);
    switch (action.kind) {
      case 'workdir': {
        const raw = instruction.words[0]?.raw ?? '/';
        const expanded = expand(raw, expansionScope(state.variables), escape);
        if (expanded === null) throw new StepFailure(`The variable substitution in ${raw} is malformed, so Docker would fail this step.`);
        state.workdir = resolvePath(state.workdir, expanded.value);
        await this.io.sandbox.mkdir(underRoot(state.root, state.workdir));
        return;
      }
      case 'env':
        state.variables = applyEnv(instruction, state.variables, escape);
        return;
      case 'arg':
        state.variables = applyArg(instruction, state.variables, this.#buildArgs, this.#global, escape);
        return;
      case 'copy':
        return copyInstruction(instruction, {
          sandbox: this.io.sandbox,
          context: this.io.context,
          root: state.root,
          workdir: state.workdir,
          scope: expansionScope(state.variables),
          escape,
          from: action.fromStage === null ? null : this.#stageRoot(action.fromStage),
          say: this.io.say,
        });
      case 'run':
        return runStep(action.commands, action.binds, state, this.io);
      case 'config':
      case 'none':
        return;
    }
  }

  #stageRoot(index: number): { root: string; label: string } {
    const state = this.#states.get(index);
    const stage = this.#plan.stages.find((s) => s.stage.index === index);
    if (!state || !stage) throw new StepFailure(`Stage ${index} has not been built, so there is nothing to copy from.`);
    return { root: state.root, label: stage.label };
  }

  async #from(stage: PlannedStage): Promise<void> {
    const { sandbox } = this.io;
    const root = `${this.#prefix}/${stage.folder}`;
    await sandbox.rm(root);
    await sandbox.mkdir(root);
    const base = stage.stage.base;
    if (base.kind !== 'stage') {
      this.#states.set(stage.stage.index, { root, workdir: '/', variables: NO_VARIABLES });
      return;
    }
    // FROM <stage>: a copy of that stage's files, working directory and variables.
    const parent = this.#states.get(base.index);
    if (!parent) throw new StepFailure(`The base stage ${stage.base} has not been built.`);
    const left = await copyTree(sandbox, parent.root, root);
    for (const link of left) this.io.say(`(left out the symlink ${link}: it points to a folder)`);
    this.#states.set(stage.stage.index, { root, workdir: parent.workdir, variables: parent.variables });
  }
}
