// What content/lessons/build-vs-runtime.mdx says about its Dockerfiles.
// Real-engine recording (tests/fixtures/builds, checked against the analyzer by
// tests/analyzer/goldens.test.ts):
//   copy-from-exact-paths  COPY --from copies only the named paths: a file to its destination, a
//                          directory's contents (not the directory), into a `dir/` destination under
//                          its own name; the build stage's /src and Go cache do not come along.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/index.ts';
import type { Analysis, Builder, Instruction } from '../../../src/analyzer/model.ts';
import { recordedFixture as fixture } from '../../support/goldens.ts';
import { LESSONS_DIR, lessonDockerfile } from '../../support/lesson-dockerfiles.ts';
import { predictReveal } from './mdx-source.ts';

const SLUG = 'build-vs-runtime';
const BUILDERS: Builder[] = ['buildkit', 'classic'];
const source = readFileSync(join(LESSONS_DIR, `${SLUG}.mdx`), 'utf8');

const singleStage = lessonDockerfile(SLUG, 'single-stage').text;
const twoStage = lessonDockerfile(SLUG, 'two-stage').text;
const nodeTwoStage = lessonDockerfile(SLUG, 'node-two-stage').text;

function ids(analysis: Analysis): string[] {
  return analysis.diagnostics.map((d) => d.id);
}

/** `COPY --from=<from> <src> <dest>` of a stage, as [from, src, dest]. */
function copiesFrom(analysis: Analysis, stage: number): Array<[string, string, string]> {
  return analysis.stages[stage]!.instructions
    .filter((i) => i.keyword === 'COPY' && i.flags.some((f) => f.name === 'from'))
    .map((i) => [i.flags.find((f) => f.name === 'from')!.value!, i.words[0]!.value, i.words[1]!.value]);
}

function runs(analysis: Analysis, stage: number): Instruction[] {
  return analysis.stages[stage]!.instructions.filter((i) => i.keyword === 'RUN');
}

/** The answer a PredictReveal marks as right, as the option's text. */

/** The text of the option a PredictReveal marks as its answer. */
function predictAnswer(id: string): string {
  const { options, answer } = predictReveal(SLUG, id);
  return options[answer]!;
}

describe('build-vs-runtime: the single-stage Dockerfile', () => {
  it('is one stage on the Go toolchain image, and that stage is the image', () => {
    const a = analyze(singleStage);
    expect(a.stages.map((s) => s.base)).toEqual([{ kind: 'image', ref: 'golang:1.23' }]);
    for (const builder of BUILDERS) expect(analyze(singleStage, { builder }).plan.stages).toEqual([0]);
  });

  it('ships the sources and the module download it ran (COPY . . and go mod download in the shipped stage)', () => {
    const a = analyze(singleStage);
    const stage = a.stages[0]!;
    expect(stage.instructions.some((i) => i.keyword === 'COPY' && i.argsText === '. .')).toBe(true);
    expect(runs(a, 0).map((i) => i.argsText)).toContain('go mod download');
  });

  it('is reported by build-tools-in-final-image on both builders, as the lesson says', () => {
    for (const builder of BUILDERS) expect(ids(analyze(singleStage, { builder })), builder).toContain('build-tools-in-final-image');
    expect(source).toContain('(../../rules/build-tools-in-final-image/)');
  });

  it('quiz: the image holds the toolchain, sources and caches too', () => {
    expect(predictAnswer('build-vs-runtime-single-stage-contents')).toMatch(/whole Go toolchain/);
  });
});

describe('build-vs-runtime: the two-stage Go Dockerfile', () => {
  it('has a named build stage on golang:1.23 and an unnamed runtime stage FROM scratch, which is the default target', () => {
    const a = analyze(twoStage);
    expect(a.stages.map((s) => [s.name, s.base])).toEqual([
      ['build', { kind: 'image', ref: 'golang:1.23' }],
      [null, { kind: 'scratch' }],
    ]);
    expect(a.target.index).toBe(1);
    for (const builder of BUILDERS) expect(analyze(twoStage, { builder }).plan.stages, builder).toEqual([0, 1]);
  });

  it('copies exactly the binary and the CA bundle out of build, nothing else', () => {
    const a = analyze(twoStage);
    expect(copiesFrom(a, 1)).toEqual([
      ['build', '/out/api', '/api'],
      ['build', '/etc/ssl/certs/ca-certificates.crt', '/etc/ssl/certs/'],
    ]);
    // The only way files reach stage 1 is these COPY --from lines: no plain COPY from the context.
    expect(a.stages[1]!.instructions.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD')).toHaveLength(2);
    expect(a.edges.filter((e) => e.stage === 1 && e.target.kind !== 'scratch').map((e) => [e.kind, e.target])).toEqual([
      ['copy-from', { kind: 'stage', index: 0 }],
      ['copy-from', { kind: 'stage', index: 0 }],
    ]);
  });

  it('copies the binary from the path go build writes it to, built without cgo', () => {
    const a = analyze(twoStage);
    const build = runs(a, 0).find((i) => i.argsText.includes('go build'))!;
    expect(build.argsText).toMatch(/^CGO_ENABLED=0 go build -o \/out\/api /);
    expect(copiesFrom(a, 1)[0]![1]).toBe('/out/api');
  });

  it('runs nothing in the scratch stage (it has no shell) and starts the binary it copied', () => {
    const a = analyze(twoStage);
    expect(runs(a, 1)).toEqual([]);
    expect(a.stages[1]!.instructions.find((i) => i.keyword === 'ENTRYPOINT')!.json).toEqual(['/api']);
  });

  it('no longer ships build tools, but still runs as root (lesson 5’s topic)', () => {
    for (const builder of BUILDERS) {
      const found = ids(analyze(twoStage, { builder }));
      expect(found, builder).not.toContain('build-tools-in-final-image');
      expect(found, builder).toContain('final-stage-runs-as-root');
      expect(analyze(twoStage, { builder }).diagnostics.filter((d) => d.severity !== 'info').map((d) => d.id), builder).toEqual([]);
    }
  });

  it('quiz: only /api and the CA bundle come from the build stage', () => {
    expect(predictAnswer('build-vs-runtime-two-stage-contents')).toBe('Only /api and the CA certificate bundle');
  });
});

describe('build-vs-runtime: COPY --from copies exact paths (recorded on the real engine)', () => {
  const recorded = fixture('copy-from-exact-paths');

  it('the recording checks each rule the lesson states, with a file test that fails the build if it is wrong', () => {
    expect(recorded.dockerfile).toContain('COPY --from=build /out/api /api');
    expect(recorded.dockerfile).toContain('COPY --from=build /out /bin-dir');
    expect(recorded.dockerfile).toContain('COPY --from=build /out/api /into-dir/');
    const check = recorded.dockerfile.split('\n').find((l) => l.startsWith('RUN echo STAGE-checked'))!;
    for (const test of ['test -f /api', 'test -f /bin-dir/api', 'test ! -e /bin-dir/out', 'test -f /into-dir/api', 'test ! -e /src', 'test ! -e /root/.cache/go-build']) {
      expect(check).toContain(test);
    }
  });

  it('the checks passed with both builders', () => {
    const build = recorded.builds.find((b) => b.args.length === 0)!;
    for (const builder of BUILDERS) {
      expect(build[builder].ok, builder).toBe(true);
      expect(build[builder].markers, builder).toContain('checked');
    }
  });
});

describe('build-vs-runtime: the Node build and runtime stages', () => {
  it('builds on node:22 and runs on node:22-alpine, copying only dist/ from the build stage', () => {
    const a = analyze(nodeTwoStage);
    expect(a.stages.map((s) => [s.name, s.base])).toEqual([
      ['build', { kind: 'image', ref: 'node:22' }],
      [null, { kind: 'image', ref: 'node:22-alpine' }],
    ]);
    expect(copiesFrom(a, 1)).toEqual([['build', '/app/dist', './dist']]);
    for (const builder of BUILDERS) expect(analyze(nodeTwoStage, { builder }).plan.stages).toEqual([0, 1]);
  });

  it('the build stage installs everything; the runtime stage sets NODE_ENV=production before npm ci', () => {
    const a = analyze(nodeTwoStage);
    expect(runs(a, 0).map((i) => i.argsText)).toEqual(['npm ci', 'npm run build']);
    const runtime = a.stages[1]!.instructions.map((i) => `${i.keyword} ${i.argsText}`);
    expect(runtime.indexOf('ENV NODE_ENV=production')).toBeGreaterThan(-1);
    expect(runtime.indexOf('ENV NODE_ENV=production')).toBeLessThan(runtime.indexOf('RUN npm ci'));
  });

  it('ships no devDependencies; without NODE_ENV=production the same npm ci would', () => {
    for (const builder of BUILDERS) expect(ids(analyze(nodeTwoStage, { builder })), builder).not.toContain('dev-dependencies-in-final-image');
    const withoutEnv = nodeTwoStage.replace('ENV NODE_ENV=production\n', '');
    expect(withoutEnv).not.toBe(nodeTwoStage);
    expect(ids(analyze(withoutEnv))).toContain('dev-dependencies-in-final-image');
  });

  it('./dist lands in /app/dist because of the WORKDIR above it', () => {
    const a = analyze(nodeTwoStage);
    const runtime = a.stages[1]!.instructions;
    const workdir = runtime.findIndex((i) => i.keyword === 'WORKDIR' && i.argsText === '/app');
    const copy = runtime.findIndex((i) => i.keyword === 'COPY' && i.argsText.endsWith('./dist'));
    expect(workdir).toBeGreaterThan(-1);
    expect(workdir).toBeLessThan(copy);
    expect(ids(a)).not.toContain('copy-relative-destination');
    expect(ids(analyze(nodeTwoStage.replace('FROM node:22-alpine\nWORKDIR /app\n', 'FROM node:22-alpine\n')))).toContain('copy-relative-destination');
  });
});
