// Quiz scores in the learner's progress (src/lib/progress/quiz-progress.ts): the stored
// shape, best/attempts bookkeeping, and the same never-throw, never-lose rules as lessons.

import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  backupKey,
  emptyProgress,
  formatQuizScore,
  nextQuizProgress,
  PROGRESS_KEY,
  quizProgressSchema,
  readProgress,
  recordQuizScore,
  recordVisit,
  type StorageLike,
} from '../../src/lib/progress/index.ts';

class FakeStorage implements StorageLike {
  readonly items = new Map<string, string>();
  failWrites = false;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.failWrites) throw new DOMException('quota', 'QuotaExceededError');
    this.items.set(key, value);
  }
}

const T1 = new Date('2026-04-01T09:00:00.000Z');
const T2 = new Date('2026-04-02T10:00:00.000Z');
const T3 = new Date('2026-04-03T11:00:00.000Z');

describe('the quiz entry', () => {
  it('accepts { best, total, last, attempts } and keeps unknown fields', () => {
    expect(v.safeParse(quizProgressSchema, { best: 3, total: 5, last: T1.toISOString(), attempts: 2 }).success).toBe(true);
    expect(v.safeParse(quizProgressSchema, { best: 3, total: 5, last: T1.toISOString(), attempts: 2, streak: 4 })).toMatchObject({
      success: true,
      output: { streak: 4 },
    });
  });

  it.each([
    ['best above total', { best: 6, total: 5, last: T1.toISOString(), attempts: 1 }],
    ['a negative best', { best: -1, total: 5, last: T1.toISOString(), attempts: 1 }],
    ['no questions', { best: 0, total: 0, last: T1.toISOString(), attempts: 1 }],
    ['no attempts', { best: 0, total: 5, last: T1.toISOString(), attempts: 0 }],
    ['a fractional score', { best: 2.5, total: 5, last: T1.toISOString(), attempts: 1 }],
    ['a bad date', { best: 2, total: 5, last: 'yesterday', attempts: 1 }],
    ['a missing field', { best: 2, total: 5, attempts: 1 }],
    ['the old placeholder shape', { score: 3 }],
  ])('refuses %s', (_what, entry) => {
    expect(v.safeParse(quizProgressSchema, entry).success).toBe(false);
  });
});

describe('nextQuizProgress', () => {
  it('starts at one attempt', () => {
    expect(nextQuizProgress(undefined, 3, 5, T1)).toEqual({ best: 3, total: 5, last: T1.toISOString(), attempts: 1 });
  });

  it('keeps the best score and counts attempts', () => {
    const first = nextQuizProgress(undefined, 4, 5, T1);
    const second = nextQuizProgress(first, 2, 5, T2);
    expect(second).toEqual({ best: 4, total: 5, last: T2.toISOString(), attempts: 2 });
    expect(nextQuizProgress(second, 5, 5, T3)).toEqual({ best: 5, total: 5, last: T3.toISOString(), attempts: 3 });
  });

  it('starts the best again when the quiz has a different number of questions', () => {
    const old = nextQuizProgress(undefined, 5, 5, T1);
    expect(nextQuizProgress(old, 3, 6, T2)).toEqual({ best: 3, total: 6, last: T2.toISOString(), attempts: 2 });
  });

  it('refuses impossible scores', () => {
    expect(() => nextQuizProgress(undefined, 6, 5, T1)).toThrow(RangeError);
    expect(() => nextQuizProgress(undefined, 1, 0, T1)).toThrow(RangeError);
    expect(() => nextQuizProgress(undefined, -1, 5, T1)).toThrow(RangeError);
  });

  it('formats a score', () => {
    expect(formatQuizScore({ best: 4, total: 5 })).toBe('4 of 5');
  });
});

describe('recordQuizScore', () => {
  it('stores the entry under quizzes[id], next to the lessons', () => {
    const storage = new FakeStorage();
    recordVisit(storage, 'myths', T1);
    expect(recordQuizScore(storage, 'myth-buster', 20, 32, T1).ok).toBe(true);
    expect(recordQuizScore(storage, 'myth-buster', 18, 32, T2).ok).toBe(true);
    const { value, status } = readProgress(storage);
    expect(status).toBe('ok');
    expect(value.quizzes['myth-buster']).toEqual({ best: 20, total: 32, last: T2.toISOString(), attempts: 2 });
    expect(value.lessons['myths']).toEqual({ visited: T1.toISOString() });
  });

  it('refuses an impossible score without touching storage', () => {
    const storage = new FakeStorage();
    recordQuizScore(storage, 'myths', 3, 5, T1);
    const before = storage.items.get(PROGRESS_KEY);
    expect(recordQuizScore(storage, 'myths', 9, 5, T2).ok).toBe(false);
    expect(recordQuizScore(storage, '__proto__', 1, 5, T2).ok).toBe(false);
    expect(recordQuizScore(storage, 'bad id!', 1, 5, T2).ok).toBe(false);
    expect(storage.items.get(PROGRESS_KEY)).toBe(before);
  });

  it('keeps a corrupt quiz record aside before writing, so nothing is lost', () => {
    const storage = new FakeStorage();
    const corrupt = JSON.stringify({ version: 1, lessons: {}, quizzes: { myths: { best: 9, total: 5, last: T1.toISOString(), attempts: 1 } } });
    storage.items.set(PROGRESS_KEY, corrupt);
    expect(readProgress(storage)).toEqual({ value: emptyProgress(), status: 'recovered' });
    expect(recordQuizScore(storage, 'myths', 4, 5, T2).ok).toBe(true);
    expect(storage.items.get(backupKey(PROGRESS_KEY))).toBe(corrupt);
    expect(readProgress(storage).value.quizzes['myths']).toEqual({ best: 4, total: 5, last: T2.toISOString(), attempts: 1 });
  });

  it('never throws when storage refuses the write', () => {
    const storage = new FakeStorage();
    storage.failWrites = true;
    const result = recordQuizScore(storage, 'myths', 4, 5, T1);
    expect(result.ok).toBe(false);
    expect(result.value.quizzes['myths']).toEqual({ best: 4, total: 5, last: T1.toISOString(), attempts: 1 });
    expect(recordQuizScore(null, 'myths', 4, 5, T1).ok).toBe(false);
  });
});
