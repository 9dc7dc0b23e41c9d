// Predict-the-cache questions: their answers come from the cache model, the author's stated
// answer must agree with it, and a question the model cannot answer firmly stops the build.

import { describe, expect, it } from 'vitest';
import {
  feedbackKeys,
  grade,
  isComplete,
  lineSetKey,
  NO_STEP,
  parseQuiz,
  prepareQuiz,
  QuizError,
  type PreparedPredictCache,
  type PreparedQuestion,
} from '../../src/lib/quiz/index.ts';
import { cacheAnswer } from '../../src/lib/quiz/text.ts';
import { quiz, quizFiles } from '../support/quizzes.ts';

const wrong = { misconception: 'A belief.', explanation: 'Why not.', lesson: 'advanced-builds' };

const NODE = `FROM node:22 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build
`;

function question(extra: Record<string, unknown> = {}) {
  return {
    id: 'pc',
    kind: 'predict-cache',
    prompt: 'Which steps run again?',
    dockerfile: NODE,
    files: ['package.json', 'package-lock.json', 'src/app.js'],
    change: { edited: ['src/app.js'] },
    reruns: [5, 6],
    explanation: 'Because.',
    lesson: 'advanced-builds',
    misconceptions: [{ reruns: [4, 5, 6], ...wrong }],
    ...extra,
  };
}

function prepare(...questions: unknown[]): PreparedQuestion[] {
  return prepareQuiz('test', parseQuiz({ title: 'Test', description: 'A test quiz.', questions })).questions;
}

function prepared(extra: Record<string, unknown> = {}): PreparedPredictCache {
  const [q] = prepare(question(extra));
  if (q?.kind !== 'predict-cache') throw new Error('expected a predict-cache question');
  return q;
}

describe('predict-cache questions', () => {
  it('take their key from the cache model: the lines that run again', () => {
    const q = prepared();
    expect(q.key).toEqual({ kind: 'predict-cache', correct: [5, 6] });
    expect(q.reruns).toEqual([5, 6]);
    expect(q.choices.map((c) => c.line)).toEqual([2, 3, 4, 5, 6, NO_STEP]);
    expect(q.choices[2]).toEqual({ line: 4, text: 'RUN npm ci', stage: 'build', short: 'line 4' });
    expect(q.steps.find((s) => s.line === 5)).toEqual({ line: 5, text: 'COPY . .', stage: 'build', cached: false, reason: 'src/app.js changed' });
    expect(q.change).toBe('Since the last build, you edited `src/app.js`.');
    expect(cacheAnswer(q)).toBe('Lines 5 and 6 run again; the other steps come from the cache.');
  });

  it("stop the build when the stated answer is not the model's, naming both", () => {
    expect(() => prepare(question({ reruns: [4, 5, 6] }))).toThrow(QuizError);
    expect(() => prepare(question({ reruns: [4, 5, 6] }))).toThrow(
      /reruns says \[4, 5, 6\], but the cache model has lines \[5, 6\] run again \(.*line 4 cached: nothing it depends on changed/,
    );
  });

  it('stop the build when a misconception is the right answer, or names a line that is no step', () => {
    expect(() => prepare(question({ misconceptions: [{ reruns: [6, 5], ...wrong }] }))).toThrow(/lists the steps that really run again/);
    expect(() => prepare(question({ misconceptions: [{ reruns: [1, 5], ...wrong }] }))).toThrow(/misconception line 1 is not a step of the build/);
    expect(() =>
      prepare(
        question({
          misconceptions: [
            { reruns: [4], ...wrong },
            { reruns: [4], ...wrong },
          ],
        }),
      ),
    ).toThrow(/two misconceptions list the same lines \[4\]/);
  });

  it('offer "no step runs again" as key 0, and the steps of stages the build skips', () => {
    const dockerfile = `${NODE}\nFROM build AS test\nRUN npm test\n\nFROM alpine:3.20 AS runtime\nCOPY --from=build /app/dist /srv\n`;
    const q = prepared({
      dockerfile,
      change: { edited: ['README.md'] },
      files: ['README.md', 'package.json', 'package-lock.json'],
      dockerignore: '*.md\n',
      reruns: [],
      misconceptions: [{ reruns: [9], ...wrong }],
    });
    expect(q.key.correct).toEqual([NO_STEP]);
    expect(q.choices.map((c) => c.line)).toContain(9);
    expect(q.skipped).toEqual([{ stage: 'test', reason: 'the target runtime does not need it, so BuildKit does not build it' }]);
    expect(cacheAnswer(q)).toBe('No step runs again: every step comes from the cache.');
    expect(q.misconceptions[0]!.key).toBe(lineSetKey([9]));
  });

  it('read build arguments and targets from the commands', () => {
    const dockerfile = 'FROM alpine:3.20 AS build\nWORKDIR /src\nARG VERSION=dev\nRUN echo "$VERSION" > /version\n';
    const q = prepared({
      dockerfile,
      files: ['a'],
      change: { previousCommand: 'docker build --build-arg VERSION=1 .' },
      command: 'docker build --build-arg VERSION=2 .',
      reruns: [4],
      misconceptions: [{ reruns: [2, 4], ...wrong }],
    });
    expect(q.key.correct).toEqual([4]);
    expect(q.change).toBe('The last build ran `docker build --build-arg VERSION=1 .`');
    // --no-cache: every RUN, COPY and ADD runs; BuildKit keeps the WORKDIR right after FROM.
    expect(
      prepared({
        dockerfile,
        files: ['a'],
        change: { previousCommand: 'docker build --build-arg VERSION=1 .' },
        command: 'docker build --no-cache --build-arg VERSION=1 .',
        reruns: [4],
        misconceptions: [{ reruns: [2, 4], ...wrong }],
      }).key.correct,
    ).toEqual([4]);
  });

  it('refuse a build that fails, a builder the command contradicts, and a verdict resting on an assumption', () => {
    expect(() => prepare(question({ command: 'docker build --target nope .' }))).toThrow(/the build fails \(target stage "nope" could not be found\)/);
    expect(() => prepare(question({ command: 'DOCKER_BUILDKIT=0 docker build .' }))).toThrow(/selects the classic builder but builder is "buildkit"/);
    const fanIn = `${NODE}\nFROM alpine:3.20 AS runtime\nCOPY --from=build /app/dist /srv\n`;
    expect(() => prepare(question({ dockerfile: fanIn, reruns: [5, 6, 9] }))).toThrow(/the answer at line 9 rests on an assumption/);
  });

  it('may name the engine it is about', () => {
    expect(prepared({ engine: '26.1' }).engine).toBe('26.1');
    expect(prepared().engine).toBeNull();
  });

  it('refuse a change that says nothing', () => {
    expect(() => prepare(question({ change: {} }))).toThrow(/change must say what changed/);
  });

  it('grade all or nothing, with feedback for anticipated sets', () => {
    const q = prepared();
    expect(grade(q.key, [6, 5]).correct).toBe(true);
    expect(grade(q.key, [5]).correct).toBe(false);
    expect(isComplete('predict-cache', [])).toBe(false);
    expect(feedbackKeys(q.key, [4, 5, 6], q.anticipated)).toEqual(['lines-4-5-6']);
    expect(feedbackKeys(q.key, [3], q.anticipated)).toEqual(['fallback']);
    expect(feedbackKeys(q.key, [5, 6], q.anticipated)).toEqual([]);
  });
});

describe('the predict-cache questions of the course', () => {
  const questions = quizFiles().flatMap((file) =>
    quiz(file.id).prepared.questions.flatMap((q) => (q.kind === 'predict-cache' ? [{ quizId: file.id, q }] : [])),
  );

  it('exist, in the lesson quiz and the myth-buster, on both builders', () => {
    expect(questions.length).toBeGreaterThanOrEqual(4);
    expect(new Set(questions.map(({ quizId }) => quizId))).toEqual(new Set(['advanced-builds', 'myth-buster']));
    expect(new Set(questions.map(({ q }) => q.builder))).toEqual(new Set(['buildkit', 'classic']));
    expect(questions.some(({ q }) => q.key.correct[0] === NO_STEP)).toBe(true);
  });

  it.each(questions.map(({ quizId, q }) => [`${quizId}/${q.id}`, q] as const))(
    '%s: the key is the steps the model runs again, and no misconception is it',
    (_name, q) => {
      const runs = q.steps.filter((s) => !s.cached && !/^FROM\b/.test(s.text)).map((s) => s.line);
      expect(q.key.correct).toEqual(runs.length ? runs : [NO_STEP]);
      expect(q.reruns).toEqual(runs);
      for (const m of q.misconceptions) expect(m.reruns.length ? m.reruns : [NO_STEP]).not.toEqual(q.key.correct);
    },
  );
});
