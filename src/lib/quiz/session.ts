// An attempt at a quiz: which questions it asks, in which order, and how each was answered.
// Pure and dependency-free (the <quiz-form> island keeps one of these). The rounds
// themselves (order, score, missed questions, the retry round) are in round.ts, which this
// module re-exports; answer() adds the grading (grade.ts).

import { grade, type AnswerKey } from './grade.ts';
import type { QuestionResult, Round } from './round.ts';

export * from './round.ts';

/** Grades `response` and records it in the round (a question is answered once per round). */
export function answer(round: Round, id: string, key: AnswerKey, response: readonly number[]): Round {
  if (!round.order.includes(id) || Object.hasOwn(round.results, id)) return round;
  const result: QuestionResult = { response: [...response], correct: grade(key, response).correct };
  const results: Record<string, QuestionResult> = { ...round.results };
  Object.defineProperty(results, id, { value: result, enumerable: true, writable: true, configurable: true });
  return { ...round, results };
}
