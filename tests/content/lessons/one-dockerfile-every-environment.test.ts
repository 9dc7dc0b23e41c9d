// What content/lessons/one-dockerfile-every-environment.mdx says about its Dockerfiles.
// Builder differences are recorded from the real engine in tests/fixtures/builds:
//   target-selection                   base/test/prod: BuildKit's default build skips test, classic runs it
//   test-stage-failure-before-default  base/dev/test/production: a failing RUN in test fails the classic
//                                      default build; BuildKit's default build never starts it
// (tests/analyzer/goldens.test.ts checks the analyzer against both.)

import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/index.ts';
import type { AnalyzeOptions, Analysis, Builder, Stage } from '../../../src/analyzer/model.ts';
import { lessonDockerfile } from '../../support/lesson-dockerfiles.ts';
import { lessonSource, predictReveal, stringProp } from './mdx-source.ts';

const SLUG = 'one-dockerfile-every-environment';
const BUILDERS: Builder[] = ['buildkit', 'classic'];

const envs = lessonDockerfile(SLUG, 'flask-envs').text;
const sharedInstall = lessonDockerfile(SLUG, 'flask-shared-install').text;

function names(analysis: Analysis, indices: number[]): Array<string | null> {
  return indices.map((i) => analysis.stages[i]!.name);
}

function planned(text: string, options: AnalyzeOptions): Array<string | null> {
  const analysis = analyze(text, options);
  expect(analysis.plan.fails).toBe(false);
  return names(analysis, analysis.plan.stages);
}

/** The stage chain a stage is built on: itself, the stage it is FROM, and so on. */
function chain(analysis: Analysis, index: number): Array<string | null> {
  const out: Array<string | null> = [];
  for (let stage: Stage | undefined = analysis.stages[index]; stage; ) {
    out.push(stage.name);
    stage = stage.base.kind === 'stage' ? analysis.stages[stage.base.index] : undefined;
  }
  return out;
}

/** The course rules about what a shipped image contains. */
const SHIPPING_RULES = [
  'build-tools-in-final-image',
  'test-tools-in-final-image',
  'dev-dependencies-in-final-image',
  'heavy-final-base',
  'final-stage-runs-as-root',
  'no-command-in-final-image',
];

describe('the Flask Dockerfile', () => {
  it('has base, dev, test and production, production last and so the default target', () => {
    const a = analyze(envs);
    expect(a.stages.map((s) => s.name)).toEqual(['base', 'dev', 'test', 'production']);
    expect(a.target).toEqual({ requested: null, index: 3 });
    expect(a.stages[0]!.base).toEqual({ kind: 'image', ref: 'python:3.12-slim' });
  });

  it('builds dev and production FROM base, test FROM dev (production never inherits dev or test)', () => {
    const a = analyze(envs);
    expect(chain(a, 1)).toEqual(['dev', 'base']);
    expect(chain(a, 2)).toEqual(['test', 'dev', 'base']);
    expect(chain(a, 3)).toEqual(['production', 'base']);
  });

  it('installs requirements.txt with --no-cache-dir in base and requirements-dev.txt only in dev', () => {
    const a = analyze(envs);
    const runs = (i: number) => a.stages[i]!.instructions.filter((x) => x.keyword === 'RUN').map((x) => x.argsText);
    expect(runs(0)).toEqual(['pip install --no-cache-dir -r requirements.txt']);
    expect(runs(1)).toEqual(['pip install --no-cache-dir -r requirements-dev.txt']);
    expect(runs(2)).toEqual(['pytest']);
    expect(runs(3).some((r) => r.includes('requirements-dev'))).toBe(false);
  });

  it('runs the Flask debug server in dev and gunicorn as a non-root user in production', () => {
    const a = analyze(envs);
    const last = (i: number, keyword: string) => a.stages[i]!.instructions.filter((x) => x.keyword === keyword).at(-1);
    expect(last(1, 'CMD')!.json).toEqual(['flask', '--app', 'app', 'run', '--debug', '--host', '0.0.0.0']);
    expect(last(3, 'CMD')!.json).toEqual(['gunicorn', '--bind', '0.0.0.0:8000', 'app:app']);
    expect(last(3, 'USER')!.argsText).toBe('app');
    expect(a.stages[3]!.instructions.filter((x) => x.keyword === 'COPY').map((x) => x.argsText)).toEqual(['app.py .']);
  });
});

describe('which stages each build runs', () => {
  it('production (the default target): base and production on BuildKit, all four on classic', () => {
    // Fixtures target-selection and test-stage-failure-before-default.
    for (const target of [null, 'production']) {
      expect(planned(envs, { target, builder: 'buildkit' })).toEqual(['base', 'production']);
      expect(planned(envs, { target, builder: 'classic' })).toEqual(['base', 'dev', 'test', 'production']);
    }
  });

  it('--target test runs base, dev and test on both builders', () => {
    for (const builder of BUILDERS) expect(planned(envs, { target: 'test', builder })).toEqual(['base', 'dev', 'test']);
  });

  it('--target dev runs base and dev on both builders', () => {
    for (const builder of BUILDERS) expect(planned(envs, { target: 'dev', builder })).toEqual(['base', 'dev']);
  });

  it('the production build reaches RUN pytest only on the classic builder (a failing test fails it there)', () => {
    // Fixture test-stage-failure-before-default: classic fails at the test stage's RUN, BuildKit builds.
    for (const builder of BUILDERS) {
      const a = analyze(envs, { builder });
      const runsPytest = a.plan.stages.some((i) => a.stages[i]!.instructions.some((x) => x.keyword === 'RUN' && x.argsText === 'pytest'));
      expect(runsPytest, builder).toBe(builder === 'classic');
    }
  });
});

describe('the diagrams and predictions', () => {
  const diagrams: Record<string, Array<string | null>> = {
    'flask-default-buildkit': ['base', 'production'],
    'flask-default-classic': ['base', 'dev', 'test', 'production'],
    'flask-test-buildkit': ['base', 'dev', 'test'],
  };

  for (const [id, stages] of Object.entries(diagrams)) {
    it(`StageDiagram ${id} shows the lesson's Dockerfile and the stages its caption names`, () => {
      expect(lessonDockerfile(SLUG, id).text.trim()).toBe(envs.trim());
      const target = stringProp(SLUG, 'StageDiagram', id, 'target');
      const builder = (stringProp(SLUG, 'StageDiagram', id, 'builder') ?? 'buildkit') as Builder;
      expect(planned(envs, { target, builder })).toEqual(stages);
      const caption = stringProp(SLUG, 'StageDiagram', id, 'caption')!;
      for (const name of ['base', 'dev', 'test', 'production']) {
        if (stages.includes(name)) expect(caption, name).toMatch(new RegExp(`\\b${name}\\b|all four`));
        else expect(caption, name).not.toMatch(new RegExp(`\\b${name}\\b`));
      }
    });
  }

  it('the test-target diagram holds on the classic builder too, as its caption says', () => {
    expect(planned(envs, { target: 'test', builder: 'classic' })).toEqual(diagrams['flask-test-buildkit']);
  });

  it('quiz flask-default-stages: BuildKit runs base and production', () => {
    const { options, answer } = predictReveal(SLUG, 'flask-default-stages');
    expect(options[answer]).toBe('base and production');
    expect(planned(envs, { builder: 'buildkit' })).toEqual(['base', 'production']);
  });

  it('quiz flask-failing-test: only the classic builder fails', () => {
    const { options, answer } = predictReveal(SLUG, 'flask-failing-test');
    expect(options[answer]).toMatch(/BuildKit builds the production image; the classic builder fails in the test stage/);
    expect(planned(envs, { builder: 'buildkit' })).not.toContain('test');
    expect(planned(envs, { builder: 'classic' })).toContain('test');
  });
});

describe('where the tools belong', () => {
  it('the lesson Dockerfile ships a production image with no course-rule finding, on either builder', () => {
    for (const builder of BUILDERS) {
      for (const target of [null, 'production']) {
        const found = analyze(envs, { target, builder }).diagnostics;
        expect(found.map((d) => `${d.id}: ${d.message}`), `${target} ${builder}`).toEqual([]);
      }
    }
  });

  it('the same checks do fire when production loses its USER (so the assertion above can fail)', () => {
    const rootProduction = envs.replace('USER app\n', '');
    expect(analyze(rootProduction).diagnostics.map((d) => d.id)).toContain('final-stage-runs-as-root');
  });

  it('--target dev may carry requirements-dev.txt: no finding for the dev image', () => {
    for (const builder of BUILDERS) {
      const ids = analyze(envs, { target: 'dev', builder }).diagnostics.map((d) => d.id);
      for (const rule of SHIPPING_RULES) expect(ids, builder).not.toContain(rule);
    }
  });

  it('the shared install leaks pytest into production: test-tools-in-final-image names base and the default target', () => {
    const findings = analyze(sharedInstall).diagnostics.filter((d) => d.id === 'test-tools-in-final-image');
    expect(findings.map((d) => d.message)).toEqual([
      'requirements-dev.txt (development/test requirements) is installed in stage "base", which the image for the default target (production) is built on',
    ]);
    // The lesson quotes this message word for word.
    const explanation = /id="flask-shared-install-leak"[\s\S]*?<\/PredictReveal>/.exec(lessonSource(SLUG))![0];
    expect(explanation.replace(/\s+/g, ' ')).toContain(findings[0]!.message.replace(/\s+/g, ' '));
  });

  it('with --target production the message speaks of the image for target "production"', () => {
    const [finding] = analyze(sharedInstall, { target: 'production' }).diagnostics.filter((d) => d.id === 'test-tools-in-final-image');
    expect(finding!.message).toContain('the image for target "production"');
  });

  it('with --target dev the shared install is not reported', () => {
    expect(analyze(sharedInstall, { target: 'dev' }).diagnostics.map((d) => d.id)).not.toContain('test-tools-in-final-image');
  });

  it('quiz flask-shared-install-leak: yes, production inherits what base installed', () => {
    const { options, answer } = predictReveal(SLUG, 'flask-shared-install-leak');
    expect(options[answer]).toMatch(/^Yes/);
    const a = analyze(sharedInstall);
    expect(chain(a, a.target.index)).toEqual(['production', 'base']);
  });
});
