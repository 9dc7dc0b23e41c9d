// What a room's answers add up to: each response graded and filed under the misconceptions it
// reflects (src/lib/quiz/grade.ts, the same grading as the quiz pages), the live distribution
// of a question, the misconceptions the room held ranked, the lessons to revisit, and the
// export. Pure: the server calls it on what its store returns; tests call it directly.
import { feedbackKeys, grade, isSingleAnswer, normalizeResponse } from '../quiz/grade.ts';
import { FALLBACK_KEY, type RoomQuestion } from './catalog.ts';

export interface AnswerRecord {
  participant: string;
  question: string;
  response: number[];
  /** Milliseconds since the epoch. */
  at: number;
}

export interface Graded {
  correct: boolean;
  /** Feedback keys of the misconceptions the response reflects; [] when right. */
  misconceptions: string[];
}

/** A response as sent by a participant, checked against the question: the sorted keys, or why not. */
export function checkResponse(q: RoomQuestion, raw: unknown): { ok: true; response: number[] } | { ok: false; error: string } {
  if (!Array.isArray(raw) || raw.length > q.options.length) return { ok: false, error: 'The answer must list the options you chose.' };
  if (!raw.every((n): n is number => Number.isInteger(n))) return { ok: false, error: 'The answer must list the options you chose.' };
  const response = normalizeResponse(raw);
  const keys = new Set(q.options.map((option) => option.key));
  if (!response.every((n) => keys.has(n))) return { ok: false, error: 'That option is not part of this question.' };
  if (isSingleAnswer(q.kind) ? response.length !== 1 : response.length < 1) {
    return { ok: false, error: isSingleAnswer(q.kind) ? 'Choose one answer.' : 'Choose at least one answer.' };
  }
  return { ok: true, response };
}

export function gradeResponse(q: RoomQuestion, response: readonly number[]): Graded {
  const key = { kind: q.kind, correct: q.correct };
  if (grade(key, response).correct) return { correct: true, misconceptions: [] };
  const keys = feedbackKeys(key, response, q.anticipated).filter((k) => k === FALLBACK_KEY || q.anticipated.includes(k));
  // A multiple-choice response that only misses a right option names no wrong option.
  return { correct: false, misconceptions: keys.length > 0 ? keys : [FALLBACK_KEY] };
}

export interface OptionCount {
  key: number;
  label: string;
  count: number;
  correct: boolean;
}

/** How many responses picked each option, in the question's order. */
export function distribution(q: RoomQuestion, responses: ReadonlyArray<readonly number[]>): OptionCount[] {
  const counts = new Map<number, number>();
  for (const response of responses) for (const key of normalizeResponse(response)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return q.options.map((option) => ({ key: option.key, label: option.label, count: counts.get(option.key) ?? 0, correct: q.correct.includes(option.key) }));
}

export interface RankedMisconception {
  question: string;
  prompt: string;
  quizTitle: string;
  key: string;
  choice: string;
  misconception: string;
  explanation: string;
  lesson: string;
  lessonTitle: string;
  /** Participants whose answer reflects it. */
  count: number;
  /** Participants who answered the question. */
  answered: number;
}

function misconceptionOf(q: RoomQuestion, key: string): Omit<RankedMisconception, 'count' | 'answered'> {
  const found = q.wrong.find((m) => m.key === key);
  const base = {
    question: q.id,
    prompt: q.prompt,
    quizTitle: q.quizTitle,
    key,
    lesson: found?.lesson ?? q.lesson,
    lessonTitle: found?.lessonTitle ?? q.lessonTitle,
  };
  if (found) return { ...base, choice: found.choice, misconception: found.misconception, explanation: found.explanation };
  return {
    ...base,
    choice: 'Another wrong answer',
    misconception: 'An answer none of the anticipated misconceptions explains.',
    explanation: `The right answer: ${q.answer}`,
  };
}

/**
 * The misconceptions the room held: every (question, misconception) some participant's answer
 * reflects, most held first (then the larger share of those who answered, then question order).
 */
export function rankMisconceptions(questions: readonly RoomQuestion[], answers: readonly AnswerRecord[]): RankedMisconception[] {
  const order = new Map(questions.map((q, i) => [q.id, i]));
  const byQuestion = new Map(questions.map((q) => [q.id, q]));
  const answered = new Map<string, number>();
  const counts = new Map<string, { question: RoomQuestion; key: string; count: number }>();
  for (const answer of answers) {
    const q = byQuestion.get(answer.question);
    if (!q) continue;
    answered.set(q.id, (answered.get(q.id) ?? 0) + 1);
    for (const key of gradeResponse(q, answer.response).misconceptions) {
      const id = `${q.id}\n${key}`;
      const entry = counts.get(id) ?? { question: q, key, count: 0 };
      entry.count += 1;
      counts.set(id, entry);
    }
  }
  return [...counts.values()]
    .map(({ question, key, count }) => ({ ...misconceptionOf(question, key), count, answered: answered.get(question.id) ?? 0 }))
    .sort(
      (a, b) =>
        b.count - a.count ||
        b.count / b.answered - a.count / a.answered ||
        (order.get(a.question) ?? 0) - (order.get(b.question) ?? 0) ||
        a.key.localeCompare(b.key),
    );
}

export interface LessonToRevisit {
  lesson: string;
  lessonTitle: string;
  /** Wrong answers that point to it, over all questions. */
  count: number;
  /** The misconceptions behind them, most held first. */
  misconceptions: string[];
}

/** The lessons the ranked misconceptions point to, most needed first. */
export function lessonsToRevisit(ranked: readonly RankedMisconception[]): LessonToRevisit[] {
  const lessons = new Map<string, LessonToRevisit>();
  for (const m of ranked) {
    const entry = lessons.get(m.lesson) ?? { lesson: m.lesson, lessonTitle: m.lessonTitle, count: 0, misconceptions: [] };
    entry.count += m.count;
    if (!entry.misconceptions.includes(m.misconception)) entry.misconceptions.push(m.misconception);
    lessons.set(m.lesson, entry);
  }
  return [...lessons.values()].sort((a, b) => b.count - a.count || a.lessonTitle.localeCompare(b.lessonTitle));
}

export interface Score {
  correct: number;
  answered: number;
  total: number;
}

export function scoreOf(questions: readonly RoomQuestion[], answers: readonly AnswerRecord[]): Score {
  const byQuestion = new Map(questions.map((q) => [q.id, q]));
  let correct = 0;
  let answered = 0;
  for (const answer of answers) {
    const q = byQuestion.get(answer.question);
    if (!q) continue;
    answered += 1;
    if (gradeResponse(q, answer.response).correct) correct += 1;
  }
  return { correct, answered, total: questions.length };
}
