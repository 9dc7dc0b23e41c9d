// What happens when the learner presses "Run in your browser", "Stop" and "Compare
// targets", without the DOM: the runner panel (src/components/runner/runner-app.ts) gives a
// RunnerView to draw with; tests/runner-ui/session.test.ts gives fakes for everything.
//
//  - Before booting, the browser is checked (src/runner/capability.ts). When it cannot run
//    WebContainer, or the boot fails or times out, the view gets ONE sentence saying why
//    and the dry run of the same request (planSteps): nothing is retried behind the
//    learner's back, and every later Run shows the dry run with the same sentence.
//  - One run at a time. A new run stops the previous target's server first (both would
//    want the same port).
//  - Each target runs under its own root (rootPrefix), so the last successful run of every
//    target stays on disk for "Compare targets".
import { bootFailure, capabilityProblem, type BrowserEnvironment, type Unavailable } from '../../runner/capability.ts';
import type { RunEvent, RunRequest, RunResult, RunStep, Sandbox, SandboxProcess, TargetComparison } from '../../runner/types.ts';

export interface DryRun {
  steps: RunStep[];
  /** Why Docker would refuse the build, or null. */
  error: string | null;
}

export interface RunOptions {
  signal?: AbortSignal;
  start?: boolean;
  rootPrefix?: string;
}

/** What the session needs from the runner and the browser. */
export interface RunnerDeps {
  environment(): BrowserEnvironment;
  /** Boots the sandbox (once per page; the same promise afterwards). */
  acquireSandbox(): Promise<Sandbox>;
  planSteps(request: RunRequest): DryRun;
  runTarget(sandbox: Sandbox, request: RunRequest, onEvent: (event: RunEvent) => void, options?: RunOptions): Promise<RunResult>;
  compareTargets(sandbox: Sandbox, a: RunResult, b: RunResult): Promise<TargetComparison>;
}

/** How the session shows what happens. */
export interface RunnerView {
  /** The sandbox is booting (the first run only). */
  booting(): void;
  /** The run cannot happen here: why, and what it would do. */
  unavailable(reason: Unavailable, dryRun: DryRun): void;
  /** A run starts, in `sandbox` (its description is shown). */
  started(request: RunRequest, sandbox: Sandbox): void;
  /** An event of the current run (also after it is done: a server keeps writing output). */
  event(event: RunEvent): void;
  /** The run ended (its command may still be running), or it failed with `error`. */
  finished(result: RunResult | null, error: string | null): void;
  /** The targets that can be compared now changed (two or more: "Compare targets" shows). */
  comparable(targets: string[]): void;
}

export type RunOutcome = 'ran' | 'failed' | 'unavailable' | 'busy' | 'stopped';

/** The root of a target's runs: numbered, so no stage name (it can be anything) becomes a path. */
function rootFor(index: number): string {
  return `/runs/${index}`;
}

export class RunnerSession {
  readonly #deps: RunnerDeps;
  readonly #view: RunnerView;
  #sandbox: Sandbox | null = null;
  #failure: Unavailable | null = null;
  #running: AbortController | null = null;
  /** The CMD process of the last run, while it runs. */
  #process: SandboxProcess | null = null;
  /** Each target key's root folder number, so a target reruns in place. */
  readonly #roots = new Map<string, number>();
  /** The last successful run of each target, by the label the runner gave it, in run order. */
  readonly #results = new Map<string, RunResult>();

  constructor(deps: RunnerDeps, view: RunnerView) {
    this.#deps = deps;
    this.#view = view;
  }

  get running(): boolean {
    return this.#running !== null;
  }

  /** Labels of the targets with a finished run, oldest first. */
  get completedTargets(): string[] {
    return [...this.#results.keys()];
  }

  async run(request: RunRequest): Promise<RunOutcome> {
    if (this.#running) return 'busy';
    const controller = new AbortController();
    this.#running = controller;
    try {
      const sandbox = await this.#sandboxOrReason(request);
      if (!sandbox) return 'unavailable';
      if (controller.signal.aborted) return 'stopped';
      this.#stopProcess();
      this.#view.started(request, sandbox);
      const key = (request.target ?? '').toLowerCase();
      if (!this.#roots.has(key)) this.#roots.set(key, this.#roots.size);
      let result: RunResult;
      try {
        result = await this.#deps.runTarget(sandbox, request, (event) => this.#view.event(event), {
          signal: controller.signal,
          start: true,
          rootPrefix: rootFor(this.#roots.get(key)!),
        });
      } catch (error) {
        if (controller.signal.aborted) {
          this.#view.finished(null, 'Stopped.');
          return 'stopped';
        }
        this.#view.finished(null, error instanceof Error ? error.message : String(error));
        return 'failed';
      }
      if (controller.signal.aborted) {
        // The runner ends a cancelled build as a failed one; the learner asked for it.
        result.process?.kill();
        this.#view.finished(null, 'Stopped.');
        return 'stopped';
      }
      this.#process = result.process;
      if (result.ok) {
        // Re-insert so the order is the order of the latest runs.
        this.#results.delete(result.target);
        this.#results.set(result.target, result);
        this.#view.comparable(this.completedTargets);
      }
      this.#view.finished(result, null);
      return result.ok ? 'ran' : 'failed';
    } finally {
      if (this.#running === controller) this.#running = null;
    }
  }

  /** The booted sandbox, or null after telling the view why there is none (with the dry run). */
  async #sandboxOrReason(request: RunRequest): Promise<Sandbox | null> {
    if (this.#sandbox) return this.#sandbox;
    const reason = this.#failure ?? capabilityProblem(this.#deps.environment());
    if (reason) {
      this.#failure = reason;
      this.#view.unavailable(reason, this.#dryRun(request));
      return null;
    }
    this.#view.booting();
    try {
      this.#sandbox = await this.#deps.acquireSandbox();
      return this.#sandbox;
    } catch (error) {
      this.#failure = bootFailure(error, this.#deps.environment());
      this.#view.unavailable(this.#failure, this.#dryRun(request));
      return null;
    }
  }

  #dryRun(request: RunRequest): DryRun {
    try {
      return this.#deps.planSteps(request);
    } catch (error) {
      return { steps: [], error: error instanceof Error ? error.message : String(error) };
    }
  }

  #stopProcess(): void {
    this.#process?.kill();
    this.#process = null;
  }

  /** Stops the build under way and the running command. True when there was something to stop. */
  stop(): boolean {
    const had = this.#running !== null || this.#process !== null;
    this.#running?.abort();
    this.#stopProcess();
    return had;
  }

  /** What differs between the last two targets that ran (or the two named). */
  async compare(a?: string, b?: string): Promise<TargetComparison | null> {
    const targets = this.completedTargets;
    const first = this.#results.get(a ?? targets[targets.length - 2] ?? '');
    const second = this.#results.get(b ?? targets[targets.length - 1] ?? '');
    if (!this.#sandbox || !first || !second || first === second) return null;
    return this.#deps.compareTargets(this.#sandbox, first, second);
  }
}
