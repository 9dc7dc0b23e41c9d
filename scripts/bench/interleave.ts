// Interleaved CPU-time benchmarking: several subjects measured in one process, round after
// round, each round running every subject once (in a rotating order), so a busy machine or a
// CPU that changes speed hits all of them alike instead of whichever happened to run then.
//
// Times are the CPU time of the main thread (process.threadCpuUsage: user + system), not
// wall-clock time: time spent waiting for a core that other programs hold is not counted,
// and the main thread is what a page waits for. Before each round the heap is collected
// (not timed), so garbage does not pile up from round to round; within a round the rotating
// order spreads the cost of collecting another subject's garbage over all of them. (It was
// collected before every batch once: with large inputs the collections took most of the
// wall-clock time, and on a busy machine the bench did not finish.)
//
// Each subject is calibrated (calls per chunk, so that a chunk lasts about a quarter of
// minSampleMs), then warmed up for ≥ warmupMs of CPU in interleaved rounds (the JIT optimises
// the hot code by then), then measured for ≥ minRounds rounds and ≥ minMs (at most maxMs).
// A sample runs whole chunks until the thread's CPU clock has advanced ≥ minSampleMs: that
// clock advances here in irregular ticks of up to ~4 ms, so a sample fixed in calls read
// as 0 ms on a busy machine (the wall clock ran, the thread did not get the CPU) and its
// ratios printed Infinity or NaN. Bounded by CPU time, every sample is long against a tick.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface Subject {
  id: string;
  /** One call; `call` counts up, so the subject can go through variants of its input. */
  run(call: number): unknown;
}

export interface InterleaveOptions {
  warmupMs: number;
  minRounds: number;
  minMs: number;
  maxMs: number;
  minSampleMs: number;
}

export const INTERLEAVE_DEFAULTS: InterleaveOptions = { warmupMs: 600, minRounds: 25, minMs: 1500, maxMs: 8000, minSampleMs: 50 };

/** Per subject, the CPU milliseconds per call of each round (index = round). */
export type RoundSamples = Map<string, number[]>;

export interface Spread {
  median: number;
  p10: number;
  p25: number;
  p75: number;
  p90: number;
  rounds: number;
}

/** CPU time of the main thread so far, in milliseconds. */
export function cpuMs(): number {
  const usage = process.threadCpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** A full garbage collection, where the flag can be turned on (it is, for this process). */
const collectGarbage: () => void = (() => {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return () => {};
  }
})();

/** Keeps a little of every result alive, so the JIT cannot drop the work (but not the
 *  whole result: a big object kept alive would be copied by the next collection). */
let sink = 0;
function consume(result: unknown): void {
  sink = (sink + (result === undefined || result === null ? 0 : 1)) | 0;
}
export function sinkValue(): number {
  return sink;
}

export function interleave(subjects: readonly Subject[], options: InterleaveOptions = INTERLEAVE_DEFAULTS): RoundSamples {
  const calls = new Map<string, number>(subjects.map((s) => [s.id, 0]));
  /** One sample: chunks of `chunk` calls until ≥ minSampleMs of CPU; CPU ms per call. */
  const runSample = (subject: Subject, chunk: number): number => {
    let call = calls.get(subject.id)!;
    const start = cpuMs();
    let elapsed = 0;
    let done = 0;
    // The cap keeps a stalled clock from looping for ever (64 chunks ≈ 16 × minSampleMs of wall time).
    for (let chunks = 0; elapsed < options.minSampleMs && chunks < 64; chunks++) {
      for (let i = 0; i < chunk; i++) consume(subject.run(call++));
      done += chunk;
      elapsed = cpuMs() - start;
    }
    calls.set(subject.id, call);
    return elapsed / done;
  };

  // Calibration: grow the chunk until one lasts a quarter of minSampleMs. Timed by the wall clock: the
  // thread's CPU clock may advance in ticks of several milliseconds, and a batch that read
  // as 0 ms once grew to 200,000 calls (a minute per batch at 300 lines: the bench seemed hung).
  const batches = new Map<string, number>();
  const chunkMs = options.minSampleMs / 4;
  collectGarbage();
  for (const subject of subjects) {
    let batch = 1;
    for (;;) {
      let call = calls.get(subject.id)!;
      const start = performance.now();
      for (let i = 0; i < batch; i++) consume(subject.run(call++));
      calls.set(subject.id, call);
      const perCall = (performance.now() - start) / batch;
      if (perCall * batch >= chunkMs || batch >= 1 << 20) break;
      batch = Math.min(batch * 16, Math.max(batch * 2, Math.ceil(chunkMs / Math.max(perCall, 1e-4))));
    }
    batches.set(subject.id, batch);
  }

  // Warm-up, interleaved like the measurement.
  const warm = new Map<string, number>(subjects.map((s) => [s.id, 0]));
  for (let round = 0; [...warm.values()].some((ms) => ms < options.warmupMs) || round < 3; round++) {
    collectGarbage();
    for (const subject of subjects) {
      const start = cpuMs();
      runSample(subject, batches.get(subject.id)!);
      warm.set(subject.id, warm.get(subject.id)! + cpuMs() - start);
    }
  }

  const samples: RoundSamples = new Map(subjects.map((s) => [s.id, []]));
  const start = cpuMs();
  for (let round = 0; ; round++) {
    collectGarbage();
    // Rotate who goes first, so no subject always follows the same one.
    for (let k = 0; k < subjects.length; k++) {
      const subject = subjects[(round + k) % subjects.length]!;
      samples.get(subject.id)!.push(runSample(subject, batches.get(subject.id)!));
    }
    const elapsed = cpuMs() - start;
    if (round + 1 >= options.minRounds && elapsed >= options.minMs) break;
    if (elapsed >= options.maxMs && round + 1 >= 5) break;
  }
  return samples;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 1) return sorted[0]!;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    p10: quantile(sorted, 0.1),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    p90: quantile(sorted, 0.9),
    rounds: sorted.length,
  };
}

/** The ratio `numerator / denominator` of each round (both measured in that round), as a
 *  spread. A round where either read as 0 ms (a clock that did not advance) says nothing
 *  about the ratio and is left out; null when no round is left. */
export function pairedRatio(samples: RoundSamples, numerator: string, denominator: string): Spread | null {
  const a = samples.get(numerator)!;
  const b = samples.get(denominator)!;
  const ratios: number[] = [];
  for (let round = 0; round < a.length; round++) if (a[round]! > 0 && b[round]! > 0) ratios.push(a[round]! / b[round]!);
  return ratios.length === 0 ? null : spread(ratios);
}
