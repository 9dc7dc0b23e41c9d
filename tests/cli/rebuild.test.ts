// `stagecraft rebuild` on real folders: as a real process (the launcher under the project's
// Node) for the main paths, and in-process (run(), same code after the launcher) for the many
// option combinations, which would each cost a Node start-up.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from './cli-helpers.ts';

/** A Node start-up on a busy 2-core machine takes seconds; each process test gets its own budget. */
const PROCESS = { timeout: 60_000 };

const DOCKERFILE = `FROM node:22 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

FROM deps AS build
COPY . .
RUN npm run build

FROM build AS test
RUN npm test

FROM node:22-alpine AS runtime
WORKDIR /srv
ARG VERSION=dev
COPY --from=build /app/dist ./dist
RUN echo "$VERSION" > version.txt
CMD ["node", "dist/server.js"]
`;

let root: string;

function write(path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

function rebuild(...args: string[]) {
  return spawnCli(['rebuild', join(root, 'Dockerfile'), '--context', root, ...args]);
}

function rebuildInProcess(...args: string[]) {
  return runCli(['rebuild', join(root, 'Dockerfile'), '--context', root, ...args]);
}

interface Json {
  builder: string;
  engine: string;
  target: string | null;
  fails: boolean;
  steps: Array<{ index: number; stage: string | null; line: number; instruction: string; cached: boolean; reason: string; outcome: string }>;
  skipped: Array<{ index: number; stage: string | null; reason: string }>;
}

function parsed(result: { status: number | null; stdout: string; stderr: string }): Json {
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Json;
}

async function json(...args: string[]): Promise<Json> {
  return parsed(await rebuildInProcess(...args, '--json'));
}

const rerun = (data: Json) => data.steps.filter((s) => !s.cached).map((s) => s.line);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'stagecraft-rebuild-'));
  write('Dockerfile', DOCKERFILE);
  write('.dockerignore', 'node_modules\n*.md\n');
  write('package.json', '{"name":"app"}\n');
  write('package-lock.json', '{"lockfileVersion":3}\n');
  write('src/server.js', 'console.log(1)\n');
  write('src/routes.js', 'export const routes = []\n');
  write('README.md', '# app\n');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('stagecraft rebuild', () => {
  it('--json lists every step with its stage index, name, line, instruction, verdict and reason', PROCESS, () => {
    const data = parsed(rebuild('--changed', join(root, 'src/routes.js'), '--json'));
    expect(data).toMatchObject({ builder: 'buildkit', engine: '28.5', target: 'runtime', fails: false });
    expect(data.steps.find((s) => s.line === 7)).toEqual({
      index: 1,
      stage: 'build',
      line: 7,
      instruction: 'COPY . .',
      cached: false,
      reason: 'src/routes.js changed',
      outcome: 'runs',
    });
    expect(data.steps.find((s) => s.line === 4)).toMatchObject({ index: 0, stage: 'deps', instruction: 'RUN npm ci', cached: true });
    expect(rerun(data)).toEqual([7, 8, 16, 17]);
    expect(data.skipped).toEqual([{ index: 2, stage: 'test', reason: 'the target runtime does not need it, so BuildKit does not build it' }]);
  });

  it('takes --changed relative to the context too, and honours .dockerignore', async () => {
    expect(rerun(await json('--changed', 'src/routes.js'))).toEqual([7, 8, 16, 17]);
    expect(rerun(await json('--changed', 'README.md'))).toEqual([]);
  });

  it('a path that no longer exists is a removed file', async () => {
    const data = await json('--changed', 'src/old.js');
    expect(data.steps.find((s) => s.line === 7)?.reason).toBe('src/old.js is gone');
  });

  it('compares build arguments with --previous-build-arg, and --target with the classic builder', async () => {
    const data = await json('--build-arg', 'VERSION=1.4.0', '--previous-build-arg', 'VERSION=1.3.0');
    expect(rerun(data)).toEqual([17]);
    expect(data.steps.find((s) => s.line === 17)?.reason).toBe('VERSION 1.3.0 → 1.4.0: BuildKit keys RUN on every ARG and ENV value in scope, used or not');
    const unset = await json('--build-arg', 'VERSION=1.4.0', '--previous-build-arg', 'VERSION');
    expect(unset.steps.find((s) => s.line === 17)?.reason).toMatch(/^VERSION dev → 1\.4\.0/);
    const classic = await json('--changed', 'package.json', '--builder', 'classic', '--target', 'test', '--engine', '26.1');
    expect(classic).toMatchObject({ builder: 'classic', engine: '26.1', target: 'test' });
    expect(rerun(classic)).toEqual([3, 4, 6, 7, 8, 10, 11]);
  });

  it('an edited line and --no-cache', async () => {
    expect(rerun(await json('--edited-line', '8'))).toEqual([7, 8, 16, 17]);
    const noCache = await json('--no-cache');
    expect(noCache.steps.filter((s) => s.cached).map((s) => s.instruction)).toEqual(['WORKDIR /app', 'WORKDIR /srv']);
    expect((await json('--no-cache', '--builder', 'classic')).steps.every((s) => !s.cached)).toBe(true);
  });

  it('a previous Dockerfile with a line fewer', async () => {
    write('old/Dockerfile', DOCKERFILE.replace('RUN echo "$VERSION" > version.txt\n', ''));
    const data = await json('--previous-dockerfile', join(root, 'old/Dockerfile'));
    expect(data.steps.filter((s) => !s.cached).map((s) => s.instruction)).toEqual([
      'COPY . .',
      'RUN npm run build',
      'COPY --from=build /app/dist ./dist',
      'RUN echo "$VERSION" > version.txt',
    ]);
  });

  it('prints a report by stage', PROCESS, () => {
    const result = rebuild('--changed', 'src/server.js');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Rebuild of ${join(root, 'Dockerfile')} with BuildKit (Docker 28.5), after src/server.js changed`);
    expect(result.stdout).toMatch(/line {3}7 {2}COPY \. \. +RUNS +src\/server\.js changed/);
    expect(result.stdout).toContain('test: not built (the target runtime does not need it, so BuildKit does not build it)');
    expect(result.stdout).toContain('4 steps run again, 6 come from the cache.');
  });

  it('reads the Dockerfile from standard input', PROCESS, () => {
    const result = spawnCli(['rebuild', '-', '--context', root, '--changed', 'src/routes.js', '--json'], { input: DOCKERFILE });
    expect(result.status).toBe(0);
    expect(rerun(JSON.parse(result.stdout) as Json)).toEqual([7, 8, 16, 17]);
  });

  it('exits 1 when Docker would refuse the build', PROCESS, () => {
    const result = rebuild('--target', 'nope');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('The build fails before any step runs: target stage "nope" could not be found');
  });

  it('explains usage mistakes with the synopsis, exit 2', async () => {
    for (const [args, message] of [
      [['--engine', '27'], '--engine must be 28.5 or 26.1'],
      [['--frobnicate'], 'unknown option --frobnicate for rebuild'],
      [['--build-arg', 'VERSION'], '--build-arg VERSION has no value'],
      [['--edited-line', 'two'], '--edited-line takes a line number'],
      [['--changed', '/etc/passwd'], 'is not in the build context'],
    ] as const) {
      const result = await rebuildInProcess(...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toContain(message);
    }
    const missing = await runCli(['rebuild']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('missing Dockerfile');
    expect(missing.stderr).toContain('usage: stagecraft rebuild <Dockerfile>');
    const noFolder = await runCli(['rebuild', join(root, 'Dockerfile'), '--context', join(root, 'nowhere')]);
    expect(noFolder.status).toBe(2);
    expect(noFolder.stderr).toContain('no such build context folder');
  });

  it('has its own help, listed in the general help', PROCESS, async () => {
    const process = spawnCli(['help', 'rebuild']);
    expect(process.status).toBe(0);
    expect(process.stdout).toMatch(/^Usage: stagecraft rebuild <Dockerfile>/);
    for (const args of [
      ['rebuild', '--help'],
      ['help', 'rebuild'],
    ]) {
      const result = await runCli(args);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^Usage: stagecraft rebuild <Dockerfile>/);
      expect(result.stdout).toContain('--previous-build-arg');
    }
    expect((await runCli(['--help'])).stdout).toContain('rebuild <Dockerfile> Which steps come from the build cache');
  });
});
