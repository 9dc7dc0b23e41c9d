// run() in-process: help, version, input problems, text reports and the details of the
// argument handling. The child-process tests are in launcher.test.ts.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROCESS_TEST_TIMEOUT } from '../support/processes.ts';
import { COPY_FROM_LATER, dockerOnly, LAUNCHER, ROOT, runCli, stageNames, TempDir, THREE_STAGES, VARIANTS } from './cli-helpers.ts';

let dir: TempDir;
let threeStages: string;

beforeAll(() => {
  dir = new TempDir();
  threeStages = dir.file('Dockerfile', THREE_STAGES);
});
afterAll(() => dir.remove());

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('help and version', () => {
  it.each([[['--help']], [['-h']], [['help']]])('%j prints the general usage', async (args) => {
    const result = await runCli(args);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: stagecraft <command> <Dockerfile> \[options\]/);
    expect(result.stdout).toContain('plan <Dockerfile>');
    expect(result.stdout).toContain('check <Dockerfile>');
    expect(result.stderr).toBe('');
  });

  it.each([[['plan', '--help']], [['help', 'plan']], [['plan', 'missing-file', '--help']]])('%j prints the plan usage', async (args) => {
    const result = await runCli(args);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^Usage: stagecraft plan <Dockerfile> \[--target T\] \[--builder buildkit\|classic\] \[--engine 28\.5\|26\.1\] \[--build-arg K=V\]\.\.\. \[--json\]/,
    );
  });

  it('check --help prints the check usage', async () => {
    expect((await runCli(['check', '--help'])).stdout).toMatch(/^Usage: stagecraft check /);
  });

  it.each([[['--version']], [['version']]])('%j prints the package version', async (args) => {
    const result = await runCli(args);
    expect(result).toEqual({ status: 0, stdout: `${VERSION}\n`, stderr: '' });
  });
});

describe('more usage errors', () => {
  it.each([
    [[], /^stagecraft: missing command: use plan, check or run$/],
    [['build', 'Dockerfile'], /^stagecraft: unknown command "build": use plan, check or run$/],
    [['help', 'build'], /^stagecraft: no help for "build"/],
    [['plan'], /^stagecraft: missing Dockerfile: give a path, or - to read standard input$/],
    [['check', 'a', 'b'], /^stagecraft: check takes one Dockerfile, got 2: "a" "b"$/],
    [['plan', 'Dockerfile', '--target'], /^stagecraft: --target needs a value$/],
    [['plan', 'Dockerfile', '--target', '--json'], /^stagecraft: --target needs a value, but is followed by another option/],
    [['plan', 'Dockerfile', '--json=yes'], /^stagecraft: --json takes no value$/],
    [['plan', 'Dockerfile', '-x'], /^stagecraft: unknown option -x/],
    [['plan', 'Dockerfile', '--build-arg', '=full'], /^stagecraft: --build-arg =full has no name before "="/],
  ])('%j', async (args, message) => {
    const result = await runCli(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toMatch(message);
    expect(result.stderr).toMatch(/^usage: stagecraft /m);
  });
});

describe('input that is not a Dockerfile (exit 2, one line)', () => {
  async function expectInputError(file: string, message: RegExp, io = {}) {
    const result = await runCli(['plan', file], io);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  }

  it('a directory', async () => {
    const sub = join(dir.path, 'app');
    mkdirSync(sub, { recursive: true });
    await expectInputError(sub, /^stagecraft: ".*app" is a directory, not a Dockerfile \(did you mean ".*app\/Dockerfile"\?\)$/);
  });

  it('a binary file', async () => {
    await expectInputError(
      dir.file('image.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
      /is a binary file, not a Dockerfile$/,
    );
  });

  it('a file that is not UTF-8', async () => {
    await expectInputError(dir.file('latin1.Dockerfile', new Uint8Array([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xe9, 0x0a])), /is not UTF-8 text/);
  });

  it('an unreadable file', async () => {
    const denied = Object.assign(new Error("EACCES: permission denied, open 'secret'"), { code: 'EACCES' });
    await expectInputError('secret/Dockerfile', /^stagecraft: cannot read "secret\/Dockerfile": permission denied$/, {
      readFile: () => Promise.reject(denied),
    });
  });

  // Root reads a file whatever its mode, so each of these two runs where the other cannot:
  // in-process as an ordinary user, or, when the tests run as root (CI, the Docker test
  // stage's builds as root), the real launcher started as the unprivileged user nobody.
  const asRoot = process.getuid?.() === 0;

  it('an unreadable file on disk: exit 2, permission denied (as an ordinary user)', async (ctx) => {
    ctx.skip(asRoot, 'running as root, which reads any file: the next test covers it as nobody');
    const file = dir.file('locked.Dockerfile', THREE_STAGES);
    chmodSync(file, 0o000);
    const result = await runCli(['plan', file]);
    expect(result).toEqual({ status: 2, stdout: '', stderr: `stagecraft: cannot read "${file}": permission denied\n` });
  });

  it(
    'an unreadable file on disk: exit 2, permission denied (the launcher as nobody, when the tests run as root)',
    (ctx) => {
      ctx.skip(!asRoot, 'only root can start a process as another user; the previous test covers it');
      const file = dir.file('locked-for-nobody.Dockerfile', THREE_STAGES);
      chmodSync(dir.path, 0o755); // the folder open to nobody: only the file's own mode refuses
      chmodSync(file, 0o000);
      const child = spawnSync(process.execPath, [LAUNCHER, 'plan', file], { cwd: ROOT, encoding: 'utf8', uid: 65534, gid: 65534, timeout: 20_000 });
      expect(child.error).toBeUndefined();
      expect({ status: child.status, stdout: child.stdout, stderr: child.stderr }).toEqual({
        status: 2,
        stdout: '',
        stderr: `stagecraft: cannot read "${file}": permission denied\n`,
      });
    },
    PROCESS_TEST_TIMEOUT,
  );
});

describe('malformed Dockerfiles are analyzed, not usage errors', () => {
  it('an empty file: exit 1 with empty-dockerfile', async () => {
    const result = await runCli(['check', dir.file('empty', ''), '--json']);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).diagnostics[0]).toMatchObject({ id: 'empty-dockerfile', severity: 'error' });
  });

  it('a byte-order mark is dropped', async () => {
    const result = await runCli(['plan', dir.file('bom', `\uFEFF${THREE_STAGES}`), '--json']);
    expect(result.status).toBe(0);
    expect(stageNames(JSON.parse(result.stdout))).toEqual(['base', 'build', 'prod']);
  });
});

describe('options', () => {
  it('--target "" means the default stage, as in docker build', async () => {
    const json = JSON.parse((await runCli(['plan', threeStages, '--target=', '--json'])).stdout);
    expect(json.target).toBeNull();
    expect(stageNames(json)).toEqual(['base', 'build', 'prod']);
  });

  it('--build-arg: the last of repeated names wins, and values may hold "="', async () => {
    const file = dir.file('variants', VARIANTS);
    const last = JSON.parse((await runCli(['plan', file, '--build-arg', 'VARIANT=full', '--build-arg', 'VARIANT=slim', '--json'])).stdout);
    expect(stageNames(last)).toEqual(['base-slim', 'final']);
    const eq = JSON.parse((await runCli(['plan', file, '--build-arg', 'VARIANT=full', '--build-arg', 'OTHER=a=b', '--json'])).stdout);
    expect(stageNames(eq)).toEqual(['base-full', 'final']);
  });

  it('options may come before the command, and -- ends them', async () => {
    const file = dir.file('-odd-name', THREE_STAGES);
    const result = await runCli(['--json', '--target', 'test', 'plan', '--', file]);
    expect(result.status).toBe(0);
    expect(stageNames(JSON.parse(result.stdout))).toEqual(['base', 'test']);
  });

  it('stdin may arrive in chunks', async () => {
    const bytes = Buffer.from(THREE_STAGES);
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    }
    const result = await runCli(['plan', '-', '--json', '--builder', 'CLASSIC'], { stdin: chunks() });
    expect(result.status).toBe(0);
    expect(stageNames(JSON.parse(result.stdout))).toEqual(['base', 'build', 'test', 'prod']);
  });
});

describe('text reports', () => {
  it('BuildKit, default target: executed stages numbered, test skipped', async () => {
    const result = await runCli(['plan', threeStages]);
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).toContain('Target:     default: last stage prod');
    expect(lines).toEqual(expect.arrayContaining(['  1. base (line 1)', '  2. build (line 3)', '  3. prod (line 7)', '  skipped: test (not needed by prod)']));
    expect(lines).toContain('Result:     the build can start');
  });

  it('classic, --target test: stages after the target are skipped', async () => {
    const lines = (await runCli(['plan', threeStages, '--builder', 'classic', '--target', 'test'])).stdout.split('\n');
    expect(lines).toContain('Builder:    classic (legacy builder, DOCKER_BUILDKIT=0)');
    expect(lines).toContain('  3. test (line 5)');
    expect(lines).toContain('  skipped: prod (after the target test; the classic builder stops there)');
  });

  it('unnamed stages are shown as stage-N; the classic builder stopping part-way', async () => {
    const file = dir.file('mount', 'FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache echo hi\nFROM alpine:3.20\n');
    const result = await runCli(['plan', file, '--builder', 'classic']);
    expect(result.status).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines).toContain('Target:     default: last stage stage-1');
    expect(lines).toContain('  1. stage-0 (line 1, fails at line 2)');
    expect(lines).toContain('  not reached: stage-1 (the build stops at line 2)');
    expect(lines).toContain('Result:     the build starts and fails at line 2 (1 error)');
    expect(lines).toContainEqual(expect.stringMatching(/^.*mount:2:5 {2}error {2}the --mount option requires BuildKit/));
  });

  it('check: one diagnostic per line, a hint line, and the counts', async () => {
    const file = dir.file('later', COPY_FROM_LATER);
    const result = await runCli(['check', file, '--builder', 'classic']);
    expect(result.status).toBe(0);
    // The lint rules may add findings of their own; the analyzer's warning comes first (line 2).
    expect(
      result.stdout.startsWith(
        `${file}:2:6  warning  the classic builder reads --from=assets as an image name: stage "assets" is not built yet\n` +
          `    hint: The classic builder only knows the stages it has already built, so it will try to pull an image called "assets". Define stage "assets" before this one.\n`,
      ),
    ).toBe(true);
    const { diagnostics } = JSON.parse((await runCli(['check', file, '--builder', 'classic', '--json'])).stdout) as { diagnostics: unknown[] };
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith(`${file}:`))).toHaveLength(diagnostics.length);
    expect(lines).toHaveLength(diagnostics.length * 2 + 1); // a hint under each, then the counts
    expect(lines.at(-1)).toMatch(/^0 errors, \d+ warnings?(, \d+ notes?)?$/);
    const clean = await runCli(['check', threeStages, '--json']);
    expect(dockerOnly(JSON.parse(clean.stdout).diagnostics)).toEqual([]);
  });

  it('colours only on a TTY without NO_COLOR', async () => {
    const args = ['check', threeStages, '--target', 'nope'];
    expect((await runCli(args, { stdout: { write: () => 0, isTTY: true }, env: {} })).stdout).toContain('\x1b[31merror\x1b[39m');
    expect((await runCli(args, { stdout: { write: () => 0, isTTY: true }, env: { NO_COLOR: '1' } })).stdout).not.toContain('\x1b[');
    expect((await runCli(args)).stdout).not.toContain('\x1b[');
  });
});
