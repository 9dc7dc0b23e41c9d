// The answers written by hand (single, multiple and true/false questions) that are about what
// Docker does with a Dockerfile, checked against the analyzer, which is itself checked
// against the Docker 26.1 recordings in tests/fixtures/builds/ (named in each test).
// predict-build and find-the-line answers need no such test: they are computed.

import { describe, expect, it } from 'vitest';
import { analyze, type AnalyzeOptions } from '../../src/analyzer/index.ts';
import { recorded28 } from '../support/docker-28.ts';
import { lessonDockerfile } from '../support/lesson-dockerfiles.ts';
import { question, questionDockerfile } from '../support/quizzes.ts';

function run(text: string, options: AnalyzeOptions) {
  const analysis = analyze(text, { rules: false, ...options });
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
  return { analysis, fails: analysis.plan.fails, stages: analysis.plan.stages, error: errors[0]?.message ?? '', errorId: errors[0]?.id ?? '' };
}

function rightOption(quizId: string, questionId: string): string {
  const q = question(quizId, questionId);
  if (q.kind !== 'single' && q.kind !== 'multiple') throw new Error(`${questionId} is not a choice question`);
  return q.options
    .filter((o) => o.correct)
    .map((o) => o.text)
    .join(' | ');
}

function trueFalse(quizId: string, questionId: string): boolean {
  const q = question(quizId, questionId);
  if (q.kind !== 'true-false') throw new Error(`${questionId} is not a true/false question`);
  return q.answer;
}

describe('stage names and case (from-reference-with-capitals, from-reference-uppercase, target-selection)', () => {
  it('named-stages-and-target/from-capital-base: only the classic builder builds AS Base + FROM Base', () => {
    const text = questionDockerfile('named-stages-and-target', 'from-capital-base');
    expect(rightOption('named-stages-and-target', 'from-capital-base')).toBe('Only the classic builder');
    for (const target of [null, 'base', 'app']) {
      expect(run(text, { builder: 'buildkit', target }).fails).toBe(true);
      expect(run(text, { builder: 'classic', target }).fails).toBe(false);
    }
    expect(run(text, { builder: 'buildkit' }).error).toContain('failed to parse stage name "Base": invalid reference format');
  });

  it('myth-buster/from-capital-base-buildkit: --target base fails on BuildKit before any step', () => {
    const text = questionDockerfile('myth-buster', 'from-capital-base-buildkit');
    const bk = run(text, { builder: 'buildkit', target: 'base' });
    expect(bk.fails).toBe(true);
    expect(bk.stages).toEqual([]);
    expect(rightOption('myth-buster', 'from-capital-base-buildkit')).toMatch(/fails before running anything/);
    expect(trueFalse('myth-buster', 'from-capital-base-classic')).toBe(false);
    expect(run(text, { builder: 'classic', target: 'base' }).fails).toBe(false);
  });

  it('myths/from-capital-build-fails: FROM Build fails --target prod on BuildKit', () => {
    const text = questionDockerfile('myths', 'from-capital-build-fails');
    const bk = run(text, { builder: 'buildkit', target: 'prod' });
    expect(bk.fails).toBe(true);
    expect(bk.error).toContain('failed to parse stage name "Build"');
    expect(rightOption('myths', 'from-capital-build-fails')).toMatch(/whole build fails/);
  });

  it('--target and COPY --from ignore case; --target takes no index (target-mixed-case-stage-name, copy-from-reference-uppercase)', () => {
    const text = 'FROM alpine:3.20 AS build\nRUN echo b\n\nFROM alpine:3.20 AS prod\nCOPY --from=BUILD /x /x\n';
    for (const builder of ['buildkit', 'classic'] as const) {
      expect(run(text, { builder, target: 'Prod' })).toMatchObject({ fails: false, stages: [0, 1] });
      expect(run(text, { builder, target: 'PROD' }).analysis.target.index).toBe(1);
      const indexed = run(text, { builder, target: '0' });
      expect(indexed.fails).toBe(true);
      expect(indexed.error).toBe('target stage "0" could not be found');
    }
    expect(trueFalse('named-stages-and-target', 'target-ignores-case')).toBe(true);
    expect(trueFalse('myth-buster', 'copy-from-ignores-case')).toBe(true);
    expect(rightOption('myth-buster', 'target-mixed-case')).toMatch(/builds prod, on both builders/);
    expect(rightOption('myth-buster', 'target-index')).toContain('target stage "0" could not be found');
    expect(rightOption('named-stages-and-target', 'target-takes-no-index')).toContain('target stage "0" could not be found');
  });

  it('myth-buster/copy-from-index: --from=0 is the first stage, named or not (copy-from-numeric-index)', () => {
    const text = questionDockerfile('myth-buster', 'copy-from-index');
    const { analysis } = run(text, { builder: 'buildkit' });
    const edge = analysis.edges.find((e) => e.kind === 'copy-from' && e.stage === 2);
    expect(edge?.target).toEqual({ kind: 'stage', index: 0 });
    expect(analysis.stages[0]?.name).toBeNull();
    expect(rightOption('myth-buster', 'copy-from-index')).toMatch(/first stage, the unnamed one/);
  });
});

describe('duplicate stage names (duplicate-stage-name, duplicate-stage-name-different-case)', () => {
  it('myth-buster/duplicate-name-classic-default: the classic builder runs deps and the first test, then fails', () => {
    const text = questionDockerfile('myth-buster', 'duplicate-name-classic-default');
    const classic = run(text, { builder: 'classic' });
    expect(classic.fails).toBe(true);
    expect(classic.stages).toEqual([0, 1]);
    expect(classic.error).toBe('test stage name already used');
    expect(rightOption('myth-buster', 'duplicate-name-classic-default')).toContain('test stage name already used');
    expect(run(text, { builder: 'buildkit' }).fails).toBe(false);
  });
});

describe('forward references and cycles (from-later-stage-is-image, copy-from-later-stage, copy-from-self)', () => {
  it('sharing-steps/from-later-stage-is-image: FROM base before AS base is an image', () => {
    const { analysis } = run(questionDockerfile('sharing-steps', 'from-later-stage-is-image'), { builder: 'buildkit' });
    expect(analysis.stages[0]?.base).toEqual({ kind: 'image', ref: 'base' });
    expect(rightOption('sharing-steps', 'from-later-stage-is-image')).toMatch(/image called base/);
    expect(trueFalse('myth-buster', 'from-later-stage')).toBe(false);
  });

  it('myth-buster/copy-from-later-target: BuildKit refuses --target app', () => {
    const bk = run(questionDockerfile('myth-buster', 'copy-from-later-target'), { builder: 'buildkit', target: 'app' });
    expect(bk.fails).toBe(true);
    expect(bk.error).toBe('cannot copy from stage "build", it needs to be defined before current stage "app"');
    expect(rightOption('myth-buster', 'copy-from-later-target')).toContain(bk.error);
  });

  it('myths/copy-from-later-default: BuildKit refuses the same file for --target app', () => {
    const bk = run(questionDockerfile('myths', 'copy-from-later-default'), { builder: 'buildkit', target: 'app' });
    expect(bk.error).toBe('cannot copy from stage "build", it needs to be defined before current stage "app"');
  });

  it('pitfalls/stage-too-late-default: --target test fails on BuildKit', () => {
    const bk = run(questionDockerfile('pitfalls', 'stage-too-late-default'), { builder: 'buildkit', target: 'test' });
    expect(bk.error).toBe('cannot copy from stage "build", it needs to be defined before current stage "test"');
  });

  it('myth-buster/copy-from-self: BuildKit reports the cycle even for another target', () => {
    const bk = run(questionDockerfile('myth-buster', 'copy-from-self'), { builder: 'buildkit', target: 'base' });
    expect(bk.fails).toBe(true);
    expect(bk.error).toBe('circular dependency detected on stage: a');
    expect(rightOption('myth-buster', 'copy-from-self')).toContain(bk.error);
  });
});

describe('variables (copy-from-global-arg, global-arg-not-visible-in-stage)', () => {
  it.each([
    ['pitfalls', 'variable-in-copy-from', 'build-$VARIANT'],
    ['myth-buster', 'copy-from-variable-target', 'build-$VARIANT'],
  ])('%s/%s: COPY --from is never expanded and BuildKit fails every target', (quizId, questionId, literal) => {
    const text = questionDockerfile(quizId, questionId);
    for (const target of ['build-release', null]) {
      const bk = run(text, { builder: 'buildkit', target, buildArgs: { VARIANT: 'release' } });
      expect(bk.fails).toBe(true);
      expect(bk.stages).toEqual([]);
      // Docker 28.5 says so in its own words (copy-from-arg-in-stage-name); 26.1 read the text as an image name.
      expect(bk.error).toBe('variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround');
      const old = run(text, { builder: 'buildkit', target, buildArgs: { VARIANT: 'release' }, engine: '26.1' });
      expect(old.fails).toBe(true);
      expect(old.error).toContain(`failed to parse stage name "${literal}"`);
    }
    expect(rightOption(quizId, questionId)).toMatch(/before running anything/);
    expect(trueFalse('myth-buster', 'copy-from-variable-expanded')).toBe(false);
  });

  it('the explanations quote Docker 28.5’s refusal of a variable in --from, which the engine recorded (pitfalls/10)', () => {
    const message28 = recorded28('lessons', lessonDockerfile('pitfalls', 'from-variable').text).error;
    expect(message28).toMatch(/^variable expansion is not supported for --from/);
    const quoted = 'variable expansion is not supported for --from';
    expect(JSON.stringify(question('myth-buster', 'copy-from-variable-expanded'))).toContain(quoted);
    expect(JSON.stringify(question('myth-buster', 'copy-from-variable-target'))).toContain(quoted);
    expect(JSON.stringify(question('pitfalls', 'variable-in-copy-from'))).toContain(quoted);
  });

  it('myth-buster/global-arg-in-run: a global ARG is undefined in a stage that does not declare it', () => {
    const text = 'ARG VERSION=dev\n\nFROM golang:1.23 AS build\nRUN go build -ldflags "-X main.version=$VERSION" -o /out/api ./cmd/api\n';
    const { analysis } = run(text, { builder: 'buildkit', buildArgs: { VERSION: '1.4.0' } });
    expect(analysis.globalArgs['VERSION']).toBe('1.4.0');
    expect(analysis.stages[0]?.instructions.some((i) => i.keyword === 'ARG')).toBe(false);
    expect(trueFalse('myth-buster', 'global-arg-in-run')).toBe(false);
  });
});

describe('what only BuildKit supports (platform-buildplatform, heredoc-*, run-mount-cache)', () => {
  it('myth-buster/buildplatform-classic: the classic builder fails on $BUILDPLATFORM', () => {
    const text = 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nRUN echo build\n\nFROM alpine:3.20\nCOPY --from=build /x /x\n';
    const classic = run(text, { builder: 'classic' });
    expect(classic.fails).toBe(true);
    expect(classic.error).toContain('failed to parse platform : "" is an invalid OS component');
    expect(run(text, { builder: 'buildkit' }).fails).toBe(false);
    expect(rightOption('myth-buster', 'buildplatform-classic')).toContain('failed to parse platform : "" is an invalid OS component');
  });

  it('heredoc RUN: the classic builder succeeds without running the body', () => {
    for (const [quizId, questionId] of [['advanced-builds', 'heredoc-on-classic']] as const) {
      const text = questionDockerfile(quizId, questionId);
      const classic = analyze(text, { builder: 'classic' });
      expect(classic.plan.fails).toBe(false);
      expect(classic.diagnostics.map((d) => d.id)).toContain('heredoc-ignored-by-classic');
      expect(rightOption(quizId, questionId)).toMatch(/never ran/);
    }
    const plain = analyze('FROM alpine:3.20\nRUN <<EOF\necho one\necho two\nEOF\n', { builder: 'classic' });
    expect(plain.plan.fails).toBe(false);
    expect(plain.diagnostics.map((d) => d.id)).toContain('heredoc-ignored-by-classic');
    expect(rightOption('myth-buster', 'heredoc-run-classic')).toMatch(/succeeds without running the script/);
  });

  it('heredoc COPY: the classic builder fails', () => {
    const text = 'FROM python:3.12-slim\nCOPY <<EOF gunicorn.conf.py\nbind = "0.0.0.0:8000"\nEOF\n';
    const classic = run(text, { builder: 'classic' });
    expect(classic.fails).toBe(true);
    expect(classic.error).toBe('COPY failed: no source files were specified');
    expect(run(text, { builder: 'buildkit' }).fails).toBe(false);
    expect(rightOption('myth-buster', 'heredoc-copy-classic')).toContain(classic.error);
  });
});

describe('which stages a build runs, when a choice question depends on it', () => {
  it('one-dockerfile-every-environment/failing-test-default-build: only the classic builder runs test', () => {
    const text = questionDockerfile('one-dockerfile-every-environment', 'failing-test-default-build');
    const bk = run(text, { builder: 'buildkit' });
    const classic = run(text, { builder: 'classic' });
    const test = bk.analysis.stages.findIndex((s) => s.name === 'test');
    expect(bk.stages).not.toContain(test);
    expect(classic.stages).toContain(test);
    expect(rightOption('one-dockerfile-every-environment', 'failing-test-default-build')).toMatch(
      /^BuildKit builds the production image; the classic builder fails/,
    );
  });

  it('capstone/capstone-default-runs-tests: BuildKit skips test and lint for production', () => {
    const text = questionDockerfile('capstone', 'capstone-production-buildkit');
    const bk = run(text, { builder: 'buildkit' });
    const names = bk.stages.map((i) => bk.analysis.stages[i]?.name);
    expect(names).not.toContain('test');
    expect(names).not.toContain('lint');
    expect(trueFalse('capstone', 'capstone-default-runs-tests')).toBe(false);
  });

  it('classic-runs-after-target is false: the classic builder stops at the target', () => {
    const text = questionDockerfile('myth-buster', 'unrelated-stages-classic');
    const classic = run(text, { builder: 'classic', target: 'prod' });
    expect(classic.stages).not.toContain(4);
    expect(trueFalse('myth-buster', 'classic-runs-after-target')).toBe(false);
  });
});
