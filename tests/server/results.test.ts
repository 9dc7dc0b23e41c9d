// What a room's answers add up to (src/lib/rooms/results.ts) and its export
// (src/server/rooms/export.ts), on the course's real questions: grading as the quiz pages
// grade, misconceptions filed under the feedback keys the quiz pages use, the ranking, the
// lessons to revisit, and a CSV a spreadsheet cannot be tricked by.
import { describe, expect, it } from 'vitest';
import { checkResponse, distribution, gradeResponse, lessonsToRevisit, rankMisconceptions, scoreOf, type AnswerRecord } from '../../src/lib/rooms/results.ts';
import { checkName, normalizeCode, isCode } from '../../src/lib/rooms/limits.ts';
import { csvCell, resultsCsv } from '../../src/server/rooms/export.ts';
import { nextState } from '../../src/server/rooms/api.ts';
import { courseCatalog } from './support.ts';

const catalog = courseCatalog();
const questions = Object.values(catalog.questions);
const byKind = (kind: string) => questions.find((q) => q.kind === kind)!;

describe('the room catalog', () => {
  it('holds every quiz question, each with a right answer and a misconception for every anticipated wrong answer', () => {
    expect(questions.length).toBeGreaterThan(50);
    for (const q of questions) {
      expect(q.correct.length, q.id).toBeGreaterThan(0);
      expect(
        q.correct.every((key) => q.options.some((o) => o.key === key)),
        q.id,
      ).toBe(true);
      // Choice questions list a feedback key per option; the right options' keys have no misconception.
      const wrongKeys = q.anticipated.filter((key) => !q.correct.some((right) => key === `option-${right}`));
      expect(q.wrong.map((w) => w.key).sort(), q.id).toEqual(wrongKeys.sort());
    }
    for (const kind of ['single', 'multiple', 'true-false', 'predict-build', 'find-the-line', 'predict-cache']) expect(byKind(kind), kind).toBeDefined();
  });
});

describe('grading a response', () => {
  it('files a wrong choice under its option, a wrong true/false under "wrong", an unanticipated stage set under "fallback"', () => {
    const single = byKind('single');
    const wrong = single.options.find((o) => !single.correct.includes(o.key))!.key;
    expect(gradeResponse(single, single.correct)).toEqual({ correct: true, misconceptions: [] });
    expect(gradeResponse(single, [wrong])).toEqual({ correct: false, misconceptions: [`option-${wrong}`] });
    const tf = byKind('true-false');
    expect(gradeResponse(tf, [1 - tf.correct[0]!])).toEqual({ correct: false, misconceptions: ['wrong'] });
    const predict = byKind('predict-build');
    const anticipated = predict.anticipated[0]!;
    const stages = anticipated.replace('stages-', '').split('-').map(Number);
    expect(gradeResponse(predict, stages)).toEqual({ correct: false, misconceptions: [anticipated] });
    // A one-stage answer that is neither right nor anticipated, on the first question that has one.
    const oddAnswer = (q: typeof predict) =>
      q.options.map((o) => o.key).find((key) => !q.anticipated.includes(`stages-${key}`) && `stages-${key}` !== `stages-${q.correct.join('-')}`);
    const withOdd = questions.filter((q) => q.kind === 'predict-build').find((q) => oddAnswer(q) !== undefined);
    expect(withOdd, 'a predict-build question with an unanticipated one-stage answer').toBeDefined();
    expect(gradeResponse(withOdd!, [oddAnswer(withOdd!)!])).toEqual({ correct: false, misconceptions: ['fallback'] });
  });

  it('files a wrong predict-the-cache answer under the misconception of the lines chosen', () => {
    const cache = byKind('predict-cache');
    expect(cache.multiple).toBe(true);
    expect(gradeResponse(cache, cache.correct)).toEqual({ correct: true, misconceptions: [] });
    const wrong = cache.wrong[0]!;
    const lines = wrong.key.replace('lines-', '').split('-').map(Number);
    expect(gradeResponse(cache, lines)).toEqual({ correct: false, misconceptions: [wrong.key] });
    expect(wrong.choice).toMatch(/^If you chose (line \d+|“No step runs again”)/);
  });

  it('counts a multiple-choice answer that only misses a right option as wrong, under "fallback"', () => {
    const multiple = questions.find((q) => q.kind === 'multiple' && q.correct.length > 1)!;
    expect(gradeResponse(multiple, [multiple.correct[0]!])).toEqual({ correct: false, misconceptions: ['fallback'] });
  });

  it("accepts only the question's options, one for single-answer kinds, at least one otherwise", () => {
    const single = byKind('single');
    expect(checkResponse(single, [single.options[0]!.key])).toEqual({ ok: true, response: [single.options[0]!.key] });
    expect(checkResponse(single, [0, 1]).ok).toBe(false);
    expect(checkResponse(single, [1.5]).ok).toBe(false);
    expect(checkResponse(single, '0').ok).toBe(false);
    expect(checkResponse(single, [999]).ok).toBe(false);
    const multiple = byKind('multiple');
    expect(checkResponse(multiple, [multiple.options[1]!.key, multiple.options[0]!.key, multiple.options[0]!.key])).toEqual({
      ok: true,
      response: [multiple.options[0]!.key, multiple.options[1]!.key],
    });
    expect(checkResponse(multiple, []).ok).toBe(false);
    const line = byKind('find-the-line');
    expect(checkResponse(line, [line.options[0]!.key]).ok).toBe(true);
  });
});

describe("the room's results", () => {
  const single = byKind('single');
  const tf = byKind('true-false');
  const wrong = single.options.find((o) => !single.correct.includes(o.key))!.key;
  const answers: AnswerRecord[] = [
    { participant: 'a', question: single.id, response: [wrong], at: 1 },
    { participant: 'b', question: single.id, response: [wrong], at: 2 },
    { participant: 'c', question: single.id, response: single.correct, at: 3 },
    { participant: 'a', question: tf.id, response: [1 - tf.correct[0]!], at: 4 },
    { participant: 'b', question: tf.id, response: tf.correct, at: 5 },
  ];

  it('ranks the misconceptions by how many held them, with the lesson of each', () => {
    const ranked = rankMisconceptions([single, tf], answers);
    expect(ranked.map((m) => [m.question, m.key, m.count, m.answered])).toEqual([
      [single.id, `option-${wrong}`, 2, 3],
      [tf.id, 'wrong', 1, 2],
    ]);
    expect(ranked[0]!.misconception).toBe(single.wrong.find((w) => w.key === `option-${wrong}`)!.misconception);
    const lessons = lessonsToRevisit(ranked);
    expect(lessons.reduce((sum, l) => sum + l.count, 0)).toBe(3);
    expect(lessons[0]!.count).toBeGreaterThanOrEqual(lessons.at(-1)!.count);
  });

  it("counts the distribution per option and each participant's score", () => {
    const counts = distribution(
      single,
      answers.filter((a) => a.question === single.id).map((a) => a.response),
    );
    expect(counts.find((c) => c.key === wrong)!.count).toBe(2);
    expect(counts.filter((c) => c.correct).map((c) => c.key)).toEqual(single.correct);
    expect(
      scoreOf(
        [single, tf],
        answers.filter((a) => a.participant === 'b'),
      ),
    ).toEqual({ correct: 1, answered: 2, total: 2 });
  });

  it('exports a CSV row per answer, quoting commas and defusing spreadsheet formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('a, b')).toBe('"a, b"');
    const room = {
      id: 'r',
      code: 'ABCDEF',
      hostHash: '',
      title: 'T',
      questions: [single.id, tf.id],
      exercises: [],
      phase: 'ended' as const,
      index: 1,
      revealed: [],
      version: 1,
      phaseVersion: 1,
      createdAt: 0,
      expiresAt: 1,
    };
    const participants = [
      { id: 'a', name: '=cmd|calc', joinedAt: 0 },
      { id: 'b', name: 'Grace', joinedAt: 0 },
      { id: 'c', name: 'Linus', joinedAt: 0 },
    ];
    const csv = resultsCsv(
      {
        room,
        participants,
        answers,
        current: [],
        tallies: { participants: new Map(), questions: new Map() },
        board: [],
        questions: [single, tf],
        exercises: [],
      },
      0,
    );
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + answers.length);
    expect(lines[1]!.startsWith("'=cmd|calc,1,")).toBe(true);
  });
});

describe('room inputs', () => {
  it('reads join codes as typed: case, spaces and dashes do not matter; look-alike characters are not codes', () => {
    expect(normalizeCode(' abc-23x ')).toBe('ABC23X');
    expect(isCode('ABC23X')).toBe(true);
    expect(isCode('ABC23O')).toBe(false);
    expect(isCode('ABC23')).toBe(false);
  });

  it('takes names as plain text: trimmed, spaces collapsed, NFC', () => {
    expect(checkName('  Ada   Lovelace ')).toEqual({ ok: true, name: 'Ada Lovelace' });
    expect(checkName('Zoe\u0301')).toEqual({ ok: true, name: 'Zoé' });
    expect(checkName('a\tb')).toEqual({ ok: true, name: 'a b' });
  });

  it('moves a room between phases as the facilitator asks, and refuses what makes no sense', () => {
    const room = { phase: 'lobby' as const, index: 0, revealed: [] as string[], questions: ['a', 'b'] };
    expect(nextState(room, 'show', 1)).toEqual({ phase: 'question', index: 1, revealed: [] });
    expect(() => nextState(room, 'show', 2)).toThrow(/index/);
    expect(() => nextState(room, 'reveal', undefined)).toThrow(/Show a question/);
    expect(nextState({ ...room, phase: 'question' }, 'reveal', undefined)).toEqual({ phase: 'revealed', index: 0, revealed: ['a'] });
    expect(nextState({ ...room, revealed: ['b'] }, 'show', 1)).toEqual({ phase: 'revealed', index: 1, revealed: ['b'] });
    expect(() => nextState(room, 'explode', undefined)).toThrow(/action/);
  });
});
