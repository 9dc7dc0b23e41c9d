// A fake of the part of @webcontainer/api's WebContainer that sandbox-webcontainer.ts uses:
// an in-memory file system with WebContainer's path rules (relative to the working
// directory), processes whose output is a ReadableStream<string>, and server-ready events.
import type { WebContainerLike } from '../../src/runner/sandbox-webcontainer.ts';

type Node = { kind: 'file'; data: Uint8Array } | { kind: 'dir' };

export interface SpawnCall {
  command: string;
  args: string[];
  cwd: string | undefined;
  env: Record<string, string> | undefined;
}

export interface FakeProcessControl {
  /** Writes output as the process would. */
  write(chunk: string): void;
  /** Ends the process with `code` (closes its output). */
  exit(code: number): void;
  killed: boolean;
}

export class FakeWebContainer implements WebContainerLike {
  readonly workdir = '/home/stagecraft';
  readonly path = '/usr/local/bin:/bin';
  readonly nodes = new Map<string, Node>([['', { kind: 'dir' }]]);
  readonly spawns: SpawnCall[] = [];
  readonly processes: FakeProcessControl[] = [];
  readonly fsCalls: string[] = [];
  tornDown = false;
  #serverReady = new Set<(port: number, url: string) => void>();
  /** What a spawned process does; by default it exits 0 at once. */
  onSpawn: (call: SpawnCall, control: FakeProcessControl) => void = (_, control) => control.exit(0);

  static #norm(path: string): string {
    if (path.startsWith('/')) throw new Error(`the fake expects relative paths, got ${path}`);
    return path === '.' ? '' : path.replace(/\/+$/, '');
  }

  static #parent(path: string): string {
    const slash = path.lastIndexOf('/');
    return slash < 0 ? '' : path.slice(0, slash);
  }

  fs: WebContainerLike['fs'] = {
    mkdir: async (path) => {
      this.fsCalls.push(`mkdir ${path}`);
      let current = '';
      for (const part of FakeWebContainer.#norm(path).split('/')) {
        current = current ? `${current}/${part}` : part;
        const node = this.nodes.get(current);
        if (node?.kind === 'file') throw new Error(`EEXIST: ${current}`);
        if (!node) this.nodes.set(current, { kind: 'dir' });
      }
      return path;
    },
    writeFile: async (path, data) => {
      this.fsCalls.push(`writeFile ${path}`);
      const key = FakeWebContainer.#norm(path);
      if (this.nodes.get(FakeWebContainer.#parent(key))?.kind !== 'dir') throw new Error(`ENOENT: ${path}`);
      this.nodes.set(key, { kind: 'file', data: typeof data === 'string' ? new TextEncoder().encode(data) : data });
    },
    readFile: async (path) => {
      const node = this.nodes.get(FakeWebContainer.#norm(path));
      if (!node) throw new Error(`ENOENT: ${path}`);
      if (node.kind === 'dir') throw new Error(`EISDIR: ${path}`);
      return node.data;
    },
    readdir: async (path) => {
      const key = FakeWebContainer.#norm(path);
      if (this.nodes.get(key)?.kind !== 'dir') throw new Error(`ENOENT: ${path}`);
      const prefix = key ? `${key}/` : '';
      return [...this.nodes.entries()]
        .filter(([name]) => name !== key && name.startsWith(prefix) && !name.slice(prefix.length).includes('/'))
        .map(([name, node]) => ({ name: name.slice(prefix.length), isFile: () => node.kind === 'file', isDirectory: () => node.kind === 'dir' }));
    },
    rm: async (path, options) => {
      this.fsCalls.push(`rm ${path}`);
      const key = FakeWebContainer.#norm(path);
      if (!this.nodes.has(key)) {
        if (options.force) return;
        throw new Error(`ENOENT: ${path}`);
      }
      for (const name of [...this.nodes.keys()]) if (name === key || name.startsWith(`${key}/`)) this.nodes.delete(name);
    },
  };

  async spawn(command: string, args: string[], options: { cwd?: string; env?: Record<string, string> }) {
    const call: SpawnCall = { command, args, cwd: options.cwd, env: options.env };
    this.spawns.push(call);
    let controller!: ReadableStreamDefaultController<string>;
    const output = new ReadableStream<string>({
      start: (c) => {
        controller = c;
      },
    });
    let resolveExit!: (code: number) => void;
    const exit = new Promise<number>((resolve) => (resolveExit = resolve));
    let open = true;
    const control: FakeProcessControl = {
      killed: false,
      write: (chunk) => {
        if (open) controller.enqueue(chunk);
      },
      exit: (code) => {
        if (!open) return;
        open = false;
        controller.close();
        resolveExit(code);
      },
    };
    this.processes.push(control);
    queueMicrotask(() => this.onSpawn(call, control));
    return {
      exit,
      output,
      kill: () => {
        control.killed = true;
        control.exit(143);
      },
    };
  }

  on(_event: 'server-ready', listener: (port: number, url: string) => void): () => void {
    this.#serverReady.add(listener);
    return () => this.#serverReady.delete(listener);
  }

  /** Fires server-ready, as WebContainer does when a process listens on a port. */
  serverReady(port: number, url: string): void {
    for (const listener of this.#serverReady) listener(port, url);
  }

  teardown(): void {
    if (this.tornDown) throw new Error('WebContainer already torn down');
    this.tornDown = true;
  }
}
