// The questions a review card can ask again, by card id: every quiz question (the shape the
// live rooms use, src/lib/rooms/catalog-build.ts, so the review says what the quiz says) and
// every lesson's prediction (predictions.ts). Built once per build into
// /review/questions.json (src/pages/review/questions.json.ts), which /progress/ fetches when
// the learner has cards due. Cards keep only ids, never the text: a question edited in content
// is asked as it reads now; a card whose question no longer exists is dropped (see
// src/components/review/review-due-list.ts).
import type { RoomQuestion } from '../rooms/catalog.ts';

export type ReviewQuestion = RoomQuestion;

export interface ReviewBank {
  version: 1;
  questions: Record<string, ReviewQuestion>;
}

/** Where the build writes the bank, under the site's root. */
export const BANK_PATH = 'review/questions.json';

export function buildBank(quizQuestions: Record<string, RoomQuestion>, predictions: readonly RoomQuestion[]): ReviewBank {
  const questions: Record<string, ReviewQuestion> = { ...quizQuestions };
  for (const prediction of predictions) {
    if (Object.hasOwn(questions, prediction.id)) throw new Error(`two review questions have the id ${prediction.id}`);
    questions[prediction.id] = prediction;
  }
  return { version: 1, questions };
}

/** The bank as fetched, when it has the expected shape (a stale or broken file reads as null). */
export function readBank(value: unknown): ReviewBank | null {
  if (typeof value !== 'object' || value === null) return null;
  const bank = value as Partial<ReviewBank>;
  return bank.version === 1 && typeof bank.questions === 'object' && bank.questions !== null ? (bank as ReviewBank) : null;
}
