// The cache model's behaviour, case by case, with the reasons it gives. What Docker really does
// is in tests/analyzer/cache-recordings.test.ts; these tests pin the model's API and wording.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheChoices, editedLines, predictCache, type CacheInput, type CachePrediction, type StepVerdict } from '../../src/analyzer/cache/index.ts';

const NODE_FILES = ['Dockerfile', '.dockerignore', 'package.json', 'package-lock.json', 'src/server.js', 'src/routes.js', 'README.md'];

const MANIFESTS_FIRST = `FROM node:22 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build
`;

const COPY_ALL_FIRST = `FROM node:22 AS build
WORKDIR /app
COPY . .
RUN npm ci
RUN npm run build
`;

function predict(dockerfile: string, input: Partial<CacheInput> = {}): CachePrediction {
  return predictCache({ dockerfile, context: { files: NODE_FILES, dockerignore: 'node_modules\n' }, ...input });
}

function at(prediction: CachePrediction, line: number): StepVerdict {
  const step = prediction.steps.find((s) => s.line === line);
  if (!step) throw new Error(`no step at line ${line}: ${prediction.steps.map((s) => s.line).join(', ')}`);
  return step;
}

/** Lines of the steps that run, in order. */
function runs(prediction: CachePrediction): number[] {
  return prediction.steps.filter((s) => !s.cached).map((s) => s.line);
}

describe('files of the build context', () => {
  it('a source edit re-runs COPY . . and what follows, not an install copied before it', () => {
    const p = predict(MANIFESTS_FIRST, { change: { edited: ['src/routes.js'] } });
    expect(runs(p)).toEqual([5, 6]);
    expect(at(p, 3).reason).toBe('the files it copies did not change');
    expect(at(p, 5).reason).toBe('src/routes.js changed');
    expect(at(p, 5).causes).toEqual([{ kind: 'files', paths: ['src/routes.js'] }]);
    expect(at(p, 6).causes).toEqual([{ kind: 'parent', line: 5 }]);
  });

  it('with COPY . . first, the same edit re-runs the install', () => {
    expect(runs(predict(COPY_ALL_FIRST, { change: { edited: ['src/routes.js'] } }))).toEqual([3, 4, 5]);
  });

  it('a lock file edit re-runs the manifests COPY and everything after it', () => {
    const p = predict(MANIFESTS_FIRST, { change: { edited: ['package-lock.json'] } });
    expect(runs(p)).toEqual([3, 4, 5, 6]);
    expect(at(p, 3).reason).toBe('package-lock.json changed');
  });

  it('a file left out by .dockerignore changes nothing', () => {
    const p = predictCache({ dockerfile: MANIFESTS_FIRST, context: { files: NODE_FILES, dockerignore: '*.md\n' }, change: { edited: ['README.md'] } });
    expect(runs(p)).toEqual([]);
  });

  it('an added and a removed file are named as such', () => {
    const p = predict(MANIFESTS_FIRST, {
      context: { files: [...NODE_FILES.filter((f) => f !== 'src/routes.js'), 'src/metrics.js'] },
      change: { added: ['src/metrics.js'], removed: ['./src/routes.js'] },
    });
    expect(at(p, 5).reason).toBe('src/metrics.js is new, src/routes.js is gone');
  });

  it('wildcards and folders select the files under them', () => {
    const dockerfile = 'FROM node:22\nCOPY package*.json ./\nCOPY src/ ./src/\nCOPY s?c/*.js /x/\n';
    expect(runs(predict(dockerfile, { change: { edited: ['package-lock.json'] } }))).toEqual([2, 3, 4]);
    expect(runs(predict(dockerfile, { change: { edited: ['src/server.js'] } }))).toEqual([3, 4]);
  });

  it('editing .dockerignore changes what COPY . . copies: the file itself, and what it leaves out', () => {
    const p = predictCache({
      dockerfile: MANIFESTS_FIRST,
      context: { files: NODE_FILES, dockerignore: 'node_modules\n*.md\n' },
      change: { previousDockerignore: 'node_modules\n' },
    });
    expect(at(p, 5).reason).toBe('.dockerignore changed, README.md is gone');
    expect(runs(p)).toEqual([5, 6]);
  });
});

describe('editing the Dockerfile', () => {
  const edited = MANIFESTS_FIRST.replace('npm run build', 'npm run build -- --minify');

  it('an edited instruction runs again, and so does COPY . ., which copies the Dockerfile', () => {
    const p = predict(edited, { change: { editedLines: [6] } });
    expect(runs(p)).toEqual([5, 6]);
    expect(at(p, 5).reason).toBe('Dockerfile changed');
    expect(at(p, 6).reason).toBe('line 6 was edited; the step before it (line 5) ran again');
  });

  it('with the Dockerfile in .dockerignore, only the edited step runs', () => {
    const p = predict(edited, { context: { files: NODE_FILES, dockerignore: 'Dockerfile\n' }, change: { editedLines: [6] } });
    expect(runs(p)).toEqual([6]);
  });

  it('editedLines and previousDockerfile say the same thing', () => {
    expect(editedLines(MANIFESTS_FIRST, edited)).toEqual([6]);
    const byLines = predict(edited, { change: { editedLines: [6] } });
    const byText = predict(edited, { change: { previousDockerfile: MANIFESTS_FIRST } });
    expect(byText.steps.map((s) => [s.line, s.outcome, s.reason])).toEqual(byLines.steps.map((s) => [s.line, s.outcome, s.reason]));
  });

  it('editedLines is null when lines were added, and the previous Dockerfile then works', () => {
    const longer = MANIFESTS_FIRST.replace('COPY . .\n', 'COPY . .\nRUN npm run lint\n');
    expect(editedLines(MANIFESTS_FIRST, longer)).toBeNull();
    const p = predict(longer, { context: { files: NODE_FILES, dockerignore: 'Dockerfile\n' }, change: { previousDockerfile: MANIFESTS_FIRST } });
    expect(runs(p)).toEqual([6, 7]);
  });

  const LABELLED = `FROM node:22 AS build
LABEL version=1.0
WORKDIR /app
COPY package.json ./
RUN npm ci
`;
  const relabelled = LABELLED.replace('1.0', '1.1');

  it('a LABEL edit runs nothing with BuildKit, but everything after it with the classic builder', () => {
    const context = { files: ['Dockerfile', 'package.json'], dockerignore: 'Dockerfile\n' };
    expect(runs(predictCache({ dockerfile: relabelled, context, change: { editedLines: [2] } }))).toEqual([]);
    const classic = predictCache({ dockerfile: relabelled, context, builder: 'classic', change: { editedLines: [2] } });
    expect(runs(classic)).toEqual([2, 3, 4, 5]);
  });
});

describe('build arguments', () => {
  const late = `FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/api ./cmd/api
ARG VERSION=dev
RUN echo "$VERSION" > /out/version
`;
  const early = `FROM golang:1.23 AS build
ARG VERSION=dev
WORKDIR /src
COPY . .
RUN go build -o /out/api ./cmd/api
RUN echo "$VERSION" > /out/version
`;
  const change = { previousBuildArgs: { VERSION: '1.3.0' } };

  it('an ARG declared late re-runs only the steps after it', () => {
    const p = predict(late, { buildArgs: { VERSION: '1.4.0' }, change });
    expect(runs(p)).toEqual([6]);
    expect(at(p, 6).reason).toBe('VERSION 1.3.0 → 1.4.0: BuildKit keys RUN on every ARG and ENV value in scope, used or not');
  });

  it('an ARG declared early re-runs the first RUN after it, which does not use it, and all that follows', () => {
    const p = predict(early, { buildArgs: { VERSION: '1.4.0' }, change });
    expect(runs(p)).toEqual([5, 6]);
    expect(at(p, 4).reason).toBe("ARG or ENV values changed above it, but a COPY step's key does not include them");
  });

  it('the classic builder keeps the ARG step itself cached', () => {
    const p = predict(early, { buildArgs: { VERSION: '1.4.0' }, change, builder: 'classic' });
    expect(runs(p)).toEqual([5, 6]);
    expect(at(p, 2).cached).toBe(true);
    expect(at(p, 5).reason).toBe('VERSION 1.3.0 → 1.4.0: the classic builder keys RUN on every build argument in scope, used or not');
  });

  it('a global ARG no stage declares reaches no step', () => {
    const global = `ARG VERSION=dev\n${late.replace('ARG VERSION=dev\n', '')}`;
    expect(runs(predict(global, { buildArgs: { VERSION: '1.4.0' }, change }))).toEqual([]);
  });

  it('an unset value is shown as unset', () => {
    const p = predict(late, { buildArgs: { VERSION: '1.4.0' }, change: { previousBuildArgs: {} } });
    expect(at(p, 6).reason).toMatch(/^VERSION dev → 1\.4\.0/);
    const q = predict('FROM alpine:3.20\nARG TOKEN\nRUN echo hi\n', { buildArgs: { TOKEN: 'x' }, change: { previousBuildArgs: {} } });
    expect(at(q, 3).reason).toMatch(/^TOKEN unset → x/);
  });

  it('a global ARG in FROM that names another image re-runs the whole stage', () => {
    const dockerfile = 'ARG NODE=22\nFROM node:${NODE} AS build\nWORKDIR /app\nRUN npm ci\n';
    const p = predict(dockerfile, { buildArgs: { NODE: '24' }, change: { previousBuildArgs: {} } });
    expect(runs(p)).toEqual([2, 3, 4]);
    expect(at(p, 2).causes).toEqual([{ kind: 'base', previous: 'node:22', current: 'node:24' }]);
  });
});

describe('stages', () => {
  const FAN_IN = `FROM node:22 AS frontend
WORKDIR /web
COPY web/ ./
RUN npm run build

FROM golang:1.23 AS backend
WORKDIR /api
COPY api/ ./
RUN go build -o /out/server

FROM alpine:3.20 AS final
COPY --from=backend /out/server /srv/server
COPY --from=frontend /web/dist /srv/public
`;
  const files = ['web/app.js', 'api/main.go'];

  it('an edit in one stage does not rebuild another', () => {
    const p = predictCache({ dockerfile: FAN_IN, context: { files }, change: { edited: ['web/app.js'] } });
    expect(runs(p)).toEqual([3, 4, 13]);
    expect(at(p, 12).cached).toBe(true);
    expect(at(p, 13).reason).toBe('stage frontend made different files (from its line 3 on)');
    expect(at(p, 13).assumption).toBe('if stage frontend makes the same files after all (a rebuild can), this step comes from the cache');
  });

  it('a COPY --from after one that runs again runs again too', () => {
    const p = predictCache({ dockerfile: FAN_IN, context: { files }, change: { edited: ['api/main.go'] } });
    expect(runs(p)).toEqual([8, 9, 12, 13]);
    expect(at(p, 13).causes).toEqual([{ kind: 'parent', line: 12 }]);
    expect(at(p, 13)).toMatchObject({ assumption: at(p, 12).assumption, assumptionFrom: 12 });
  });

  it('a stage that ran again only for a variable it does not use copies the same files', () => {
    const dockerfile = `FROM alpine:3.20 AS build
ARG FLAVOUR=plain
RUN echo built > /out.txt

FROM alpine:3.20 AS final
COPY --from=build /out.txt /final.txt
`;
    const p = predictCache({ dockerfile, context: { files: [] }, buildArgs: { FLAVOUR: 'spicy' }, change: { previousBuildArgs: {} } });
    expect(runs(p)).toEqual([3]);
    expect(at(p, 6).reason).toBe('stage build ran again from line 3 but made the same files, and a copy is matched by the files it copies');
    expect(at(p, 6).assumption).toBeTruthy();
  });

  const WITH_TEST = `FROM node:22 AS build
COPY . .
RUN npm run build
FROM build AS test
RUN npm test
FROM alpine:3.20 AS runtime
COPY --from=build /dist /srv
`;

  it('BuildKit does not build a stage the target does not need; the classic builder does', () => {
    const change = { edited: ['src/routes.js'] };
    const buildkit = predict(WITH_TEST, { change });
    expect(buildkit.stages.map((s) => s.built)).toEqual([true, false, true]);
    expect(buildkit.stages[1]!.reason).toBe('the target runtime does not need it, so BuildKit does not build it');
    expect(buildkit.steps.map((s) => s.line)).not.toContain(5);
    const classic = predict(WITH_TEST, { change, builder: 'classic' });
    expect(classic.stages.map((s) => s.built)).toEqual([true, true, true]);
    expect(at(classic, 5).causes).toEqual([{ kind: 'parent', line: 4 }]);
  });

  it('BuildKit reports no step for FROM <stage>; the classic builder does', () => {
    const change = { edited: ['src/routes.js'] };
    expect(predict(WITH_TEST, { change, target: 'test' }).steps.map((s) => s.line)).toEqual([1, 2, 3, 5]);
    expect(predict(WITH_TEST, { change, target: 'test', builder: 'classic' }).steps.map((s) => s.line)).toEqual([1, 2, 3, 4, 5]);
  });

  it('a stage the previous build did not build is not in the cache', () => {
    const p = predict(WITH_TEST, { change: { previousTarget: 'test' } });
    expect(runs(p)).toEqual([6, 7]);
    expect(at(p, 7).reason).toBe('the previous build did not build stage runtime, so none of its steps are cached');
  });

  it('classic stages after the target are not built', () => {
    const p = predict(WITH_TEST, { builder: 'classic', target: 'build' });
    expect(p.stages[2]!.reason).toBe('it comes after the target build, and the classic builder stops at the target');
  });
});

describe('mounts, secrets and --no-cache', () => {
  const CACHE_MOUNT = `FROM node:22
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
`;

  it('a cache mount is not part of the key: a source edit leaves npm ci cached', () => {
    expect(runs(predict(CACHE_MOUNT, { change: { edited: ['src/server.js'] } }))).toEqual([5]);
  });

  it('the classic builder fails at RUN --mount', () => {
    const p = predict(CACHE_MOUNT, { builder: 'classic' });
    expect(p.fails).toBe(true);
    expect(at(p, 4).outcome).toBe('fails');
    expect(at(p, 4).reason).toMatch(/the --mount option requires BuildKit/);
    expect(p.steps.map((s) => s.line)).toEqual([1, 2, 3, 4]);
  });

  it('a secret value is not part of the key', () => {
    const p = predict('FROM node:22\nCOPY package.json ./\nRUN --mount=type=secret,id=npm_token npm ci\n', { change: { secrets: ['npm_token'] } });
    expect(runs(p)).toEqual([]);
    expect(at(p, 3).reason).toBe('the value of secret npm_token changed, but secret values are not part of the cache key');
  });

  it('a bind mount from the context is part of the key', () => {
    const dockerfile = 'FROM python:3.12\nRUN --mount=type=bind,source=requirements.txt,target=/tmp/r.txt pip install -r /tmp/r.txt\n';
    const context = { files: ['requirements.txt', 'app.py'] };
    expect(runs(predictCache({ dockerfile, context, change: { edited: ['requirements.txt'] } }))).toEqual([2]);
    expect(runs(predictCache({ dockerfile, context, change: { edited: ['app.py'] } }))).toEqual([]);
  });

  it('a RUN heredoc body is part of the BuildKit key, not of the classic one', () => {
    const before = 'FROM python:3.12\nRUN <<EOF\npip install flask\nEOF\n';
    const after = before.replace('flask', 'flask gunicorn');
    const context = { files: ['Dockerfile'], dockerignore: 'Dockerfile\n' };
    expect(runs(predictCache({ dockerfile: after, context, change: { previousDockerfile: before } }))).toEqual([2]);
    expect(runs(predictCache({ dockerfile: after, context, builder: 'classic', change: { previousDockerfile: before } }))).toEqual([]);
  });

  it('--no-cache runs every step, but BuildKit keeps a WORKDIR whose key did not change', () => {
    const p = predict(MANIFESTS_FIRST, { change: { noCache: true } });
    expect(runs(p)).toEqual([1, 3, 4, 5, 6]);
    expect(at(p, 2).reason).toBe('--no-cache does not apply to the folder WORKDIR makes, and nothing it depends on changed');
    expect(at(p, 4).reason).toBe('--no-cache: nothing is taken from the cache');
    expect(predict(MANIFESTS_FIRST, { change: { noCache: true }, builder: 'classic' }).steps.every((s) => s.outcome === 'runs')).toBe(true);
  });

  it('nothing changed: everything is cached', () => {
    const p = predict(MANIFESTS_FIRST);
    expect(runs(p)).toEqual([]);
    expect(at(p, 4).reason).toBe('nothing it depends on changed');
  });
});

describe('what a learner can change', () => {
  it('lists the files the build reads, the ones .dockerignore leaves out, and the build arguments', () => {
    const dockerfile = 'ARG NODE=22\nFROM node:${NODE} AS build\nCOPY package*.json ./\nARG VERSION\nRUN --mount=type=bind,source=README.md,target=/r cat /r\n';
    const choices = cacheChoices({
      dockerfile,
      context: { files: ['Dockerfile', 'package.json', 'package-lock.json', 'README.md', './docs/a.md', 'src/app.js'], dockerignore: 'docs\n' },
    });
    expect(choices).toEqual({
      files: ['README.md', 'package-lock.json', 'package.json'],
      ignored: ['docs/a.md'],
      buildArgs: [
        { name: 'NODE', lines: [1] },
        { name: 'VERSION', lines: [4] },
      ],
    });
  });
});

describe('the result', () => {
  it('gives stage, line, range, keyword and the first line of the instruction', () => {
    const p = predict('FROM node:22 AS build\nRUN echo one \\\n  two\n');
    expect(p.steps[1]).toMatchObject({ stage: 0, stageName: 'build', line: 2, keyword: 'RUN', text: 'RUN echo one \\', outcome: 'cached', cached: true });
    expect(p.steps[1]!.range.end.line).toBe(3);
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });

  it('reports a build BuildKit refuses, with no step', () => {
    const p = predict('FROM node:22 AS build\nRUN echo\n', { target: 'nope' });
    expect(p.fails).toBe(true);
    expect(p.steps).toEqual([]);
    expect(p.error?.message).toBe('target stage "nope" could not be found');
    expect(p.stages[0]!.reason).toMatch(/^the build fails before any step runs/);
  });

  it('is pure: no Node, DOM or Astro API in src/analyzer/cache', () => {
    const folder = join(import.meta.dirname, '..', '..', 'src', 'analyzer', 'cache');
    for (const file of readdirSync(folder)) {
      const source = readFileSync(join(folder, file), 'utf8');
      expect(source, file).not.toMatch(/from ['"](node:|astro)|\b(document|window|process)\./);
    }
  });
});
