// When the workbench and the playground analyse the learner's text: the diagnostics in the
// frame after the keystroke, the panels when the browser is idle.
//
//   keystroke ─▶ next animation frame: analyse, diagnostics and colours into the editor
//             └▶ idle callback: goals, stage graph, final image, targets table, problems list
//
// Several keystrokes in one frame make one analysis. When an analysis costs more than a
// frame can spare (a very long file, a slow phone), analysing on every keystroke of a burst
// of typing would make the typing lag, so the keystrokes that follow another closely then
// wait for a pause in typing instead (longer for costlier analyses). The first keystroke
// after a pause still gets its analysis in the next frame: one edit and a look at the
// result is the common case, and it should not wait. One slow analysis is not enough to
// count as costly (the page's first one compiles the analyzer): the last two must both have
// been slow. The panels are never drawn while keystrokes wait: a new keystroke cancels the
// idle work it would redo anyway. A long panel job (the playground's targets table on a
// long file) comes as steps, run a few milliseconds at a time from an idle callback on, so it
// never holds up a keystroke for long.
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
  /** Draws everything else from the last analysis; or returns its steps (each a few
   *  milliseconds, the last one drawing), run in idle callbacks until done. */
  panels(): Iterator<unknown> | void;
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
/** How long one idle callback runs panel steps before it lets the browser in again (ms). */
export const IDLE_SLICE_MS = 8;

/** The pause in typing to wait for, after an analysis that took `cost` ms: keystrokes
 *  further apart than three analyses get theirs in the next frame (the analyses then take at
 *  most a third of the main thread while the learner types, and typing does not lag), closer
 *  ones wait. It used to be at least 150 ms, which made analyses of 25–50 ms (a long file,
 *  a busy machine) wait for a pause in ordinary typing they would not have slowed down. */
export function pauseAfter(cost: number): number {
  return Math.min(1000, Math.max(3 * FRAME_BUDGET_MS, Math.round(cost * 3)));
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
  /** The next slice of the panels' steps (a task: see runPanels). */
  let slice: number | null = null;
  /** The panels' steps still to run, when they came as steps. */
  let job: Iterator<unknown> | null = null;
  /** When the text changed last (-Infinity: not yet). */
  let lastChange = Number.NEGATIVE_INFINITY;
  /** What the last two diagnostics phases cost (ms). The smaller one decides, so one slow
   *  run (the page's first analysis compiles the analyzer; a garbage collection) does not
   *  make typing wait: only analyses that keep costing more than a frame can spare do. */
  let lastCost = 0;
  let previousCost = 0;
  const cost = (): number => Math.min(lastCost, previousCost);

  const cancelPanels = (): void => {
    if (idle !== null) timers.cancelIdle(idle);
    if (slice !== null) timers.cancelTimeout(slice);
    idle = slice = null;
    job = null;
  };

  const cancel = (): void => {
    if (frame !== null) timers.cancelFrame(frame);
    if (pause !== null) timers.cancelTimeout(pause);
    frame = pause = null;
    cancelPanels();
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
    cancelPanels();
    idle = timers.idle(runPanels, IDLE_TIMEOUT_MS);
  };

  /** Runs the job's steps for at most `budget` ms; true when it is done. */
  const step = (budget: number): boolean => {
    const start = timers.now();
    while (job !== null) {
      if (job.next().done) job = null;
      else if (timers.now() - start >= budget) return false;
    }
    return true;
  };

  // The first slice waits for the browser to be idle; the next ones follow as tasks of
  // their own (waiting for another idle period after each one made the panels of a long file
  // take half a second more, in Chromium): between two, a keystroke's events run first.
  const runPanels = (): void => {
    idle = slice = null;
    if (job === null) {
      const steps = phases.panels();
      if (!steps) return;
      job = steps;
    }
    if (!step(IDLE_SLICE_MS)) slice = timers.timeout(runPanels, 0);
  };

  return {
    changed() {
      const now = timers.now();
      const paused = now - lastChange;
      lastChange = now;
      // The panels would show the old text: they wait for the next analysis.
      cancelPanels();
      if (frame !== null) return;
      const wait = pauseAfter(cost());
      // Cheap analyses, and the first keystroke after a pause: the next frame.
      if (pause === null && (cost() <= FRAME_BUDGET_MS || paused >= wait)) {
        frame = timers.frame(runDiagnostics);
        return;
      }
      // Costly, in a burst of typing: wait for a pause (each keystroke starts the wait again).
      if (pause !== null) timers.cancelTimeout(pause);
      pause = timers.timeout(() => {
        pause = null;
        frame = timers.frame(runDiagnostics);
      }, wait);
    },
    now() {
      cancel();
      runDiagnostics();
      cancelPanels();
      const steps = phases.panels();
      if (steps) {
        job = steps;
        step(Number.POSITIVE_INFINITY);
      }
    },
    get pending() {
      return frame !== null || pause !== null || idle !== null || slice !== null || job !== null;
    },
    dispose: cancel,
  };
}
