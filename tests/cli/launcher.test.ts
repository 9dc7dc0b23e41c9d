// The real bin/stagecraft.mjs in a child process, on real files and standard input. Every
// test starts Node at least once: they have PROCESS_TEST_TIMEOUT, not Vitest's 5 s.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typeStrippingSupport } from '../../src/cli/node-support.mjs';
import { PROCESS_TEST_TIMEOUT } from '../support/processes.ts';
import { COPY_FROM_LATER, dockerOnly, spawnCli, stageNames, TempDir, THREE_STAGES, VARIANTS } from './cli-helpers.ts';

let dir: TempDir;
let threeStages: string;
let copyFromLater: string;
let variants: string;

beforeAll(() => {
  dir = new TempDir();
  threeStages = dir.file('Dockerfile', THREE_STAGES);
  copyFromLater = dir.file('copy-from-later.Dockerfile', COPY_FROM_LATER);
  variants = dir.file('variants.Dockerfile', VARIANTS);
});
afterAll(() => dir.remove());

function planJson(args: string[], input?: string) {
  const result = spawnCli(['plan', ...args, '--json'], { input });
  expect(result.stderr).toBe('');
  return { status: result.status, json: JSON.parse(result.stdout) };
}

/** A usage error: exit 2, a short message on stderr, nothing on stdout, no stack trace. */
function expectUsageError(args: string[], message: RegExp) {
  const result = spawnCli(args);
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.split('\n')[0]).toMatch(message);
  expect(result.stderr).toMatch(/^usage: stagecraft /m);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
}

describe('stagecraft plan --json (three stages and an unrelated test stage)', { timeout: PROCESS_TEST_TIMEOUT }, () => {
  it('BuildKit builds the default (last) stage and what it needs, skipping test', () => {
    const { status, json } = planJson([threeStages]);
    expect(status).toBe(0);
    expect({ ...json, warnings: dockerOnly(json.warnings) }).toEqual({
      engine: '28.5',
      builder: 'buildkit',
      target: null,
      stages: [
        { index: 0, name: 'base' },
        { index: 1, name: 'build' },
        { index: 3, name: 'prod' },
      ],
      errors: [],
      warnings: [],
    });
  });

  it('BuildKit --target test runs only base and test', () => {
    const { status, json } = planJson([threeStages, '--target', 'test']);
    expect(status).toBe(0);
    expect(json.target).toBe('test');
    expect(stageNames(json)).toEqual(['base', 'test']);
  });

  it('classic runs every stage up to the target, in file order', () => {
    const byDefault = planJson([threeStages, '--builder', 'classic']);
    expect(byDefault.status).toBe(0);
    expect(byDefault.json.builder).toBe('classic');
    expect(stageNames(byDefault.json)).toEqual(['base', 'build', 'test', 'prod']);

    const test = planJson([threeStages, '--builder=classic', '--target=test']);
    expect(test.status).toBe(0);
    expect(stageNames(test.json)).toEqual(['base', 'build', 'test']);
  });

  it('--target ignores case and reports the target as given', () => {
    const { status, json } = planJson([threeStages, '--target', 'PROD']);
    expect(status).toBe(0);
    expect(json.target).toBe('PROD');
    expect(stageNames(json)).toEqual(['base', 'build', 'prod']);
  });

  it('an unknown target is refused (exit 1, unknown-target)', () => {
    const { status, json } = planJson([threeStages, '--target', 'nope']);
    expect(status).toBe(1);
    expect(json.stages).toEqual([]);
    expect(json.errors).toHaveLength(1);
    expect(json.errors[0]).toMatchObject({ id: 'unknown-target', message: 'target stage "nope" could not be found' });
    expect(json.errors[0].line).toBeGreaterThan(0);
    expect(json.errors[0].column).toBeGreaterThan(0);
  });
});

describe('COPY --from a later stage', { timeout: PROCESS_TEST_TIMEOUT }, () => {
  it('BuildKit refuses the build', () => {
    const { status, json } = planJson([copyFromLater]);
    expect(status).toBe(1);
    expect(json.errors[0]).toMatchObject({ id: 'copy-from-later-stage', line: 2 });
    expect(json.errors[0].message).toContain('cannot copy from stage "assets"');
  });

  it('the classic builder starts it, with a warning that it will pull an image instead', () => {
    const { status, json } = planJson([copyFromLater, '--builder', 'classic']);
    expect(status).toBe(0);
    expect(json.errors).toEqual([]);
    expect(json.warnings).toContainEqual(expect.objectContaining({ id: 'copy-from-later-stage', builder: 'classic', line: 2, column: 6 }));
  });
});

it(
  '--build-arg VARIANT=full selects the base stage in FROM base-${VARIANT}',
  () => {
    const slim = planJson([variants]);
    expect(stageNames(slim.json)).toEqual(['base-slim', 'final']);
    const full = planJson([variants, '--build-arg', 'VARIANT=full']);
    expect(full.status).toBe(0);
    expect(stageNames(full.json)).toEqual(['base-full', 'final']);
  },
  PROCESS_TEST_TIMEOUT,
);

it(
  'reads the Dockerfile from standard input with -',
  () => {
    const { status, json } = planJson(['-', '--target', 'test'], THREE_STAGES);
    expect(status).toBe(0);
    expect(stageNames(json)).toEqual(['base', 'test']);

    const text = spawnCli(['check', '-', '--target', 'nope'], { input: THREE_STAGES });
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/^<stdin>:7:1 {2}error {2}target stage "nope" could not be found$/m);
  },
  PROCESS_TEST_TIMEOUT,
);

describe('usage errors exit 2', { timeout: PROCESS_TEST_TIMEOUT }, () => {
  it('a missing file', () => expectUsageError(['plan', 'does-not-exist/Dockerfile'], /^stagecraft: no such file: "does-not-exist\/Dockerfile"$/));
  it('an unknown option', () => expectUsageError(['plan', threeStages, '--tagret', 'prod'], /unknown option --tagret/));
  it('a bad --builder', () => expectUsageError(['plan', threeStages, '--builder', 'legacy'], /--builder must be buildkit or classic, not "legacy"/));
  it('--build-arg without =', () =>
    expectUsageError(
      ['plan', threeStages, '--build-arg', 'VARIANT'],
      /--build-arg VARIANT has no value: docker build would take VARIANT from your environment, but stagecraft cannot/,
    ));
});

it(
  'check --json lists every diagnostic with its position and sources',
  () => {
    const result = spawnCli(['check', copyFromLater, '--json', '--builder', 'classic', '--build-arg', 'UNUSED=1']);
    expect(result.status).toBe(0);
    const { diagnostics } = JSON.parse(result.stdout);
    expect(dockerOnly(diagnostics)).toEqual([
      {
        id: 'copy-from-later-stage',
        severity: 'warning',
        message: expect.stringContaining('--from=assets'),
        hint: expect.any(String),
        line: 2,
        column: 6,
        endLine: 2,
        endColumn: 19, // just after `--from=assets`
        builder: 'classic',
        sources: {},
      },
    ]);
  },
  PROCESS_TEST_TIMEOUT,
);

it(
  'prints a readable plan report',
  () => {
    const result = spawnCli(['plan', copyFromLater, '--target', 'build']);
    expect(result.status).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines).toContain('Engine:     Docker 28.5 (the default)');
    expect(lines).toContain('Builder:    BuildKit (the default)');
    expect(lines).toContain('Target:     build');
    expect(lines).toContain('Result:     Docker refuses this build (1 error)');
    expect(lines).toContain(`${copyFromLater}:2:6  error  cannot copy from stage "assets", it needs to be defined before current stage "build"`);
    expect(lines).toContainEqual(expect.stringMatching(/^ {4}hint: Stage "assets" comes after "build"/));
    expect(result.stdout).not.toContain('\x1b[');
  },
  PROCESS_TEST_TIMEOUT,
);

describe('the launcher on a Node that cannot strip types', { timeout: PROCESS_TEST_TIMEOUT }, () => {
  it('refuses in one sentence, exit 2 (Node 24 with type stripping turned off)', () => {
    const result = spawnCli(['plan', threeStages], { nodeFlags: ['--no-experimental-strip-types'] });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^stagecraft: this Node\.js \(v\d+[^)]*\) cannot run TypeScript .* `npx stagecraft \.\.\.` uses the project's pinned Node 24\.$/m,
    );
  });

  it('decides from process.features.typescript, else from the version', () => {
    expect(typeStrippingSupport('v20.11.1', {}).ok).toBe(false);
    expect(typeStrippingSupport('v18.20.0', undefined).ok).toBe(false);
    expect(typeStrippingSupport('v22.17.1', {}).ok).toBe(false);
    expect(typeStrippingSupport('v22.12.0', { typescript: false }).ok).toBe(false);
    expect(typeStrippingSupport('v23.5.0', {}).ok).toBe(false);
    expect(typeStrippingSupport('v22.18.0', {}).ok).toBe(true);
    expect(typeStrippingSupport('v23.6.0', {}).ok).toBe(true);
    expect(typeStrippingSupport('v22.6.0', { typescript: 'strip' }).ok).toBe(true);
    expect(typeStrippingSupport('v24.21.0', { typescript: 'strip' })).toEqual({ ok: true, message: '' });
    expect(typeStrippingSupport('v20.11.1', {}).message).toContain('npx stagecraft');
  });
});
