// A lesson's predictions join the review from where predict-reveal.ts keeps the learner's
// choices (src/lib/progress/predictions.ts: the option chosen, and when). The lessons do not
// record them as review cards themselves: that code would weigh on every lesson's shell
// budget. /progress/ folds them in instead, with the questions' answers (bank.ts): a wrong
// choice becomes a card missed at the time it was made (due the day after), once; a choice
// already folded in (the card's miss is as recent) changes nothing, nor does a right one.
// Pure: the caller reads and writes storage.
import * as v from 'valibot';
import { count, entry, idRecord, isoDate, validator } from '../progress/fields.ts';
import type { Predictions } from '../progress/predictions.ts';
import { readRecord, type StorageLike } from '../progress/storage.ts';
import type { ReviewBank } from './bank.ts';
import { afterMiss } from './schedule.ts';
import { predictionCardId, type Review } from './schema.ts';

/**
 * The stored predictions, as src/lib/progress/predictions.ts reads them. The schema is repeated
 * here, not imported: importing predictions.ts into /progress/ would split it out of the lessons'
 * script into a chunk of its own, which costs every lesson about 0.1 KB of its shell budget.
 * tests/review/predictions-fold.test.ts holds the two to the same records.
 */
const predictionsValidator = validator(
  entry({ version: v.literal(1), choices: idRecord(entry({ choice: count(0, 99), at: isoDate })) }) as v.GenericSchema<unknown, Predictions>,
);

export const PREDICTIONS_KEY = 'stagecraft:predictions';

export function readPredictions(storage: StorageLike | null): Predictions {
  return readRecord(storage, PREDICTIONS_KEY, predictionsValidator, (): Predictions => ({ version: 1, choices: {} })).value;
}

/** `review` with the wrong predictions not yet in it added as misses; the same object when there are none. */
export function foldPredictions(review: Review, predictions: Predictions, bank: ReviewBank): Review {
  let cards: Review['cards'] | null = null;
  for (const [id, { choice, at }] of Object.entries(predictions.choices)) {
    const cardId = predictionCardId(id);
    const question = Object.hasOwn(bank.questions, cardId) ? bank.questions[cardId] : undefined;
    if (!question || question.correct.includes(choice)) continue;
    const card = Object.hasOwn(review.cards, cardId) ? review.cards[cardId] : undefined;
    if (card && card.missed >= at) continue;
    cards ??= { ...review.cards };
    Object.defineProperty(cards, cardId, { value: afterMiss(card, 'prediction', new Date(at)), enumerable: true, writable: true, configurable: true });
  }
  return cards === null ? review : { ...review, cards };
}
