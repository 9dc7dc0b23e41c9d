// Export, import and reset of the learner's progress (src/lib/progress/transfer.ts), and the
// rows the /progress/ page shows (summary.ts). A refused file must change nothing; imported
// strings are data, never markup (that the page never parses them as HTML is a lint rule now:
// no-unsanitized in eslint.config.js, tested in tests/lint/boundaries.test.ts).

import { describe, expect, it } from 'vitest';
import {
  EXPORT_FORMAT,
  exportFileName,
  importProgress,
  MAX_IMPORT_BYTES,
  parseImport,
  progressWithTexts,
  resetProgress,
  serializeExport,
  utf8Length,
} from '../../src/lib/progress/transfer.ts';
import { summarizeProgress, type Catalogue } from '../../src/lib/progress/summary.ts';
import {
  emptyProgress,
  PROGRESS_KEY,
  readExerciseText,
  recordQuizScore,
  recordVisit,
  setLessonCompleted,
  type Progress,
} from '../../src/lib/progress/index.ts';
import { FakeStorage } from '../support/fake-storage.ts';

const T1 = new Date('2026-03-01T10:00:00.000Z');
const T2 = new Date('2026-03-02T11:30:00.000Z');

/** A browser with some progress: two lessons, a quiz score and a finished exercise. */
function learnerStorage(): FakeStorage {
  const storage = new FakeStorage();
  recordVisit(storage, 'what-is-a-stage', T1);
  setLessonCompleted(storage, 'what-is-a-stage', true, T2);
  recordVisit(storage, 'build-vs-runtime', T2);
  recordQuizScore(storage, 'what-is-a-stage', 4, 5, T2);
  const progress = JSON.parse(storage.getItem(PROGRESS_KEY)!) as Progress;
  progress.exercises = { 'build-vs-runtime': { completed: T2.toISOString(), text: 'FROM golang:1.23 AS build\n', updated: T2.toISOString() } };
  storage.setItem(PROGRESS_KEY, JSON.stringify(progress));
  return storage;
}

function stored(storage: FakeStorage): Progress {
  return JSON.parse(storage.getItem(PROGRESS_KEY)!) as Progress;
}

function envelope(progress: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: EXPORT_FORMAT, exportedAt: T2.toISOString(), progress, ...extra });
}

/** Every refusal is one sentence: a capital letter, one full stop at the end, none inside. */
function expectOneSentence(reason: string): void {
  expect(reason).toMatch(/^[A-Z][^\n]*\.$/);
  expect(reason.slice(0, -1)).not.toMatch(/\.\s/);
}

describe('export', () => {
  it('names the file stagecraft-progress-YYYY-MM-DD.json with the local date', () => {
    expect(exportFileName(new Date(2026, 2, 7, 23, 59))).toBe('stagecraft-progress-2026-03-07.json');
    expect(exportFileName(new Date(2026, 11, 31, 0, 1))).toBe('stagecraft-progress-2026-12-31.json');
  });

  it('wraps the record in a Stagecraft envelope', () => {
    const progress = stored(learnerStorage());
    const text = serializeExport(progress, T2);
    expect(JSON.parse(text)).toEqual({ format: 'stagecraft-progress', exportedAt: T2.toISOString(), progress });
  });
});

describe('import', () => {
  it('round-trips: an export imported into an empty browser gives the same progress, texts included', () => {
    const from = learnerStorage();
    const text = serializeExport(progressWithTexts(from), T2);
    expect(JSON.parse(text).progress.exercises['build-vs-runtime'].text).toBe('FROM golang:1.23 AS build\n');
    const to = new FakeStorage();
    const result = importProgress(to, text, utf8Length(text));
    expect(result.ok).toBe(true);
    expect(progressWithTexts(to)).toEqual(progressWithTexts(from));
    expect(readExerciseText(to, 'build-vs-runtime')).toMatchObject({ status: 'ok', record: { text: 'FROM golang:1.23 AS build\n' } });
    // The record the islands show holds no texts: they have records of their own.
    expect(result.progress).toEqual(stored(to));
    expect(stored(to).exercises['build-vs-runtime']).not.toHaveProperty('text');
  });

  it('replaces what the browser had', () => {
    const to = learnerStorage();
    const result = importProgress(to, serializeExport(emptyProgress(), T2));
    expect(result.ok).toBe(true);
    expect(stored(to)).toEqual(emptyProgress());
  });

  const refusals: Array<[string, string, RegExp]> = [
    ['corrupt JSON', '{"format": "stagecraft-progress", "progress": {', /not valid JSON/],
    ['an empty file', '  \n', /empty/],
    ['JSON of the wrong type (an array)', '[1, 2, 3]', /not a Stagecraft progress export/],
    ['JSON of the wrong type (a string)', '"stagecraft-progress"', /not a Stagecraft progress export/],
    ['another app’s JSON', '{"name": "my-app", "version": "1.0.0"}', /not a Stagecraft progress export/],
    ['a bare progress record without the envelope', JSON.stringify(emptyProgress()), /not a Stagecraft progress export/],
    ['an export without a record', envelope(null), /no progress record/],
    ['a future version', envelope({ version: 2, lessons: {}, exercises: {}, quizzes: {}, badges: {} }), /newer version of Stagecraft \(progress format 2\)/],
    ['an unknown version', envelope({ version: '1', lessons: {} }), /format \("1"\) is not one this site can read/],
    ['a bad date', envelope({ version: 1, lessons: { 'what-is-a-stage': { visited: 'yesterday' } } }), /damaged/],
    ['a score above its total', envelope({ version: 1, lessons: {}, quizzes: { x: { best: 9, total: 5, last: T1.toISOString(), attempts: 1 } } }), /damaged/],
    ['an HTML id', envelope({ version: 1, lessons: { '<img src=x onerror=alert(1)>': { visited: T1.toISOString() } } }), /damaged/],
    [
      'a __proto__ key',
      `{"format":"stagecraft-progress","progress":{"version":1,"lessons":{"__proto__":{"visited":"${T1.toISOString()}"}}}}`,
      /key that is not allowed \("__proto__"\)/,
    ],
    [
      'an exercise text over the limit',
      envelope({ version: 1, lessons: {}, exercises: { pitfalls: { text: 'x'.repeat(100_001), updated: T1.toISOString() } } }),
      /not text of at most 100,000 characters/,
    ],
    [
      'a constructor key',
      `{"format":"stagecraft-progress","progress":{"version":1,"lessons":{},"constructor":{"prototype":{"polluted":true}}}}`,
      /key that is not allowed/,
    ],
  ];

  for (const [what, text, reason] of refusals) {
    it(`refuses ${what} with a one-sentence reason and changes nothing`, () => {
      const storage = learnerStorage();
      const before = new Map(storage.items);
      const result = importProgress(storage, text);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.reason).toMatch(reason);
      expectOneSentence(result.reason);
      expect(storage.items).toEqual(before);
      expect(result.progress).toEqual(stored(storage));
    });
  }

  it('refuses a file over the size limit before reading it, by size or by content', () => {
    const storage = learnerStorage();
    const before = new Map(storage.items);
    const valid = serializeExport(emptyProgress());
    const byFileSize = importProgress(storage, valid, MAX_IMPORT_BYTES + 1);
    expect(byFileSize.ok).toBe(false);
    // Valid JSON padded past the limit with multi-byte characters (fewer characters than bytes).
    const padded = envelope(emptyProgress(), { note: 'é'.repeat(MAX_IMPORT_BYTES / 2) });
    expect(padded.length).toBeLessThan(MAX_IMPORT_BYTES + 100);
    const byContent = importProgress(storage, padded);
    expect(byContent.ok).toBe(false);
    for (const result of [byFileSize, byContent]) {
      if (result.ok) continue;
      expect(result.reason).toMatch(/larger than 5 MB/);
      expectOneSentence(result.reason);
    }
    expect(storage.items).toEqual(before);
  });

  it('refuses nothing for being just under the limit', () => {
    const text = envelope(emptyProgress(), { note: 'a'.repeat(MAX_IMPORT_BYTES - 200) });
    expect(parseImport(text).ok).toBe(true);
  });

  it('keeps HTML in strings as inert data, and never prototypes', () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const text = envelope(
      {
        version: 1,
        lessons: { 'what-is-a-stage': { visited: T1.toISOString(), note: hostile } },
        exercises: { pitfalls: { text: hostile, completed: hostile } },
        quizzes: {},
        extra: hostile,
      },
      { comment: hostile },
    );
    const storage = new FakeStorage();
    const result = importProgress(storage, text);
    expect(result.ok).toBe(true);
    // Stored exactly as text (JSON), and nothing reached Object.prototype.
    expect(readExerciseText(storage, 'pitfalls')).toMatchObject({ status: 'ok', record: { text: hostile } });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    // The page's rows carry only the course's ids, states, numbers and validated dates:
    // an exercise whose "completed" is not a date is not done, and no hostile string appears.
    const rows = summarizeProgress(result.progress, CATALOGUE);
    expect(JSON.stringify(rows)).not.toContain('<');
    expect(rows.exercises.find((row) => row.id === 'pitfalls')).toEqual({ id: 'pitfalls', done: false, completed: null });
  });

  it('says so, and changes nothing, when the browser refuses to save', () => {
    const storage = learnerStorage();
    const before = new Map(storage.items);
    storage.failWrites = true;
    const result = importProgress(storage, serializeExport(emptyProgress()));
    expect(result.ok).toBe(false);
    if (!result.ok) expectOneSentence(result.reason);
    expect(storage.items).toEqual(before);
  });
});

describe('reset', () => {
  it('forgets every lesson, exercise and quiz', () => {
    const storage = learnerStorage();
    expect(resetProgress(storage)).toEqual({ ok: true, progress: emptyProgress() });
    expect(stored(storage)).toEqual(emptyProgress());
  });

  it('keeps an unreadable record aside instead of overwriting it', () => {
    const storage = new FakeStorage();
    storage.setItem(PROGRESS_KEY, '{not json');
    expect(resetProgress(storage).ok).toBe(true);
    expect(storage.getItem(`${PROGRESS_KEY}:backup`)).toBe('{not json');
  });
});

const CATALOGUE: Catalogue = {
  lessons: [
    { id: 'what-is-a-stage', title: 'What is a stage?' },
    { id: 'build-vs-runtime', title: 'Build vs runtime' },
    { id: 'pitfalls', title: 'Pitfalls' },
  ],
  exercises: [
    { id: 'build-vs-runtime', title: 'Split a Go Dockerfile' },
    { id: 'pitfalls', title: 'Fix four pitfalls' },
  ],
  quizzes: [
    { id: 'what-is-a-stage', title: 'What is a stage?' },
    { id: 'myth-buster', title: 'Myth buster' },
  ],
};

describe('the progress page rows', () => {
  it('shows every lesson, exercise and quiz of the course with its state', () => {
    const summary = summarizeProgress(stored(learnerStorage()), CATALOGUE);
    expect(summary.lessons).toEqual([
      { id: 'what-is-a-stage', state: 'completed', visited: T1.toISOString(), completed: T2.toISOString() },
      { id: 'build-vs-runtime', state: 'visited', visited: T2.toISOString(), completed: null },
      { id: 'pitfalls', state: 'not-started', visited: null, completed: null },
    ]);
    expect(summary.exercises).toEqual([
      { id: 'build-vs-runtime', done: true, completed: T2.toISOString() },
      { id: 'pitfalls', done: false, completed: null },
    ]);
    expect(summary.quizzes).toEqual([
      { id: 'what-is-a-stage', attempted: true, best: 4, total: 5, attempts: 1, last: T2.toISOString() },
      { id: 'myth-buster', attempted: false },
    ]);
    expect(summary.counts).toEqual({ lessonsCompleted: 1, lessonsVisited: 2, exercisesDone: 1, quizzesTaken: 1 });
  });

  it('copes with a record that has no exercises at all', () => {
    const summary = summarizeProgress(emptyProgress(), CATALOGUE);
    expect(summary.exercises.every((row) => !row.done)).toBe(true);
    expect(summary.counts).toEqual({ lessonsCompleted: 0, lessonsVisited: 0, exercisesDone: 0, quizzesTaken: 0 });
  });
});
