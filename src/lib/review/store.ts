// Reading and writing the review cards (schema.ts) in the learner's browser, by the rules of
// the progress record (src/lib/progress/storage.ts): never throws, never loses anything.
//
// A record that is not valid as a whole is read card by card: the valid cards are used
// (status 'recovered', with how many were dropped) and, at the next write, the damaged
// original is first copied to `stagecraft:review:backup` (listed under Kept copies on
// /progress/, for download), then replaced by what was recovered plus the change. A value
// that is no review record at all (not JSON, another version) reads as no cards, and is kept
// aside the same way before the first write starts afresh. Writes apply to the record as
// stored now, so a second tab's cards are never overwritten with an older view.
import { parseJson, readRecord, writeRecord, type ReadStatus, type StorageLike, type WriteResult } from '../progress/storage.ts';
import { afterAnswer, type CardSource } from './schedule.ts';
import { emptyReview, isCardId, recoverCards, REVIEW_KEY, reviewValidator, type Review } from './schema.ts';

export interface ReviewRead {
  value: Review;
  status: ReadStatus;
  /** Cards (or parts of the record) that could not be read; 0 unless status is 'recovered' or 'invalid'. */
  dropped: number;
}

function raw(storage: StorageLike | null): string | null {
  try {
    return storage?.getItem(REVIEW_KEY) ?? null;
  } catch {
    return null;
  }
}

/** What can be read of a stored record that does not validate as a whole. */
function recovered(storage: StorageLike | null): { review: Review; dropped: number } | null {
  const text = raw(storage);
  const parsed = text === null ? null : parseJson(text);
  return parsed ? recoverCards(parsed.value) : null;
}

/** The stored cards. Never throws. */
export function readReview(storage: StorageLike | null): ReviewRead {
  const read = readRecord(storage, REVIEW_KEY, reviewValidator, emptyReview);
  if (read.status !== 'invalid') return { value: read.value as Review, status: read.status, dropped: 0 };
  const found = recovered(storage);
  return found ? { value: found.review, status: 'recovered', dropped: found.dropped } : { value: emptyReview(), status: 'invalid', dropped: 0 };
}

/** Applies `update` to the cards stored now (recovered first if damaged; the original kept aside) and stores them. */
export function updateReview(storage: StorageLike | null, update: (current: Review) => Review): WriteResult<Review> {
  const result = writeRecord(
    storage,
    REVIEW_KEY,
    reviewValidator,
    () => recovered(storage)?.review ?? emptyReview(),
    (current) => update(current as Review),
  );
  return result as WriteResult<Review>;
}

function withCard(review: Review, id: string, card: Review['cards'][string] | null): Review {
  const cards: Review['cards'] = {};
  for (const [key, value] of Object.entries(review.cards)) if (key !== id) cards[key] = value;
  if (card) Object.defineProperty(cards, id, { value: card, enumerable: true, writable: true, configurable: true });
  return { ...review, cards };
}

/**
 * Records an answer to question `id`, wherever it was given: a miss makes (or resets) its
 * card, due tomorrow; a right answer moves a due card on (schedule.ts). Never throws.
 */
export function recordAnswer(storage: StorageLike | null, id: string, from: CardSource, correct: boolean, now = new Date()): WriteResult<Review> {
  if (!isCardId(id)) return { ok: false, value: readReview(storage).value, reason: 'invalid' };
  const current = readReview(storage).value;
  // A right answer to a question without a card changes nothing: no write at all.
  if (correct && !Object.hasOwn(current.cards, id)) return { ok: true, value: current };
  return updateReview(storage, (review) => {
    const card = Object.hasOwn(review.cards, id) ? review.cards[id] : undefined;
    const next = afterAnswer(card, from, correct, now);
    return next === card ? review : withCard(review, id, next);
  });
}

/** Removes the cards of `ids` (questions the course no longer has). Never throws. */
export function dropCards(storage: StorageLike | null, ids: readonly string[]): WriteResult<Review> {
  return updateReview(storage, (review) => ids.reduce((next, id) => withCard(next, id, null), review));
}

/** Makes `review` the cards of this browser (an import, a reset, a restore). Never throws. */
export function replaceReview(storage: StorageLike | null, review: Review): WriteResult<Review> {
  return updateReview(storage, () => review);
}
