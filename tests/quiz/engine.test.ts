// The quiz engine (src/lib/quiz/): schema, answer computation, grading, shuffling, rounds.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quizSchema } from '../../src/content/quiz-schema.ts';
import {
  answer,
  attemptOrder,
  buildAnswer,
  buildFailure,
  choiceAnswer,
  CommandError,
  feedbackKeys,
  grade,
  isComplete,
  isFinished,
  lineAnswer,
  missed,
  optionLetter,
  parseBuildCommand,
  parseQuiz,
  parseSeed,
  prepareQuiz,
  QuizError,
  retryRound,
  score,
  shuffle,
  stageSetKey,
  startRound,
  type AnswerKey,
} from '../../src/lib/quiz/index.ts';
import { quiz } from '../support/quizzes.ts';

const wrong = { misconception: 'A belief.', explanation: 'Why it is wrong.', lesson: 'myths' };

const THREE_STAGES = `FROM alpine:3.20 AS base
RUN echo base

FROM base AS test
RUN echo test

FROM base AS prod
RUN echo prod
`;

function predictBuild(extra: Record<string, unknown> = {}) {
  return {
    id: 'pb',
    kind: 'predict-build',
    prompt: 'Which stages run?',
    dockerfile: THREE_STAGES,
    command: 'docker build .',
    buildersDiffer: true,
    explanation: 'Because.',
    lesson: 'myths',
    misconceptions: [{ stages: ['base', 'test', 'prod'], ...wrong }],
    ...extra,
  };
}

function findTheLine(extra: Record<string, unknown> = {}) {
  return {
    id: 'ftl',
    kind: 'find-the-line',
    prompt: 'Which line?',
    dockerfile: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\n\nFROM scratch\nCOPY --from=build / /\n',
    rule: 'copy-entire-filesystem',
    explanation: 'Because.',
    lesson: 'lean-production-images',
    misconceptions: [{ line: 4, ...wrong }],
    ...extra,
  };
}

function single(extra: Record<string, unknown> = {}) {
  return {
    id: 'one',
    kind: 'single',
    prompt: 'Pick one.',
    options: [
      { text: 'Right', correct: true, explanation: 'It is right.' },
      { text: 'Wrong', ...wrong },
    ],
    ...extra,
  };
}

function quizWith(...questions: unknown[]) {
  return { title: 'Test', description: 'A test quiz.', questions };
}

function issues(data: unknown): string {
  const result = quizSchema.safeParse(data);
  return result.success ? '' : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
}

describe('the quiz schema', () => {
  it('accepts every kind', () => {
    const tf = { id: 'tf', kind: 'true-false', prompt: 'True?', answer: true, explanation: 'Yes.', wrong };
    const multiple = {
      ...single({ id: 'many', kind: 'multiple' }),
      options: [
        { text: 'A', correct: true, explanation: 'Yes.' },
        { text: 'B', correct: true, explanation: 'Yes.' },
        { text: 'C', ...wrong },
      ],
    };
    expect(issues(quizWith(single(), multiple, tf, predictBuild(), findTheLine()))).toBe('');
  });

  it('has no answer field for predict-build: the analyzer computes it', () => {
    expect(issues(quizWith(predictBuild({ answer: ['base', 'prod'] })))).toMatch(/questions\.0\.answer: .*computed by the analyzer/);
    expect(issues(quizWith(predictBuild({ stages: [0, 2] })))).toMatch(/computed by the analyzer/);
    expect(issues(quizWith(findTheLine({ line: 5 })))).toMatch(/questions\.0\.line: .*computed by the analyzer/);
    expect(issues(quizWith(findTheLine({ answer: 5 })))).toMatch(/computed by the analyzer/);
  });

  it('requires a misconception and a lesson on every wrong option', () => {
    const bare = single({
      options: [
        { text: 'Right', correct: true, explanation: 'Yes.' },
        { text: 'Wrong', explanation: 'No.' },
      ],
    });
    const text = issues(quizWith(bare));
    expect(text).toMatch(/must name the misconception/);
    expect(text).toMatch(/must link the lesson/);
  });

  it('refuses lesson links that are not on the course path', () => {
    expect(
      issues(
        quizWith(
          single({
            options: [
              { text: 'Right', correct: true, explanation: 'Yes.' },
              { text: 'W', ...wrong, lesson: 'no-such-lesson' },
            ],
          }),
        ),
      ),
    ).toMatch(/"no-such-lesson" is not a lesson slug/);
  });

  it('checks the number of right options', () => {
    expect(
      issues(
        quizWith(
          single({
            options: [
              { text: 'A', correct: true, explanation: 'x' },
              { text: 'B', correct: true, explanation: 'y' },
            ],
          }),
        ),
      ),
    ).toMatch(/exactly one correct option; it has 2/);
    expect(
      issues(
        quizWith({
          ...single({ kind: 'multiple' }),
          options: [
            { text: 'A', correct: true, explanation: 'x' },
            { text: 'B', correct: true, explanation: 'y' },
          ],
        }),
      ),
    ).toMatch(/at least one wrong option/);
  });

  it('refuses unknown kinds, unknown keys and duplicate question ids', () => {
    expect(issues(quizWith(single({ kind: 'essay' })))).toMatch(/kind must be one of/);
    expect(issues(quizWith(single({ hint: 'x' })))).toMatch(/Unrecognized key/);
    expect(issues(quizWith(single(), single()))).toMatch(/question id "one" is used twice/);
  });

  it('defaults predict-build to BuildKit and a plain docker build', () => {
    const data = parseQuiz(quizWith(predictBuild({ command: undefined })));
    const q = data.questions[0]!;
    expect(q.kind === 'predict-build' && q.builder).toBe('buildkit');
    expect(q.kind === 'predict-build' && q.command).toBe('docker build .');
  });
});

describe('computing answers', () => {
  it("computes predict-build from the analyzer, with the file's stages as options", () => {
    const { questions } = prepareQuiz('t', parseQuiz(quizWith(predictBuild())));
    const q = questions[0]!;
    expect(q.kind).toBe('predict-build');
    if (q.kind !== 'predict-build') return;
    expect(q.key.correct).toEqual([0, 2]);
    expect(q.otherOutcome.stages).toEqual([0, 1, 2]);
    expect(q.choices.map((c) => c.label)).toEqual(['base (line 1)', 'test (line 4)', 'prod (line 7)']);
    expect(q.anticipated).toEqual(['stages-0-1-2']);
  });

  it('honours --target and --build-arg in the command', () => {
    const { questions } = prepareQuiz(
      't',
      parseQuiz(quizWith(predictBuild({ command: 'docker build --target test .', misconceptions: [{ stages: ['test'], ...wrong }], buildersDiffer: false }))),
    );
    expect(questions[0]!.key.correct).toEqual([0, 1]);
  });

  it('refuses a question the analyzer contradicts', () => {
    const prep = (q: unknown) => () => prepareQuiz('t', parseQuiz(quizWith(q)));
    expect(prep(predictBuild({ buildersDiffer: false }))).toThrow(/buildersDiffer is false/);
    expect(prep(predictBuild({ misconceptions: [{ stages: ['base', 'prod'], ...wrong }] }))).toThrow(/not a wrong answer/);
    expect(prep(predictBuild({ misconceptions: [{ stages: ['nope'], ...wrong }] }))).toThrow(/does not define/);
    expect(prep(predictBuild({ command: 'DOCKER_BUILDKIT=0 docker build .' }))).toThrow(/selects the classic builder but builder is "buildkit"/);
    expect(prep(predictBuild({ dockerfile: 'FROM alpine:3.20 AS Base\nFROM Base AS app\n', misconceptions: [{ stages: [1], ...wrong }] }))).toThrow(
      /no stage runs/,
    );
    expect(prep(findTheLine({ rule: 'duplicate-stage-name' }))).toThrow(/exactly one "duplicate-stage-name" diagnostic.*produces 0/);
    expect(prep(findTheLine({ misconceptions: [{ line: 5, ...wrong }] }))).toThrow(/is the line the analyzer reports/);
    expect(prep(findTheLine({ misconceptions: [{ line: 3, ...wrong }] }))).toThrow(/is blank/);
    expect(prep(findTheLine({ misconceptions: [{ line: 9, ...wrong }] }))).toThrow(/past the end/);
  });

  it('computes find-the-line from the one matching diagnostic', () => {
    const q = prepareQuiz('t', parseQuiz(quizWith(findTheLine()))).questions[0]!;
    expect(q.key).toEqual({ kind: 'find-the-line', correct: [5] });
  });

  it('throws QuizErrors that name the quiz and the question', () => {
    try {
      prepareQuiz('my-quiz', parseQuiz(quizWith(predictBuild({ buildersDiffer: false }))));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(QuizError);
      expect((error as Error).message).toMatch(/^quiz "my-quiz", question "pb": /);
    }
  });
});

describe('reading docker build commands', () => {
  it('reads the target, build args and the builder', () => {
    expect(parseBuildCommand('docker build .')).toEqual({ target: null, buildArgs: {}, builder: null });
    expect(parseBuildCommand('DOCKER_BUILDKIT=0 docker build --target test -t x:1 --build-arg A=b --build-arg=C=d=e .')).toEqual({
      target: 'test',
      buildArgs: { A: 'b', C: 'd=e' },
      builder: 'classic',
    });
    expect(parseBuildCommand('docker build --target=prod .').target).toBe('prod');
  });

  it('refuses what it cannot honour', () => {
    expect(() => parseBuildCommand('docker run alpine')).toThrow(CommandError);
    expect(() => parseBuildCommand('docker build -f other.Dockerfile .')).toThrow(/does not understand -f/);
    expect(() => parseBuildCommand('docker build')).toThrow(/exactly one build context/);
    expect(() => parseBuildCommand('docker build --target')).toThrow(/needs a value/);
  });
});

describe('grading', () => {
  const single: AnswerKey = { kind: 'single', correct: [1] };
  const multiple: AnswerKey = { kind: 'multiple', correct: [0, 2] };
  const trueFalse: AnswerKey = { kind: 'true-false', correct: [0] };
  const stages: AnswerKey = { kind: 'predict-build', correct: [0, 2, 3] };
  const line: AnswerKey = { kind: 'find-the-line', correct: [7] };

  it('grades single choice', () => {
    expect(grade(single, [1]).correct).toBe(true);
    expect(grade(single, [0])).toEqual({ correct: false, extra: [0], missing: [1] });
    expect(grade(single, [1, 0]).correct).toBe(false);
    expect(grade(single, []).correct).toBe(false);
  });

  it('grades multiple choice all-or-nothing', () => {
    expect(grade(multiple, [2, 0]).correct).toBe(true);
    expect(grade(multiple, [0])).toEqual({ correct: false, extra: [], missing: [2] });
    expect(grade(multiple, [0, 1, 2])).toEqual({ correct: false, extra: [1], missing: [] });
    expect(grade(multiple, [0, 0, 2, 2]).correct).toBe(true);
  });

  it('grades true/false', () => {
    expect(grade(trueFalse, [0]).correct).toBe(true);
    expect(grade(trueFalse, [1]).correct).toBe(false);
  });

  it('grades stage sets as sets', () => {
    expect(grade(stages, [3, 0, 2]).correct).toBe(true);
    expect(grade(stages, [0, 1, 2, 3])).toEqual({ correct: false, extra: [1], missing: [] });
    expect(grade(stages, [0, 3])).toEqual({ correct: false, extra: [], missing: [2] });
  });

  it('grades lines', () => {
    expect(grade(line, [7]).correct).toBe(true);
    expect(grade(line, [6]).correct).toBe(false);
  });

  it('knows when a response is complete enough to check', () => {
    expect(isComplete('single', [])).toBe(false);
    expect(isComplete('single', [2])).toBe(true);
    expect(isComplete('multiple', [0, 1])).toBe(true);
    expect(isComplete('predict-build', [])).toBe(false);
    expect(isComplete('find-the-line', [3, 4])).toBe(false);
  });

  it('picks the explanations a wrong response calls for', () => {
    expect(feedbackKeys(single, [1])).toEqual([]);
    expect(feedbackKeys(single, [2])).toEqual(['option-2']);
    expect(feedbackKeys(multiple, [0, 1])).toEqual(['option-1']);
    expect(feedbackKeys(multiple, [0])).toEqual([]);
    expect(feedbackKeys(trueFalse, [1])).toEqual(['wrong']);
    expect(feedbackKeys(stages, [0, 1, 2, 3], [stageSetKey([0, 1, 2, 3])])).toEqual(['stages-0-1-2-3']);
    expect(feedbackKeys(stages, [3], ['stages-0-1-2-3'])).toEqual(['fallback']);
    expect(feedbackKeys(line, [4], ['line-4'])).toEqual(['line-4']);
    expect(feedbackKeys(line, [5], ['line-4'])).toEqual(['fallback']);
  });
});

describe('shuffling', () => {
  const ids = quiz('myth-buster').data.questions.map((q) => q.id);

  it('is deterministic given a seed', () => {
    expect(shuffle(ids, 42)).toEqual(shuffle(ids, 42));
    expect(attemptOrder(ids, true, 7)).toEqual(attemptOrder(ids, true, 7));
  });

  it('is a permutation, and different seeds give different orders', () => {
    const a = shuffle(ids, 1);
    const b = shuffle(ids, 2);
    expect([...a].sort()).toEqual([...ids].sort());
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(ids);
  });

  it('keeps the file order when the quiz is not shuffled', () => {
    expect(attemptOrder(ids, false, 99)).toEqual(ids);
  });

  it('does not change its input', () => {
    const copy = [...ids];
    shuffle(ids, 3);
    expect(ids).toEqual(copy);
  });

  it('reads seeds from text', () => {
    expect(parseSeed('123')).toBe(123);
    expect(parseSeed('4294967295')).toBe(4294967295);
    expect(parseSeed('4294967296')).toBeNull();
    expect(parseSeed('-1')).toBeNull();
    expect(parseSeed('1e3')).toBeNull();
    expect(parseSeed(null)).toBeNull();
  });
});

describe('rounds, scores and retries', () => {
  const keys: Record<string, AnswerKey> = {
    a: { kind: 'single', correct: [0] },
    b: { kind: 'multiple', correct: [1, 2] },
    c: { kind: 'true-false', correct: [1] },
    d: { kind: 'find-the-line', correct: [4] },
  };

  it('scores a full round and lists the missed questions in the order asked', () => {
    let round = startRound(['d', 'a', 'c', 'b'], true);
    round = answer(round, 'd', keys['d']!, [3]);
    round = answer(round, 'a', keys['a']!, [0]);
    expect(isFinished(round)).toBe(false);
    round = answer(round, 'c', keys['c']!, [1]);
    round = answer(round, 'b', keys['b']!, [1]);
    expect(isFinished(round)).toBe(true);
    expect(score(round)).toEqual({ correct: 2, total: 4 });
    expect(missed(round)).toEqual(['d', 'b']);
  });

  it('records one answer per question per round', () => {
    let round = startRound(['a'], true);
    round = answer(round, 'a', keys['a']!, [1]);
    round = answer(round, 'a', keys['a']!, [0]);
    expect(score(round)).toEqual({ correct: 0, total: 1 });
    expect(answer(round, 'zzz', keys['a']!, [0])).toBe(round);
  });

  it('retries only the missed questions, until none is left', () => {
    let round = startRound(['a', 'b', 'c', 'd'], true);
    round = answer(round, 'a', keys['a']!, [0]);
    round = answer(round, 'b', keys['b']!, [1, 2, 3]);
    round = answer(round, 'c', keys['c']!, [1]);
    round = answer(round, 'd', keys['d']!, [2]);
    let retry = retryRound(round)!;
    expect(retry.order).toEqual(['b', 'd']);
    expect(retry.full).toBe(false);
    retry = answer(retry, 'b', keys['b']!, [1, 2]);
    retry = answer(retry, 'd', keys['d']!, [3]);
    expect(score(retry)).toEqual({ correct: 1, total: 2 });
    let again = retryRound(retry)!;
    expect(again.order).toEqual(['d']);
    again = answer(again, 'd', keys['d']!, [4]);
    expect(retryRound(again)).toBeNull();
  });

  it('counts unanswered questions as missed', () => {
    expect(missed(startRound(['a', 'b'], true))).toEqual(['a', 'b']);
  });
});

describe('what the quiz pages say about computed answers', () => {
  it("words a build and its failure from the analyzer's result", () => {
    const q = quiz('myth-buster').prepared.questions.find((x) => x.id === 'duplicate-name-classic-target');
    const fails = quiz('myths').prepared.questions.find((x) => x.id === 'duplicate-name-default-classic');
    if (q?.kind !== 'predict-build' || fails?.kind !== 'predict-build') throw new Error('expected predict-build questions');
    expect(buildAnswer(q)).toBe('The classic builder: `DOCKER_BUILDKIT=0 docker build --target test .` runs deps and test (line 6).');
    expect(buildFailure(q)).toBeNull();
    expect(buildFailure(fails)).toBe('Then the build fails at line 10: test stage name already used');
  });

  it('words a line and a choice', () => {
    const line = quiz('pitfalls').prepared.questions.find((x) => x.id === 'find-stage-typo');
    const choice = quiz('what-is-a-stage').prepared.questions.find((x) => x.id === 'what-brings-files-across');
    if (line?.kind !== 'find-the-line' || choice?.kind !== 'multiple') throw new Error('unexpected kinds');
    expect(lineAnswer(line)).toBe('Line 7: `COPY --from=biuld /out/api /usr/local/bin/api`');
    expect(choiceAnswer(choice)).toBe('A and B');
    expect(optionLetter(2)).toBe('C');
  });
});

describe('the quiz components', () => {
  const dir = join(import.meta.dirname, '..', '..', 'src', 'components', 'quiz');
  const sources = readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')] as const);

  it.each(sources)('%s never parses content or storage as HTML, and has no inline script', (_name, source) => {
    expect(source).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|set:html|is:inline|new Function|eval\(/);
  });
});
