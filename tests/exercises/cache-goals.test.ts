// The cache goals (cache-keeps, cache-reruns): their schema, how a selector picks steps, and
// what they say about real Dockerfiles, with details in the cache model's words; the loader's
// check that a change names files of the build context.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { exerciseSchema } from '../../src/content/exercise-schema.ts';
import { matchesPattern } from '../../src/exercises/cache-goals.ts';
import { evaluateGoals } from '../../src/exercises/goal-engine.ts';
import { evaluate, hasCacheGoals } from '../../src/exercises/goals.ts';
import { EXERCISES_DIR, exerciseIds, loadExercise, loadExerciseDir, loadExercises } from '../../src/exercises/load.ts';
import { roomExerciseFiles } from '../../src/lib/rooms/catalog.ts';
import { roomExercise } from '../../src/lib/rooms/catalog-build.ts';
import type { GoalResult, GoalSpec } from '../../src/exercises/types.ts';

type CacheGoalInput = Omit<Extract<GoalSpec, { kind: 'cache-keeps' | 'cache-reruns' }>, 'id' | 'statement' | 'failure' | 'hints'>;

const NODE_FILES = { 'package.json': '{}', 'package-lock.json': '{}', 'src/app.js': '', 'src/server.js': '', 'README.md': '' };

function check(goal: CacheGoalInput, text: string, files: Record<string, string> = NODE_FILES): GoalResult {
  const spec = { id: 'goal', statement: 'The goal holds.', failure: 'The goal fails.', hints: ['Do the thing.'], ...goal } as GoalSpec;
  const evaluation = evaluate({ goals: [spec], files }, text);
  expect(evaluation.complete).toBe(evaluation.goals[0]!.passed);
  return evaluation.goals[0]!;
}

const COPY_ALL_FIRST = `FROM node:22 AS build
WORKDIR /app
COPY . .
RUN npm ci
RUN npm run build
`;

const MANIFESTS_FIRST = `FROM node:22 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build
`;

const keepsInstall: CacheGoalInput = { kind: 'cache-keeps', change: { edited: ['src/app.js'] }, steps: { instruction: ['RUN npm ci'] } };

describe('cache-keeps', () => {
  it('passes when the install comes before the sources', () => {
    expect(check(keepsInstall, MANIFESTS_FIRST)).toMatchObject({ passed: true, detail: '' });
  });

  it('fails when COPY . . comes first, tracing the re-run to the step that copied the edit', () => {
    expect(check(keepsInstall, COPY_ALL_FIRST).detail).toBe(
      'The goal fails. Line 4 `RUN npm ci` runs again because line 3 `COPY . .` ran before it: src/app.js changed.',
    );
  });

  it('names a re-run with a reason of its own in the model’s words, and the selected steps after it', () => {
    const text = `FROM golang:1.23 AS build
ARG VERSION=dev
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
RUN go build -o /out/api .
`;
    const goal: CacheGoalInput = {
      kind: 'cache-keeps',
      change: { previousBuildArgs: { VERSION: '1.3.0' }, buildArgs: { VERSION: '1.4.0' } },
      steps: { stage: 'build' },
    };
    expect(check(goal, text, { 'go.mod': '', 'go.sum': '', 'main.go': '' }).detail).toBe(
      'The goal fails. Line 5 `RUN go mod download` runs again: VERSION 1.3.0 → 1.4.0: BuildKit keys RUN on every ARG and ENV value in scope, used or not. So line 6 `RUN go build -o /out/api .` runs again too.',
    );
  });

  it('keeps a step of every stage the selector picks: a stage the target does not build fails, saying so', () => {
    const text = `FROM node:22 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

FROM node:22 AS other
RUN echo unrelated
`;
    expect(check({ ...keepsInstall, steps: { stage: 'deps' } }, text).detail).toMatch(
      /^The goal fails\. This build does not build stage deps: the target other does not need it/,
    );
    expect(check({ ...keepsInstall, steps: { stage: 'deps' }, target: 'deps' }, text)).toMatchObject({ passed: true });
  });

  it('fails when no step matches yet', () => {
    expect(check({ ...keepsInstall, steps: { instruction: ['RUN yarn install'] } }, MANIFESTS_FIRST).detail).toBe(
      'The goal fails. The build has no step `RUN yarn install` yet.',
    );
  });

  it('does not count a step cached only on the assumption that a re-run step made the same files', () => {
    // ARG VERSION reaches build's RUN; final's COPY --from=build is cached only if that RUN wrote
    // the same file again (recorded in tests/fixtures/cache/arg-unused-run-same-output).
    const text = `FROM alpine:3.20 AS build
ARG VERSION=dev
RUN echo built > /out.txt

FROM alpine:3.20 AS final
COPY --from=build /out.txt /out.txt
`;
    const goal: CacheGoalInput = {
      kind: 'cache-keeps',
      change: { previousBuildArgs: { VERSION: '1' }, buildArgs: { VERSION: '2' } },
      steps: { instruction: ['COPY /out.txt'] },
    };
    expect(check(goal, text, {}).detail).toMatch(
      /^The goal fails\. Line 6 `COPY --from=build \/out\.txt \/out\.txt` comes from the cache only if the steps that ran again before it .*make the same files as last time/,
    );
  });

  it('fails, saying where, when the build with the goal’s build arguments fails', () => {
    const text = `ARG BASE=node:22
FROM \${BASE} AS build
COPY package.json ./
RUN npm ci
`;
    const goal: CacheGoalInput = {
      kind: 'cache-keeps',
      change: { previousBuildArgs: { BASE: 'node:22' }, buildArgs: { BASE: '' } },
      steps: { instruction: ['RUN npm ci'] },
    };
    const result = check(goal, text);
    expect(result.passed).toBe(false);
    expect(result.detail).toMatch(/^The goal fails\. \(The build with these build arguments fails, line 2: /);
  });

  it('fails while the scope does not build, as the other image goals do', () => {
    expect(check({ ...keepsInstall, target: 'prod' }, MANIFESTS_FIRST).detail).toMatch(/no stage is named "prod"/);
  });

  it('follows .dockerignore from the exercise’s files: an ignored file changes nothing', () => {
    const files = { ...NODE_FILES, '.dockerignore': '*.md\n' };
    const goal: CacheGoalInput = { kind: 'cache-keeps', change: { edited: ['README.md'] }, steps: { stage: 'build' } };
    expect(check(goal, COPY_ALL_FIRST, files)).toMatchObject({ passed: true });
    expect(check(goal, COPY_ALL_FIRST).detail).toMatch(
      /Line 3 `COPY \. \.` runs again: README\.md changed\. So line 4 `RUN npm ci` and line 5 `RUN npm run build` run again too\./,
    );
  });

  it('uses the classic builder’s rules with builder: classic: it builds a stage above the target that BuildKit skips', () => {
    const text = `FROM node:22 AS test
COPY . .
RUN npm test

FROM node:22 AS prod
COPY package.json package-lock.json ./
RUN npm ci
`;
    const goal: CacheGoalInput = { kind: 'cache-reruns', change: { edited: ['src/app.js'] }, steps: { stage: 'test' } };
    expect(check(goal, text).detail).toMatch(/This build does not build stage test/);
    expect(check({ ...goal, builder: 'classic' }, text)).toMatchObject({ passed: true });
  });
});

describe('cache-reruns', () => {
  const rerunsInstall: CacheGoalInput = { kind: 'cache-reruns', change: { edited: ['package-lock.json'] }, steps: { instruction: ['RUN npm ci'] } };

  it('passes when the change reaches the step', () => {
    expect(check(rerunsInstall, MANIFESTS_FIRST)).toMatchObject({ passed: true });
  });

  it('fails when the step does not see the changed file, with the model’s reason', () => {
    const text = MANIFESTS_FIRST.replace('COPY package.json package-lock.json ./', 'COPY package.json ./');
    expect(check(rerunsInstall, text).detail).toBe('The goal fails. Line 4 `RUN npm ci` comes from the cache: nothing it depends on changed.');
  });

  it('needs only one of the picked steps to run again', () => {
    const goal: CacheGoalInput = { kind: 'cache-reruns', change: { edited: ['src/app.js'] }, steps: { stage: 'build' } };
    expect(check(goal, MANIFESTS_FIRST)).toMatchObject({ passed: true });
    expect(check({ ...goal, change: { removed: ['src/server.js'] } }, MANIFESTS_FIRST)).toMatchObject({ passed: true });
    const noSources = MANIFESTS_FIRST.replace('COPY . .\n', '');
    expect(check(goal, noSources).detail).toMatch(
      /^The goal fails\. None of the 5 steps it is about runs again; the first, line 1 `FROM node:22 AS build` comes from the cache/,
    );
  });

  it('sees a build argument only where the stage declares it', () => {
    const late = `ARG VERSION=dev
FROM golang:1.23 AS build
COPY . .
ARG VERSION
RUN go build -ldflags "-X main.version=$VERSION" .
`;
    const goal: CacheGoalInput = {
      kind: 'cache-reruns',
      change: { previousBuildArgs: { VERSION: '1.3.0' }, buildArgs: { VERSION: '1.4.0' } },
      steps: { instruction: ['RUN go build'] },
    };
    expect(check(goal, late, {})).toMatchObject({ passed: true });
    expect(check(goal, late.replace('ARG VERSION\n', ''), {}).passed).toBe(false);
  });
});

describe('matchesPattern', () => {
  const first = (text: string) => analyze(`FROM alpine:3.20\n${text}\n`).instructions[1]!;

  it.each([
    ['RUN npm ci', 'RUN npm ci'],
    ['RUN npm ci', 'run --mount=type=cache,target=/root/.npm npm ci --omit=dev && npm cache clean --force'],
    ['RUN npm ci', 'RUN ["npm", "ci"]'],
    ['RUN npm ci', 'RUN <<EOF\nset -e\nnpm ci\nEOF'],
    ['RUN pip install requirements.txt', 'RUN /venv/bin/pip install --no-cache-dir -r ./requirements.txt'],
    ['RUN go build', 'RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api'],
    ['copy . .', 'COPY --chown=node . .'],
    ['COPY', 'COPY package.json ./'],
  ])('%s matches %s', (pattern, text) => {
    expect(matchesPattern(first(text), pattern)).toBe(true);
  });

  it.each([
    ['RUN npm ci', 'RUN npm install'],
    ['RUN npm ci', 'RUN npm run ci-lint'],
    ['RUN npm ci', 'COPY npm ci'],
    ['RUN go build', 'RUN build go'],
    ['RUN pip install app/requirements.txt', 'RUN pip install -r requirements.txt'],
  ])('%s does not match %s', (pattern, text) => {
    expect(matchesPattern(first(text), pattern)).toBe(false);
  });
});

describe('cache goal schema', () => {
  const goal = {
    id: 'keeps',
    kind: 'cache-keeps',
    statement: 'S.',
    failure: 'F.',
    hints: ['H.'],
    change: { edited: ['src/app.js'] },
    steps: { instruction: 'RUN npm ci' },
  };
  const exercise = (g: Record<string, unknown>) => ({ id: 'x', title: 'T', lesson: 'advanced-builds', task: 'Do it.', goals: [g], hints: ['One.', 'Two.'] });

  function issues(g: Record<string, unknown>): string {
    const result = exerciseSchema.safeParse(exercise(g));
    return result.success ? '' : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n');
  }

  it('accepts a goal, turning one instruction pattern into a list', () => {
    const result = exerciseSchema.parse(exercise(goal));
    expect(result.goals[0]).toMatchObject({ kind: 'cache-keeps', steps: { instruction: ['RUN npm ci'] } });
    expect(
      issues({ ...goal, kind: 'cache-reruns', target: 'build', builder: 'classic', steps: { stage: 'build', instruction: ['RUN npm ci', 'RUN npm install'] } }),
    ).toBe('');
    expect(issues({ ...goal, change: { previousBuildArgs: { VERSION: '1.3.0' }, buildArgs: { VERSION: '1.4.0' } } })).toBe('');
  });

  it.each([
    ['no change', { change: undefined }, /change is required/],
    ['a change that changes nothing', { change: {} }, /change must say what changed/],
    ['the same build arguments before and after', { change: { previousBuildArgs: { V: '1' }, buildArgs: { V: '1' } } }, /change must say what changed/],
    ['a path outside the context', { change: { edited: ['../secret'] } }, /"\.\.\/secret" must be a path inside the build context/],
    ['an absolute path', { change: { removed: ['/etc/passwd'] } }, /must be a path inside the build context/],
    ['a file named twice', { change: { edited: ['a.js'], removed: ['a.js'] } }, /change names "a\.js" twice/],
    ['a misspelt change field', { change: { edit: ['a.js'] } }, /change/],
    ['a number as a build argument value', { change: { previousBuildArgs: { V: 1.3 }, buildArgs: { V: '1.4' } } }, /must be a string \(quote numbers/],
    ['a bad build argument name', { change: { previousBuildArgs: { 'A-B': '1' } } }, /"A-B" is not a build argument name/],
    ['no steps', { steps: undefined }, /steps is required/],
    ['empty steps', { steps: {} }, /steps needs a stage, an instruction pattern, or both/],
    ['a pattern without a keyword', { steps: { instruction: 'npm ci' } }, /steps\.instruction "npm ci" must start with an instruction keyword/],
    ['an empty pattern list', { steps: { instruction: [] } }, /steps\.instruction/],
    ['a stage name that is not one', { steps: { stage: 'Build Stage' } }, /is not a lower-case stage name/],
  ])('refuses %s, saying what is wrong', (_what, patch, message) => {
    expect(issues({ ...goal, ...patch })).toMatch(message);
  });

  it('lists the cache kinds among the goal kinds', () => {
    expect(issues({ ...goal, kind: 'cache-kept' })).toMatch(/use one of: .*cache-keeps, cache-reruns/);
  });
});

describe('the loader’s check of a cache goal’s files', () => {
  function withChange(change: string): () => unknown {
    const root = mkdtempSync(join(tmpdir(), 'cache-goals-'));
    const dir = join(root, 'cache-npm-ci');
    cpSync(join(EXERCISES_DIR, 'cache-npm-ci'), dir, { recursive: true });
    const yaml = readFileSync(join(dir, 'exercise.yaml'), 'utf8');
    writeFileSync(join(dir, 'exercise.yaml'), yaml.replace('edited: [package-lock.json]', change));
    return () => {
      try {
        return loadExerciseDir(dir);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    };
  }

  it('refuses an edited file that files/ does not have', () => {
    expect(withChange('edited: [package-lock.jsn]')).toThrow(/goal "lock-edit-reruns-npm-ci": change names package-lock\.jsn, which is not a file of files\//);
  });

  it('refuses an added file that files/ already has', () => {
    expect(withChange('added: [package-lock.json]')).toThrow(/change adds package-lock\.json, which files\/ already has/);
  });

  it('accepts a new file, and the Dockerfile itself', () => {
    expect(withChange('added: [src/metrics.ts]')).not.toThrow();
    expect(withChange('edited: [Dockerfile]')).not.toThrow();
  });
});

describe('cache goals in a room', () => {
  it('judge the exercises the same on the room board as in the workbench (the catalog carries the context’s paths)', () => {
    const titles = new Map<string, string>();
    for (const exercise of loadExercises().filter((e) => e.goals.some((g) => g.kind === 'cache-keeps' || g.kind === 'cache-reruns'))) {
      const room = roomExercise(exercise, titles);
      expect(room.contextFiles).toEqual(Object.keys(exercise.files));
      for (const text of [exercise.starter, exercise.solution]) {
        const states = (files: Record<string, string>) => evaluate({ goals: room.goals, files }, text).goals.map((g) => `${g.id}: ${g.passed}`);
        expect(states(roomExerciseFiles(room))).toEqual(states(exercise.files));
      }
    }
  });
});

describe('the goal engine without the cache goals’ checker (the browser loads it only for exercises with cache goals)', () => {
  it('knows which exercises need it', () => {
    const withCache = exerciseIds().filter((id) => hasCacheGoals(loadExercise(id)));
    expect(withCache.sort()).toEqual(['cache-go-version', 'cache-npm-ci', 'cache-python-base']);
  });

  it('never passes a cache goal it cannot check, and judges every other goal as the full engine does', () => {
    const exercise = loadExercise('cache-npm-ci');
    const full = evaluate(exercise, exercise.solution);
    const without = evaluateGoals(exercise, exercise.solution, null);
    expect(full.complete).toBe(true);
    expect(without.complete).toBe(false);
    const isCache = exercise.goals.map((goal) => goal.kind === 'cache-keeps' || goal.kind === 'cache-reruns');
    expect(isCache).toContain(true);
    expect(without.goals.map((goal) => goal.passed)).toEqual(full.goals.map((goal, i) => goal.passed && !isCache[i]));
    expect(without.goals.filter((_, i) => isCache[i]).map((goal) => goal.detail)).toEqual(
      exercise.goals
        .filter((_, i) => isCache[i])
        .map((goal) => expect.stringMatching(new RegExp(`^${goal.failure.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(The build cache model is not loaded`))),
    );
  });
});
