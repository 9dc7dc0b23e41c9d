// What "Run in your browser", "Stop" and "Compare targets" do (src/lib/runner-ui/session.ts),
// with a fake sandbox and a fake runner: boot once and on request only, the one-sentence
// reason and the dry run where the browser cannot run it, one run at a time, a server
// stopped before the next run, and comparing the last two targets.
import { describe, expect, it, vi } from 'vitest';
import { BootTimeoutError, type BrowserEnvironment } from '../../src/runner/capability.ts';
import type { RunEvent, RunRequest, RunResult, RunStep, Sandbox, SandboxProcess, TargetComparison } from '../../src/runner/types.ts';
import { RunnerSession, type DryRun, type RunnerDeps, type RunnerView, type RunOptions } from '../../src/lib/runner-ui/session.ts';

const CAPABLE: BrowserEnvironment = {
  crossOriginIsolated: true,
  isSecureContext: true,
  hasSharedArrayBuffer: true,
  hasWebAssembly: true,
  hasStreams: true,
  onLine: true,
};

const STEP: RunStep = { stage: 0, stageLabel: 'build', line: 1, text: 'FROM node:22 AS build', status: 'pending' };
const DRY_RUN: DryRun = {
  steps: [
    STEP,
    {
      ...STEP,
      line: 2,
      text: 'RUN apt-get install -y curl',
      status: 'skipped',
      reason: 'apt-get installs system packages; the sandbox has none, so this step is skipped.',
    },
  ],
  error: null,
};

const fakeSandbox = (): Sandbox => ({
  description: 'a fake sandbox',
  mkdir: async () => {},
  writeFile: async () => {},
  readFile: async () => new Uint8Array(),
  readdir: async () => [],
  exists: async () => false,
  rm: async () => {},
  spawn: async () => ({ exit: new Promise<number>(() => {}), kill: () => {} }),
  onServerReady: () => () => {},
  teardown: async () => {},
});

function fakeProcess(): SandboxProcess & { killed: number } {
  const process = { killed: 0, exit: new Promise<number>(() => {}), kill: () => void process.killed++ };
  return process;
}

function recordingView() {
  const calls: string[] = [];
  const events: RunEvent[] = [];
  const reasons: string[] = [];
  const dryRuns: DryRun[] = [];
  const comparable: string[][] = [];
  const finished: Array<{ result: RunResult | null; error: string | null }> = [];
  const view: RunnerView = {
    booting: () => calls.push('booting'),
    unavailable: (reason, dryRun) => {
      calls.push(`unavailable:${reason.kind}`);
      reasons.push(reason.sentence);
      dryRuns.push(dryRun);
    },
    started: (request) => calls.push(`started:${request.target ?? ''}`),
    event: (event) => events.push(event),
    finished: (result, error) => {
      calls.push(result ? `finished:${result.target}:${result.ok}` : `finished:error`);
      finished.push({ result, error });
    },
    comparable: (targets) => comparable.push(targets),
  };
  return { view, calls, events, reasons, dryRuns, comparable, finished };
}

function deps(overrides: Partial<RunnerDeps> = {}): RunnerDeps & { runs: Array<{ request: RunRequest; options?: RunOptions }> } {
  const runs: Array<{ request: RunRequest; options?: RunOptions }> = [];
  const sandbox = fakeSandbox();
  return {
    runs,
    environment: () => CAPABLE,
    acquireSandbox: vi.fn(async () => sandbox),
    planSteps: vi.fn(() => DRY_RUN),
    runTarget: vi.fn(async (_sandbox, request, onEvent, options) => {
      runs.push({ request, options });
      onEvent({ type: 'plan', steps: [STEP] });
      onEvent({ type: 'output', chunk: 'hello\n' });
      const result: RunResult = {
        target: request.target || 'prod',
        ok: true,
        root: `${options?.rootPrefix}/prod`,
        steps: [{ ...STEP, status: 'done' }],
        process: fakeProcess(),
      };
      onEvent({ type: 'done', result });
      return result;
    }),
    compareTargets: vi.fn(async (_sandbox, a, b): Promise<TargetComparison> => ({
      a: { target: a.target, files: 1, bytes: 10, packages: ['express', 'tsx'] },
      b: { target: b.target, files: 1, bytes: 5, packages: ['express'] },
      packagesOnlyIn: { a: ['tsx'], b: [] },
      filesOnlyIn: { a: [], b: [] },
    })),
    ...overrides,
  };
}

const request = (target: string | null = null): RunRequest => ({ dockerfile: 'FROM node:22 AS build\n', context: { 'package.json': '{}' }, target });

describe('RunnerSession', () => {
  it('boots on the first run only, then runs and streams events to the view', async () => {
    const d = deps();
    const v = recordingView();
    const session = new RunnerSession(d, v.view);
    expect(d.acquireSandbox).not.toHaveBeenCalled();
    expect(await session.run(request('dev'))).toBe('ran');
    expect(await session.run(request('dev'))).toBe('ran');
    expect(d.acquireSandbox).toHaveBeenCalledTimes(1);
    expect(v.calls).toEqual(['booting', 'started:dev', 'finished:dev:true', 'started:dev', 'finished:dev:true']);
    expect(v.events.map((event) => event.type)).toEqual(['plan', 'output', 'done', 'plan', 'output', 'done']);
    expect(d.runs[0]!.options).toMatchObject({ start: true, rootPrefix: '/runs/0' });
    expect(d.runs[0]!.options!.signal).toBeInstanceOf(AbortSignal);
  });

  it('where the browser cannot run it: the reason and the dry run, without booting', async () => {
    const d = deps({ environment: () => ({ ...CAPABLE, crossOriginIsolated: false, hasSharedArrayBuffer: false }) });
    const v = recordingView();
    const session = new RunnerSession(d, v.view);
    expect(await session.run(request('dev'))).toBe('unavailable');
    expect(d.acquireSandbox).not.toHaveBeenCalled();
    expect(d.runTarget).not.toHaveBeenCalled();
    expect(v.calls).toEqual(['unavailable:not-isolated']);
    expect(v.dryRuns[0]).toBe(DRY_RUN);
    expect(d.planSteps).toHaveBeenCalledWith(request('dev'));
  });

  it('a boot that times out gives the reason and the dry run, and is not retried', async () => {
    const d = deps({ acquireSandbox: vi.fn(async () => Promise.reject(new BootTimeoutError(1500))) });
    const v = recordingView();
    const session = new RunnerSession(d, v.view);
    expect(await session.run(request())).toBe('unavailable');
    expect(await session.run(request('build'))).toBe('unavailable');
    expect(d.acquireSandbox).toHaveBeenCalledTimes(1);
    expect(v.calls).toEqual(['booting', 'unavailable:boot-timeout', 'unavailable:boot-timeout']);
    expect(v.reasons[0]).toMatch(/did not start within 2 seconds/);
    expect(d.planSteps).toHaveBeenLastCalledWith(request('build'));
  });

  it('a dry run that throws still shows the reason', async () => {
    const d = deps({
      environment: () => ({ ...CAPABLE, onLine: false }),
      planSteps: () => {
        throw new Error('cannot plan');
      },
    });
    const v = recordingView();
    await new RunnerSession(d, v.view).run(request());
    expect(v.calls).toEqual(['unavailable:offline']);
    expect(v.dryRuns[0]).toEqual({ steps: [], error: 'cannot plan' });
  });

  it('runs one at a time', async () => {
    let finish!: (result: RunResult) => void;
    const d = deps({ runTarget: vi.fn(() => new Promise<RunResult>((resolve) => (finish = resolve))) });
    const session = new RunnerSession(d, recordingView().view);
    const first = session.run(request('dev'));
    await vi.waitFor(() => expect(d.runTarget).toHaveBeenCalled());
    expect(session.running).toBe(true);
    expect(await session.run(request('prod'))).toBe('busy');
    finish({ target: 'dev', ok: true, root: '/runs/0/dev', steps: [], process: null });
    expect(await first).toBe('ran');
    expect(session.running).toBe(false);
  });

  it("stops the previous target's server before the next run, and on Stop", async () => {
    const d = deps();
    const session = new RunnerSession(d, recordingView().view);
    await session.run(request('dev'));
    const devServer = ((await (d.runTarget as ReturnType<typeof vi.fn>).mock.results[0]!.value) as RunResult).process as ReturnType<typeof fakeProcess>;
    await session.run(request('prod'));
    expect(devServer.killed).toBe(1);
    const prodServer = ((await (d.runTarget as ReturnType<typeof vi.fn>).mock.results[1]!.value) as RunResult).process as ReturnType<typeof fakeProcess>;
    expect(session.stop()).toBe(true);
    expect(prodServer.killed).toBe(1);
    expect(session.stop()).toBe(false);
  });

  it('Stop aborts a build under way', async () => {
    const d = deps({
      runTarget: vi.fn(
        (_sandbox, _request, _onEvent, options?: RunOptions) =>
          new Promise<RunResult>((_, reject) => options?.signal?.addEventListener('abort', () => reject(new Error('aborted')))),
      ),
    });
    const v = recordingView();
    const session = new RunnerSession(d, v.view);
    const running = session.run(request('dev'));
    await vi.waitFor(() => expect(d.runTarget).toHaveBeenCalled());
    session.stop();
    expect(await running).toBe('stopped');
    expect(v.finished.at(-1)).toEqual({ result: null, error: 'Stopped.' });
  });

  it('Stop during a build the runner ends by itself (as failed) counts as stopped', async () => {
    const d = deps({
      runTarget: vi.fn(
        (_sandbox, r: RunRequest, _onEvent, options?: RunOptions) =>
          new Promise<RunResult>((resolve) =>
            options?.signal?.addEventListener('abort', () => resolve({ target: r.target ?? 'x', ok: false, root: '/x', steps: [], process: null })),
          ),
      ),
    });
    const v = recordingView();
    const session = new RunnerSession(d, v.view);
    const running = session.run(request('dev'));
    await vi.waitFor(() => expect(d.runTarget).toHaveBeenCalled());
    session.stop();
    expect(await running).toBe('stopped');
    expect(v.finished.at(-1)).toEqual({ result: null, error: 'Stopped.' });
    expect(session.completedTargets).toEqual([]);
  });

  it('reports a runner error as a failed run', async () => {
    const d = deps({ runTarget: vi.fn(async () => Promise.reject(new Error('disk full'))) });
    const v = recordingView();
    expect(await new RunnerSession(d, v.view).run(request())).toBe('failed');
    expect(v.finished.at(-1)).toEqual({ result: null, error: 'disk full' });
  });

  it('gives each target its own root, and the same root when it runs again', async () => {
    const d = deps();
    const session = new RunnerSession(d, recordingView().view);
    await session.run(request('dev'));
    await session.run(request('prod'));
    await session.run(request('DEV'));
    expect(d.runs.map((run) => run.options?.rootPrefix)).toEqual(['/runs/0', '/runs/1', '/runs/0']);
  });

  it('offers to compare once two targets ran, and compares the last two', async () => {
    const d = deps();
    const v = recordingView();
    const session = new RunnerSession(d, v.view);
    expect(await session.compare()).toBeNull();
    await session.run(request('dev'));
    expect(v.comparable.at(-1)).toEqual(['dev']);
    expect(await session.compare()).toBeNull();
    await session.run(request('prod'));
    expect(v.comparable.at(-1)).toEqual(['dev', 'prod']);
    const comparison = await session.compare();
    expect(comparison?.a.target).toBe('dev');
    expect(comparison?.b.target).toBe('prod');
    await session.run(request('dev'));
    expect(session.completedTargets).toEqual(['prod', 'dev']);
  });

  it('a failed build is not offered for comparison', async () => {
    const d = deps({
      runTarget: vi.fn(async (_s, r: RunRequest) => ({ target: r.target ?? 'x', ok: r.target !== 'broken', root: '/x', steps: [], process: null })),
    });
    const v = recordingView();
    const session = new RunnerSession(d, v.view);
    await session.run(request('dev'));
    expect(await session.run(request('broken'))).toBe('failed');
    expect(session.completedTargets).toEqual(['dev']);
  });
});
