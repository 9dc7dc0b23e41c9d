// Time-boxed micro-benchmark: warm up, then take samples until both a minimum time and a
// minimum sample count are reached (or a hard cap), and report median and p95 per call.
// Very fast calls are batched so each sample is long enough for the timer to resolve.

export interface Timing {
  /** Milliseconds per call. */
  median: number;
  p95: number;
  mean: number;
  /** Calls measured (samples × batch). */
  calls: number;
  samples: number;
}

export interface MeasureOptions {
  warmupMs: number;
  minMs: number;
  minSamples: number;
  /** Stop after this long even with fewer samples (never fewer than 3). */
  maxMs: number;
  /** Batch calls until a sample lasts at least this long. */
  minSampleMs: number;
}

export const DEFAULTS: MeasureOptions = { warmupMs: 300, minMs: 1000, minSamples: 20, maxMs: 5000, minSampleMs: 0.5 };

/** Keeps results alive so the JIT cannot drop the work. */
let sink: unknown;
export function lastResult(): unknown {
  return sink;
}

export async function measure(fn: () => unknown, options: MeasureOptions = DEFAULTS): Promise<Timing> {
  // Awaiting only when the function is asynchronous keeps microtask overhead out of sync timings.
  const isAsync = fn() instanceof Promise;
  const run = async (times: number): Promise<void> => {
    if (isAsync) for (let i = 0; i < times; i++) sink = await fn();
    else for (let i = 0; i < times; i++) sink = fn();
  };

  // Warm-up, which also sizes the batch.
  let warmCalls = 0;
  const warmStart = performance.now();
  do {
    await run(1);
    warmCalls++;
  } while (performance.now() - warmStart < options.warmupMs || warmCalls < 3);
  const perCall = (performance.now() - warmStart) / warmCalls;
  const batch = Math.max(1, Math.ceil(options.minSampleMs / Math.max(perCall, 1e-6)));

  const samples: number[] = [];
  const start = performance.now();
  for (;;) {
    const t0 = performance.now();
    await run(batch);
    samples.push((performance.now() - t0) / batch);
    const elapsed = performance.now() - start;
    if (elapsed >= options.maxMs && samples.length >= 3) break;
    if (elapsed >= options.minMs && samples.length >= options.minSamples) break;
  }
  samples.sort((a, b) => a - b);
  return {
    median: quantile(samples, 0.5),
    p95: quantile(samples, 0.95),
    mean: samples.reduce((s, x) => s + x, 0) / samples.length,
    calls: samples.length * batch,
    samples: samples.length,
  };
}

/** Linear-interpolated quantile of sorted values. */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 1) return sorted[0]!;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
