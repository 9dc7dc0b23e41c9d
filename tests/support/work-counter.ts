// Counts the work a function does without a clock: V8's precise block coverage (through
// the inspector, in this process) tells how many times each block of JavaScript ran, and
// their sum over the files that match is the count. Unlike a time it does not depend on
// the machine's load, so a test can compare the counts for an input and one twice its
// size and tell linear growth from quadratic.
//
// What it does not see: work inside the engine's built-ins (a Map copied with new Map(m),
// a string searched with indexOf). The timed growth figures of `npm run bench` cover those.

import { Session } from 'node:inspector/promises';

export class WorkCounter {
  private readonly session = new Session();
  private started = false;

  /** `files`: the scripts to count, by a part of their URL (e.g. '/src/analyzer/'). */
  private readonly files: string;

  constructor(files: string) {
    this.files = files;
  }

  async start(): Promise<void> {
    this.session.connect();
    await this.session.post('Profiler.enable');
    await this.session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
    this.started = true;
  }

  /** The blocks executed while `run` runs. */
  async count(run: () => unknown): Promise<number> {
    if (!this.started) throw new Error('WorkCounter.start() first');
    // Taking the coverage resets its counters.
    await this.session.post('Profiler.takePreciseCoverage');
    run();
    const { result } = await this.session.post('Profiler.takePreciseCoverage');
    let total = 0;
    for (const script of result) {
      if (!script.url.includes(this.files)) continue;
      for (const fn of script.functions) for (const range of fn.ranges) total += range.count;
    }
    return total;
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.session.post('Profiler.stopPreciseCoverage');
    await this.session.post('Profiler.disable');
    this.session.disconnect();
  }
}
