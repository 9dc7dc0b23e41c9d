// A watchdog for synchronous loops: a worker thread that notices when the main thread has
// been stuck on one item for too long and writes that item's label to stderr. A test's
// own timeout cannot interrupt synchronous code, so without this an infinite loop in the
// code under test would hang the run with no hint of which input caused it.

import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const { sab, limitMs, maxChars } = workerData;
const state = new Int32Array(sab, 0, 3); // generation, active, label length
const label = new Uint16Array(sab, 12, maxChars);
let seen = -1;
let since = Date.now();
let reported = -1;
setInterval(() => {
  const generation = Atomics.load(state, 0);
  if (Atomics.load(state, 1) === 0 || generation !== seen) {
    seen = generation;
    since = Date.now();
    return;
  }
  const elapsed = Date.now() - since;
  if (elapsed >= limitMs && reported !== generation) {
    reported = generation;
    const length = Atomics.load(state, 2);
    let text = '';
    for (let i = 0; i < length; i += 4096) text += String.fromCharCode(...label.subarray(i, Math.min(length, i + 4096)));
    writeSync(2, '\\n[watchdog] still running after ' + elapsed + ' ms (possible hang) on:\\n' + text + '\\n');
  }
}, 100);
`;

export class Watchdog {
  private readonly state: Int32Array;
  private readonly label: Uint16Array;
  private readonly worker: Worker;

  constructor(limitMs: number, maxChars = 4096) {
    const sab = new SharedArrayBuffer(12 + 2 * maxChars);
    this.state = new Int32Array(sab, 0, 3);
    this.label = new Uint16Array(sab, 12, maxChars);
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sab, limitMs, maxChars } });
    this.worker.unref();
  }

  /** Marks the start of work on one item, described by `label` (truncated to maxChars). */
  arm(label: string): void {
    const length = Math.min(label.length, this.label.length);
    for (let i = 0; i < length; i++) this.label[i] = label.charCodeAt(i);
    Atomics.store(this.state, 2, length);
    Atomics.add(this.state, 0, 1);
    Atomics.store(this.state, 1, 1);
  }

  disarm(): void {
    Atomics.store(this.state, 1, 0);
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
