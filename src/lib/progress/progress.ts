// Read and write the learner's progress. Every function takes the storage to use (the
// browser's localStorage via browserStorage(), a fake in tests) and never throws.
//
// Three hooks make reads and writes complete (progress-recovery.ts adds them): a damaged
// record is read for what can be recovered of it (status 'recovered'), and repaired before
// a write (what was recovered written back, the damaged original kept aside first); and
// every write first moves exercise texts an earlier version kept in the record to their
// own records. They are hooks so that the islands of every lesson, which need them only when
// a record is damaged, load that code only then (progress-store.ts): it weighs more than the
// rest of the store.
import * as v from 'valibot';
import { nextQuizProgress, type QuizProgress } from './quiz-progress.ts';
import { emptyProgress, idKey, progressValidator, PROGRESS_KEY, type LessonProgress, type Progress } from './schema.ts';
import { readRecord, writeRecord, type ReadResult, type StorageLike, type WriteResult } from './storage.ts';

export interface ProgressHooks {
  /** What a read shows of a stored record that does not decode; null: nothing can be recovered. */
  read(storage: StorageLike | null): ReadResult<Progress> | null;
  /** Before a write: a damaged record repaired (recovered, the original kept aside). */
  repair(storage: StorageLike | null): void;
  /** Exercise texts of the old format moved out of the record about to be written. */
  migrate(storage: StorageLike | null, progress: Progress): Progress;
}

let hooks: ProgressHooks | null = null;

/** Makes every read and write recover and migrate from now on (progress-recovery.ts). */
export function hookProgress(added: ProgressHooks): void {
  hooks = added;
}

export function readProgress(storage: StorageLike | null): ReadResult<Progress> {
  const read = readRecord(storage, PROGRESS_KEY, progressValidator, emptyProgress);
  return (read.status === 'invalid' && hooks?.read(storage)) || read;
}

/** Applies `update` to the stored progress (repaired if damaged, legacy texts moved out) and stores it. */
export function updateProgress(storage: StorageLike | null, update: (current: Progress) => Progress): WriteResult<Progress> {
  hooks?.repair(storage);
  return writeRecord(storage, PROGRESS_KEY, progressValidator, emptyProgress, (current) => update(hooks ? hooks.migrate(storage, current) : current));
}

/** Changes to some lessons' entries: a field set to null is removed, absent fields are kept. */
export type LessonPatch = { [K in keyof LessonProgress]?: LessonProgress[K] | null };

export interface ProgressPatch {
  lessons?: Record<string, LessonPatch>;
  exercises?: Record<string, Record<string, unknown>>;
  quizzes?: Record<string, { [K in keyof QuizProgress]?: QuizProgress[K] | null }>;
}

function mergeEntries<T extends object>(current: Record<string, T>, patch: Record<string, object> | undefined): Record<string, T> {
  if (!patch) return current;
  // Built field by field with own properties only, so no key can reach a prototype; an id
  // that is not a valid id (such as __proto__) fails the whole write.
  const merged: Record<string, T> = { ...current };
  for (const [id, changes] of Object.entries(patch)) {
    if (!v.is(idKey, id)) throw new RangeError('not a valid id');
    const entry: Record<string, unknown> = { ...(Object.hasOwn(current, id) ? current[id] : {}) };
    for (const [field, value] of Object.entries(changes)) {
      if (value === null) delete entry[field];
      else if (value !== undefined) entry[field] = value;
    }
    Object.defineProperty(merged, id, { value: entry, enumerable: true, writable: true, configurable: true });
  }
  return merged;
}

/** Merges `patch` into the stored progress (as stored now, not as this page last read it). */
export function mergeProgress(current: Progress, patch: ProgressPatch): Progress {
  return {
    ...current,
    lessons: mergeEntries(current.lessons, patch.lessons) as Progress['lessons'],
    exercises: mergeEntries(current.exercises, patch.exercises),
    quizzes: mergeEntries(current.quizzes, patch.quizzes) as Progress['quizzes'],
  };
}

export function writeProgress(storage: StorageLike | null, patch: ProgressPatch): WriteResult<Progress> {
  return updateProgress(storage, (current) => mergeProgress(current, patch));
}

/** Records the first visit to a lesson (later visits keep the first date). */
export function recordVisit(storage: StorageLike | null, slug: string, now = new Date()): WriteResult<Progress> {
  return updateProgress(storage, (current) =>
    Object.hasOwn(current.lessons, slug) ? current : mergeProgress(current, { lessons: { [slug]: { visited: now.toISOString() } } }),
  );
}

/** Marks a lesson complete (keeping the first completion date) or takes that back. */
export function setLessonCompleted(storage: StorageLike | null, slug: string, completed: boolean, now = new Date()): WriteResult<Progress> {
  return updateProgress(storage, (current) => {
    const entry = Object.hasOwn(current.lessons, slug) ? current.lessons[slug] : undefined;
    const stamp = now.toISOString();
    return mergeProgress(current, {
      lessons: {
        [slug]: completed ? { visited: entry?.visited ?? stamp, completed: entry?.completed ?? stamp } : { visited: entry?.visited ?? stamp, completed: null },
      },
    });
  });
}

/** Records a finished full attempt at quiz `id`: attempts + 1, last = now, best kept or raised. */
export function recordQuizScore(storage: StorageLike | null, id: string, score: number, total: number, now = new Date()): WriteResult<Progress> {
  return updateProgress(storage, (current) => {
    const entry = Object.hasOwn(current.quizzes, id) ? current.quizzes[id] : undefined;
    return mergeProgress(current, { quizzes: { [id]: nextQuizProgress(entry, score, total, now) } });
  });
}
