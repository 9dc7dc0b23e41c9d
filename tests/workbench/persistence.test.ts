// The learner's Dockerfile in their progress (src/lib/progress/exercise-progress.ts): saved
// and restored, and never lost, even when what is stored is damaged.

import { describe, expect, it } from 'vitest';
import {
  backupKey,
  exerciseBackupKey,
  exerciseEntry,
  MAX_EXERCISE_TEXT,
  PROGRESS_KEY,
  readProgress,
  setLessonCompleted,
  startingText,
  writeExerciseProgress,
  type StorageLike,
} from '../../src/lib/progress/index.ts';

class FakeStorage implements StorageLike {
  readonly items = new Map<string, string>();
  failWrites = false;
  /** Refuse writes to keys that start with this. */
  refuse: string | null = null;

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    if (this.failWrites || (this.refuse !== null && key.startsWith(this.refuse))) throw new DOMException('quota', 'QuotaExceededError');
    this.items.set(key, String(value));
  }
}

const T1 = new Date('2026-03-01T10:00:00.000Z');
const T2 = new Date('2026-03-02T11:30:00.000Z');
const STARTER = 'FROM alpine\n';
const stored = (storage: FakeStorage) => JSON.parse(storage.items.get(PROGRESS_KEY) ?? 'null');
const withExercise = (entry: unknown) =>
  JSON.stringify({ version: 1, lessons: { intro: { visited: T1.toISOString() } }, exercises: { ex: entry }, quizzes: {} });

describe('saving and restoring the text', () => {
  it('starts from the starter when nothing is saved', () => {
    const storage = new FakeStorage();
    const entry = exerciseEntry(readProgress(storage).value, 'ex');
    expect(entry).toEqual({ status: 'empty' });
    expect(startingText(entry, STARTER)).toEqual({ text: STARTER, from: 'starter' });
  });

  it('restores the saved text', () => {
    const storage = new FakeStorage();
    const text = 'FROM alpine AS prod\n# </script> ünïcödé 🐳\n';
    expect(writeExerciseProgress(storage, 'ex', { text }, T1).ok).toBe(true);
    const entry = exerciseEntry(readProgress(storage).value, 'ex');
    expect(entry).toEqual({ status: 'ok', entry: { text, updated: T1.toISOString() } });
    expect(startingText(entry, STARTER)).toEqual({ text, from: 'saved' });
  });

  it('forgets the text (back to the starter) with null, keeping the rest of the entry', () => {
    const storage = new FakeStorage();
    writeExerciseProgress(storage, 'ex', { text: 'FROM x\n', completed: true }, T1);
    writeExerciseProgress(storage, 'ex', { text: null }, T2);
    expect(stored(storage).exercises.ex).toEqual({ completed: T1.toISOString(), updated: T2.toISOString() });
  });

  it('keeps the first completion date', () => {
    const storage = new FakeStorage();
    writeExerciseProgress(storage, 'ex', { completed: true }, T1);
    writeExerciseProgress(storage, 'ex', { completed: true, text: 'FROM y\n' }, T2);
    expect(stored(storage).exercises.ex).toEqual({ completed: T1.toISOString(), text: 'FROM y\n', updated: T2.toISOString() });
  });

  it('leaves lessons, quizzes and other exercises as they were', () => {
    const storage = new FakeStorage();
    setLessonCompleted(storage, 'intro', true, T1);
    writeExerciseProgress(storage, 'other', { text: 'FROM other\n' }, T1);
    writeExerciseProgress(storage, 'ex', { text: 'FROM ex\n' }, T2);
    const progress = stored(storage);
    expect(progress.lessons.intro.completed).toBe(T1.toISOString());
    expect(progress.exercises.other.text).toBe('FROM other\n');
  });

  it('does not save a text longer than the limit, and says so', () => {
    const storage = new FakeStorage();
    writeExerciseProgress(storage, 'ex', { text: 'FROM ok\n' }, T1);
    const result = writeExerciseProgress(storage, 'ex', { text: 'x'.repeat(MAX_EXERCISE_TEXT + 1) }, T2);
    expect(result.ok).toBe(false);
    expect(stored(storage).exercises.ex.text).toBe('FROM ok\n');
  });

  it('reports a storage that refuses writes (the page keeps the text in memory)', () => {
    const storage = new FakeStorage();
    storage.failWrites = true;
    const result = writeExerciseProgress(storage, 'ex', { text: 'FROM z\n' }, T1);
    expect(result.ok).toBe(false);
    expect(exerciseEntry(result.value, 'ex')).toMatchObject({ status: 'ok', entry: { text: 'FROM z\n' } });
    expect(writeExerciseProgress(null, 'ex', { text: 'FROM z\n' }, T1).ok).toBe(false);
  });

  it('refuses ids that could reach a prototype', () => {
    const storage = new FakeStorage();
    expect(writeExerciseProgress(storage, '__proto__', { text: 'FROM a\n' }, T1).ok).toBe(false);
    expect(({} as Record<string, unknown>)['text']).toBeUndefined();
  });
});

describe('a damaged entry', () => {
  const damaged = [
    ['text is not a string', { text: 42, updated: T1.toISOString() }],
    ['no date', { text: 'FROM saved\n' }],
    ['a bad completion date', { text: 'FROM saved\n', updated: T1.toISOString(), completed: 'yesterday' }],
  ] as const;

  it.each(damaged)('(%s) falls back to the starter without hiding the rest of the progress', (_, entry) => {
    const storage = new FakeStorage();
    storage.items.set(PROGRESS_KEY, withExercise(entry));
    const progress = readProgress(storage);
    expect(progress.status).toBe('ok');
    expect(progress.value.lessons['intro']).toBeDefined();
    const found = exerciseEntry(progress.value, 'ex');
    expect(found).toEqual({ status: 'invalid', raw: entry });
    expect(startingText(found, STARTER)).toEqual({ text: STARTER, from: 'damaged' });
  });

  it.each(damaged)('(%s) is kept aside before the first save overwrites it', (_, entry) => {
    const storage = new FakeStorage();
    storage.items.set(PROGRESS_KEY, withExercise(entry));
    expect(writeExerciseProgress(storage, 'ex', { text: 'FROM new\n' }, T2).ok).toBe(true);
    expect(JSON.parse(storage.items.get(backupKey(exerciseBackupKey('ex')))!)).toEqual(entry);
    expect(stored(storage).exercises.ex).toEqual({ text: 'FROM new\n', updated: T2.toISOString() });
    expect(stored(storage).lessons.intro).toBeDefined();
  });

  it('is not overwritten when it cannot be kept aside', () => {
    const storage = new FakeStorage();
    const before = withExercise({ text: 7 });
    storage.items.set(PROGRESS_KEY, before);
    storage.refuse = exerciseBackupKey('ex');
    expect(writeExerciseProgress(storage, 'ex', { text: 'FROM new\n' }, T2).ok).toBe(false);
    expect(storage.items.get(PROGRESS_KEY)).toBe(before);
  });

  it('a damaged record as a whole: the starter is used, and the record is backed up on the first save', () => {
    const storage = new FakeStorage();
    const broken = '{"version":1,"exercises":{"ex":"FROM not-an-object"}';
    storage.items.set(PROGRESS_KEY, broken);
    expect(startingText(exerciseEntry(readProgress(storage).value, 'ex'), STARTER).from).toBe('starter');
    expect(writeExerciseProgress(storage, 'ex', { text: 'FROM new\n' }, T2).ok).toBe(true);
    expect(storage.items.get(backupKey(PROGRESS_KEY))).toBe(broken);
    expect(stored(storage).exercises.ex.text).toBe('FROM new\n');
  });
});
