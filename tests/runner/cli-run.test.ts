// `stagecraft run` as a user runs it: the real launcher in a child process, on the sample
// app, with its own temp folder (TMPDIR), so the test can check that the sandbox is gone
// afterwards, and its own npm cache, so the machine's stays untouched.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAUNCHER, ROOT, runCli } from '../cli/cli-helpers.ts';
import { BUILD_TEST_TIMEOUT, PROCESS_TEST_TIMEOUT } from '../support/processes.ts';
import { SAMPLE_APP } from './runner-helpers.ts';

let dir: string;
let sandboxes: string;
let env: Record<string, string | undefined>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stagecraft-cli-run-'));
  sandboxes = join(dir, 'tmp');
  mkdirSync(sandboxes);
  env = { ...process.env, NO_COLOR: '1', TMPDIR: sandboxes, npm_config_cache: join(dir, 'npm-cache') };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Running {
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout matches `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exit: Promise<number | null>;
  signal(name: NodeJS.Signals): void;
}

function launch(args: string[]): Running {
  const child = spawn(process.execPath, [LAUNCHER, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const waiter of [...waiters]) waiter();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    exit,
    signal: (name) => child.kill(name),
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${pattern} in:\n${stdout}\n${stderr}`));
        }, timeoutMs);
        const check = () => {
          const match = pattern.exec(stdout);
          if (!match) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(match);
        };
        waiters.add(check);
        void exit.then(() => check());
        check();
      });
    },
  };
}

async function finished(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const running = launch(args);
  const status = await running.exit;
  return { status, stdout: running.stdout(), stderr: running.stderr() };
}

const DOCKERFILE = join(SAMPLE_APP, 'Dockerfile');

describe('stagecraft run on the sample app', () => {
  it(
    '--no-start --compare development: builds both targets and prints what differs (exit 0)',
    async () => {
      const result = await finished(['run', DOCKERFILE, '--compare', 'development']);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^Running .*Dockerfile with the build context .*node-app in Node\.js v\d+/);
      expect(result.stdout).toMatch(/#\d+ SKIPPED apk installs Alpine packages/);
      expect(result.stdout).toContain('$ npm ci --omit=dev');
      expect(result.stdout).toContain('Compare production and development');
      expect(result.stdout).toContain('Packages only in development: lint-lite');
      expect(result.stdout).toContain('Files only in production (outside node_modules): app/dist/build.json, app/dist/server.js');
      expect(result.stdout).toMatch(/Built production\.\n$/);
      expect(readdirSync(sandboxes)).toEqual([]);
    },
    BUILD_TEST_TIMEOUT,
  );

  it(
    'starts the server, which answers until Ctrl-C; then exits 0 and leaves nothing behind',
    async () => {
      const running = launch(['run', DOCKERFILE, '--target', 'development']);
      const [, url] = await running.waitFor(/Server ready: (\S+)/, BUILD_TEST_TIMEOUT - 10_000);
      expect(await (await fetch(url!)).text()).toBe('Hello from the sample app! NODE_ENV=development\n');
      running.signal('SIGINT');
      expect(await running.exit).toBe(0);
      expect(running.stdout()).toMatch(/Stopped\.\n$/);
      expect(readdirSync(sandboxes)).toEqual([]);
      await expect(fetch(url!)).rejects.toThrow();
    },
    BUILD_TEST_TIMEOUT,
  );
});

describe('exit status', () => {
  it(
    '1 when a step fails, with the reason',
    async () => {
      const file = join(dir, 'failing.Dockerfile');
      writeFileSync(file, 'FROM node:22\nRUN node -e "process.exit(3)"\n');
      const result = await finished(['run', file, '--context', dir]);
      expect(result.status).toBe(1);
      expect(result.stdout).toContain("The build of stage 0 failed at line 2: `node -e 'process.exit(3)'` exited with code 3.");
    },
    PROCESS_TEST_TIMEOUT,
  );

  it('1 (not an internal error) when a RUN step planted a link COPY would write through; no host path in the log', async () => {
    const context = join(dir, 'planted');
    mkdirSync(context);
    const target = join(dir, 'outside-target');
    writeFileSync(join(context, 'hello.txt'), 'hello\n');
    writeFileSync(
      join(context, 'Dockerfile'),
      `FROM node:22 AS base\nWORKDIR /app\nRUN node -e "require('fs').symlinkSync('${target}', 'out.txt')"\nFROM base AS child\nCOPY hello.txt out.txt\n`,
    );
    const result = await finished(['run', join(context, 'Dockerfile'), '--no-start']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      'The build of child failed at line 5: Writing /app/out.txt in stage child would go through a symbolic link an earlier step made.',
    );
    expect(result.stdout).not.toMatch(/stagecraft-sandbox-|internal error/);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(sandboxes)).toEqual([]);
  }, 30_000);

  it('says which symlinks of the build context it leaves out', async () => {
    const context = join(dir, 'with-links');
    mkdirSync(context);
    writeFileSync(join(context, 'package.json'), '{}');
    symlinkSync('package.json', join(context, 'link.json'));
    writeFileSync(join(context, 'Dockerfile'), 'FROM node:22 AS app\nCOPY package.json /app/\n');
    const result = await finished(['run', join(context, 'Dockerfile'), '--no-start']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      '(the build context has a symbolic link, link.json → package.json, that the runner leaves out: it copies files only. Docker sends the link as it is.)',
    );
  }, 30_000);

  it(
    '1 when Docker would refuse the build',
    async () => {
      const result = await finished(['run', DOCKERFILE, '--target', 'nope']);
      expect(result.status).toBe(1);
      expect(result.stdout).toContain('Docker would not start this build: target stage "nope" could not be found');
    },
    PROCESS_TEST_TIMEOUT,
  );

  it.each([
    [['run', DOCKERFILE, '--builder', 'classic'], /^stagecraft: run follows BuildKit's plan; --builder classic is for plan and check$/],
    [['run', DOCKERFILE, '--json'], /^stagecraft: run writes a terminal log and has no --json or --format$/],
    [['plan', DOCKERFILE, '--no-start'], /^stagecraft: --no-start is an option of stagecraft run, not of plan$/],
    [['check', DOCKERFILE, '--context', '.'], /^stagecraft: --context is an option of stagecraft run, not of check$/],
    [['run', DOCKERFILE, '--context', '/no/such/folder'], /^stagecraft: no such build context folder: "\/no\/such\/folder"$/],
  ])('2 for %j', async (args, message) => {
    const result = await runCli(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toMatch(message);
    expect(result.stderr).toMatch(/^usage: stagecraft /m);
  });

  it(
    'reads the Dockerfile from standard input with -, the context from --context',
    async () => {
      const dockerfile = 'FROM node:22-alpine AS check\nWORKDIR /app\nCOPY package.json ./\nRUN node -e "require(\'./package.json\')"\n';
      const result = await runCli(['run', '-', '--context', SAMPLE_APP, '--no-start'], {
        stdin: dockerfile,
        env: { npm_config_cache: join(dir, 'npm-cache') },
      });
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^Running <stdin> with the build context .*node-app/);
      expect(result.stdout).toMatch(/Built check\.\n$/);
    },
    PROCESS_TEST_TIMEOUT,
  );

  it('help run explains the command', async () => {
    const result = await runCli(['help', 'run']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: stagecraft run <Dockerfile> \[--context DIR\]/);
    expect((await runCli(['--help'])).stdout).toContain('run <Dockerfile>');
  });
});
