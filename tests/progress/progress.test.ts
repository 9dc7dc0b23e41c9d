// The progress store (src/lib/progress/): versioned, validated, never throws, never loses
// what the learner had. A fake Storage stands in for localStorage; no DOM needed.

import { describe, expect, it } from 'vitest';
import {
  backupKey,
  emptyProgress,
  lessonState,
  MAX_RECORD_LENGTH,
  mergeProgress,
  PREDICTIONS_KEY,
  PROGRESS_KEY,
  readPrediction,
  readProgress,
  recordVisit,
  setLessonCompleted,
  writePrediction,
  writeProgress,
  type StorageLike,
} from '../../src/lib/progress/index.ts';

/** localStorage in memory, with an optional quota (in characters) and failure switches. */
class FakeStorage implements StorageLike {
  readonly items = new Map<string, string>();
  failReads = false;
  failWrites = false;
  readonly quota: number;
  constructor(quota = Infinity) {
    this.quota = quota;
  }

  getItem(key: string): string | null {
    if (this.failReads) throw new DOMException('The operation is insecure.', 'SecurityError');
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    if (this.failWrites) throw new DOMException('blocked', 'SecurityError');
    const used = [...this.items].reduce((sum, [k, v]) => sum + (k === key ? 0 : k.length + v.length), 0);
    if (used + key.length + value.length > this.quota) throw new DOMException('quota', 'QuotaExceededError');
    this.items.set(key, String(value));
  }
}

const T1 = new Date('2026-03-01T10:00:00.000Z');
const T2 = new Date('2026-03-02T11:30:00.000Z');

function stored(storage: FakeStorage): unknown {
  return JSON.parse(storage.items.get(PROGRESS_KEY) ?? 'null');
}

describe('reading progress', () => {
  it('gives the empty record when nothing is stored', () => {
    expect(readProgress(new FakeStorage())).toEqual({ value: emptyProgress(), status: 'empty' });
  });

  it('gives the empty record when storage is missing or throws', () => {
    expect(readProgress(null).status).toBe('unavailable');
    const storage = new FakeStorage();
    storage.failReads = true;
    expect(readProgress(storage)).toEqual({ value: emptyProgress(), status: 'unavailable' });
  });

  it('reads a valid record, filling in the exercises and quizzes it lacks', () => {
    const storage = new FakeStorage();
    storage.items.set(PROGRESS_KEY, JSON.stringify({ version: 1, lessons: { 'what-is-a-stage': { visited: T1.toISOString() } } }));
    const { value, status } = readProgress(storage);
    expect(status).toBe('ok');
    expect(value).toEqual({ version: 1, lessons: { 'what-is-a-stage': { visited: T1.toISOString() } }, exercises: {}, quizzes: {} });
    expect(lessonState(value, 'what-is-a-stage')).toBe('visited');
    expect(lessonState(value, 'myths')).toBe('not-started');
  });

  // Not a version 1 record: 'invalid'. A version 1 record with bad parts: the rest is read
  // ('recovered', recover.ts), here nothing, as every row's only entry is the bad one.
  it.each([
    ['corrupt JSON', '{"version":1,"lessons":{', 'recovered'],
    ['a foreign value', 'dark', 'invalid'],
    ['a JSON string', '"hello"', 'invalid'],
    ['null', 'null', 'invalid'],
    ['an array', '[1,2,3]', 'invalid'],
    ['a wrong version', JSON.stringify({ version: 2, lessons: {} }), 'invalid'],
    ['a version as a string', JSON.stringify({ version: '1', lessons: {} }), 'invalid'],
    ['a bad date', JSON.stringify({ version: 1, lessons: { a: { visited: 'yesterday' } } }), 'recovered'],
    ['a lesson entry that is not an object', JSON.stringify({ version: 1, lessons: { a: true } }), 'recovered'],
    ['a __proto__ key', '{"version":1,"lessons":{"__proto__":{"visited":"2026-03-01T10:00:00.000Z"}}}', 'recovered'],
    ['a nested __proto__ key', '{"version":1,"lessons":{},"exercises":{"x":{"__proto__":{"polluted":true}}}}', 'recovered'],
    ['a constructor key', '{"version":1,"lessons":{"constructor":{"visited":"2026-03-01T10:00:00.000Z"}}}', 'recovered'],
    ['an id with markup in it', JSON.stringify({ version: 1, lessons: { '<img src=x>': { visited: T1.toISOString() } } }), 'recovered'],
    ['an overlong id', JSON.stringify({ version: 1, lessons: { ['a'.repeat(101)]: { visited: T1.toISOString() } } }), 'recovered'],
    ['a huge string', JSON.stringify({ version: 1, lessons: {}, junk: 'x'.repeat(MAX_RECORD_LENGTH) }), 'recovered'],
  ])('ignores %s (%s)', (_what, raw, status) => {
    const storage = new FakeStorage();
    storage.items.set(PROGRESS_KEY, raw);
    const { value } = readProgress(storage);
    expect(readProgress(storage).status).toBe(status);
    expect(value.lessons).toEqual({});
    expect(value.quizzes).toEqual({});
    expect(value).not.toHaveProperty('junk');
    expect(Object.getPrototypeOf(value.lessons)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    // Reading never changes what is stored.
    expect(storage.items.get(PROGRESS_KEY)).toBe(raw);
  });

  it('keeps fields it does not know (from a newer version of the page)', () => {
    const storage = new FakeStorage();
    const record = { version: 1, lessons: { a: { visited: T1.toISOString(), notes: 'mine' } }, exercises: {}, quizzes: {}, badges: ['x'] };
    storage.items.set(PROGRESS_KEY, JSON.stringify(record));
    expect(readProgress(storage).value).toEqual(record);
    recordVisit(storage, 'b', T2);
    expect(stored(storage)).toMatchObject({ badges: ['x'], lessons: { a: { notes: 'mine' } } });
  });
});

describe('writing progress', () => {
  it('records the first visit and keeps its date on later visits', () => {
    const storage = new FakeStorage();
    expect(recordVisit(storage, 'what-is-a-stage', T1).ok).toBe(true);
    expect(recordVisit(storage, 'what-is-a-stage', T2).ok).toBe(true);
    expect(stored(storage)).toEqual({ version: 1, lessons: { 'what-is-a-stage': { visited: T1.toISOString() } }, exercises: {}, quizzes: {} });
  });

  it('marks a lesson complete, keeps the first completion date, and can take it back', () => {
    const storage = new FakeStorage();
    recordVisit(storage, 'a', T1);
    expect(setLessonCompleted(storage, 'a', true, T2).value.lessons['a']).toEqual({ visited: T1.toISOString(), completed: T2.toISOString() });
    setLessonCompleted(storage, 'a', true, new Date('2027-01-01T00:00:00.000Z'));
    expect(readProgress(storage).value.lessons['a']?.completed).toBe(T2.toISOString());
    expect(lessonState(readProgress(storage).value, 'a')).toBe('completed');
    setLessonCompleted(storage, 'a', false, T2);
    expect(readProgress(storage).value.lessons['a']).toEqual({ visited: T1.toISOString() });
    // Completing a lesson never visited also records the visit.
    expect(setLessonCompleted(storage, 'b', true, T2).value.lessons['b']).toEqual({ visited: T2.toISOString(), completed: T2.toISOString() });
  });

  it('merges into what is stored now, not into what the page read earlier (another tab)', () => {
    const storage = new FakeStorage();
    recordVisit(storage, 'a', T1);
    const pageA = readProgress(storage).value;
    // Another tab writes in between.
    setLessonCompleted(storage, 'b', true, T2);
    writeProgress(storage, { lessons: { c: { visited: T2.toISOString() } } });
    expect(Object.keys(readProgress(storage).value.lessons).sort()).toEqual(['a', 'b', 'c']);
    expect(pageA.lessons).toEqual({ a: { visited: T1.toISOString() } });
  });

  it('merges exercises and quizzes entry by entry', () => {
    const storage = new FakeStorage();
    const q1 = { best: 3, total: 5, last: T1.toISOString(), attempts: 1 };
    writeProgress(storage, { exercises: { 'go-build': { passed: T1.toISOString() } }, quizzes: { q1 } });
    writeProgress(storage, { exercises: { 'go-build': { attempts: 2 }, other: { attempts: 1 } }, quizzes: { q1: { best: 4, attempts: 2 } } });
    expect(readProgress(storage).value).toMatchObject({
      exercises: { 'go-build': { passed: T1.toISOString(), attempts: 2 }, other: { attempts: 1 } },
      quizzes: { q1: { best: 4, total: 5, last: T1.toISOString(), attempts: 2 } },
    });
  });

  it('refuses a write that would store an invalid record, leaving storage as it was', () => {
    const storage = new FakeStorage();
    recordVisit(storage, 'a', T1);
    const before = storage.items.get(PROGRESS_KEY);
    expect(writeProgress(storage, JSON.parse('{"lessons":{"__proto__":{"visited":"2026-03-01T10:00:00.000Z"}}}')).ok).toBe(false);
    expect(writeProgress(storage, { lessons: { 'bad id!': { visited: T1.toISOString() } } }).ok).toBe(false);
    expect(writeProgress(storage, { lessons: { a: { visited: 'now' } } }).ok).toBe(false);
    expect(storage.items.get(PROGRESS_KEY)).toBe(before);
    expect(({} as Record<string, unknown>)['visited']).toBeUndefined();
  });

  it('keeps an unreadable value aside under a backup key before overwriting it', () => {
    const storage = new FakeStorage();
    storage.items.set(PROGRESS_KEY, '{"version":1,"lessons":{"a":');
    expect(recordVisit(storage, 'b', T1).ok).toBe(true);
    expect(storage.items.get(backupKey(PROGRESS_KEY))).toBe('{"version":1,"lessons":{"a":');
    expect(readProgress(storage).value.lessons).toEqual({ b: { visited: T1.toISOString() } });

    // A second, different unreadable value gets its own backup; the first is not overwritten.
    storage.items.set(PROGRESS_KEY, JSON.stringify({ version: 7 }));
    recordVisit(storage, 'c', T2);
    expect(storage.items.get(backupKey(PROGRESS_KEY))).toBe('{"version":1,"lessons":{"a":');
    expect(storage.items.get(backupKey(PROGRESS_KEY, 1))).toBe('{"version":7}');
  });

  it('does not overwrite an unreadable value it could not back up', () => {
    const huge = 'x'.repeat(2000);
    const storage = new FakeStorage(3000);
    storage.items.set(PROGRESS_KEY, huge);
    const result = recordVisit(storage, 'a', T1);
    expect(result.ok).toBe(false);
    // The page still shows the visit, for this page view.
    expect(result.value.lessons['a']).toEqual({ visited: T1.toISOString() });
    expect(storage.items.get(PROGRESS_KEY)).toBe(huge);
  });

  it('never throws when storage is missing, full or blocked', () => {
    expect(recordVisit(null, 'a', T1)).toEqual({
      ok: false,
      reason: 'unavailable',
      value: { ...emptyProgress(), lessons: { a: { visited: T1.toISOString() } } },
    });
    const blocked = new FakeStorage();
    blocked.failReads = true;
    expect(() => setLessonCompleted(blocked, 'a', true, T1)).not.toThrow();
    const readOnly = new FakeStorage();
    readOnly.failWrites = true;
    expect(recordVisit(readOnly, 'a', T1).ok).toBe(false);
    const full = new FakeStorage(10);
    expect(recordVisit(full, 'a', T1).ok).toBe(false);
  });

  it('refuses to merge an id that could reach a prototype', () => {
    expect(() => mergeProgress(emptyProgress(), JSON.parse('{"lessons":{"__proto__":{"visited":"x"}}}'))).toThrow(/not a valid id/);
    expect(({} as Record<string, unknown>)['visited']).toBeUndefined();
  });
});

describe('PredictReveal choices', () => {
  it('remembers, replaces and forgets a choice', () => {
    const storage = new FakeStorage();
    expect(readPrediction(storage, 'which-stage')).toBeNull();
    writePrediction(storage, 'which-stage', 1, T1);
    writePrediction(storage, 'other', 0, T1);
    expect(readPrediction(storage, 'which-stage')).toEqual({ choice: 1, at: T1.toISOString() });
    writePrediction(storage, 'which-stage', 2, T2);
    expect(readPrediction(storage, 'which-stage')?.choice).toBe(2);
    writePrediction(storage, 'which-stage', null, T2);
    expect(readPrediction(storage, 'which-stage')).toBeNull();
    expect(readPrediction(storage, 'other')?.choice).toBe(0);
  });

  it('ignores hostile or corrupt values and does not look up inherited keys', () => {
    const storage = new FakeStorage();
    storage.items.set(PREDICTIONS_KEY, JSON.stringify({ version: 1, choices: { q: { choice: -1, at: T1.toISOString() } } }));
    expect(readPrediction(storage, 'q')).toBeNull();
    storage.items.set(PREDICTIONS_KEY, JSON.stringify({ version: 1, choices: { q: { choice: 1.5, at: T1.toISOString() } } }));
    expect(readPrediction(storage, 'q')).toBeNull();
    storage.items.set(PREDICTIONS_KEY, 'not json');
    expect(readPrediction(storage, 'q')).toBeNull();
    expect(readPrediction(new FakeStorage(), 'toString')).toBeNull();
    expect(readPrediction(new FakeStorage(), '__proto__')).toBeNull();
    // A write keeps the corrupt value aside.
    writePrediction(storage, 'q', 0, T1);
    expect(storage.items.get(backupKey(PREDICTIONS_KEY))).toBe('not json');
    expect(readPrediction(storage, 'q')?.choice).toBe(0);
  });
});
