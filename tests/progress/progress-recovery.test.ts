// The progress record under stress: it is never written larger than a read accepts, a
// damaged one gives back what is valid in it (and says so: status 'recovered'), the old
// single-record format with the exercises' texts in it migrates without losing a character,
// and every copy kept instead of losing something is listed and can be restored.

import { describe, expect, it } from 'vitest';
import {
  backupKey,
  exerciseEntry,
  exerciseTextKey,
  lessonState,
  markExerciseCompleted,
  MAX_RECORD_LENGTH,
  PROGRESS_KEY,
  readExerciseText,
  readProgress,
  recordQuizScore,
  recordVisit,
  setLessonCompleted,
  startingText,
  writeExerciseText,
  type Progress,
} from '../../src/lib/progress/index.ts';
import { deleteKeptCopy, listKeptCopies, restoreKeptCopy } from '../../src/lib/progress/kept-copies.ts';
import { copyKey, importProgress, keepProgressCopy, progressWithTexts, resetProgress, serializeExport } from '../../src/lib/progress/transfer.ts';
import { FakeStorage } from '../support/fake-storage.ts';

const T1 = new Date('2026-03-01T10:00:00.000Z');
const T2 = new Date('2026-03-02T11:30:00.000Z');
const D1 = T1.toISOString();
const D2 = T2.toISOString();

/** A learner's progress in the format every version so far wrote: texts inside the record. */
function legacyRecord(texts: Record<string, string> = {}): Progress {
  const exercises: Progress['exercises'] = {};
  for (const [id, text] of Object.entries(texts)) exercises[id] = { text, updated: D1, ...(id.endsWith('done') ? { completed: D1 } : {}) };
  return {
    version: 1,
    lessons: { 'what-is-a-stage': { visited: D1, completed: D1 }, 'build-vs-runtime': { visited: D2 } },
    exercises,
    quizzes: { 'what-is-a-stage': { best: 4, total: 5, last: D2, attempts: 2 } },
  };
}

function textOf(storage: FakeStorage, id: string): string | null {
  return startingText(readExerciseText(storage, id), readProgress(storage).value, id, '(starter)').text;
}

describe('never written larger than a read accepts', () => {
  it('a write that would pass MAX_RECORD_LENGTH is refused, and the record stays readable', () => {
    const storage = new FakeStorage();
    const base = JSON.stringify({ ...legacyRecord(), note: '' });
    // 50 characters short of the limit: one more lesson entry passes it.
    storage.setItem(PROGRESS_KEY, JSON.stringify({ ...legacyRecord(), note: 'n'.repeat(MAX_RECORD_LENGTH - 50 - base.length) }));
    const before = storage.getItem(PROGRESS_KEY)!;
    expect(before.length).toBe(MAX_RECORD_LENGTH - 50);
    expect(readProgress(storage).status).toBe('ok');
    expect(recordVisit(storage, 'a-lesson-whose-visit-passes-the-limit', T2)).toMatchObject({ ok: false, reason: 'too-large' });
    // Nothing was hidden: what was stored is still there, and readable.
    expect(storage.getItem(PROGRESS_KEY)).toBe(before);
    const read = readProgress(storage);
    expect(read.status).toBe('ok');
    expect(lessonState(read.value, 'what-is-a-stage')).toBe('completed');
  });

  it('six long exercise texts (quotes double in JSON) no longer pass the limit together: each has its own record', () => {
    const storage = new FakeStorage();
    const text = (n: number) => `FROM alpine\n${`RUN echo "${n}" "quoted" && true\n`.repeat(2900)}`.slice(0, 90_000);
    // Five saved by an earlier version, in the record (about 900,000 characters of JSON).
    const texts = Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`exercise-${n}`, text(n)]));
    storage.setItem(PROGRESS_KEY, JSON.stringify(legacyRecord(texts)));
    expect(storage.getItem(PROGRESS_KEY)!.length).toBeGreaterThan(500_000);
    // The sixth, and a visit: before, the record passed 1,000,000 and everything read as "Not started".
    expect(writeExerciseText(storage, 'exercise-6', text(6), { now: T2 }).ok).toBe(true);
    expect(recordVisit(storage, 'named-stages-and-target', T2).ok).toBe(true);
    expect(markExerciseCompleted(storage, 'exercise-6', T2).ok).toBe(true);
    const read = readProgress(storage);
    expect(read.status).toBe('ok');
    expect(lessonState(read.value, 'what-is-a-stage')).toBe('completed');
    expect(lessonState(read.value, 'named-stages-and-target')).toBe('visited');
    for (const n of [1, 2, 3, 4, 5, 6]) expect(textOf(storage, `exercise-${n}`)).toBe(text(n));
    expect(storage.getItem(PROGRESS_KEY)!.length).toBeLessThan(5_000);
  });
});

describe('a damaged record gives back what is valid in it', () => {
  const valid = JSON.stringify(legacyRecord());

  it('one stray byte appended: everything is read (status recovered), and kept aside before the next write', () => {
    const storage = new FakeStorage();
    storage.setItem(PROGRESS_KEY, `${valid}x`);
    const read = readProgress(storage);
    expect(read.status).toBe('recovered');
    expect(lessonState(read.value, 'what-is-a-stage')).toBe('completed');
    expect(read.value.quizzes['what-is-a-stage']).toMatchObject({ best: 4 });
    expect(recordVisit(storage, 'myths', T2).ok).toBe(true);
    expect(storage.getItem(backupKey(PROGRESS_KEY))).toBe(`${valid}x`);
    expect(readProgress(storage)).toMatchObject({ status: 'ok', value: { lessons: { 'what-is-a-stage': { completed: D1 }, myths: { visited: D2 } } } });
  });

  it('one bad entry: the others stay', () => {
    const storage = new FakeStorage();
    const record = legacyRecord();
    (record.lessons as Record<string, unknown>)['broken'] = { visited: 'yesterday' };
    (record.quizzes as Record<string, unknown>)['broken'] = { best: 9, total: 5 };
    storage.setItem(PROGRESS_KEY, JSON.stringify(record));
    const read = readProgress(storage);
    expect(read.status).toBe('recovered');
    expect(Object.keys(read.value.lessons).sort()).toEqual(['build-vs-runtime', 'what-is-a-stage']);
    expect(Object.keys(read.value.quizzes)).toEqual(['what-is-a-stage']);
  });

  it('cut short: the entries before the cut stay', () => {
    const storage = new FakeStorage();
    storage.setItem(PROGRESS_KEY, valid.slice(0, valid.indexOf('"build-vs-runtime"') + 25));
    const read = readProgress(storage);
    expect(read.status).toBe('recovered');
    expect(lessonState(read.value, 'what-is-a-stage')).toBe('completed');
  });

  it('nothing recoverable (markup, another app’s value): empty progress, status invalid', () => {
    const storage = new FakeStorage();
    storage.setItem(PROGRESS_KEY, '<img src=x onerror=alert(1)>');
    expect(readProgress(storage).status).toBe('invalid');
  });
});

describe('the old single-record format migrates without loss', () => {
  it('every write moves the texts to their own records; completion dates stay in the record', () => {
    const storage = new FakeStorage();
    const texts = { 'split-go': 'FROM golang:1.23 AS build\n', 'pitfalls-done': 'FROM node:22 AS deps\n# "quoted" \\ 🐳\n' };
    storage.setItem(PROGRESS_KEY, JSON.stringify(legacyRecord(texts)));
    // Read as it is before any write.
    expect(textOf(storage, 'split-go')).toBe(texts['split-go']);
    expect(recordVisit(storage, 'myths', T2).ok).toBe(true);
    const after = readProgress(storage).value;
    for (const [id, text] of Object.entries(texts)) {
      expect(readExerciseText(storage, id)).toMatchObject({ status: 'ok', record: { text, updated: D1 } });
      expect(after.exercises[id]).not.toHaveProperty('text');
    }
    expect(exerciseEntry(after, 'pitfalls-done')).toEqual({ status: 'ok', entry: { completed: D1, updated: D1 } });
    expect(progressWithTexts(storage).exercises['split-go']).toMatchObject({ text: texts['split-go'] });
  });

  it('a record an earlier version wrote over the read limit is read whole (nothing was lost), and shrinks at the next write', () => {
    const storage = new FakeStorage();
    const texts = Object.fromEntries(Array.from({ length: 12 }, (_, n) => [`exercise-${n}`, `FROM alpine\n${'RUN echo 85k\n'.repeat(6500)}`]));
    const raw = JSON.stringify(legacyRecord(texts));
    expect(raw.length).toBeGreaterThan(MAX_RECORD_LENGTH);
    storage.setItem(PROGRESS_KEY, raw);
    expect(readProgress(storage).status).toBe('ok');
    expect(recordVisit(storage, 'myths', T2).ok).toBe(true);
    expect(storage.getItem(backupKey(PROGRESS_KEY))).toBeNull();
    for (const [id, text] of Object.entries(texts)) expect(textOf(storage, id)).toBe(text);
  });

  it('a text an older tab saved in the record after the move wins when newer; the older one is kept aside', () => {
    const storage = new FakeStorage();
    writeExerciseText(storage, 'ex', 'FROM mine\n', { now: T1 });
    storage.setItem(PROGRESS_KEY, JSON.stringify({ ...legacyRecord(), exercises: { ex: { text: 'FROM newer\n', updated: D2 } } }));
    recordVisit(storage, 'myths', T2);
    expect(textOf(storage, 'ex')).toBe('FROM newer\n');
    expect(JSON.parse(storage.getItem(backupKey(exerciseTextKey('ex')))!)).toMatchObject({ text: 'FROM mine\n' });
  });
});

describe('kept copies: listed, restored, deleted', () => {
  it('a record the old size bug moved aside is offered back, and restoring it brings everything back', () => {
    const storage = new FakeStorage();
    const texts = { 'split-go': 'FROM golang:1.23 AS build\n', other: 'FROM x\n' };
    storage.setItem(backupKey(PROGRESS_KEY), JSON.stringify(legacyRecord(texts)));
    recordVisit(storage, 'myths', T2);
    const [copy] = listKeptCopies(storage);
    expect(copy).toMatchObject({ kind: 'damaged-progress', key: backupKey(PROGRESS_KEY), restorable: true, whole: true });
    expect(restoreKeptCopy(storage, copy!.key)).toEqual({
      ok: true,
      message: 'Restored what could be read of the damaged copy (2 lessons, 2 exercise texts, 1 quiz score) into your progress.',
    });
    const read = readProgress(storage);
    expect(lessonState(read.value, 'what-is-a-stage')).toBe('completed');
    expect(lessonState(read.value, 'myths')).toBe('visited');
    expect(read.value.quizzes['what-is-a-stage']).toMatchObject({ best: 4 });
    for (const [id, text] of Object.entries(texts)) expect(textOf(storage, id)).toBe(text);
    expect(listKeptCopies(storage)).toEqual([]);
  });

  it('an import keeps the progress it replaces; restoring that undoes the import (keeping the imported one)', () => {
    const storage = new FakeStorage();
    recordQuizScore(storage, 'q', 3, 5, T1);
    writeExerciseText(storage, 'ex', 'FROM before-import\n', { now: T1 });
    const kept = keepProgressCopy(storage, 'import', T2);
    expect(kept.kept).toBe(true);
    expect(kept.fileName).toMatch(/^stagecraft-progress-before-import-\d{4}-\d\d-\d\d\.json$/);
    expect(importProgress(storage, serializeExport({ ...legacyRecord({ other: 'FROM imported\n' }) }, T2)).ok).toBe(true);
    expect(readExerciseText(storage, 'ex').status).toBe('empty');
    const [copy] = listKeptCopies(storage);
    expect(copy).toMatchObject({ kind: 'replaced-progress', by: 'import', at: D2, key: backupKey(copyKey('import')), whole: true });
    expect(restoreKeptCopy(storage, copy!.key)).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^Restored 0 lessons, 1 exercise text, 1 quiz score: /),
    });
    expect(textOf(storage, 'ex')).toBe('FROM before-import\n');
    expect(readExerciseText(storage, 'other').status).toBe('empty');
    expect(listKeptCopies(storage).map((c) => c.kind === 'replaced-progress' && c.by)).toEqual(['restore']);
  });

  it('a reset keeps a copy too', () => {
    const storage = new FakeStorage();
    setLessonCompleted(storage, 'intro', true, T1);
    writeExerciseText(storage, 'ex', 'FROM mine\n', { now: T1 });
    expect(keepProgressCopy(storage, 'reset', T2).kept).toBe(true);
    expect(resetProgress(storage).ok).toBe(true);
    expect(readExerciseText(storage, 'ex').status).toBe('empty');
    const copy = listKeptCopies(storage).find((c) => c.kind === 'replaced-progress');
    expect(restoreKeptCopy(storage, copy!.key).ok).toBe(true);
    expect(lessonState(readProgress(storage).value, 'intro')).toBe('completed');
    expect(textOf(storage, 'ex')).toBe('FROM mine\n');
  });

  it('no room for the copy: the page gets it to download instead (kept: false), nothing replaced yet', () => {
    const storage = new FakeStorage();
    setLessonCompleted(storage, 'intro', true, T1);
    storage.refuse = copyKey('import');
    const kept = keepProgressCopy(storage, 'import', T2);
    expect(kept.kept).toBe(false);
    expect(JSON.parse(kept.text)).toMatchObject({ format: 'stagecraft-progress', progress: { lessons: { intro: { completed: D1 } } } });
  });

  it('an exercise text another tab replaced is restored to its exercise; the text it replaces is kept', () => {
    const storage = new FakeStorage();
    writeExerciseText(storage, 'ex', 'FROM now\n', { now: T2 });
    storage.setItem(backupKey(exerciseTextKey('ex')), JSON.stringify({ version: 1, text: 'FROM before\n', updated: D1, rev: 'kept' }));
    const [copy] = listKeptCopies(storage);
    expect(copy).toMatchObject({ kind: 'exercise-text', exercise: 'ex', at: D1, restorable: true });
    expect(restoreKeptCopy(storage, copy!.key).ok).toBe(true);
    expect(textOf(storage, 'ex')).toBe('FROM before\n');
    expect(listKeptCopies(storage)).toMatchObject([{ kind: 'exercise-text', exercise: 'ex' }]);
  });

  it('other keys’ copies are listed for download only; any copy can be deleted', () => {
    const storage = new FakeStorage();
    storage.setItem('stagecraft:playground:backup', '{broken');
    const [copy] = listKeptCopies(storage);
    expect(copy).toMatchObject({ kind: 'other', of: 'stagecraft:playground', restorable: false });
    expect(restoreKeptCopy(storage, copy!.key).ok).toBe(false);
    expect(deleteKeptCopy(storage, copy!.key)).toBe(true);
    expect(listKeptCopies(storage)).toEqual([]);
    expect(deleteKeptCopy(storage, PROGRESS_KEY)).toBe(false);
  });
});
