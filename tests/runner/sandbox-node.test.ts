// The Node sandbox: paths stay inside its temp folder, only node/npm/npx run (on the
// Node.js running the tests, npm offline), servers are noticed, teardown stops every
// process and deletes the folder.

import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createNodeSandbox, SandboxPathError } from '../../src/runner/sandbox-node.ts';
import type { Sandbox } from '../../src/runner/types.ts';
import { PROCESS_TEST_TIMEOUT, waitForText } from '../support/processes.ts';

let sandbox: Sandbox;
let outside: string;

beforeAll(async () => {
  sandbox = await createNodeSandbox();
  outside = mkdtempSync(join(tmpdir(), 'stagecraft-outside-'));
  writeFileSync(join(outside, 'secret.txt'), 'secret');
});
afterAll(async () => {
  await sandbox?.teardown();
  rmSync(outside, { recursive: true, force: true });
}, PROCESS_TEST_TIMEOUT); // stops what still runs: SIGTERM, then SIGKILL after a grace time

/** Runs a process to its end; its exit code and output. */
async function run(command: string, args: string[], env: Record<string, string> = {}, cwd = '/') {
  let output = '';
  const process = await sandbox.spawn(command, args, { cwd, env, onOutput: (chunk) => (output += chunk) });
  return { code: await process.exit, output };
}

describe('paths', () => {
  it.each(['/../etc/passwd', '/stages/../../etc/passwd', 'relative/path', '/a/./../../b'])('%s is refused', async (path) => {
    await expect(sandbox.readFile(path)).rejects.toThrow(SandboxPathError);
    await expect(sandbox.writeFile(path, 'x')).rejects.toThrow(SandboxPathError);
    await expect(sandbox.exists(path)).rejects.toThrow(SandboxPathError);
    await expect(sandbox.rm(path)).rejects.toThrow(SandboxPathError);
  });

  it('a symlink that points outside cannot be read, written or listed through', async () => {
    await sandbox.mkdir('/links');
    symlinkSync(outside, join(sandbox.processPath!('/links'), 'out'));
    await expect(sandbox.readFile('/links/out/secret.txt')).rejects.toThrow(/leaves the sandbox through a symlink/);
    await expect(sandbox.writeFile('/links/out/planted.txt', 'x')).rejects.toThrow(SandboxPathError);
    await expect(sandbox.readdir('/links/out')).rejects.toThrow(SandboxPathError);
    expect(existsSync(join(outside, 'planted.txt'))).toBe(false);
    // Removing the link removes the link, not what it points to.
    await sandbox.rm('/links/out');
    expect(existsSync(join(outside, 'secret.txt'))).toBe(true);
  });

  it('files, folders and copies inside work; copy keeps relative symlinks', async () => {
    await sandbox.writeFile('/a/b/c.txt', 'hello');
    expect(new TextDecoder().decode(await sandbox.readFile('/a/b/c.txt'))).toBe('hello');
    expect(await sandbox.readdir('/a')).toEqual([{ name: 'b', kind: 'directory' }]);
    symlinkSync('c.txt', join(sandbox.processPath!('/a/b'), 'link.txt'));
    await sandbox.copy!('/a', '/copied');
    expect((await sandbox.readdir('/copied/b')).sort((x, y) => x.name.localeCompare(y.name))).toEqual([
      { name: 'c.txt', kind: 'file' },
      { name: 'link.txt', kind: 'symlink' },
    ]);
    expect(new TextDecoder().decode(await sandbox.readFile('/copied/b/link.txt'))).toBe('hello');
    await sandbox.rm('/a');
    expect(await sandbox.exists('/a')).toBe(false);
    await expect(sandbox.rm('/')).rejects.toThrow(/whole sandbox/);
  });
});

describe('processes', { timeout: PROCESS_TEST_TIMEOUT }, () => {
  it('node is the Node.js running the tests', async () => {
    expect(await run('node', ['-p', 'process.version'])).toEqual({ code: 0, output: `${process.version}\n` });
  });

  it('npm runs on it, offline, with the sandbox’s own home and cache', async () => {
    const { code, output } = await run('npm', ['config', 'get', 'offline']);
    expect({ code, output: output.trim() }).toEqual({ code: 0, output: 'true' });
    const script = await run('node', ['-p', '[process.env.HOME, process.env.npm_config_cache].every((p) => p.includes("stagecraft-sandbox-"))']);
    expect(script.output).toBe('true\n');
    const npm = await run('npm', ['--version']);
    expect(await run('npx', ['--version'])).toEqual(npm);
  });

  it('npm scripts find the same node and npm first on PATH, before the container PATH', async () => {
    await sandbox.writeFile('/pkg/package.json', JSON.stringify({ name: 'p', scripts: { which: 'node -p process.version && npm --version' } }));
    const { code, output } = await run('npm', ['run', 'which', '--silent'], { PATH: '/app/node_modules/.bin:/usr/bin:/bin' }, '/pkg');
    expect(code).toBe(0);
    expect(output.split('\n')[0]).toBe(process.version);
  });

  it('only node, npm and npx are spawned', async () => {
    await expect(sandbox.spawn('sh', ['-c', 'echo hi'], { cwd: '/', env: {}, onOutput: () => {} })).rejects.toThrow(/only node, npm and npx/);
  });

  it('a process gets a free PORT; listening on it fires onServerReady with a URL that answers', async () => {
    const ready = new Promise<{ port: number; url: string }>((resolve) => {
      const stop = sandbox.onServerReady((port, url) => {
        stop();
        resolve({ port, url });
      });
    });
    const server = await sandbox.spawn('node', ['-e', "require('http').createServer((q, s) => s.end('port ' + process.env.PORT)).listen(process.env.PORT)"], {
      cwd: '/',
      env: {},
      onOutput: () => {},
    });
    const { port, url } = await ready;
    expect(await (await fetch(url)).text()).toBe(`port ${port}`);
    server.kill();
    expect(await server.exit).toBe(143);
  });

  it('a non-zero exit is reported as it is', async () => {
    expect((await run('node', ['-e', 'process.exit(7)'])).code).toBe(7);
  });
});

/** Whether a process with this id is still running: signal 0 only asks; a zombie (ended,
 *  not yet reaped by whoever adopted it) has stopped running. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/\) Z /.test(stat);
}

it(
  'teardown stops running processes (and what they started) and deletes the temp folder',
  async () => {
    const own = await createNodeSandbox();
    const base = join(own.processPath!('/'), '..');
    // npm starts node, which says its process id once it runs: then there is something to stop.
    await own.writeFile(
      '/pkg/package.json',
      JSON.stringify({ name: 'p', scripts: { wait: 'node -e "console.log(\'pid \' + process.pid); setInterval(() => {}, 1000)"' } }),
    );
    let output = '';
    const changed = new Set<() => void>();
    const npm = await own.spawn('npm', ['run', 'wait'], {
      cwd: '/pkg',
      env: {},
      onOutput: (chunk) => {
        output += chunk;
        changed.forEach((check) => check());
      },
    });
    const [, pid] = await waitForText(
      () => output,
      /^pid (\d+)$/m,
      (check) => changed.add(check),
    );
    expect(output).toContain('> node -e');
    expect(running(Number(pid))).toBe(true);
    await own.teardown();
    expect([143, 137, 130, 1]).toContain(await npm.exit);
    // The grandchild (npm's node) got the signal too, not only npm: it stops (its end is not an
    // event this process can wait on, so it is polled, up to the test's limit).
    await vi.waitFor(() => expect(running(Number(pid)), `node (pid ${pid}) still runs after teardown`).toBe(false), {
      timeout: PROCESS_TEST_TIMEOUT - 10_000,
      interval: 50,
    });
    expect(existsSync(base)).toBe(false);
    await expect(own.readFile('/pkg/package.json')).rejects.toThrow(/torn down/);
  },
  PROCESS_TEST_TIMEOUT,
);
