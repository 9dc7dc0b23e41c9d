// The review cards travel with the progress export: exported, imported back (round trip),
// refused with a clear reason when damaged or hostile (nothing changes), forgotten by a reset
// and brought back by restoring the copy kept before it.
import { describe, expect, it } from 'vitest';
import { restoreKeptCopy } from '../../src/lib/progress/kept-copies.ts';
import { listKeptCopies } from '../../src/lib/progress/kept-list.ts';
import { recordVisit } from '../../src/lib/progress/progress.ts';
import { exportText, importProgress, keepProgressCopy, parseImport, resetProgress } from '../../src/lib/progress/transfer.ts';
import { REVIEW_KEY } from '../../src/lib/review/schema.ts';
import { readReview, recordAnswer } from '../../src/lib/review/store.ts';
import { FakeStorage } from '../support/fake-storage.ts';

const NOW = new Date(2026, 11, 7, 10);

function learner(): FakeStorage {
  const storage = new FakeStorage();
  recordVisit(storage, 'what-is-a-stage', NOW);
  recordAnswer(storage, 'what-is-a-stage/one-image', 'quiz', false, NOW);
  recordAnswer(storage, 'prediction:what-is-a-stage-final', 'prediction', false, NOW);
  return storage;
}

function envelope(review: unknown): string {
  return JSON.stringify({
    format: 'stagecraft-progress',
    exportedAt: NOW.toISOString(),
    progress: { version: 1, lessons: {}, exercises: {}, quizzes: {} },
    review,
  });
}

describe('export and import', () => {
  it('round trip: another browser gets the same cards, due on the same days', () => {
    const from = learner();
    const text = exportText(from, NOW);
    expect(JSON.parse(text).review.cards['what-is-a-stage/one-image']).toMatchObject({ due: '2026-12-08', step: 0 });
    const to = new FakeStorage();
    expect(importProgress(to, text).ok).toBe(true);
    expect(readReview(to).value).toEqual(readReview(from).value);
  });

  it('an export made before the review existed leaves this browser’s cards as they are', () => {
    const storage = learner();
    const before = readReview(storage).value;
    const old = JSON.stringify({
      format: 'stagecraft-progress',
      exportedAt: NOW.toISOString(),
      progress: { version: 1, lessons: {}, exercises: {}, quizzes: {} },
    });
    expect(importProgress(storage, old).ok).toBe(true);
    expect(readReview(storage).value).toEqual(before);
  });

  it.each([
    ['a card that is not valid', { version: 1, cards: { 'myths/a': { from: 'quiz', step: 7, missed: 'yesterday', misses: 0 } } }, /not valid review data/],
    ['cards that are a list', { version: 1, cards: [] }, /not valid review data/],
    ['a review from a newer site', { version: 9, cards: {} }, /newer version of Stagecraft/],
    ['a review that is a string', 'everything', /not valid review data/],
  ])('refuses an export with %s, with a reason, and changes nothing', (_name, review, reason) => {
    const storage = learner();
    const before = storage.getItem(REVIEW_KEY);
    const result = importProgress(storage, envelope(review));
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
    expect(storage.getItem(REVIEW_KEY)).toBe(before);
  });

  it('refuses a hostile card id (a prototype key) before anything is written', () => {
    const storage = learner();
    const before = storage.getItem(REVIEW_KEY);
    const text = envelope({ version: 1, cards: {} }).replace(
      '"cards":{}',
      '"cards":{"__proto__":{"from":"quiz","step":0,"due":"2026-12-08","missed":"2026-12-07T09:00:00.000Z","misses":1}}',
    );
    const parsed = parseImport(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toMatch(/not allowed/);
    expect(importProgress(storage, text).ok).toBe(false);
    expect(storage.getItem(REVIEW_KEY)).toBe(before);
  });
});

describe('reset and restore', () => {
  it('a reset forgets the cards; restoring the copy kept before brings them back', () => {
    const storage = learner();
    const before = readReview(storage).value;
    expect(keepProgressCopy(storage, 'reset', NOW).kept).toBe(true);
    expect(resetProgress(storage).ok).toBe(true);
    expect(readReview(storage).value.cards).toEqual({});
    const copy = listKeptCopies(storage).find((kept) => kept.kind === 'replaced-progress');
    expect(copy).toBeDefined();
    expect(restoreKeptCopy(storage, copy!.key).ok).toBe(true);
    expect(readReview(storage).value).toEqual(before);
  });
});
