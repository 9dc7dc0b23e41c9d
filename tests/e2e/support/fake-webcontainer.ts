// A stand-in for @webcontainer/api in the browser, for the runner's happy path in
// tests/e2e/runner.e2e.ts: the test serves this module instead of the site's WebContainer
// chunk (page.route), so the real panel, session, runner and WebContainer adapter run
// against a WebContainer that boots at once and plays npm and node:
//
//   npm ci / npm install  writes node_modules/<package> for the dependencies in package.json
//                         (devDependencies too, unless --omit=dev or NODE_ENV=production)
//   npm run build         writes dist/server.js
//   npm run dev, node …   a server: prints a line, then server-ready on PREVIEW_URL
//   node -e <copy> a b    the adapter's Sandbox.copy(): copies a folder or file
//
// The preview address is answered by the test too (PREVIEW_HTML).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST } from './env.ts';

export const PREVIEW_ORIGIN = 'https://k3x9--3000--5e8a.local-corp.webcontainer-api.io';
export const PREVIEW_HTML = '<!doctype html><title>shop</title><h1>Hello from the shop</h1>';

/** The built chunk that holds @webcontainer/api (it exports WebContainer and talks to StackBlitz). */
export function webContainerChunk(): string {
  const assets = join(DIST, '_astro');
  const file = readdirSync(assets).find((name) => name.endsWith('.js') && /\bas WebContainer\b/.test(readFileSync(join(assets, name), 'utf8')));
  if (!file) throw new Error('no built chunk exports WebContainer');
  return file;
}

export const FAKE_WEBCONTAINER_MODULE = String.raw`
const WORKDIR = '/home/stagecraft';
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const clean = (path) => path.split('/').filter((part) => part !== '' && part !== '.').join('/');
const rel = (path) => clean(path.startsWith(WORKDIR) ? path.slice(WORKDIR.length) : path);
const parent = (path) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const join = (a, b) => (a ? a + '/' + b : b);

class FakeWebContainer {
  workdir = WORKDIR;
  path = '/usr/local/bin';
  nodes = new Map([['', { dir: true }]]);
  listeners = new Set();
  fs = {
    mkdir: async (path) => { this.mkdirs(rel(path)); return path; },
    writeFile: async (path, data) => {
      const key = rel(path);
      if (!this.nodes.get(parent(key))?.dir) throw new Error('ENOENT: ' + path);
      this.nodes.set(key, { data: typeof data === 'string' ? encoder.encode(data) : data });
    },
    readFile: async (path) => {
      const node = this.nodes.get(rel(path));
      if (!node || node.dir) throw new Error('ENOENT: ' + path);
      return node.data;
    },
    readdir: async (path) => {
      const key = rel(path);
      if (!this.nodes.get(key)?.dir) throw new Error('ENOENT: ' + path);
      const prefix = key ? key + '/' : '';
      return [...this.nodes.entries()]
        .filter(([name]) => name !== key && name.startsWith(prefix) && !name.slice(prefix.length).includes('/'))
        .map(([name, node]) => ({ name: name.slice(prefix.length), isFile: () => !node.dir, isDirectory: () => Boolean(node.dir) }));
    },
    rm: async (path) => {
      const key = rel(path);
      for (const name of [...this.nodes.keys()]) if (name === key || name.startsWith(key + '/')) this.nodes.delete(name);
    },
  };

  mkdirs(key) {
    let current = '';
    for (const part of key.split('/').filter(Boolean)) {
      current = join(current, part);
      if (!this.nodes.has(current)) this.nodes.set(current, { dir: true });
    }
  }

  write(key, text) {
    this.mkdirs(parent(key));
    this.nodes.set(key, { data: encoder.encode(text) });
  }

  copy(from, to) {
    const source = this.nodes.get(from);
    if (!source) return false;
    if (!source.dir) { this.write(to, decoder.decode(source.data)); return true; }
    this.mkdirs(to);
    for (const [name, node] of [...this.nodes.entries()]) {
      if (!name.startsWith(from + '/')) continue;
      const target = to + name.slice(from.length);
      if (node.dir) this.mkdirs(target);
      else this.write(target, decoder.decode(node.data));
    }
    return true;
  }

  on(event, listener) {
    if (event !== 'server-ready') return () => {};
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  teardown() {}

  async spawn(command, args, options) {
    const cwd = rel(options.cwd ?? '');
    const env = options.env ?? {};
    let controller;
    const output = new ReadableStream({ start: (c) => { controller = c; } });
    let resolveExit;
    const exit = new Promise((resolve) => (resolveExit = resolve));
    let running = true;
    const say = (text) => { if (running) controller.enqueue(text); };
    const end = (code) => { if (!running) return; running = false; controller.close(); resolveExit(code); };
    const serve = (name) => {
      say('\u001b[32m' + name + '\u001b[39m listening on http://localhost:3000\r\n');
      setTimeout(() => { if (running) for (const listener of this.listeners) listener(3000, '${PREVIEW_ORIGIN}'); }, 150);
    };
    setTimeout(() => {
      if (command === 'node' && args[0] === '-e') return end(this.copy(rel(args[2]), rel(args[3])) ? 0 : 1);
      if (command === 'npm' && (args[0] === 'ci' || args[0] === 'install')) {
        const manifest = this.nodes.get(join(cwd, 'package.json'));
        if (!manifest) { say('npm error missing package.json\n'); return end(1); }
        const pkg = JSON.parse(decoder.decode(manifest.data));
        const omitDev = args.includes('--omit=dev') || env.NODE_ENV === 'production';
        const names = [...Object.keys(pkg.dependencies ?? {}), ...(omitDev ? [] : Object.keys(pkg.devDependencies ?? {}))];
        say('\u001b[1G\u001b[0K⠙ reify\r');
        for (const name of names) this.write(join(cwd, 'node_modules/' + name + '/package.json'), JSON.stringify({ name, version: '1.0.0' }));
        say('\u001b[1G\u001b[0K\nadded ' + names.length + ' packages in 1s\n');
        return setTimeout(() => end(0), 100);
      }
      if (command === 'npm' && args[0] === 'run' && args[1] === 'build') {
        say('\n> shop@1.0.0 build\n> tsc\n\n');
        this.write(join(cwd, 'dist/server.js'), 'console.log("listening")\n');
        return end(0);
      }
      if (command === 'npm' && args[0] === 'run') { say('\n> shop@1.0.0 ' + args[1] + '\n\n'); return serve('dev server'); }
      if (command === 'node') return serve('server');
      end(0);
    }, 30);
    return { exit, output, input: new WritableStream(), kill: () => end(143), resize: () => {} };
  }

  static async boot() {
    await new Promise((resolve) => setTimeout(resolve, 200));
    return new FakeWebContainer();
  }
}

export { FakeWebContainer as WebContainer };
`;
