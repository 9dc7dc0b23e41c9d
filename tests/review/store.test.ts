// The review cards in storage: answers recorded, damaged data recovered card by card and kept
// aside, a second tab's cards never overwritten, storage that refuses.
import { describe, expect, it } from 'vitest';
import { backupKey } from '../../src/lib/progress/storage.ts';
import { REVIEW_KEY, quizCardId, predictionCardId } from '../../src/lib/review/schema.ts';
import { dropCards, readReview, recordAnswer } from '../../src/lib/review/store.ts';
import { FakeStorage } from '../support/fake-storage.ts';

const NOW = new Date(2026, 11, 7, 10);
const LATER = new Date(2026, 11, 8, 10);
const card = { from: 'quiz', step: 0, due: '2026-12-08', missed: '2026-12-07T09:00:00.000Z', misses: 1 };

describe('recording answers', () => {
  it('a miss makes a card due tomorrow; a right answer on the due day moves it to 3 days', () => {
    const storage = new FakeStorage();
    const id = quizCardId('named-stages-and-target', 'default-target');
    expect(recordAnswer(storage, id, 'quiz', false, NOW).ok).toBe(true);
    expect(readReview(storage).value.cards[id]).toMatchObject({ from: 'quiz', step: 0, due: '2026-12-08', misses: 1 });
    recordAnswer(storage, id, 'quiz', true, LATER);
    expect(readReview(storage).value.cards[id]).toMatchObject({ step: 1, due: '2026-12-11' });
  });

  it('a right answer to a question without a card writes nothing', () => {
    const storage = new FakeStorage();
    expect(recordAnswer(storage, 'myths/one', 'quiz', true, NOW).ok).toBe(true);
    expect(storage.getItem(REVIEW_KEY)).toBeNull();
  });

  it('refuses an id that is no card id, and changes nothing', () => {
    const storage = new FakeStorage();
    for (const id of ['__proto__', 'constructor', '', 'a b', 'x'.repeat(201)]) expect(recordAnswer(storage, id, 'quiz', false, NOW).ok).toBe(false);
    expect(storage.getItem(REVIEW_KEY)).toBeNull();
  });

  it('drops the cards of questions the course no longer has', () => {
    const storage = new FakeStorage();
    recordAnswer(storage, 'myths/gone', 'quiz', false, NOW);
    recordAnswer(storage, predictionCardId('kept'), 'prediction', false, NOW);
    dropCards(storage, ['myths/gone']);
    expect(Object.keys(readReview(storage).value.cards)).toEqual(['prediction:kept']);
  });
});

describe('damaged data', () => {
  it('a record that is not JSON reads as no cards; the first write keeps it aside and starts afresh', () => {
    const storage = new FakeStorage();
    storage.setItem(REVIEW_KEY, '{"version":1,"cards":{');
    expect(readReview(storage)).toMatchObject({ status: 'invalid', value: { cards: {} } });
    expect(recordAnswer(storage, 'myths/a', 'quiz', false, NOW).ok).toBe(true);
    expect(storage.getItem(backupKey(REVIEW_KEY))).toBe('{"version":1,"cards":{');
    expect(Object.keys(readReview(storage).value.cards)).toEqual(['myths/a']);
  });

  it('keeps the valid cards of a record with a damaged one, says how many were dropped, and keeps the original', () => {
    const storage = new FakeStorage();
    const raw = JSON.stringify({ version: 1, cards: { 'myths/good': card, 'myths/bad': { ...card, step: 9 }, 'bad id!': card } });
    storage.setItem(REVIEW_KEY, raw);
    const read = readReview(storage);
    expect(read.status).toBe('recovered');
    expect(read.dropped).toBe(2);
    expect(Object.keys(read.value.cards)).toEqual(['myths/good']);
    recordAnswer(storage, 'myths/new', 'room', false, NOW);
    expect(storage.getItem(backupKey(REVIEW_KEY))).toBe(raw);
    expect(Object.keys(readReview(storage).value.cards).sort()).toEqual(['myths/good', 'myths/new']);
  });

  it('refuses prototype-polluting keys and keeps the record aside', () => {
    const storage = new FakeStorage();
    const raw = '{"version":1,"cards":{"__proto__":{"polluted":true}}}';
    storage.setItem(REVIEW_KEY, raw);
    expect(readReview(storage).status).not.toBe('ok');
    recordAnswer(storage, 'myths/a', 'quiz', false, NOW);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(storage.getItem(backupKey(REVIEW_KEY))).toBe(raw);
  });

  it('a card without a due day that is not learned, or a future version, is not read as valid', () => {
    const storage = new FakeStorage();
    const { due: _due, ...undated } = card;
    storage.setItem(REVIEW_KEY, JSON.stringify({ version: 1, cards: { 'myths/a': undated } }));
    expect(readReview(storage)).toMatchObject({ status: 'recovered', dropped: 1 });
    storage.setItem(REVIEW_KEY, JSON.stringify({ version: 2, cards: {} }));
    expect(readReview(storage).status).toBe('invalid');
  });
});

describe('a second tab', () => {
  it('writes onto the cards stored now, so neither tab loses the other’s', () => {
    const shared = new FakeStorage();
    // Both tabs read the same (empty) cards, then each records a miss.
    expect(readReview(shared).value.cards).toEqual({});
    recordAnswer(shared, 'myths/from-tab-a', 'quiz', false, NOW);
    recordAnswer(shared, 'myths/from-tab-b', 'room', false, NOW);
    expect(Object.keys(readReview(shared).value.cards).sort()).toEqual(['myths/from-tab-a', 'myths/from-tab-b']);
  });
});

describe('storage that refuses', () => {
  it('says the answer was not saved, and never throws', () => {
    const storage = new FakeStorage();
    storage.failWrites = true;
    const result = recordAnswer(storage, 'myths/a', 'quiz', false, NOW);
    expect(result).toMatchObject({ ok: false, reason: 'refused' });
    expect(result.value.cards['myths/a']).toMatchObject({ step: 0 });
    expect(recordAnswer(null, 'myths/a', 'quiz', false, NOW)).toMatchObject({ ok: false, reason: 'unavailable' });
    storage.failReads = true;
    expect(readReview(storage).status).toBe('unavailable');
  });
});
