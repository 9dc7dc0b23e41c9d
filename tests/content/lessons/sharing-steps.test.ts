// What content/lessons/sharing-steps.mdx says about its Dockerfiles.
// Real-engine recordings (tests/fixtures/builds, checked against the analyzer by
// tests/analyzer/goldens.test.ts):
//   shared-base-targets        base/dev/test/prod all FROM base: a stage FROM base sees base's files, ENV and
//                              WORKDIR; --target test runs base+test on BuildKit, base+dev+test on classic;
//                              the default (prod) build skips test on BuildKit and runs it on classic
//   from-later-stage-is-image  FROM <name> above `AS <name>` is an image: BuildKit pulls it only when that
//                              stage is needed, classic as soon as it reaches the line
//   deps-stage-copy            prod copies node_modules from deps and dist from build: only those paths arrive;
//                              --target build skips deps on BuildKit, runs it on classic

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/index.ts';
import type { Analysis, AnalyzeOptions, Builder } from '../../../src/analyzer/model.ts';
import { recordedBuild as recorded } from '../../support/goldens.ts';
import { LESSONS_DIR, lessonDockerfile } from '../../support/lesson-dockerfiles.ts';
import { componentTag, predictReveal } from './mdx-source.ts';

const SLUG = 'sharing-steps';
const BUILDERS: Builder[] = ['buildkit', 'classic'];
const source = readFileSync(join(LESSONS_DIR, `${SLUG}.mdx`), 'utf8');

const targets = lessonDockerfile(SLUG, 'python-targets').text;
const baseBelow = lessonDockerfile(SLUG, 'base-below').text;
const nodeDeps = lessonDockerfile(SLUG, 'node-deps').text;


function planned(text: string, options: AnalyzeOptions): Array<string | null> {
  const a = analyze(text, options);
  expect(a.plan.fails, `${options.builder} ${options.target ?? '(default)'}`).toBe(false);
  return a.plan.stages.map((i) => a.stages[i]!.name);
}

function ids(analysis: Analysis): string[] {
  return analysis.diagnostics.map((d) => d.id);
}

function stage(analysis: Analysis, name: string) {
  return analysis.stages.find((s) => s.name === name)!;
}

/** The text of the option a PredictReveal marks as its answer. */
function predictAnswer(id: string): string {
  const { options, answer } = predictReveal(SLUG, id);
  return options[answer]!;
}

describe('sharing-steps: dev, test and prod on a shared base', () => {
  it('has base on python:3.12-slim, and dev, test and prod each built FROM base', () => {
    const a = analyze(targets);
    expect(a.stages.map((s) => [s.name, s.base])).toEqual([
      ['base', { kind: 'image', ref: 'python:3.12-slim' }],
      ['dev', { kind: 'stage', index: 0 }],
      ['test', { kind: 'stage', index: 0 }],
      ['prod', { kind: 'stage', index: 0 }],
    ]);
    expect(a.edges.filter((e) => e.kind === 'copy-from')).toEqual([]);
  });

  it('base holds the shared setup once: ENV, WORKDIR and the requirements install', () => {
    const a = analyze(targets);
    const base = stage(a, 'base').instructions.map((i) => i.keyword);
    expect(base).toEqual(['FROM', 'ENV', 'WORKDIR', 'COPY', 'RUN']);
    for (const name of ['dev', 'test', 'prod']) {
      expect(stage(a, name).instructions.some((i) => i.keyword === 'WORKDIR' || i.argsText.includes('requirements.txt')), name).toBe(false);
    }
  });

  it('pytest runs only in test; prod ships no test tools and copies no dev tools', () => {
    const a = analyze(targets);
    const pytest = a.instructions.filter((i) => i.keyword === 'RUN' && i.argsText.includes('pytest'));
    expect(pytest.map((i) => a.stages[i.stage]!.name)).toEqual(['test']);
    expect(ids(analyze(targets, { target: 'prod' }))).not.toContain('test-tools-in-final-image');
    expect(stage(a, 'prod').instructions.some((i) => i.argsText.includes('requirements-'))).toBe(false);
  });

  it('a stage FROM base sees base’s files, ENV and WORKDIR, and the recorded check passed (shared-base-targets)', () => {
    const build = recorded('shared-base-targets', ['--target', 'test']);
    expect(build.dockerfile).toContain('ENV PYTHONUNBUFFERED=1');
    expect(build.dockerfile).toContain('WORKDIR /app');
    expect(build.dockerfile).toContain('test -f requirements.txt && test "$PYTHONUNBUFFERED" = 1');
    for (const builder of BUILDERS) {
      expect(build[builder].ok, builder).toBe(true);
      expect(build[builder].markers, builder).toContain('inherited');
    }
  });
});

describe('sharing-steps: what each target builds', () => {
  it('quiz and analyzer: --target test runs base and test on BuildKit', () => {
    expect(predictAnswer('sharing-steps-target-test')).toBe('base and test');
    expect(planned(targets, { builder: 'buildkit', target: 'test' })).toEqual(['base', 'test']);
  });

  it('the classic builder runs dev as well for --target test, never prod', () => {
    expect(planned(targets, { builder: 'classic', target: 'test' })).toEqual(['base', 'dev', 'test']);
    const build = recorded('shared-base-targets', ['--target', 'test']);
    expect(build.buildkit.markers).toEqual(['base', 'test', 'inherited']);
    expect(build.classic.markers).toEqual(['base', 'dev', 'test', 'inherited']);
  });

  it('the two diagrams draw this Dockerfile for --target test, one per builder', () => {
    for (const [id, builder] of [
      ['sharing-steps-test-buildkit', 'buildkit'],
      ['sharing-steps-test-classic', 'classic'],
    ] as const) {
      expect(lessonDockerfile(SLUG, id).text).toBe(targets);
      const tag = componentTag(SLUG, 'StageDiagram', id).replace(/\{`[\s\S]*?`\}/, '{}');
      expect(tag).toContain('target="test"');
      expect(tag).toContain(`builder="${builder}"`);
    }
  });

  it('the default build is prod; on BuildKit it does not run the tests, on classic it runs all four stages', () => {
    for (const builder of BUILDERS) expect(analyze(targets, { builder }).target.index).toBe(3);
    expect(planned(targets, { builder: 'buildkit' })).toEqual(['base', 'prod']);
    expect(planned(targets, { builder: 'classic' })).toEqual(['base', 'dev', 'test', 'prod']);
    const build = recorded('shared-base-targets', []);
    expect(build.buildkit.markers).toEqual(['base', 'prod']);
    expect(build.classic.markers).toEqual(['base', 'dev', 'test', 'inherited', 'prod']);
  });

  it('--target dev needs only base, on both builders', () => {
    for (const builder of BUILDERS) expect(planned(targets, { builder, target: 'dev' }), builder).toEqual(['base', 'dev']);
  });
});

describe('sharing-steps: FROM sees only the stages above it', () => {
  it('FROM base above AS base is an image, base:latest, not the stage (quiz answer)', () => {
    expect(predictAnswer('sharing-steps-from-later')).toBe('An image called base, to be pulled from a registry');
    const a = analyze(baseBelow);
    expect(a.stages.map((s) => s.name)).toEqual(['dev', 'base']);
    expect(a.stages[0]!.base).toEqual({ kind: 'image', ref: 'base' });
    expect(a.edges.filter((e) => e.target.kind === 'stage')).toEqual([]);
  });

  it('untagged-base-image points at the line and says that base comes after it', () => {
    for (const builder of BUILDERS) {
      const finding = analyze(baseBelow, { builder }).diagnostics.find((d) => d.id === 'untagged-base-image')!;
      expect(finding.range.start.line).toBe(1);
      expect(finding.message).toContain('FROM sees only the stages above it');
    }
    expect(source).toContain('(../../rules/untagged-base-image/)');
  });

  it('BuildKit pulls the image only when dev is needed; classic reaches it for every target (from-later-stage-is-image)', () => {
    expect(planned(baseBelow, { builder: 'buildkit' })).toEqual(['base']);
    expect(planned(baseBelow, { builder: 'buildkit', target: 'dev' })).toEqual(['dev']);
    for (const target of [null, 'dev', 'base']) expect(planned(baseBelow, { builder: 'classic', target })[0], String(target)).toBe('dev');
    const needed = recorded('from-later-stage-is-image', ['--target', 'app']);
    expect(needed.buildkit.error).toContain('docker.io/library/later:latest');
    const notNeeded = recorded('from-later-stage-is-image', []);
    expect(notNeeded.buildkit.ok).toBe(true);
    expect(notNeeded.classic.ok).toBe(false);
    expect(notNeeded.classic.error).toContain('FROM later AS app');
  });
});

describe('sharing-steps: a deps stage', () => {
  it('prod copies node_modules from deps and dist from build, nothing else', () => {
    const a = analyze(nodeDeps);
    expect(a.stages.map((s) => s.name)).toEqual(['deps', 'build', 'prod']);
    const copies = stage(a, 'prod').instructions
      .filter((i) => i.keyword === 'COPY')
      .map((i) => [i.flags.find((f) => f.name === 'from')?.value ?? null, i.argsText]);
    expect(copies).toEqual([
      ['deps', '/app/node_modules ./node_modules'],
      ['build', '/app/dist ./dist'],
    ]);
    expect(stage(a, 'prod').base).toEqual({ kind: 'image', ref: 'node:22-alpine' });
  });

  it('deps installs production dependencies only; build installs everything', () => {
    const a = analyze(nodeDeps);
    const run = (name: string) => stage(a, name).instructions.filter((i) => i.keyword === 'RUN').map((i) => i.argsText);
    expect(run('deps')).toEqual(['npm ci --omit=dev']);
    expect(run('build')).toEqual(['npm ci', 'npm run build']);
  });

  it('ships no devDependencies; copying node_modules from build would (quiz answer, dev-dependencies-in-final-image)', () => {
    expect(predictAnswer('sharing-steps-node-modules-from-build')).toBe('It would bring every devDependency into prod');
    for (const builder of BUILDERS) expect(ids(analyze(nodeDeps, { builder })), builder).not.toContain('dev-dependencies-in-final-image');
    const fromBuild = nodeDeps.replace('--from=deps /app/node_modules', '--from=build /app/node_modules');
    expect(fromBuild).not.toBe(nodeDeps);
    expect(ids(analyze(fromBuild))).toContain('dev-dependencies-in-final-image');
    expect(source).toContain('(../../rules/dev-dependencies-in-final-image/)');
  });

  it('prod needs its own WORKDIR: without it the relative copies are reported', () => {
    expect(ids(analyze(nodeDeps))).not.toContain('copy-relative-destination');
    const withoutWorkdir = nodeDeps.replace(/(AS prod\n)WORKDIR \/app\n/, '$1');
    expect(withoutWorkdir).not.toBe(nodeDeps);
    expect(ids(analyze(withoutWorkdir))).toContain('copy-relative-destination');
  });

  it('deps and build are independent, so both builders build all three for prod (deps-stage-copy)', () => {
    const a = analyze(nodeDeps);
    expect(a.edges.filter((e) => e.target.kind === 'stage').map((e) => e.stage)).toEqual([2, 2]);
    for (const builder of BUILDERS) expect(planned(nodeDeps, { builder }), builder).toEqual(['deps', 'build', 'prod']);
    const build = recorded('deps-stage-copy', []);
    for (const builder of BUILDERS) {
      expect(build[builder].ok, builder).toBe(true);
      expect(build[builder].markers, builder).toContain('checked');
    }
    expect(build.dockerfile).toContain('test -f node_modules/express/index.js && test ! -e node_modules/typescript');
  });

  it('--target build: BuildKit skips deps, classic runs it first (deps-stage-copy)', () => {
    expect(planned(nodeDeps, { builder: 'buildkit', target: 'build' })).toEqual(['build']);
    expect(planned(nodeDeps, { builder: 'classic', target: 'build' })).toEqual(['deps', 'build']);
    const build = recorded('deps-stage-copy', ['--target', 'build']);
    expect(build.buildkit.markers).toEqual(['build']);
    expect(build.classic.markers).toEqual(['deps', 'build']);
  });
});
