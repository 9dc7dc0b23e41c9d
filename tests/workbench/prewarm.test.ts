// The analyzer's warm-up (src/lib/workbench/prewarm.ts): its Dockerfile uses every kind of
// instruction and analyses without a problem Docker reports, it runs one analysis per idle
// callback, and it stops at the learner's first edit.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { KNOWN_INSTRUCTIONS } from '../../src/analyzer/instruction-check.ts';
import { prewarmAnalyzer, WARM_UP_DOCKERFILE } from '../../src/lib/workbench/prewarm.ts';
import type { Timers } from '../../src/lib/workbench/refresh-scheduler.ts';

function idleTimers() {
  const queue: Array<() => void> = [];
  const timers: Timers = {
    now: () => 0,
    frame: () => 0,
    cancelFrame: () => {},
    idle: (callback) => queue.push(callback),
    cancelIdle: (handle) => {
      queue[handle - 1] = () => {};
    },
    timeout: () => 0,
    cancelTimeout: () => {},
  };
  return { timers, queue };
}

describe('prewarmAnalyzer', () => {
  it('warms up on a Dockerfile with every instruction that Docker builds', () => {
    const analysis = analyze(WARM_UP_DOCKERFILE);
    expect(new Set(analysis.instructions.map((i) => i.keyword))).toEqual(new Set(KNOWN_INSTRUCTIONS));
    expect(analysis.plan.fails).toBe(false);
    expect(analysis.instructions.some((i) => i.heredocs.length > 0)).toBe(true);
  });

  it('analyses once per idle callback until done, and not at all once stopped', () => {
    const { timers, queue } = idleTimers();
    prewarmAnalyzer(timers);
    let ran = 0;
    while (ran < queue.length) queue[ran++]!();
    expect(ran).toBeGreaterThanOrEqual(4);

    const stopped = idleTimers();
    const warm = prewarmAnalyzer(stopped.timers);
    stopped.queue[0]!();
    warm.stop();
    const before = stopped.queue.length;
    for (let i = 1; i < stopped.queue.length; i++) stopped.queue[i]!();
    expect(stopped.queue.length).toBe(before);
  });
});
