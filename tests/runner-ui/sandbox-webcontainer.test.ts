// The Sandbox over WebContainer (src/runner/sandbox-webcontainer.ts), against a fake of the
// WebContainer API surface it uses (fake-webcontainer.ts): paths, files, processes and
// their streamed output, server-ready, teardown, and booting once with a timeout.
import { describe, expect, it, vi } from 'vitest';
import { BootTimeoutError } from '../../src/runner/capability.ts';
import { createBooter, relativePath, SandboxPathError, WebContainerSandbox } from '../../src/runner/sandbox-webcontainer.ts';
import { FakeWebContainer } from './fake-webcontainer.ts';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('relativePath', () => {
  it('maps sandbox paths onto the working directory', () => {
    expect(relativePath('/')).toBe('');
    expect(relativePath('/stages/build/app')).toBe('stages/build/app');
    expect(relativePath('//stages/./build/')).toBe('stages/build');
  });

  it('refuses relative paths and paths that climb out', () => {
    expect(() => relativePath('stages')).toThrow(SandboxPathError);
    expect(() => relativePath('/stages/../../etc/passwd')).toThrow(SandboxPathError);
  });
});

describe('WebContainerSandbox: files', () => {
  it('writes files (making their folders), reads them back, lists folders', async () => {
    const wc = new FakeWebContainer();
    const sandbox = new WebContainerSandbox(wc);
    await sandbox.writeFile('/stages/build/app/package.json', '{"name":"app"}');
    await sandbox.writeFile('/stages/build/app/logo.bin', new Uint8Array([1, 2, 3]));
    await sandbox.mkdir('/stages/build/app/src');
    await sandbox.mkdir('/stages/build/app/src');
    expect(text(await sandbox.readFile('/stages/build/app/package.json'))).toBe('{"name":"app"}');
    expect([...(await sandbox.readFile('/stages/build/app/logo.bin'))]).toEqual([1, 2, 3]);
    const entries = await sandbox.readdir('/stages/build/app');
    expect(entries.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'logo.bin', kind: 'file' },
      { name: 'package.json', kind: 'file' },
      { name: 'src', kind: 'directory' },
    ]);
    expect(await sandbox.readdir('/')).toEqual([{ name: 'stages', kind: 'directory' }]);
    // Every path reached WebContainer relative to its working directory.
    expect(wc.fsCalls.every((call) => !call.split(' ')[1]!.startsWith('/'))).toBe(true);
  });

  it('readdir rejects a missing folder; exists answers for files, folders and missing paths', async () => {
    const sandbox = new WebContainerSandbox(new FakeWebContainer());
    await sandbox.writeFile('/a/b.txt', 'x');
    await expect(sandbox.readdir('/nope')).rejects.toThrow();
    expect(await sandbox.exists('/')).toBe(true);
    expect(await sandbox.exists('/a')).toBe(true);
    expect(await sandbox.exists('/a/b.txt')).toBe(true);
    expect(await sandbox.exists('/a/c.txt')).toBe(false);
    expect(await sandbox.exists('/nope/deeper')).toBe(false);
  });

  it('rm removes recursively, is quiet about missing paths, and refuses the root', async () => {
    const sandbox = new WebContainerSandbox(new FakeWebContainer());
    await sandbox.writeFile('/runs/0/app/x.js', 'x');
    await sandbox.rm('/runs/0');
    expect(await sandbox.exists('/runs/0')).toBe(false);
    await expect(sandbox.rm('/runs/0')).resolves.toBeUndefined();
    await expect(sandbox.rm('/')).rejects.toThrow(SandboxPathError);
  });

  it('refuses paths that leave the sandbox', async () => {
    const sandbox = new WebContainerSandbox(new FakeWebContainer());
    await expect(sandbox.writeFile('/../outside', 'x')).rejects.toThrow(SandboxPathError);
    await expect(sandbox.readFile('relative')).rejects.toThrow(SandboxPathError);
  });

  it('tells where a process sees a sandbox path', () => {
    const sandbox = new WebContainerSandbox(new FakeWebContainer());
    expect(sandbox.processPath('/stages/app/server.js')).toBe('/home/stagecraft/stages/app/server.js');
    expect(sandbox.processPath('/')).toBe('/home/stagecraft');
  });
});

describe('WebContainerSandbox: processes', () => {
  it('spawns in the working directory, streams output, then resolves the exit code', async () => {
    const wc = new FakeWebContainer();
    wc.onSpawn = (_, control) => {
      control.write('added 12 packages\r\n');
      setTimeout(() => {
        control.write('done\n');
        control.exit(0);
      }, 5);
    };
    const sandbox = new WebContainerSandbox(wc);
    const chunks: string[] = [];
    const process = await sandbox.spawn('npm', ['ci'], { cwd: '/stages/build/app', env: { NODE_ENV: 'production' }, onOutput: (chunk) => chunks.push(chunk) });
    expect(await process.exit).toBe(0);
    expect(chunks.join('')).toBe('added 12 packages\r\ndone\n');
    expect(wc.spawns[0]).toMatchObject({ command: 'npm', args: ['ci'], cwd: 'stages/build/app' });
    // The container's variables, with WebContainer's PATH so node and npm stay reachable.
    expect(wc.spawns[0]!.env).toEqual({ NODE_ENV: 'production', PATH: '/usr/local/bin:/bin' });
  });

  it("puts WebContainer's PATH in front of a PATH the Dockerfile set", async () => {
    const wc = new FakeWebContainer();
    const sandbox = new WebContainerSandbox(wc);
    await (
      await sandbox.spawn('node', ['-v'], { cwd: '/', env: { PATH: '/app/node_modules/.bin' }, onOutput: () => {} })
    ).exit;
    expect(wc.spawns[0]!.env!['PATH']).toBe('/usr/local/bin:/bin:/app/node_modules/.bin');
    expect(wc.spawns[0]!.cwd).toBe('.');
  });

  it('reports a failing exit code and kills on request', async () => {
    const wc = new FakeWebContainer();
    wc.onSpawn = () => {};
    const sandbox = new WebContainerSandbox(wc);
    const server = await sandbox.spawn('node', ['server.js'], { cwd: '/app', env: {}, onOutput: () => {} });
    server.kill();
    expect(wc.processes[0]!.killed).toBe(true);
    expect(await server.exit).toBe(143);
  });

  it('copies with node inside the container, paths as arguments', async () => {
    const wc = new FakeWebContainer();
    const sandbox = new WebContainerSandbox(wc);
    await sandbox.copy('/stages/build/app/node_modules', '/stages/prod/app/node_modules');
    const call = wc.spawns[0]!;
    expect(call.command).toBe('node');
    expect(call.args[0]).toBe('-e');
    expect(call.args[1]).toContain('cpSync');
    expect(call.args[1]).toContain('verbatimSymlinks: true');
    expect(call.args.slice(2)).toEqual(['/home/stagecraft/stages/build/app/node_modules', '/home/stagecraft/stages/prod/app/node_modules']);
  });

  it('a failed copy rejects with what node said', async () => {
    const wc = new FakeWebContainer();
    wc.onSpawn = (_, control) => {
      control.write("ENOENT: no such file or directory, lstat '/home/stagecraft/x'\n");
      control.exit(1);
    };
    await expect(new WebContainerSandbox(wc).copy('/x', '/y')).rejects.toThrow(/ENOENT/);
  });

  it('passes server-ready on, and stops passing it once unsubscribed', () => {
    const wc = new FakeWebContainer();
    const sandbox = new WebContainerSandbox(wc);
    const seen: Array<[number, string]> = [];
    const stop = sandbox.onServerReady((port, url) => seen.push([port, url]));
    wc.serverReady(3000, 'https://abc--3000--123.local-corp.webcontainer-api.io');
    stop();
    wc.serverReady(3001, 'https://abc--3001--123.local-corp.webcontainer-api.io');
    expect(seen).toEqual([[3000, 'https://abc--3000--123.local-corp.webcontainer-api.io']]);
  });

  it('teardown kills running processes, tears WebContainer down once, and refuses new processes', async () => {
    const wc = new FakeWebContainer();
    wc.onSpawn = () => {};
    const onTeardown = vi.fn();
    const sandbox = new WebContainerSandbox(wc, onTeardown);
    await sandbox.spawn('node', ['server.js'], { cwd: '/app', env: {}, onOutput: () => {} });
    await sandbox.teardown();
    await sandbox.teardown();
    expect(wc.processes[0]!.killed).toBe(true);
    expect(wc.tornDown).toBe(true);
    expect(onTeardown).toHaveBeenCalledTimes(1);
    await expect(sandbox.spawn('node', [], { cwd: '/', env: {}, onOutput: () => {} })).rejects.toThrow(/torn down/);
  });
});

describe('createBooter', () => {
  it('boots once: later calls share the same sandbox', async () => {
    const boot = vi.fn(async () => new FakeWebContainer());
    const acquire = createBooter(boot);
    const [a, b] = await Promise.all([acquire(), acquire()]);
    expect(a).toBe(b);
    expect(await acquire()).toBe(a);
    expect(boot).toHaveBeenCalledTimes(1);
    expect(a.description).toMatch(/WebContainer/);
  });

  it('gives up after the timeout (a boot that never settles), cleans up, and does not boot again', async () => {
    vi.useFakeTimers();
    try {
      const boot = vi.fn(() => new Promise<FakeWebContainer>(() => {}));
      const giveUp = vi.fn();
      const acquire = createBooter(boot, giveUp);
      const booting = acquire({ timeoutMs: 1500 });
      const settled = expect(booting).rejects.toBeInstanceOf(BootTimeoutError);
      await vi.advanceTimersByTimeAsync(1500);
      await settled;
      expect(giveUp).toHaveBeenCalledTimes(1);
      await expect(acquire({ timeoutMs: 1500 })).rejects.toBeInstanceOf(BootTimeoutError);
      expect(boot).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('passes a boot error on as it is', async () => {
    const acquire = createBooter(async () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    await expect(acquire()).rejects.toMatchObject({ name: 'SecurityError' });
  });

  it('boots again after the sandbox was torn down', async () => {
    const boot = vi.fn(async () => new FakeWebContainer());
    const acquire = createBooter(boot);
    const first = await acquire();
    await first.teardown();
    const second = await acquire();
    expect(second).not.toBe(first);
    expect(boot).toHaveBeenCalledTimes(2);
  });
});
