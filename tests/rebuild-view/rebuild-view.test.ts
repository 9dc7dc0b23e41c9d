// The pure half of "What re-runs if I change…": the learner's question as the cache model's
// input, and the model's prediction as marks, sentences and a summary. Run against the real
// cache model (src/analyzer/cache), so the sentences are the ones learners read.
import { describe, expect, it } from 'vitest';
import { predictCache } from '../../src/analyzer/cache/index.ts';
import { analyze } from '../../src/analyzer/index.ts';
import { argNames, copiedPaths, normalPath, rebuildInput, rebuildView, typedPaths, type RebuildBuild } from '../../src/lib/rebuild-view/rebuild-view.ts';
import { stageWord } from '../../src/lib/rebuild-view/graph-marks.ts';

const NODE = `FROM node:22 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
ARG VERSION=1
RUN echo "$VERSION" && npm run build

FROM nginx:1.27 AS prod
COPY --from=build /app/dist /usr/share/nginx/html

FROM build AS test
RUN npm test
`;

const build = (overrides: Partial<RebuildBuild> = {}): RebuildBuild => ({
  dockerfile: NODE,
  files: ['package.json', 'package-lock.json', 'src/app.js'],
  target: 'prod',
  builder: 'buildkit',
  engine: '28.5',
  buildArgs: {},
  ...overrides,
});

const viewFor = (b: RebuildBuild, files: string[], arg: { name: string; value: string } | null = null) =>
  rebuildView(predictCache(rebuildInput(b, { files, arg })));

describe('rebuildInput', () => {
  it('asks about the edited files, with the page’s build, the Dockerfile in the context', () => {
    const input = rebuildInput(build({ dockerignore: 'node_modules\n' }), { files: ['./src/app.js', 'src/app.js'], arg: null });
    expect(input.change).toEqual({ edited: ['src/app.js'], previousBuildArgs: {} });
    expect(input.context).toEqual({
      files: ['Dockerfile', 'package.json', 'package-lock.json', 'src/app.js'],
      dockerignore: 'node_modules\n',
      dockerfilePath: 'Dockerfile',
    });
    expect([input.target, input.builder, input.engine]).toEqual(['prod', 'buildkit', '28.5']);
  });

  it('a typed path the page does not know joins the context; the default target is null', () => {
    const input = rebuildInput(build({ files: [], target: '' }), { files: ['lib/util.js'], arg: null });
    expect(input.context.files).toEqual(['Dockerfile', 'lib/util.js']);
    expect(input.target).toBeNull();
  });

  it('a build argument: the previous build’s values, then the new one', () => {
    const input = rebuildInput(build({ buildArgs: { VERSION: '1', MODE: 'dev' } }), { files: [], arg: { name: 'VERSION', value: '2' } });
    expect(input.change?.previousBuildArgs).toEqual({ VERSION: '1', MODE: 'dev' });
    expect(input.buildArgs).toEqual({ VERSION: '2', MODE: 'dev' });
  });
});

describe('rebuildView', () => {
  it('nothing picked: no marks, and the summary says what to do', () => {
    const view = rebuildView(null);
    expect(view).toMatchObject({ empty: true, marks: [], items: [] });
    expect(view.summary).toBe('Pick a file or a build argument to see which steps re-run.');
  });

  it('editing a source file re-runs COPY . . and what follows, not npm ci', () => {
    const view = viewFor(build(), ['src/app.js']);
    expect(view.marks).toEqual([
      { line: 1, state: 'cached' },
      { line: 2, state: 'cached' },
      { line: 3, state: 'cached' },
      { line: 4, state: 'cached' },
      { line: 5, state: 'runs' },
      { line: 7, state: 'runs' },
      { line: 9, state: 'cached' },
      { line: 10, state: 'runs' },
    ]);
    const texts = view.items.map((item) => item.text);
    expect(texts).toContain('Line 4 `RUN npm ci` is taken from the cache');
    expect(texts).toContain('Line 5 `COPY . .` re-runs: src/app.js changed');
    expect(texts).toContain(
      'Line 10 `COPY --from=build /app/dist /usr/share/nginx/html` re-runs: stage build made different files (from its line 5 on). If stage build makes the same files after all (a rebuild can), this step comes from the cache',
    );
    expect(texts.at(-1)).toBe('Stage test is not built: the target prod does not need it, so BuildKit does not build it');
    expect(view.summary).toBe('3 of 8 steps re-run (lines 5, 7 and 10); the others are taken from the cache.');
    expect(view.stages).toEqual([
      { index: 0, built: true, runs: 2, cached: 4 },
      { index: 1, built: true, runs: 1, cached: 1 },
      { index: 2, built: false, runs: 0, cached: 0 },
    ]);
  });

  it('editing the lock file re-runs npm ci', () => {
    const view = viewFor(build(), ['package-lock.json']);
    expect(view.items.map((item) => item.text)).toContain('Line 3 `COPY package.json package-lock.json ./` re-runs: package-lock.json changed');
    expect(view.marks.find((mark) => mark.line === 4)).toEqual({ line: 4, state: 'runs' });
  });

  it('a file no step copies: every step from the cache', () => {
    const view = viewFor(build({ dockerfile: 'FROM alpine\nCOPY app.py /app/\nRUN echo hi\n', files: ['app.py', 'notes.md'], target: '' }), ['notes.md']);
    expect(view.marks.every((mark) => mark.state === 'cached')).toBe(true);
    expect(view.summary).toBe('No step re-runs: all 3 steps are taken from the cache.');
  });

  it('a build argument with a new value re-runs the RUN steps in its scope, not the ARG line', () => {
    const view = viewFor(build({ target: 'test' }), [], { name: 'VERSION', value: '2' });
    const state = (line: number) => view.marks.find((mark) => mark.line === line)?.state;
    expect([state(5), state(7), state(13)]).toEqual(['cached', 'runs', 'runs']);
    expect(view.marks.some((mark) => mark.line === 6)).toBe(false);
    expect(view.items.find((item) => item.text.startsWith('Line 7'))?.text).toMatch(/^Line 7 `RUN echo "\$VERSION" && npm run build` re-runs: VERSION 1 → 2/);
  });

  it('long instructions are shortened in the sentence', () => {
    const long = `RUN echo ${'x'.repeat(100)}`;
    const view = viewFor(build({ dockerfile: `FROM alpine\nCOPY a.txt /\n${long}\n`, files: ['a.txt'], target: '' }), ['a.txt']);
    const sentence = view.items.find((item) => item.text.startsWith('Line 3'))!.text;
    expect(sentence).toMatch(/^Line 3 `RUN echo x{50}…` re-runs: /);
  });
});

describe('choices', () => {
  it('copiedPaths: literal context sources of COPY and ADD, not stages, wildcards, URLs or heredocs', () => {
    const text =
      'FROM alpine AS a\nCOPY ./requirements.txt app/ /src/\nCOPY --from=a /x /y\nCOPY *.json /\nADD https://example.com/f /f\nCOPY <<EOF /g\nhi\nEOF\nCOPY . .\nCOPY ["conf/a b.ini", "/etc/"]\n';
    expect(copiedPaths(analyze(text))).toEqual(['requirements.txt', 'app', 'conf/a b.ini']);
  });

  it('argNames: every ARG, global or in a stage, once', () => {
    expect(argNames(analyze('ARG BASE=alpine\nFROM $BASE\nARG VERSION=1 MODE\nARG BASE\n'))).toEqual(['BASE', 'VERSION', 'MODE']);
  });

  it('typed paths: commas, spaces and new lines separate; ./ and trailing / go', () => {
    expect(typedPaths(' ./src/app.py, lib/ \n  b.txt,,')).toEqual(['src/app.py', 'lib', 'b.txt']);
    expect(normalPath('.\\src\\x.js')).toBe('src/x.js');
  });

  it('stageWord: the graph box’s word', () => {
    expect(stageWord({ index: 0, built: true, runs: 0, cached: 3 })).toBe('all cached');
    expect(stageWord({ index: 0, built: true, runs: 1, cached: 3 })).toBe('re-runs: 1');
    expect(stageWord({ index: 0, built: true, runs: 2, cached: 3 })).toBe('re-runs: 2');
  });
});
