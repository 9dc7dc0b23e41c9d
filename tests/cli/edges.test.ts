// The CLI at its edges, as a careless or hostile user meets it: the real launcher in a
// child process, with real files, FIFOs, /dev/full and closed streams. Every child has its
// own time limit, and the tests wait on its exit (no sleeps).

import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAUNCHER, ROOT, TempDir, VARIANTS } from './cli-helpers.ts';

/** Each test starts a few Node processes; on a busy two-core machine one can take seconds to start. */
const PROCESS_TIMEOUT = 60_000;

let dir: TempDir;
let simple: string;

beforeAll(() => {
  dir = new TempDir();
  simple = dir.file('Dockerfile', 'FROM alpine:3.20 AS base\nRUN echo hi\n');
});
afterAll(() => dir.remove());

interface Finished {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

type Stdio = 'pipe' | 'ignore' | 'inherit' | number;

/** Runs the launcher to its end (killed after `timeout` ms); stdin/stdout may be file descriptors. */
function launch(args: string[], options: { stdin?: Stdio; stdout?: Stdio; input?: string; timeout?: number; shell?: string } = {}): Promise<Finished> {
  const started = Date.now();
  const command = options.shell ? 'bash' : process.execPath;
  const argv = options.shell ? ['-c', options.shell] : [LAUNCHER, ...args];
  const child = spawn(command, argv, {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', STAGECRAFT: `${process.execPath} ${LAUNCHER}` },
    stdio: [options.stdin ?? 'pipe', options.stdout ?? 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  if (child.stdin) child.stdin.end(options.input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeout ?? 30_000);
  // Killed when it takes longer than `timeout`: the test then fails on its status, never hangs.
  return new Promise((resolve) => {
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** No stack trace, no "internal error": one line per problem. */
function expectNoTrace(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at |internal error|node:internal|Node\.js v\d/m);
}

describe('a write error on standard output', { timeout: PROCESS_TIMEOUT }, () => {
  it.each([['check'], ['plan']])('%s > /dev/full: reported on stderr, exit 2 (never 1, never a stack trace)', async (command) => {
    const full = openSync('/dev/full', 'w');
    try {
      const result = await launch([command, simple], { stdout: full });
      expect(result.status).toBe(2);
      expect(result.stderr).toBe('stagecraft: cannot write to standard output: no space left on the device (ENOSPC)\n');
      expectNoTrace(result.stderr);
    } finally {
      closeSync(full);
    }
  });

  it('plan of a build Docker refuses, > /dev/full: still 2, not 1', async () => {
    const refused = dir.file('refused.Dockerfile', 'RUN echo no FROM\n');
    const full = openSync('/dev/full', 'w');
    try {
      expect((await launch(['plan', refused], { stdout: full })).status).toBe(2);
      expect((await launch(['help'], { stdout: full })).status).toBe(2);
    } finally {
      closeSync(full);
    }
  });

  it('a reader that stops early (| head) ends it quietly with the report’s own status', async () => {
    const result = await launch([], { shell: `$STAGECRAFT plan "${simple}" | head -c 10 >/dev/null; exit \${PIPESTATUS[0]}` });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('--build-arg __proto__', { timeout: PROCESS_TIMEOUT }, () => {
  it('is a build argument like any other (Docker 28.5 builds base-b with it)', async () => {
    const file = dir.file(
      'proto.Dockerfile',
      'ARG __proto__=a\nFROM alpine:3.20 AS base-a\nFROM alpine:3.20 AS base-b\nFROM base-${__proto__} AS final\nRUN echo hi\n',
    );
    const result = await launch(['plan', file, '--build-arg', '__proto__=b', '--json']);
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as { stages: Array<{ name: string }> }).stages.map((s) => s.name)).toEqual(['base-b', 'final']);
    // And the object prototype of the CLI is untouched: constructor works as a name too.
    const variants = dir.file('variants.Dockerfile', VARIANTS.replaceAll('VARIANT', 'constructor'));
    const other = await launch(['plan', variants, '--build-arg', 'constructor=full', '--json']);
    expect((JSON.parse(other.stdout) as { stages: Array<{ name: string }> }).stages.map((s) => s.name)).toEqual(['base-full', 'final']);
  });
});

describe('inputs that are not regular files', { timeout: PROCESS_TIMEOUT }, () => {
  it('a FIFO nothing writes to: gives up after a few seconds with a clear message (exit 2)', async () => {
    const fifo = join(dir.path, 'nobody-writes');
    spawnSync('mkfifo', [fifo]);
    const result = await launch(['check', fifo], { timeout: 45_000 });
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      `stagecraft: nothing wrote to the FIFO ${JSON.stringify(fifo)} within 5 seconds, so there is no Dockerfile to read`,
    );
    expectNoTrace(result.stderr);
  });

  it('a FIFO something writes to, and process substitution <(…), are read', async () => {
    const fifo = join(dir.path, 'written');
    spawnSync('mkfifo', [fifo]);
    const result = await launch([], { shell: `printf 'FROM alpine:3.20\\nRUN echo hi\\n' > "${fifo}" & $STAGECRAFT check "${fifo}"; wait` });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const substituted = await launch([], { shell: `$STAGECRAFT plan <(printf 'FROM alpine:3.20 AS only\\n')` });
    expect(substituted.status).toBe(0);
    expect(substituted.stdout).toContain('1. only (line 1)');
  });

  it('an endless device (/dev/zero) is refused at the size limit, quickly', async () => {
    const result = await launch(['check', '/dev/zero']);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('stagecraft: "/dev/zero" is larger than 1 MB, the most stagecraft reads (no real Dockerfile comes near it)');
  });
});

describe('standard input', { timeout: PROCESS_TIMEOUT }, () => {
  it('closed (<&-): Docker’s verdict (an empty Dockerfile, as docker build -f - says), and a note that stdin was closed', async () => {
    const result = await launch([], { shell: '$STAGECRAFT plan - <&-' });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('error  the Dockerfile cannot be empty');
    expect(result.stderr).toBe(
      'stagecraft: note: standard input is closed (or /dev/null), so the Dockerfile read from it is empty; pipe one in, or give its path\n',
    );
  });

  it('empty (a pipe that closes at once): the verdict alone, without the note', async () => {
    const result = await launch(['plan', '-'], { input: '' });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('error  the Dockerfile cannot be empty');
    expect(result.stderr).toBe('');
  });
});

describe('control characters', { timeout: PROCESS_TIMEOUT }, () => {
  it('from the Dockerfile and --target are shown escaped, never sent to the terminal', async () => {
    const hostile = dir.file('hostile.Dockerfile', 'FROM alpine:3.20 AS \u001b]0;pwned\u0007\nRUN echo \u001b[2J\u001b[31mred\n\u001b[1mBOLD a\n');
    for (const args of [
      ['plan', hostile],
      ['check', hostile],
      ['plan', hostile, '--target', '\u001b[31mred\u009b2J\u202e'],
    ]) {
      const result = await launch(args);
      expect(result.stdout + result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(result.stdout).toMatch(/\\x1b/);
    }
    const target = await launch(['plan', simple, '--target', '\u001b[31mred']);
    expect(target.stdout).toContain('Target:     \\x1b[31mred (no stage has this name)');
  });

  it('in a usage error too', async () => {
    const result = await launch(['\u001b]0;title\u0007']);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('stagecraft: unknown command "\\x1b]0;title\\x07": use plan, check or run');
  });
});

describe('the input size limit (1 MB)', { timeout: PROCESS_TIMEOUT }, () => {
  const LIMIT = 1024 * 1024;
  /** A Dockerfile of exactly `bytes` bytes: a FROM line and comments (quick to analyze). */
  const lines = (bytes: number) => {
    const head = 'FROM alpine:3.20\n';
    const line = `# ${'x'.repeat(77)}\n`;
    let text = head + line.repeat(Math.floor((bytes - head.length - 1) / line.length));
    text += '#'.repeat(bytes - text.length - 1) + '\n';
    return text;
  };

  it('a file over it is refused before it is read, with the limit in the message', async () => {
    const big = dir.file('big.Dockerfile', lines(LIMIT + 1));
    const result = await launch(['check', big]);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      `stagecraft: ${JSON.stringify(big)} is 1.1 MB, over 1 MB, the most stagecraft reads (no real Dockerfile comes near it)`,
    );
  });

  it('standard input over it is refused too', async () => {
    const result = await launch(['check', '-'], { input: lines(LIMIT + 1) });
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('stagecraft: standard input is larger than 1 MB, the most stagecraft reads (no real Dockerfile comes near it)');
  });

  it('a file of exactly the limit is analyzed', async () => {
    const atLimit = dir.file('at-limit.Dockerfile', lines(LIMIT));
    const result = await launch(['check', atLimit], { timeout: 60_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('is documented in --help', async () => {
    const result = await launch(['--help']);
    expect(result.stdout).toMatch(/at most 1 MB/);
  });
});
