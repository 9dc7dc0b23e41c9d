// Standard output that can fail: a full disk (`stagecraft check F > /dev/full`), a closed
// terminal, a reader that went away (`| head`). Node reports such a failure as an 'error'
// event on process.stdout, which nobody handled before: a stack trace and exit 1, the
// status that means "Docker refuses the build" for plan. Here every write is watched: after
// a failure nothing more is written, whoever waits on failed() learns of it (run stops its
// processes), and the exit status becomes 2 with one line on stderr. A reader that went away
// (EPIPE) is no error of ours: it ends quietly with the command's own status, as head's
// writers do.

/** A Node Writable's shape (process.stdout): write() calls its callback when done or failed. */
export interface OutputStream {
  write(chunk: string, callback?: (error?: Error | null) => void): unknown;
  on?(event: 'error', listener: (error: Error) => void): unknown;
  isTTY?: boolean;
}

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EIO: 'an input/output error',
  EBADF: 'it is not open for writing',
  EFBIG: 'the file is too large',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

export class GuardedOutput {
  readonly #target: OutputStream;
  #failure: (Error & { code?: unknown }) | null = null;
  #pending = 0;
  #drained: Array<() => void> = [];
  #listeners = new Set<() => void>();

  constructor(target: OutputStream) {
    this.#target = target;
    // Without a listener, the stream's 'error' event would end the process with a trace.
    target.on?.('error', (error) => this.#fail(error));
  }

  /** The stream to give the commands. */
  get stream(): { write(chunk: string): boolean; isTTY?: boolean } {
    const isTTY = this.#target.isTTY;
    return { write: (chunk) => this.#write(chunk), ...(isTTY === undefined ? {} : { isTTY }) };
  }

  #write(chunk: string): boolean {
    if (this.#failure) return false;
    this.#pending++;
    let called = false;
    const done = (error?: Error | null) => {
      if (called) return;
      called = true;
      if (error) this.#fail(error);
      this.#settle();
    };
    try {
      this.#target.write(chunk, done);
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)));
    }
    return this.#failure === null;
  }

  #settle(): void {
    this.#pending--;
    if (this.#pending === 0) for (const resolve of this.#drained.splice(0)) resolve();
  }

  #fail(error: Error): void {
    if (this.#failure) return;
    this.#failure = error;
    for (const listener of [...this.#listeners]) listener();
  }

  /** Calls `listener` once writing has failed; returns a function that stops listening. */
  onFailure(listener: () => void): () => void {
    if (this.#failure) {
      listener();
      return () => {};
    }
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves when everything written so far has been written, or has failed. */
  settled(): Promise<void> {
    return this.#pending === 0 ? Promise.resolve() : new Promise((resolve) => this.#drained.push(resolve));
  }

  /** The one line to print when writing failed (null when it did not, or the reader left). */
  problem(): string | null {
    const failure = this.#failure;
    if (failure === null || failure.code === 'EPIPE') return null;
    const code = typeof failure.code === 'string' ? failure.code : null;
    const reason = (code && REASONS[code]) ?? failure.message.split('\n')[0]!.replace(/,\s*write$/, '');
    return `cannot write to standard output: ${reason}${code ? ` (${code})` : ''}`;
  }
}
