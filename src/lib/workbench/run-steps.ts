// Work that comes as steps (a generator that yields between them) so the page can spread it
// over several tasks (src/lib/workbench/refresh-scheduler.ts), run to its end at once: at
// build time, in Node, in tests, and when the learner waits for the answer.

/** Runs `steps` to the end now and returns what they make. */
export function runSteps<T>(steps: Generator<unknown, T, unknown>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
