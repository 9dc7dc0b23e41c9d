// A predict-build explanation must name the stages the analyzer has the build run; the quiz
// (and so the site build) refuses one that does not.

import { describe, expect, it } from 'vitest';
import { QuizError } from '../../src/lib/quiz/compute.ts';
import { explanationContradiction, stageClaims } from '../../src/lib/quiz/explanation-check.ts';
import { loadQuiz } from '../../src/lib/quiz/load.ts';

const claims = (text: string, builder: 'buildkit' | 'classic' = 'buildkit') =>
  stageClaims(text, builder).map(({ builder: b, kind, names }) => [b, kind, names]);

describe('stageClaims', () => {
  it('reads "runs", "builds", "builders run" and "would run" with a list of stage names', () => {
    expect(claims('BuildKit runs `base` and `prod`.')).toEqual([['buildkit', 'exact', ['base', 'prod']]]);
    expect(claims('It builds only `deps`, `build` and `test`.', 'classic')).toEqual([['classic', 'exact', ['deps', 'build', 'test']]]);
    expect(claims('It runs `deps` and the first `test`, then fails.', 'classic')).toEqual([['classic', 'exact', ['deps', 'test']]]);
    expect(claims('Both builders run `base` and `dev` and never touch `production`.')).toEqual([
      ['buildkit', 'exact', ['base', 'dev']],
      ['classic', 'exact', ['base', 'dev']],
    ]);
    expect(claims('The classic builder runs every stage. BuildKit would run `deps`, `build` and `lint`.', 'classic')).toEqual([
      ['buildkit', 'exact', ['deps', 'build', 'lint']],
    ]);
  });

  it('reads "also", "too" as among others, and "skips" as none of them', () => {
    expect(claims('The classic builder would also run `test` and `lint`.')).toEqual([['classic', 'includes', ['test', 'lint']]]);
    expect(claims('The classic builder would run `base-slim` too, since it comes first.')).toEqual([['classic', 'includes', ['base-slim']]]);
    expect(claims('BuildKit runs those four and skips `test`, `lint` and `dev`.')).toEqual([['buildkit', 'excludes', ['test', 'lint', 'dev']]]);
  });

  it('leaves alone what it cannot read for sure', () => {
    expect(claims('CI has to build `test` and `lint` by name.')).toEqual([]);
    expect(claims('The classic builder stops at the first `test`: it builds `deps` and the lint stage.')).toEqual([]);
    expect(claims('On BuildKit, `--target lint` runs only `base`, `deps` and `lint`.')).toEqual([]);
    expect(claims('BuildKit runs `base`, and the classic builder runs `dev`.')).toEqual([]);
    expect(claims('It runs the `build` stage first.')).toEqual([]);
  });
});

describe('explanationContradiction', () => {
  const runs = { buildkit: ['base', 'test'], classic: ['base', 'dev', 'test'] };

  it('passes claims that match the computed stages', () => {
    expect(explanationContradiction('BuildKit runs `base` and `test`. The classic builder would also run `dev`.', 'buildkit', runs)).toBeNull();
  });

  it('names the claim and what the analyzer computed when they differ', () => {
    expect(explanationContradiction('BuildKit runs `base`, `dev` and `test`.', 'buildkit', runs)).toBe(
      'the explanation says "runs `base`, `dev` and `test`", but the analyzer has BuildKit run `base`, `test`',
    );
    expect(explanationContradiction('It skips `base`.', 'buildkit', runs)).toMatch(/says "skips `base`"/);
    expect(explanationContradiction('The classic builder would also run `prod`.', 'buildkit', runs)).toMatch(/the classic builder run `base`, `dev`, `test`/);
  });
});

describe('a quiz whose explanation contradicts the computed answer', () => {
  const quiz = (explanation: string) => `title: T
description: D.
lesson: sharing-steps
questions:
  - id: q
    kind: predict-build
    prompt: Which stages run?
    command: docker build --target test .
    dockerfile: |
      FROM alpine:3.20 AS base
      FROM base AS dev
      FROM base AS test
      FROM base AS prod
    buildersDiffer: true
    explanation: ${explanation}
    lesson: sharing-steps
    misconceptions:
      - stages: [base, dev, test]
        misconception: Every stage above the target runs.
        explanation: That is the classic builder.
        lesson: sharing-steps
`;

  it('is refused with a QuizError naming the quiz, the question and the difference', () => {
    expect(() => loadQuiz('t', quiz('BuildKit runs `base`, `dev` and `test`.'))).toThrow(QuizError);
    expect(() => loadQuiz('t', quiz('BuildKit runs `base`, `dev` and `test`.'))).toThrow(
      /quiz "t", question "q": the explanation says "runs `base`, `dev` and `test`", but the analyzer has BuildKit run `base`, `test`/,
    );
    expect(loadQuiz('t', quiz('BuildKit runs `base` and `test`.')).questions).toHaveLength(1);
  });
});
