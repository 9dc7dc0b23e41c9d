// The Sandbox (types.ts) in the learner's browser: StackBlitz's WebContainer, Node.js
// compiled to WebAssembly, with an in-memory file system and processes.
//
// Pages pay nothing for it until the learner asks: the runner panel imports this module on
// "Run in your browser", and this module imports @webcontainer/api only inside the boot.
// WebContainer boots once per page (a module-level promise): a second boot would throw, and
// a failed one is not retried behind the learner's back (the panel says why it failed).
//
// Paths: the Sandbox speaks absolute POSIX paths (`/stages/build/app`); WebContainer's file
// system and spawn() take paths relative to its working directory, so `/x` becomes `x`
// there, and a process sees it as `<workdir>/x` (see processPath()).
import { BootTimeoutError, DEFAULT_BOOT_TIMEOUT_MS } from './capability.ts';
import { SandboxPathError } from './sandbox-errors.ts';
import type { Sandbox, SandboxEntry, SandboxProcess, SpawnOptions } from './types.ts';

/** The part of @webcontainer/api's WebContainer this adapter uses (the tests pass a fake). */
export interface WebContainerLike {
  readonly workdir: string;
  /** The PATH WebContainer gives its processes (where its node, npm and npx are). */
  readonly path: string;
  fs: {
    mkdir(path: string, options: { recursive: true }): Promise<unknown>;
    writeFile(path: string, data: string | Uint8Array): Promise<void>;
    readFile(path: string): Promise<Uint8Array>;
    readdir(path: string, options: { withFileTypes: true }): Promise<Array<{ name: string; isFile(): boolean; isDirectory(): boolean }>>;
    rm(path: string, options: { recursive?: boolean; force?: boolean }): Promise<void>;
  };
  spawn(
    command: string,
    args: string[],
    options: { cwd?: string; env?: Record<string, string>; output?: boolean; terminal?: { cols: number; rows: number } },
  ): Promise<{ exit: Promise<number>; output: ReadableStream<string>; kill(): void }>;
  on(event: 'server-ready', listener: (port: number, url: string) => void): () => void;
  teardown(): void;
}

/** The terminal WebContainer's processes believe they write to (npm wraps its progress to it). */
const TERMINAL = { cols: 100, rows: 30 };
/** After a process exits, wait at most this long for the rest of its output. */
const OUTPUT_DRAIN_MS = 250;

/**
 * Sandbox.copy() in the container: the paths come as arguments (never spliced into the
 * code); a folder merges into the destination, symlinks stay symlinks.
 */
const COPY_SCRIPT = "require('fs').cpSync(process.argv[1], process.argv[2], { recursive: true, force: true, verbatimSymlinks: true })";

export { SandboxPathError };

/** `/a/b` → `a/b` (relative to the working directory); refuses paths that would leave it. */
export function relativePath(path: string): string {
  if (!path.startsWith('/')) throw new SandboxPathError(`not an absolute sandbox path: ${path}`, path);
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) throw new SandboxPathError(`path leaves the sandbox: ${path}`, path);
  return parts.join('/');
}

function parentAndName(rel: string): [string, string] {
  const slash = rel.lastIndexOf('/');
  return slash < 0 ? ['.', rel] : [rel.slice(0, slash), rel.slice(slash + 1)];
}

/** Reads a process's output stream to its end, passing each chunk on. */
async function pump(stream: ReadableStream<string>, onOutput: (chunk: string) => void): Promise<void> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value) onOutput(value);
    }
  } catch {
    // A killed process may end its stream with an error; the exit code says what happened.
  } finally {
    reader.releaseLock();
  }
}

export class WebContainerSandbox implements Sandbox {
  readonly description = 'WebContainer (Node.js in your browser, by StackBlitz)';
  readonly #wc: WebContainerLike;
  readonly #processes = new Set<SandboxProcess>();
  readonly #onTeardown: () => void;
  #tornDown = false;

  constructor(wc: WebContainerLike, onTeardown: () => void = () => {}) {
    this.#wc = wc;
    this.#onTeardown = onTeardown;
  }

  /** Where a process sees the sandbox path `path` (WebContainer's working directory + path). */
  processPath(path: string): string {
    const rel = relativePath(path);
    const workdir = this.#wc.workdir.replace(/\/+$/, '');
    return rel === '' ? workdir || '/' : `${workdir}/${rel}`;
  }

  async mkdir(path: string): Promise<void> {
    const rel = relativePath(path);
    if (rel !== '') await this.#wc.fs.mkdir(rel, { recursive: true });
  }

  async writeFile(path: string, data: Uint8Array | string): Promise<void> {
    const rel = relativePath(path);
    const [parent] = parentAndName(rel);
    if (parent !== '.') await this.#wc.fs.mkdir(parent, { recursive: true });
    await this.#wc.fs.writeFile(rel, data);
  }

  async readFile(path: string): Promise<Uint8Array> {
    return this.#wc.fs.readFile(relativePath(path));
  }

  async readdir(path: string): Promise<SandboxEntry[]> {
    const rel = relativePath(path) || '.';
    const entries = await this.#wc.fs.readdir(rel, { withFileTypes: true });
    return entries.map((entry) => ({
      name: entry.name,
      kind: entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : 'symlink',
    }));
  }

  /** WebContainer has no stat(): a path exists when its folder lists its name. */
  async exists(path: string): Promise<boolean> {
    const rel = relativePath(path);
    if (rel === '') return true;
    const [parent, name] = parentAndName(rel);
    try {
      const entries = await this.#wc.fs.readdir(parent, { withFileTypes: true });
      return entries.some((entry) => entry.name === name);
    } catch {
      return false;
    }
  }

  async rm(path: string): Promise<void> {
    const rel = relativePath(path);
    if (rel === '') throw new SandboxPathError('refusing to remove the whole sandbox');
    await this.#wc.fs.rm(rel, { recursive: true, force: true });
  }

  async spawn(command: string, args: string[], options: SpawnOptions): Promise<SandboxProcess> {
    if (this.#tornDown) throw new Error('the sandbox has been torn down');
    const spawned = await this.#wc.spawn(command, args, {
      cwd: relativePath(options.cwd) || '.',
      env: this.#environment(options.env),
      output: true,
      terminal: TERMINAL,
    });
    const drained = pump(spawned.output, options.onOutput);
    const exit = spawned.exit.then(async (code) => {
      // Let the last chunks arrive before the runner reads the exit code and moves on.
      await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, OUTPUT_DRAIN_MS))]);
      return code;
    });
    const process: SandboxProcess = { exit, kill: () => spawned.kill() };
    this.#processes.add(process);
    void exit.finally(() => this.#processes.delete(process)).catch(() => {});
    return process;
  }

  /**
   * The container's variables, with WebContainer's own PATH in front: an `ENV PATH=…` of
   * the Dockerfile lists container folders, and node, npm and npx must stay reachable.
   */
  #environment(env: Record<string, string>): Record<string, string> {
    const own = this.#wc.path;
    const path = env['PATH'];
    return { ...env, PATH: path ? `${own}:${path}` : own };
  }

  /**
   * Copies with Node's own fs.cpSync inside the container: WebContainer's file-system API has
   * no symlinks, and npm's node_modules/.bin entries are symlinks that must stay links.
   */
  async copy(from: string, to: string): Promise<void> {
    let output = '';
    const process = await this.spawn('node', ['-e', COPY_SCRIPT, this.processPath(from), this.processPath(to)], {
      cwd: '/',
      env: {},
      onOutput: (chunk) => {
        output += chunk;
      },
    });
    const code = await process.exit;
    if (code !== 0) throw new Error(`copying ${from} to ${to} failed: ${output.trim() || `exit code ${code}`}`);
  }

  onServerReady(listener: (port: number, url: string) => void): () => void {
    return this.#wc.on('server-ready', listener);
  }

  async teardown(): Promise<void> {
    if (this.#tornDown) return;
    this.#tornDown = true;
    for (const process of this.#processes) process.kill();
    this.#processes.clear();
    try {
      this.#wc.teardown();
    } finally {
      this.#onTeardown();
    }
  }
}

export interface BootOptions {
  /** Give up after this long (the boot never settles when StackBlitz cannot be reached). */
  timeoutMs?: number;
}

export type BootFunction = () => Promise<WebContainerLike>;

/**
 * A boot-once function over `boot`: the first call boots, every later call gets the same
 * promise (also a rejected one), until the sandbox is torn down. `giveUp` runs when the boot
 * times out, to stop what the boot left running.
 */
export function createBooter(boot: BootFunction, giveUp: () => void = () => {}): (options?: BootOptions) => Promise<WebContainerSandbox> {
  let booting: Promise<WebContainerSandbox> | null = null;
  return (options = {}) => {
    if (booting) return booting;
    const timeoutMs = options.timeoutMs ?? DEFAULT_BOOT_TIMEOUT_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        giveUp();
        reject(new BootTimeoutError(timeoutMs));
      }, timeoutMs);
    });
    booting = Promise.race([boot(), timeout])
      .then((wc) => new WebContainerSandbox(wc, () => (booting = null)))
      .finally(() => clearTimeout(timer));
    return booting;
  };
}

/** The real boot: @webcontainer/api, loaded now, isolated like the page (COEP require-corp). */
async function bootWebContainer(): Promise<WebContainerLike> {
  const { WebContainer } = await import('@webcontainer/api');
  return WebContainer.boot({ coep: 'require-corp', workdirName: 'stagecraft' });
}

/** The hidden iframe WebContainer.boot() adds to load its runtime from StackBlitz. */
const RUNTIME_FRAME = 'iframe[src^="https://stackblitz.com/headless"]';

/** Boots WebContainer once per page (see createBooter). */
export const bootSandbox = createBooter(bootWebContainer, () => {
  // A boot we gave up on must not come alive later in the background.
  for (const frame of document.querySelectorAll(RUNTIME_FRAME)) frame.remove();
});
