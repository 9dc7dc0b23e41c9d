// The learner's quiz scores, kept in the progress record under `quizzes`:
//
//   quizzes: { [quiz id]: { best: n, total: n, last: ISO date, attempts: n } }
//
//   best      the best score of a full attempt (every question asked), 0…total
//   total     how many questions that attempt had
//   last      when the last full attempt finished
//   attempts  how many full attempts finished
//
// Retries of missed questions are practice and are not recorded. This module imports only
// valibot and fields.ts, so schema.ts can use quizProgressSchema without an import cycle;
// the functions that read and write storage are in progress.ts and progress-store.ts.
import * as v from 'valibot';
import { count, entry, isoDate } from './fields.ts';

export const quizProgressSchema = v.pipe(
  entry({
    best: count(0),
    total: count(1),
    last: isoDate,
    attempts: count(1),
  }),
  v.check((entry) => entry.best <= entry.total, 'best must not exceed total'),
);

export type QuizProgress = v.InferOutput<typeof quizProgressSchema>;

/**
 * The entry after a full attempt scored `score` out of `total`. The best score is kept while
 * the quiz keeps its length; when the number of questions changes, the old best is about a
 * different quiz, so this attempt becomes the best.
 */
export function nextQuizProgress(current: QuizProgress | undefined, score: number, total: number, now = new Date()): QuizProgress {
  // A caller's mistake (the store catches it and saves nothing): a short message, as this ships on every lesson.
  if (!Number.isInteger(total) || total < 1 || !Number.isInteger(score) || score < 0 || score > total) throw new RangeError('not a score');
  const sameQuiz = current !== undefined && current.total === total;
  return {
    ...(current ?? {}),
    best: sameQuiz ? Math.max(current.best, score) : score,
    total,
    last: now.toISOString(),
    attempts: (current?.attempts ?? 0) + 1,
  };
}

/** "4 of 5" */
export function formatQuizScore(entry: Pick<QuizProgress, 'best' | 'total'>): string {
  return `${entry.best} of ${entry.total}`;
}
