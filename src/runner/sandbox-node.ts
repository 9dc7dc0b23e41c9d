// The Sandbox (types.ts) on the real file system with child processes, for the tests and
// `stagecraft run`. Node-only.
//
// - Files live in a fresh temp folder (mkdtemp) under `files/`; a sandbox path `/a/b` is
//   `<temp>/files/a/b`. Paths with `..`, relative paths, and paths that reach outside
//   through a symlink are refused (SandboxPathError), and nothing is ever written through
//   a symlink (sandbox-node-fs.ts). File errors are SandboxErrors naming the sandbox path.
// - Processes: only `node`, `npm` and `npx`, run by the Node.js running this process (the
//   pinned Node 24 under npm) with the npm that belongs to it (node-tools.ts), spawned
//   without a shell, each in its own process group so killing it also stops what it
//   started (npm → sh → node). Output streams as it comes.
// - Environment: the runner's variables, plus the sandbox's own: PATH starts with a tools
//   folder holding `node`, `npm` and `npx` for npm scripts; HOME, npm's cache and config
//   are inside the temp folder, and npm is offline (no registry, no audit, no fund, no
//   update check), so a build needs no network and leaves the machine's npm alone.
// - Servers: each process gets a free port in PORT unless its environment sets one, and
//   onServerReady fires when that port accepts a connection (port-watch.ts).
//
// The processes are not isolated from the machine: `RUN node -e …` can do whatever node can.
// Run only Dockerfiles and projects you trust, as with `npm run`.

import { spawn as spawnChild } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findNodeTools, type NodeTools } from './node-tools.ts';
import { answeringHost, freePort, watchPort } from './port-watch.ts';
import { sandboxError } from './sandbox-errors.ts';
import { pathParts, SandboxFiles } from './sandbox-node-fs.ts';
import type { Sandbox, SandboxEntry, SandboxProcess, SpawnOptions } from './types.ts';

export { SandboxPathError } from './sandbox-errors.ts';

export interface NodeSandboxOptions {
  /** The folder to make the sandbox's temp folder in (default: the OS temp folder). */
  root?: string;
  /** npm's cache (default: a folder inside the sandbox). The CLI passes the machine's own
   *  cache, so packages installed before can be installed again offline. */
  npmCache?: string;
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** After SIGTERM, how long a process group gets before SIGKILL. */
const KILL_GRACE_MS = 3000;

export async function createNodeSandbox(options: NodeSandboxOptions = {}): Promise<Sandbox> {
  const parent = options.root ?? tmpdir();
  await mkdir(parent, { recursive: true });
  const base = await mkdtemp(join(parent, 'stagecraft-sandbox-'));
  try {
    const layout = await prepareLayout(base, findNodeTools(), options.npmCache);
    return new NodeSandbox(layout);
  } catch (error) {
    await rm(base, { recursive: true, force: true });
    throw error;
  }
}

interface Layout {
  base: string;
  /** The real folder behind the sandbox path `/` (its realpath). */
  files: string;
  bin: string;
  home: string;
  npmCache: string;
  /** Empty npm config files, so the machine's own (registry tokens …) are not read. */
  userConfig: string;
  globalConfig: string;
  globalPrefix: string;
  tools: NodeTools;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

async function prepareLayout(base: string, tools: NodeTools, npmCache: string | undefined): Promise<Layout> {
  const files = join(base, 'files');
  const bin = join(base, 'tools', 'bin');
  const home = join(base, 'tools', 'home');
  const globalPrefix = join(base, 'tools', 'global');
  const userConfig = join(base, 'tools', 'user.npmrc');
  const globalConfig = join(base, 'tools', 'global.npmrc');
  for (const folder of [files, bin, home, globalPrefix]) await mkdir(folder, { recursive: true });
  for (const config of [userConfig, globalConfig]) await writeFile(config, '');
  // What npm scripts find on PATH: this Node, and npm/npx running on it.
  await symlink(tools.node, join(bin, 'node'));
  for (const [name, cli] of [
    ['npm', tools.npmCli],
    ['npx', tools.npxCli],
  ] as const) {
    await writeFile(join(bin, name), `#!/bin/sh\nexec ${shellQuote(tools.node)} ${shellQuote(cli)} "$@"\n`);
    await chmod(join(bin, name), 0o755);
  }
  return {
    base,
    files: await realpath(files),
    bin,
    home,
    npmCache: npmCache ?? join(base, 'tools', 'npm-cache'),
    userConfig,
    globalConfig,
    globalPrefix,
    tools,
  };
}

interface LiveProcess {
  process: SandboxProcess;
  pid: number;
  ended: boolean;
  done: Promise<number>;
}

class NodeSandbox implements Sandbox {
  readonly description = `Node.js ${process.version} on ${process.platform}`;
  readonly #layout: Layout;
  readonly #fs: SandboxFiles;
  readonly #live = new Set<LiveProcess>();
  readonly #listeners = new Set<(port: number, url: string) => void>();
  #tornDown = false;

  constructor(layout: Layout) {
    this.#layout = layout;
    this.#fs = new SandboxFiles(layout.files);
  }

  /** The sandbox's files: every operation stays inside (sandbox-node-fs.ts). */
  #files(): SandboxFiles {
    if (this.#tornDown) throw new Error('the sandbox has been torn down');
    return this.#fs;
  }

  processPath(path: string): string {
    return join(this.#layout.files, ...pathParts(path));
  }

  async mkdir(path: string): Promise<void> {
    await this.#files().mkdir(path);
  }

  async writeFile(path: string, data: Uint8Array | string): Promise<void> {
    await this.#files().writeFile(path, data);
  }

  async readFile(path: string): Promise<Uint8Array> {
    const real = await this.#files().resolve(path);
    try {
      return new Uint8Array(await readFile(real));
    } catch (error) {
      throw sandboxError(error, path);
    }
  }

  async readdir(path: string): Promise<SandboxEntry[]> {
    const real = await this.#files().resolve(path);
    let entries;
    try {
      entries = await readdir(real, { withFileTypes: true });
    } catch (error) {
      throw sandboxError(error, path);
    }
    return entries.map((entry) => ({
      name: entry.name,
      kind: entry.isSymbolicLink() ? 'symlink' : entry.isDirectory() ? 'directory' : 'file',
    }));
  }

  async exists(path: string): Promise<boolean> {
    return this.#files().exists(path);
  }

  async rm(path: string): Promise<void> {
    await this.#files().rm(path);
  }

  async copy(from: string, to: string): Promise<void> {
    await this.#files().copy(from, to);
  }

  async spawn(command: string, args: string[], options: SpawnOptions): Promise<SandboxProcess> {
    const { tools } = this.#layout;
    const argv = command === 'node' ? args : command === 'npm' ? [tools.npmCli, ...args] : command === 'npx' ? [tools.npxCli, ...args] : null;
    if (argv === null) throw new Error(`the Node sandbox runs only node, npm and npx, not ${command}`);
    const cwd = await this.#files().resolve(options.cwd);
    const env = this.#environment(options.env);
    let watchedPort: number | null = null;
    if (env.PORT === undefined) {
      watchedPort = await freePort();
      env.PORT = String(watchedPort);
    } else if (/^\d+$/.test(env.PORT) && (await answeringHost(Number(env.PORT))) === null) {
      // A port the Dockerfile chose: watch it only when nothing else answers there already.
      watchedPort = Number(env.PORT);
    }

    const child = spawnChild(tools.node, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    for (const stream of [child.stdout, child.stderr]) {
      const decoder = new TextDecoder();
      stream.on('data', (chunk: Uint8Array) => {
        const text = decoder.decode(chunk, { stream: true });
        if (text) options.onOutput(text);
      });
    }
    const live: LiveProcess = {
      pid: child.pid ?? -1,
      ended: false,
      done: new Promise<number>((resolve) => {
        child.once('error', (error) => {
          options.onOutput(`${error.message}\n`);
          resolve(127);
        });
        child.once('close', (code, signal) => resolve(code ?? (signal ? 128 + signalNumber(signal) : 1)));
      }),
      process: null as unknown as SandboxProcess,
    };
    const stopWatching =
      watchedPort === null
        ? () => {}
        : watchPort(watchedPort, (url) => {
            for (const listener of [...this.#listeners]) listener(watchedPort!, url);
          });
    void live.done.then(() => {
      live.ended = true;
      stopWatching();
      this.#live.delete(live);
    });
    live.process = { exit: live.done, kill: () => killGroup(live) };
    this.#live.add(live);
    return live.process;
  }

  #environment(given: Record<string, string>): Record<string, string> {
    const { bin, home, npmCache, userConfig, globalConfig, globalPrefix } = this.#layout;
    return {
      ...given,
      PATH: `${bin}:${given.PATH ?? DEFAULT_PATH}`,
      HOME: home,
      npm_config_cache: npmCache,
      npm_config_userconfig: userConfig,
      npm_config_globalconfig: globalConfig,
      npm_config_prefix: globalPrefix,
      npm_config_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
      npm_config_progress: 'false',
      NO_UPDATE_NOTIFIER: '1',
    };
  }

  onServerReady(listener: (port: number, url: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async teardown(): Promise<void> {
    if (this.#tornDown) return;
    const live = [...this.#live];
    for (const process of live) killGroup(process);
    await Promise.all(live.map((process) => process.done));
    this.#tornDown = true;
    this.#listeners.clear();
    await rm(this.#layout.base, { recursive: true, force: true });
  }
}

function signalNumber(signal: NodeJS.Signals): number {
  return ({ SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 } as Record<string, number>)[signal] ?? 0;
}

/** SIGTERM to the process group, SIGKILL if it is still there after the grace time. */
function killGroup(live: LiveProcess): void {
  if (live.ended || live.pid <= 0) return;
  const send = (signal: NodeJS.Signals) => {
    try {
      process.kill(-live.pid, signal);
    } catch {
      // Already gone.
    }
  };
  send('SIGTERM');
  const timer = setTimeout(() => {
    if (!live.ended) send('SIGKILL');
  }, KILL_GRACE_MS);
  timer.unref();
  void live.done.then(() => clearTimeout(timer));
}
