// When the workbench and the playground analyse the learner's text: the diagnostics in the
// frame after the keystroke, the panels when the browser is idle.
//
//   keystroke ─▶ next animation frame: analyse, diagnostics and colours into the editor
//             └▶ idle callback: goals, stage graph, final image, targets table, problems list
//
// Several keystrokes in one frame make one analysis. When an analysis costs more than a
// frame can spare (a very long file, a slow phone), waiting for the next frame on every
// keystroke would make typing lag, so the diagnostics then wait for a pause in typing
// instead (longer for costlier analyses). One slow analysis is not enough for that (the
// page's first one compiles the analyzer): the last two must both have been slow. The
// panels are never drawn while keystrokes wait: a new keystroke cancels the idle work it
// would redo anyway.
//
// The browser's timers are passed in, so tests drive it with fake ones.

export interface Timers {
  now(): number;
  frame(callback: () => void): number;
  cancelFrame(handle: number): void;
  /** An idle callback, run at the latest after `timeout` ms. */
  idle(callback: () => void, timeout: number): number;
  cancelIdle(handle: number): void;
  timeout(callback: () => void, ms: number): number;
  cancelTimeout(handle: number): void;
}

export interface RefreshPhases {
  /** Analyses the current text and shows the diagnostics (and colours) in the editor. */
  diagnostics(): void;
  /** Draws everything else from the last analysis. */
  panels(): void;
}

export interface RefreshScheduler {
  /** The text changed: diagnostics in the next frame (or after a pause), panels when idle. */
  changed(): void;
  /** Runs both phases now (a control changed: the learner waits for the answer). */
  now(): void;
  /** True while a phase is waiting to run. */
  readonly pending: boolean;
  dispose(): void;
}

/** An analysis that costs more than this (ms) waits for a pause in typing instead of the next frame. */
export const FRAME_BUDGET_MS = 24;
/** How long the panels may wait for an idle moment. */
export const IDLE_TIMEOUT_MS = 300;

/** The pause in typing to wait for, after an analysis that took `cost` ms. */
export function pauseAfter(cost: number): number {
  return Math.min(1000, Math.max(150, Math.round(cost * 3)));
}

export function browserTimers(): Timers {
  const hasIdle = typeof requestIdleCallback === 'function';
  return {
    now: () => performance.now(),
    frame: (callback) => requestAnimationFrame(() => callback()),
    cancelFrame: (handle) => cancelAnimationFrame(handle),
    // Safari has no requestIdleCallback: a short timeout after the frame stands in.
    idle: (callback, timeout) => (hasIdle ? requestIdleCallback(() => callback(), { timeout }) : (setTimeout(callback, 50) as unknown as number)),
    cancelIdle: (handle) => (hasIdle ? cancelIdleCallback(handle) : clearTimeout(handle)),
    timeout: (callback, ms) => setTimeout(callback, ms) as unknown as number,
    cancelTimeout: (handle) => clearTimeout(handle),
  };
}

export function createRefreshScheduler(phases: RefreshPhases, timers: Timers = browserTimers()): RefreshScheduler {
  let frame: number | null = null;
  let pause: number | null = null;
  let idle: number | null = null;
  /** What the last two diagnostics phases cost (ms). The smaller one decides, so one slow
   *  run (the page's first analysis compiles the analyzer; a garbage collection) does not
   *  make typing wait: only analyses that keep costing more than a frame can spare do. */
  let lastCost = 0;
  let previousCost = 0;
  const costly = (): boolean => Math.min(lastCost, previousCost) > FRAME_BUDGET_MS;

  const cancel = (): void => {
    if (frame !== null) timers.cancelFrame(frame);
    if (pause !== null) timers.cancelTimeout(pause);
    if (idle !== null) timers.cancelIdle(idle);
    frame = pause = idle = null;
  };

  const runDiagnostics = (): void => {
    frame = pause = null;
    const start = timers.now();
    try {
      phases.diagnostics();
    } finally {
      previousCost = lastCost;
      lastCost = timers.now() - start;
    }
    if (idle !== null) timers.cancelIdle(idle);
    idle = timers.idle(runPanels, IDLE_TIMEOUT_MS);
  };

  const runPanels = (): void => {
    idle = null;
    phases.panels();
  };

  return {
    changed() {
      // The panels would show the old text: they wait for the next analysis.
      if (idle !== null) {
        timers.cancelIdle(idle);
        idle = null;
      }
      if (!costly()) {
        if (frame === null && pause === null) frame = timers.frame(runDiagnostics);
        return;
      }
      // Costly: wait for a pause in typing (each keystroke starts the wait again).
      if (frame !== null) timers.cancelFrame(frame);
      if (pause !== null) timers.cancelTimeout(pause);
      frame = null;
      pause = timers.timeout(
        () => {
          pause = null;
          frame = timers.frame(runDiagnostics);
        },
        pauseAfter(Math.min(lastCost, previousCost)),
      );
    },
    now() {
      cancel();
      runDiagnostics();
      if (idle !== null) timers.cancelIdle(idle);
      runPanels();
    },
    get pending() {
      return frame !== null || pause !== null || idle !== null;
    },
    dispose: cancel,
  };
}
