// The learner's review cards, kept in this browser's localStorage under REVIEW_KEY:
//
//   { version: 1,
//     cards: { [card id]: { from: 'quiz' | 'prediction' | 'room', step: 0…4, due?: 'YYYY-MM-DD',
//                           missed: ISO date, misses: n } } }
//
// A card holds no question text: its id names the question, and /progress/ looks it up in the
// course's questions (bank.ts, written at build time). Card ids: `<quiz>/<question>` for a
// quiz question, asked in a lesson, on a quiz page or in a live room alike; `prediction:<id>`
// for a lesson's PredictReveal. Objects are loose, as in the progress record: fields a newer
// page adds survive an older one.
import * as v from 'valibot';
import { count, entry, isoDate, validator } from '../progress/fields.ts';
import { LEARNED, type Card, type CardSource } from './schedule.ts';

export const REVIEW_KEY = 'stagecraft:review';
export const REVIEW_VERSION = 1;

/** Quiz and question ids joined by `/`, or `prediction:` and a PredictReveal id. */
export const cardId = v.pipe(
  v.string(),
  v.maxLength(200),
  v.regex(/^[a-z0-9]+(?:[-_.:/][a-z0-9]+)*$/i),
  v.check((id) => id !== 'constructor' && id !== 'prototype'),
);

const localDayText = v.pipe(v.string(), v.regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/));

export const cardSchema = v.pipe(
  entry({
    // v.custom, not v.picklist: the bundler puts this schema's valibot parts in the chunk every
    // lesson loads, where picklist would be the one new part (0.1 KB of the lessons' budget).
    from: v.custom<CardSource>((input) => input === 'quiz' || input === 'prediction' || input === 'room'),
    step: count(0, LEARNED),
    due: v.optional(localDayText),
    missed: isoDate,
    misses: count(1),
  }),
  v.check((card) => card.step < LEARNED === (card.due !== undefined), 'a card waiting for review has a due day; a learned one none'),
);

const isPlainObject = (input: unknown): input is Record<string, unknown> =>
  typeof input === 'object' && input !== null && !Array.isArray(input) && [Object.prototype, null].includes(Object.getPrototypeOf(input) as object | null);

export const reviewSchema = entry({
  version: v.literal(REVIEW_VERSION),
  cards: v.pipe(v.custom<Record<string, unknown>>(isPlainObject), v.record(cardId, cardSchema)),
});

export const reviewValidator = validator(reviewSchema);

export type Review = { version: typeof REVIEW_VERSION; cards: Record<string, Card> } & Record<string, unknown>;

export function emptyReview(): Review {
  return { version: REVIEW_VERSION, cards: {} };
}

/** The card id of quiz `quiz`'s question `question` (the id a live room uses too). */
export function quizCardId(quiz: string, question: string): string {
  return `${quiz}/${question}`;
}

/** The card id of a lesson's PredictReveal. */
export function predictionCardId(id: string): string {
  return `prediction:${id}`;
}

/** Whether `id` is a valid card id. */
export function isCardId(id: string): boolean {
  return v.is(cardId, id);
}

/** The cards of `value` that are valid, one by one; null when it is not a review record at all. */
export function recoverCards(value: unknown): { review: Review; dropped: number } | null {
  if (!isPlainObject(value) || value['version'] !== REVIEW_VERSION) return null;
  const source = value['cards'];
  const review = emptyReview();
  if (!isPlainObject(source)) return { review, dropped: 1 };
  let dropped = 0;
  for (const [id, raw] of Object.entries(source)) {
    const card = v.safeParse(cardSchema, raw);
    if (!isCardId(id) || !card.success) dropped++;
    else Object.defineProperty(review.cards, id, { value: card.output, enumerable: true, writable: true, configurable: true });
  }
  return { review, dropped };
}
