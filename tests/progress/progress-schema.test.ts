// Edge cases of the progress schemas (src/lib/progress/schema.ts and friends, valibot since
// it replaced Zod Mini): every case here was accepted or refused the same way by the Zod
// schemas, except the two ids at the end, which Zod took and valibot's records cannot keep.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  backupKey,
  emptyProgress,
  exerciseEntry,
  exerciseProgressSchema,
  idKey,
  isoDate,
  MAX_EXERCISE_TEXT,
  PREDICTIONS_KEY,
  PROGRESS_KEY,
  predictionsSchema,
  progressSchema,
  quizProgressSchema,
  readPrediction,
  readProgress,
  recordQuizScore,
  recordVisit,
  writeExerciseText,
  markExerciseCompleted,
  type StorageLike,
} from '../../src/lib/progress/index.ts';
import { parseImport } from '../../src/lib/progress/transfer.ts';

class FakeStorage implements StorageLike {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
}

const T1 = new Date('2026-03-01T10:00:00.000Z');
const DATE = T1.toISOString();
const accepts = (schema: v.GenericSchema, value: unknown) => v.safeParse(schema, value).success;
const envelope = (progress: unknown) => JSON.stringify({ format: 'stagecraft-progress', exportedAt: DATE, progress });
const storedWith = (record: unknown) => {
  const storage = new FakeStorage();
  storage.setItem(PROGRESS_KEY, typeof record === 'string' ? record : JSON.stringify(record));
  return storage;
};

describe('ISO dates', () => {
  it.each([
    '2026-03-01T10:00:00.000Z',
    '2026-03-01T10:00:00Z',
    '2026-03-01T23:59:59.123456789Z',
    '2024-02-29T00:00:00Z',
    '2000-02-29T00:00:00Z',
    '0000-01-01T00:00:00Z',
  ])('accepts %s', (date) => {
    expect(accepts(isoDate, date)).toBe(true);
  });

  it.each([
    ['no seconds', '2026-03-01T10:00Z'],
    ['an offset', '2026-03-01T10:00:00+01:00'],
    ['an offset without colon', '2026-03-01T10:00:00+0100'],
    ['no zone', '2026-03-01T10:00:00'],
    ['a lowercase z', '2026-03-01T10:00:00z'],
    ['a lowercase t', '2026-03-01t10:00:00Z'],
    ['a space for the T', '2026-03-01 10:00:00Z'],
    ['a comma for the point', '2026-03-01T10:00:00,5Z'],
    ['29 February of a common year', '2026-02-29T10:00:00Z'],
    ['29 February 1900', '1900-02-29T10:00:00Z'],
    ['31 April', '2026-04-31T10:00:00Z'],
    ['month 13', '2026-13-01T10:00:00Z'],
    ['hour 24', '2026-03-01T24:00:00Z'],
    ['second 60', '2026-03-01T10:00:60Z'],
    ['a date only', '2026-03-01'],
    ['a trailing newline', '2026-03-01T10:00:00Z\n'],
    ['a leading space', ' 2026-03-01T10:00:00Z'],
    ['words', 'yesterday'],
    ['a number', 1772359200000],
    ['a Date object', T1],
  ])('refuses %s', (_what, date) => {
    expect(accepts(isoDate, date)).toBe(false);
  });
});

describe('ids', () => {
  it.each(['intro', 'multi-stage', 'a.b', 'quiz:1', 'A_B', '0', 'x'.repeat(100)])('accepts %s', (id) => {
    expect(accepts(idKey, id)).toBe(true);
  });
  it.each(['', 'bad id', '-x', 'x-', 'a--b', 'é', '__proto__', 'x'.repeat(101)])('refuses %j', (id) => {
    expect(accepts(idKey, id)).toBe(false);
  });
});

describe('the progress record', () => {
  it('defaults missing exercises and quizzes to {}', () => {
    expect(v.parse(progressSchema, { version: 1, lessons: {} })).toEqual(emptyProgress());
    expect(v.parse(progressSchema, { version: 1, lessons: {}, exercises: undefined })).toEqual(emptyProgress());
    expect(accepts(progressSchema, { version: 1 })).toBe(false);
    expect(accepts(progressSchema, { version: 1, lessons: {}, exercises: null })).toBe(false);
  });

  it('keeps unknown fields at every level, in order, and writes them back', () => {
    const record = {
      version: 1,
      lessons: { intro: { visited: DATE, note: 'x' } },
      exercises: { ex: { updated: DATE, draft: [1, 2] } },
      quizzes: { q: { best: 1, total: 2, last: DATE, attempts: 1, streak: 4 } },
      badges: { first: true },
    };
    const parsed = v.parse(progressSchema, record);
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(record));
    const storage = storedWith(record);
    expect(recordVisit(storage, 'other', T1).ok).toBe(true);
    const written = JSON.parse(storage.items.get(PROGRESS_KEY)!);
    expect(written).toMatchObject({
      badges: { first: true },
      lessons: { intro: { note: 'x' } },
      exercises: { ex: { draft: [1, 2] } },
      quizzes: { q: { streak: 4 } },
    });
  });

  // A record that is not a version 1 object is unreadable ('invalid'); in a version 1 record,
  // only the bad part is dropped and the rest is read ('recovered': recover.ts).
  it.each([
    ['a wrong version', { version: 2, lessons: {} }, 'invalid'],
    ['a version as text', { version: '1', lessons: {} }, 'invalid'],
    ['lessons as an array', { version: 1, lessons: [] }, 'recovered'],
    ['exercises as an array', { version: 1, lessons: {}, exercises: [] }, 'recovered'],
    ['quizzes as an array', { version: 1, lessons: {}, quizzes: [] }, 'recovered'],
    ['an exercise entry that is an array', { version: 1, lessons: {}, exercises: { ex: [] } }, 'recovered'],
    ['an exercise entry that is text', { version: 1, lessons: {}, exercises: { ex: 'FROM alpine' } }, 'recovered'],
    ['a lesson without a visit', { version: 1, lessons: { intro: {} } }, 'recovered'],
    ['a non-ISO visit', { version: 1, lessons: { intro: { visited: '2026-03-01T10:00:00+01:00' } } }, 'recovered'],
    ['a null completion', { version: 1, lessons: { intro: { visited: DATE, completed: null } } }, 'recovered'],
    ['a bad id', { version: 1, lessons: { 'bad id': { visited: DATE } } }, 'recovered'],
    ['best > total', { version: 1, lessons: {}, quizzes: { q: { best: 3, total: 2, last: DATE, attempts: 1 } } }, 'recovered'],
    ['the record itself as an array', [1], 'invalid'],
  ])('is refused with %s: read without the bad part (%s), and imported with "damaged" or the version reason', (_what, record, status) => {
    expect(accepts(progressSchema, record)).toBe(false);
    expect(readProgress(storedWith(record))).toEqual({ value: emptyProgress(), status });
    const imported = parseImport(envelope(record));
    expect(imported.ok).toBe(false);
  });

  it('gives the exact import reasons for a wrong version and for damaged data', () => {
    expect(parseImport(envelope({ version: 2, lessons: {} }))).toEqual({
      ok: false,
      reason: 'This export was made by a newer version of Stagecraft (progress format 2), and this site reads format 1.',
    });
    expect(parseImport(envelope({ version: 0, lessons: {} }))).toEqual({
      ok: false,
      reason: "This export's progress format (0) is not one this site can read.",
    });
    expect(parseImport(envelope({ version: 1, lessons: [] }))).toEqual({
      ok: false,
      reason: 'This export is damaged: some lessons, exercises or quiz scores in it are not valid progress data.',
    });
  });

  it('reads what it can of corrupted JSON, keeps it aside on the next write, and refuses it as an import', () => {
    const storage = storedWith('{"version":1,"lessons":{');
    expect(readProgress(storage)).toEqual({ value: emptyProgress(), status: 'recovered' });
    expect(recordVisit(storage, 'intro', T1).ok).toBe(true);
    expect(storage.items.get(backupKey(PROGRESS_KEY))).toBe('{"version":1,"lessons":{');
    expect(parseImport('{"format":"stagecraft-progress","progress":{')).toEqual({
      ok: false,
      reason: 'This file is not valid JSON, so it cannot be a Stagecraft export.',
    });
  });
});

describe('quiz entries', () => {
  const quiz = (fields: Record<string, unknown>) => ({ best: 1, total: 2, last: DATE, attempts: 1, ...fields });
  it('accepts best = total and the 100,000 limits', () => {
    expect(accepts(quizProgressSchema, quiz({ best: 2 }))).toBe(true);
    expect(accepts(quizProgressSchema, quiz({ best: 100_000, total: 100_000, attempts: 100_000 }))).toBe(true);
  });
  it.each([
    ['best > total', { best: 3 }],
    ['total over 100,000', { best: 0, total: 100_001 }],
    ['attempts over 100,000', { attempts: 100_001 }],
    ['a fractional total', { total: 2.5 }],
    ['a score as text', { best: '1' }],
    ['an ISO date with an offset', { last: '2026-03-01T10:00:00+00:00' }],
  ])('refuses %s', (_what, fields) => {
    expect(accepts(quizProgressSchema, quiz(fields))).toBe(false);
  });
  it('says why best > total is refused', () => {
    const result = v.safeParse(quizProgressSchema, quiz({ best: 3 }));
    expect(result.issues?.map((issue) => issue.message)).toEqual(['best must not exceed total']);
  });
  it('does not record a score above the total', () => {
    const storage = new FakeStorage();
    expect(recordQuizScore(storage, 'q', 3, 2, T1).ok).toBe(false);
    expect(storage.items.size).toBe(0);
  });
});

describe('exercise entries', () => {
  it('keeps a text of exactly MAX_EXERCISE_TEXT characters and refuses a longer one', () => {
    expect(accepts(exerciseProgressSchema, { updated: DATE, text: 'x'.repeat(MAX_EXERCISE_TEXT) })).toBe(true);
    expect(accepts(exerciseProgressSchema, { updated: DATE, text: 'x'.repeat(MAX_EXERCISE_TEXT + 1) })).toBe(false);
    const storage = new FakeStorage();
    expect(writeExerciseText(storage, 'ex', 'x'.repeat(MAX_EXERCISE_TEXT + 1), { now: T1 })).toEqual({ ok: false, reason: 'too-long' });
    expect(storage.items.size).toBe(0);
    expect(writeExerciseText(storage, 'ex', 'x'.repeat(MAX_EXERCISE_TEXT), { now: T1 }).ok).toBe(true);
  });

  it('treats an over-long stored text as a damaged entry, without hiding the rest', () => {
    const record = { version: 1, lessons: { intro: { visited: DATE } }, exercises: { ex: { updated: DATE, text: 'x'.repeat(MAX_EXERCISE_TEXT + 1) } } };
    const { value, status } = readProgress(storedWith(record));
    expect(status).toBe('ok');
    expect(exerciseEntry(value, 'ex').status).toBe('invalid');
    expect(value.lessons['intro']).toEqual({ visited: DATE });
  });
});

describe('predictions', () => {
  it('accepts choices 0 to 99 and refuses others', () => {
    const record = (choice: unknown) => ({ version: 1, choices: { p: { choice, at: DATE } } });
    expect(accepts(predictionsSchema, record(0))).toBe(true);
    expect(accepts(predictionsSchema, record(99))).toBe(true);
    expect(accepts(predictionsSchema, record(100))).toBe(false);
    expect(accepts(predictionsSchema, record(-1))).toBe(false);
    expect(accepts(predictionsSchema, record(1.5))).toBe(false);
    expect(accepts(predictionsSchema, { version: 1, choices: [] })).toBe(false);
  });
  it('keeps unknown fields of a stored prediction', () => {
    const storage = new FakeStorage();
    storage.setItem(PREDICTIONS_KEY, JSON.stringify({ version: 1, choices: { p: { choice: 2, at: DATE, why: 'x' } } }));
    expect(readPrediction(storage, 'p')).toEqual({ choice: 2, at: DATE, why: 'x' });
  });
});

describe('ids that could never be read back', () => {
  // Zod accepted these ids, but storage.ts and transfer.ts refuse any record with such a key,
  // so a write under one made all progress unreadable; valibot's records drop the keys
  // silently. The id check now refuses them, so the write fails and nothing is lost.
  it.each(['constructor', 'prototype'])('refuses %s as an id, and leaves the stored progress readable', (id) => {
    expect(accepts(idKey, id)).toBe(false);
    const storage = new FakeStorage();
    expect(recordVisit(storage, 'intro', T1).ok).toBe(true);
    expect(recordVisit(storage, id, T1).ok).toBe(false);
    expect(writeExerciseText(storage, id, 'FROM alpine', { now: T1 })).toEqual({ ok: false, reason: 'invalid-id' });
    expect(markExerciseCompleted(storage, id, T1).ok).toBe(false);
    expect(readProgress(storage)).toMatchObject({ status: 'ok', value: { lessons: { intro: { visited: DATE } } } });
  });
});
