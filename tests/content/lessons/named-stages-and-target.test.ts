// What content/lessons/named-stages-and-target.mdx says about its Dockerfiles.
// Real-engine recordings (tests/fixtures/builds, checked against the analyzer by
// tests/analyzer/goldens.test.ts):
//   default-target-dev-last       the lesson's build/prod/dev order: a plain build gives dev; BuildKit
//                                 skips prod, classic runs it; --target PROD/prod; "1" and "prdo" not found
//   production-stage-last         the fixed order build/dev/prod: default is prod; classic runs dev on the way,
//                                 BuildKit does not; --target dev stops at dev in classic too
//   target-selection              --target 0 / unknown names: target stage "…" could not be found (both)
//   stage-name-case-folding       AS Build is `build`; --target and COPY --from in any case (both)
//   copy-from-reference-uppercase AS build + COPY --from=BUILD works in both
//   from-reference-with-capitals  AS Base + FROM Base: BuildKit fails for every target, classic builds
//   copy-from-numeric-index       COPY --from=0 counts every stage from 0, named or not
//   duplicate-stage-name          BuildKit: the last definition wins; classic: "<name> stage name already used"

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/index.ts';
import { buildkitRules } from '../../../src/analyzer/rules/buildkit/index.ts';
import type { AnalyzeOptions, Builder } from '../../../src/analyzer/model.ts';
import { fixtureError28, recorded28 } from '../../support/docker-28.ts';
import { recordedBuild as recorded, recordedFixture } from '../../support/goldens.ts';
import { LESSONS_DIR, lessonDockerfile } from '../../support/lesson-dockerfiles.ts';
import { componentTag, predictReveal } from './mdx-source.ts';

const SLUG = 'named-stages-and-target';
const BUILDERS: Builder[] = ['buildkit', 'classic'];
const source = readFileSync(join(LESSONS_DIR, `${SLUG}.mdx`), 'utf8');

const devLast = lessonDockerfile(SLUG, 'dev-last').text;
const prodLast = lessonDockerfile(SLUG, 'prod-last').text;
const capitalBase = lessonDockerfile(SLUG, 'capital-base').text;


/** Names of the stages the build runs, in plan order. */
function planned(text: string, options: AnalyzeOptions): Array<string | null> {
  const a = analyze(text, options);
  expect(a.plan.fails, `${options.builder} ${options.target ?? '(default)'}`).toBe(false);
  return a.plan.stages.map((i) => a.stages[i]!.name);
}

function errors(text: string, options: AnalyzeOptions): string[] {
  return analyze(text, options).diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
}

/** The text of the option a PredictReveal marks as its answer. */
function predictAnswer(id: string): string {
  const { options, answer } = predictReveal(SLUG, id);
  return options[answer]!;
}

describe('named-stages-and-target: the Dockerfile that ends with dev', () => {
  it('has the stages build, prod and dev, with dev built FROM build', () => {
    const a = analyze(devLast);
    expect(a.stages.map((s) => s.name)).toEqual(['build', 'prod', 'dev']);
    expect(a.stages[2]!.base).toEqual({ kind: 'stage', index: 0 });
  });

  it('--target prod and --target dev build those stages', () => {
    for (const builder of BUILDERS) {
      expect(analyze(devLast, { builder, target: 'prod' }).target.index).toBe(1);
      expect(analyze(devLast, { builder, target: 'dev' }).target.index).toBe(2);
    }
  });

  it('a plain build produces dev, the last stage (quiz answer), on both builders', () => {
    expect(predictAnswer('named-stages-default-target')).toBe('dev');
    for (const builder of BUILDERS) {
      const a = analyze(devLast, { builder });
      expect(a.target.index).toBe(2);
      expect(a.stages[a.target.index]!.name).toBe('dev');
      expect(a.plan.fails).toBe(false);
    }
  });

  it('matches the engine: BuildKit builds build and dev, classic also runs prod (default-target-dev-last)', () => {
    expect(planned(devLast, { builder: 'buildkit' })).toEqual(['build', 'dev']);
    expect(planned(devLast, { builder: 'classic' })).toEqual(['build', 'prod', 'dev']);
    const build = recorded('default-target-dev-last', []);
    expect(build.buildkit.markers).toEqual(['build', 'dev']);
    expect(build.classic.markers).toEqual(['build', 'prod', 'dev']);
  });

  it('Docker warns about nothing; the course rules report the dev image as the one that ships', () => {
    const buildkitChecks = new Set(buildkitRules.map((rule) => rule.meta.id));
    for (const builder of BUILDERS) {
      const diagnostics = analyze(devLast, { builder }).diagnostics;
      expect(diagnostics.filter((d) => d.severity === 'error' || buildkitChecks.has(d.id)), builder).toEqual([]);
      // The default target ships whatever its name: its devDependencies are reported.
      expect(diagnostics.map((d) => d.id), builder).toContain('dev-dependencies-in-final-image');
    }
  });
});

describe('named-stages-and-target: prod last', () => {
  it('a plain build now produces prod, and --target dev still builds dev', () => {
    const a = analyze(prodLast);
    expect(a.stages.map((s) => s.name)).toEqual(['build', 'dev', 'prod']);
    for (const builder of BUILDERS) {
      expect(analyze(prodLast, { builder }).target.index).toBe(2);
      expect(analyze(prodLast, { builder, target: 'dev' }).target.index).toBe(1);
    }
    expect(recorded('production-stage-last', []).buildkit.markers).toEqual(['build', 'prod']);
  });

  it('BuildKit runs prod and build, skipping dev; classic runs every stage down to prod (production-stage-last)', () => {
    expect(planned(prodLast, { builder: 'buildkit' })).toEqual(['build', 'prod']);
    expect(planned(prodLast, { builder: 'classic' })).toEqual(['build', 'dev', 'prod']);
    expect(recorded('production-stage-last', []).classic.markers).toEqual(['build', 'dev', 'prod']);
  });

  it('the classic builder stops at the target: --target dev never runs prod', () => {
    for (const builder of BUILDERS) expect(planned(prodLast, { builder, target: 'dev' }), builder).toEqual(['build', 'dev']);
    const build = recorded('production-stage-last', ['--target', 'dev']);
    expect(build.classic.markers).toEqual(['build', 'dev']);
    expect(build.buildkit.markers).toEqual(['build', 'dev']);
  });

  it('the two diagrams draw this Dockerfile with each builder, default target', () => {
    for (const [id, builder] of [
      ['named-stages-prod-last-buildkit', 'buildkit'],
      ['named-stages-prod-last-classic', 'classic'],
    ] as const) {
      expect(lessonDockerfile(SLUG, id).text).toBe(prodLast);
      const tag = componentTag(SLUG, 'StageDiagram', id).replace(/\{`[\s\S]*?`\}/, '{}');
      expect(tag).toContain(`builder="${builder}"`);
      expect(tag).not.toMatch(/\btarget=/);
    }
  });
});

describe('named-stages-and-target: names and case', () => {
  it('--target ignores case (target-selection, stage-name-case-folding)', () => {
    for (const builder of BUILDERS) {
      expect(analyze(prodLast, { builder, target: 'PROD' }).target.index).toBe(2);
      expect(analyze(devLast, { builder, target: 'PROD' }).target.index).toBe(1);
    }
    expect(recorded('default-target-dev-last', ['--target', 'PROD']).buildkit.ok).toBe(true);
    expect(recorded('target-selection', ['--target', 'PROD']).classic.ok).toBe(true);
  });

  it('COPY --from ignores case: --from=BUILD finds build (copy-from-reference-uppercase)', () => {
    const upper = prodLast.replace('--from=build', '--from=BUILD');
    expect(upper).not.toBe(prodLast);
    for (const builder of BUILDERS) {
      const a = analyze(upper, { builder });
      expect(a.edges.find((e) => e.kind === 'copy-from')!.target).toEqual({ kind: 'stage', index: 0 });
      expect(errors(upper, { builder })).toEqual([]);
    }
  });

  it('AS Base is stored as base', () => {
    const a = analyze(capitalBase);
    expect(a.stages.map((s) => [s.name, s.nameAsWritten])).toEqual([
      ['base', 'Base'],
      ['app', 'app'],
    ]);
  });

  it('quiz: only the classic builder builds AS Base + FROM Base', () => {
    expect(predictAnswer('named-stages-from-capitals')).toBe('Only the classic builder');
  });

  it('BuildKit fails with the lesson’s message for every target, even base; classic builds (from-reference-with-capitals)', () => {
    const message = 'failed to parse stage name "Base": invalid reference format: repository name (library/Base) must be lowercase';
    // Docker 28.5's words first (its buildx puts `failed to build:` in front), then Docker 26.1's difference.
    expect(source).toContain(`ERROR: failed to build: failed to solve: ${message}`);
    expect(fixtureError28('from-reference-with-capitals', ['--target', 'base'])).toBe(message);
    expect(source).toContain('Docker 26.1 prints the same without `failed to build:`');
    const checks28 = recorded28('lessons', capitalBase);
    expect(checks28.checks).toContainEqual({ rule: 'StageNameCasing', line: 1, message: "Stage name 'Base' should be lowercase" });
    expect(source).toMatch(/and so does Docker\s+28\.5's build check `StageNameCasing`/);
    for (const target of [null, 'base', 'app']) {
      expect(errors(capitalBase, { builder: 'buildkit', target }), String(target)).toEqual([message]);
      expect(errors(capitalBase, { builder: 'classic', target }), String(target)).toEqual([]);
    }
    expect(planned(capitalBase, { builder: 'classic' })).toEqual(['base', 'app']);
    // The lesson prints Docker 26.1's output; Docker 28.5's CLI says "ERROR: failed to build:
    // failed to solve: …" around the same message.
    const build = recorded('from-reference-with-capitals', ['--target', 'base'], '26.1');
    expect(build.buildkit.error).toBe(`ERROR: failed to solve: ${message}`);
    expect(build.classic.ok).toBe(true);
    const today = recorded('from-reference-with-capitals', ['--target', 'base'], '28.5');
    expect(today.buildkit.error).toBe(`ERROR: failed to build: failed to solve: ${message}`);
    expect(today.classic.ok).toBe(true);
  });

  it('FROM base (lower case) works in both; stage-name-casing warns only about the capital', () => {
    const lower = capitalBase.replaceAll('Base', 'base');
    for (const builder of BUILDERS) {
      expect(errors(lower, { builder }), builder).toEqual([]);
      expect(analyze(lower, { builder }).stages[1]!.base).toEqual({ kind: 'stage', index: 0 });
      expect(analyze(lower, { builder }).diagnostics.map((d) => d.id)).not.toContain('stage-name-casing');
      expect(analyze(capitalBase, { builder }).diagnostics.map((d) => d.id)).toContain('stage-name-casing');
    }
  });

  it('two stages named app: BuildKit builds the last, classic stops with "app stage name already used" (duplicate-stage-name)', () => {
    const twice = 'FROM node:22-alpine AS app\nCMD ["node", "a.js"]\n\nFROM node:22-alpine AS app\nCMD ["node", "b.js"]\n';
    expect(errors(twice, { builder: 'buildkit', target: 'app' })).toEqual([]);
    expect(analyze(twice, { builder: 'buildkit', target: 'app' }).target.index).toBe(1);
    expect(errors(twice, { builder: 'classic' })).toEqual(['app stage name already used']);
    expect(source).toContain('`app stage name already used`');
    const dup = recordedFixture('duplicate-stage-name');
    expect(dup.builds.some((b) => !b.classic.ok && b.classic.error.endsWith('dup stage name already used'))).toBe(true);
  });
});

describe('named-stages-and-target: names, not numbers', () => {
  it('--target 0 and a misspelt name are not found, on both builders, with the message the lesson prints', () => {
    // The lesson prints Docker 26.1's messages. Docker 28.5's BuildKit adds a suggestion for a
    // near miss: `target stage "prdo" could not be found (did you mean prod?)`.
    for (const target of ['0', 'prdo']) {
      const message = `target stage "${target}" could not be found`;
      expect(source).toContain(`ERROR: failed to build: failed to solve: ${message}`);
      for (const builder of BUILDERS) {
        expect(errors(devLast, { builder, target, engine: '26.1' }), `${builder} ${target}`).toEqual([message]);
        expect(errors(prodLast, { builder, target, engine: '26.1' }), `${builder} ${target}`).toEqual([message]);
        const today = builder === 'buildkit' && target === 'prdo' ? `${message} (did you mean prod?)` : message;
        expect(errors(devLast, { builder, target }), `${builder} ${target}`).toEqual([today]);
        expect(errors(prodLast, { builder, target }), `${builder} ${target}`).toEqual([today]);
      }
    }
    expect(recorded('target-selection', ['--target', '0'], '26.1').buildkit.error).toBe('ERROR: failed to solve: target stage "0" could not be found');
    expect(recorded('default-target-dev-last', ['--target', 'prdo'], '28.5').buildkit.error).toContain('target stage "prdo" could not be found (did you mean prod?)');
    expect(recorded('target-selection', ['--target', '0'], '26.1').buildkit.error).toBe('ERROR: failed to solve: target stage "0" could not be found');
    expect(fixtureError28('target-selection', ['--target', '0'])).toBe('target stage "0" could not be found');
    // Docker 28.5 suggests the stage a misspelt target meant; Docker 26.1 does not, as the lesson says.
    expect(fixtureError28('default-target-dev-last', ['--target', 'prdo'])).toBe('target stage "prdo" could not be found (did you mean prod?)');
    expect(source).toContain('ERROR: failed to build: failed to solve: target stage "prdo" could not be found (did you mean prod?)');
    expect(recorded('default-target-dev-last', ['--target', 'prdo'], '26.1').buildkit.error).toBe('ERROR: failed to solve: target stage "prdo" could not be found');
    expect(source).toMatch(/Docker 26\.1 prints the same error without `failed to build:` and without the\s+suggestion:\s+```sh\nERROR: failed to solve: target stage "prdo" could not be found\n```/);
    expect(recorded('default-target-dev-last', ['--target', 'prdo']).classic.error).toContain('target stage "prdo" could not be found');
    expect(recorded('default-target-dev-last', ['--target', '1']).buildkit.ok).toBe(false);
  });

  it('COPY --from=0 means build in the shop Dockerfile (copy-from-numeric-index)', () => {
    const byIndex = prodLast.replace('--from=build', '--from=0');
    expect(byIndex).not.toBe(prodLast);
    const a = analyze(byIndex);
    expect(a.edges.find((e) => e.kind === 'copy-from')!.target).toEqual({ kind: 'stage', index: 0 });
    expect(a.stages[0]!.name).toBe('build');
  });

  it('adding a stage above build silently moves --from=0 to the new stage; the name keeps pointing at build', () => {
    const above = 'FROM alpine:3.20 AS tools\nRUN echo tools\n\n';
    const byIndex = above + prodLast.replace('--from=build', '--from=0');
    const byName = above + prodLast;
    for (const builder of BUILDERS) {
      const a = analyze(byIndex, { builder });
      expect(errors(byIndex, { builder }), builder).toEqual([]);
      const target = a.edges.find((e) => e.kind === 'copy-from')!.target;
      expect(target.kind === 'stage' && a.stages[target.index]!.name).toBe('tools');
      const b = analyze(byName, { builder });
      const named = b.edges.find((e) => e.kind === 'copy-from')!.target;
      expect(named.kind === 'stage' && b.stages[named.index]!.name).toBe('build');
    }
  });
});
