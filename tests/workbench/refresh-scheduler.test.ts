// The refresh pipeline's timing: diagnostics in the frame after a change (one analysis per
// frame however many keystrokes), panels when idle and only for the latest text (a slice of
// their steps at a time), a pause in typing awaited within bursts of typing when analyses
// are costly (never for the first keystroke after a pause), and everything at once on
// demand. Driven by fake timers: nothing here waits for real time.

import { describe, expect, it } from 'vitest';
import { createRefreshScheduler, FRAME_BUDGET_MS, IDLE_SLICE_MS, pauseAfter, type Timers } from '../../src/lib/workbench/refresh-scheduler.ts';

/** Timers that run only when the test says so. */
class FakeTimers implements Timers {
  clock = 0;
  private next = 1;
  readonly frames = new Map<number, () => void>();
  readonly idles = new Map<number, () => void>();
  readonly timeouts = new Map<number, { at: number; callback: () => void }>();

  now = (): number => this.clock;
  frame = (callback: () => void): number => this.add(this.frames, callback);
  cancelFrame = (handle: number): void => void this.frames.delete(handle);
  idle = (callback: () => void): number => this.add(this.idles, callback);
  cancelIdle = (handle: number): void => void this.idles.delete(handle);
  timeout = (callback: () => void, ms: number): number => {
    const handle = this.next++;
    this.timeouts.set(handle, { at: this.clock + ms, callback });
    return handle;
  };
  cancelTimeout = (handle: number): void => void this.timeouts.delete(handle);

  private add(map: Map<number, () => void>, callback: () => void): number {
    const handle = this.next++;
    map.set(handle, callback);
    return handle;
  }

  /** Runs the callbacks of the next animation frame. */
  runFrame(): void {
    const due = [...this.frames.values()];
    this.frames.clear();
    for (const callback of due) callback();
  }

  runIdle(): void {
    const due = [...this.idles.values()];
    this.idles.clear();
    for (const callback of due) callback();
  }

  advance(ms: number): void {
    this.clock += ms;
    for (const [handle, { at, callback }] of [...this.timeouts]) {
      if (at > this.clock) continue;
      this.timeouts.delete(handle);
      callback();
    }
  }
}

function setup(diagnosticsCost = 1, panels: () => Iterator<unknown> | void = () => undefined) {
  const timers = new FakeTimers();
  const log: string[] = [];
  const scheduler = createRefreshScheduler(
    {
      diagnostics: () => {
        log.push('diagnostics');
        timers.clock += diagnosticsCost;
      },
      panels: () => {
        log.push('panels');
        return panels();
      },
    },
    timers,
  );
  return { timers, log, scheduler };
}

describe('the refresh scheduler', () => {
  it('shows the diagnostics in the next frame and the panels when idle', () => {
    const { timers, log, scheduler } = setup();
    scheduler.changed();
    expect(log).toEqual([]);
    expect(scheduler.pending).toBe(true);
    timers.runFrame();
    expect(log).toEqual(['diagnostics']);
    timers.runIdle();
    expect(log).toEqual(['diagnostics', 'panels']);
    expect(scheduler.pending).toBe(false);
  });

  it('analyses once per frame however many keystrokes it saw', () => {
    const { timers, log, scheduler } = setup();
    for (let i = 0; i < 5; i++) scheduler.changed();
    timers.runFrame();
    timers.runFrame();
    expect(log).toEqual(['diagnostics']);
  });

  it('drops panel work a newer keystroke makes stale', () => {
    const { timers, log, scheduler } = setup();
    scheduler.changed();
    timers.runFrame();
    scheduler.changed();
    timers.runIdle();
    expect(log).toEqual(['diagnostics']);
    timers.runFrame();
    timers.runIdle();
    expect(log).toEqual(['diagnostics', 'diagnostics', 'panels']);
  });

  it('waits for a pause in typing once analyses keep costing more than a frame can spare', () => {
    const cost = FRAME_BUDGET_MS + 16;
    const { timers, log, scheduler } = setup(cost);
    scheduler.now();
    log.length = 0;
    // One slow analysis (the first one in a page compiles the analyzer) changes nothing.
    scheduler.changed();
    timers.runFrame();
    expect(log).toEqual(['diagnostics']);
    // Two in a row: keystrokes keep pushing the analysis back.
    scheduler.changed();
    timers.advance(pauseAfter(cost) - 10);
    scheduler.changed();
    timers.advance(pauseAfter(cost) - 10);
    timers.runFrame();
    expect(log).toEqual(['diagnostics']);
    timers.advance(10);
    timers.runFrame();
    expect(log).toEqual(['diagnostics', 'diagnostics']);
    timers.runIdle();
    expect(log).toEqual(['diagnostics', 'diagnostics', 'panels']);
  });

  it('analyses the first keystroke after a pause in the next frame, even when analyses are costly', () => {
    const cost = FRAME_BUDGET_MS + 16;
    const { timers, log, scheduler } = setup(cost);
    scheduler.now();
    scheduler.changed();
    timers.runFrame();
    log.length = 0;
    // Costly now (two slow analyses); the learner stops typing for longer than the pause.
    timers.advance(pauseAfter(cost));
    scheduler.changed();
    timers.runFrame();
    expect(log).toEqual(['diagnostics']);
    // The keystroke right after it waits for the next pause.
    scheduler.changed();
    timers.runFrame();
    expect(log).toEqual(['diagnostics']);
    timers.advance(pauseAfter(cost));
    timers.runFrame();
    expect(log).toEqual(['diagnostics', 'diagnostics']);
  });

  it('runs panel steps a slice at a time from an idle callback on, and drops them on a keystroke', () => {
    let steps = 0;
    const { timers, log, scheduler } = setup(1, function* () {
      for (let i = 0; i < 10; i++) {
        steps++;
        timers.clock += IDLE_SLICE_MS / 2;
        yield;
      }
      log.push('drawn');
    });
    scheduler.changed();
    timers.runFrame();
    timers.runIdle();
    expect(steps).toBe(2);
    expect(scheduler.pending).toBe(true);
    timers.advance(0);
    expect(steps).toBe(4);
    // A keystroke: the rest of that job is stale.
    scheduler.changed();
    timers.advance(0);
    timers.runIdle();
    expect(steps).toBe(4);
    timers.runFrame();
    timers.runIdle();
    for (let i = 0; i < 10 && scheduler.pending; i++) timers.advance(0);
    expect(steps).toBe(14);
    expect(log).toEqual(['diagnostics', 'panels', 'diagnostics', 'panels', 'drawn']);
    expect(scheduler.pending).toBe(false);
  });

  it('runs every panel step at once on demand', () => {
    const { timers, log, scheduler } = setup(1, function* () {
      for (let i = 0; i < 10; i++) {
        timers.clock += IDLE_SLICE_MS;
        yield;
      }
      log.push('drawn');
    });
    scheduler.now();
    expect(log).toEqual(['diagnostics', 'panels', 'drawn']);
    timers.runIdle();
    expect(log).toEqual(['diagnostics', 'panels', 'drawn']);
    expect(scheduler.pending).toBe(false);
  });

  it('runs everything at once on demand, and nothing it had planned afterwards', () => {
    const { timers, log, scheduler } = setup();
    scheduler.changed();
    scheduler.now();
    expect(log).toEqual(['diagnostics', 'panels']);
    timers.runFrame();
    timers.runIdle();
    expect(log).toEqual(['diagnostics', 'panels']);
    expect(scheduler.pending).toBe(false);
  });

  it('waits longer after costlier analyses, within bounds', () => {
    expect(pauseAfter(1)).toBe(3 * FRAME_BUDGET_MS);
    // Three analyses' worth: the analyses take at most a third of the time between keystrokes.
    expect(pauseAfter(40)).toBe(120);
    expect(pauseAfter(100)).toBe(300);
    expect(pauseAfter(10_000)).toBe(1000);
  });
});
