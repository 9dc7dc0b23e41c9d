// The drills' score in localStorage (src/lib/drills/score.ts): counts answers and streaks, and
// storage that is damaged, refuses or is missing never breaks it or loses what was there.
import { describe, expect, it } from 'vitest';
import { emptyScore, readScore, recordAnswer, SCORE_BACKUP_KEY, SCORE_KEY, scored, scoreText } from '../../src/lib/drills/score.ts';
import { FakeStorage } from '../support/fake-storage.ts';

describe('drill score', () => {
  it('counts answers, the streak and the best streak', () => {
    const storage = new FakeStorage();
    expect(readScore(storage)).toEqual({ score: emptyScore(), status: 'empty' });
    for (const right of [true, true, false, true]) expect(recordAnswer(storage, right).saved).toBe(true);
    const { score, status } = readScore(storage);
    expect(status).toBe('ok');
    expect(score).toEqual({ version: 1, streak: 1, best: 2, answered: 4, right: 3 });
    expect(scoreText(score)).toBe('Streak: 1 (best 2). Right: 3 of 4.');
    expect(scoreText(emptyScore())).toBe('No drills answered yet in this browser.');
  });

  it.each([
    '{',
    '[]',
    'null',
    '{"version":2,"streak":0,"best":0,"answered":0,"right":0}',
    '{"version":1,"streak":-1,"best":0,"answered":0,"right":0}',
    '{"version":1,"streak":5,"best":1,"answered":9,"right":9}',
    '{"version":1,"streak":0,"best":0,"answered":1,"right":2}',
  ])('starts from zero on a damaged record %s, and keeps it aside before writing', (raw) => {
    const storage = new FakeStorage();
    storage.items.set(SCORE_KEY, raw);
    expect(readScore(storage)).toEqual({ score: emptyScore(), status: 'invalid' });
    const { score, saved } = recordAnswer(storage, true);
    expect(saved).toBe(true);
    expect(score).toEqual({ version: 1, streak: 1, best: 1, answered: 1, right: 1 });
    expect(storage.items.get(SCORE_BACKUP_KEY)).toBe(raw);
  });

  it('reads only its five counts: a __proto__ key pollutes nothing', () => {
    const storage = new FakeStorage();
    storage.items.set(SCORE_KEY, '{"__proto__":{"polluted":1},"version":1,"streak":1,"best":1,"answered":2,"right":1}');
    expect(readScore(storage)).toEqual({ score: { version: 1, streak: 1, best: 1, answered: 2, right: 1 }, status: 'ok' });
    recordAnswer(storage, true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(readScore(storage).score).toEqual({ version: 1, streak: 2, best: 2, answered: 3, right: 2 });
  });

  it('leaves a damaged record as it is when it cannot be kept aside', () => {
    const storage = new FakeStorage();
    storage.items.set(SCORE_KEY, '{');
    storage.items.set(SCORE_BACKUP_KEY, 'an older damaged record');
    expect(recordAnswer(storage, true).saved).toBe(false);
    expect(storage.items.get(SCORE_KEY)).toBe('{');
  });

  it('still shows the score when storage refuses or is missing', () => {
    const storage = new FakeStorage();
    storage.failWrites = true;
    expect(recordAnswer(storage, true)).toEqual({ score: { version: 1, streak: 1, best: 1, answered: 1, right: 1 }, saved: false });
    storage.failReads = true;
    expect(readScore(storage).status).toBe('unavailable');
    expect(recordAnswer(null, false)).toEqual({ score: { version: 1, streak: 0, best: 0, answered: 1, right: 0 }, saved: false });
  });

  it('caps the counts instead of growing past what the schema accepts', () => {
    const big = { version: 1 as const, streak: 1_000_000, best: 1_000_000, answered: 1_000_000, right: 1_000_000 };
    expect(scored(big, true)).toEqual(big);
  });
});
