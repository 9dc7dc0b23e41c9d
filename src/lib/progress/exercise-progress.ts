// The learner's work on each exercise, kept in the progress record under `exercises`:
//
//   exercises: { [exercise id]: { completed?: ISO date, text?: string, updated: ISO date } }
//
//   completed  when every goal first passed (kept after later edits)
//   text       the learner's Dockerfile as last edited, restored on the next visit
//   updated    when the entry last changed
//
// The progress schema accepts any object per id (schema.ts); each entry is checked here on
// its own. An entry that fails the check is not used (the workbench starts from the
// starter), and before anything overwrites it, it is copied to its own backup key: the
// learner's text is never silently lost. Like the rest of src/lib/progress, nothing here
// throws.
import * as v from 'valibot';
import { entry, idKey, isoDate } from './fields.ts';
import { emptyProgress, progressValidator, PROGRESS_KEY, type Progress } from './schema.ts';
import { keepAside, writeRecord, type StorageLike, type WriteResult } from './storage.ts';

/** Longer texts are not saved (a 300-line Dockerfile is about 15,000 characters). */
export const MAX_EXERCISE_TEXT = 100_000;

export const exerciseProgressSchema = entry({
  completed: v.optional(isoDate),
  text: v.optional(v.pipe(v.string(), v.maxLength(MAX_EXERCISE_TEXT))),
  updated: isoDate,
});

export type ExerciseProgress = v.InferOutput<typeof exerciseProgressSchema>;

export type ExerciseEntry =
  | { status: 'empty' }
  | { status: 'ok'; entry: ExerciseProgress }
  /** Something is stored for the exercise, but not an entry this version can use. */
  | { status: 'invalid'; raw: unknown };

/** Where a damaged entry of exercise `id` is kept (numbered keys follow when it is taken). */
export function exerciseBackupKey(id: string): string {
  return `${PROGRESS_KEY}:exercise:${id}`;
}

/** The stored entry of exercise `id`, checked. */
export function exerciseEntry(progress: Progress, id: string): ExerciseEntry {
  if (!Object.hasOwn(progress.exercises, id)) return { status: 'empty' };
  const raw: unknown = progress.exercises[id];
  const parsed = v.safeParse(exerciseProgressSchema, raw);
  return parsed.success ? { status: 'ok', entry: parsed.output } : { status: 'invalid', raw };
}

export interface StartingText {
  text: string;
  /** saved: the learner's text; starter: nothing saved; damaged: something unusable was saved. */
  from: 'saved' | 'starter' | 'damaged';
}

/** The text the workbench opens with: the saved text when there is a usable one, else the starter. */
export function startingText(entry: ExerciseEntry, starter: string): StartingText {
  if (entry.status === 'ok' && entry.entry.text !== undefined) return { text: entry.entry.text, from: 'saved' };
  return { text: starter, from: entry.status === 'invalid' ? 'damaged' : 'starter' };
}

export interface ExerciseChange {
  /** The learner's text (null forgets it). */
  text?: string | null;
  /** True marks the exercise completed (the first date is kept). */
  completed?: true;
}

class NotKeptAside extends Error {}

/**
 * Applies `change` to the stored entry of exercise `id`. A damaged entry is first copied to
 * exerciseBackupKey(id); if that copy fails, nothing is written (ok: false).
 */
export function writeExerciseProgress(storage: StorageLike | null, id: string, change: ExerciseChange, now = new Date()): WriteResult<Progress> {
  return writeRecord(storage, PROGRESS_KEY, progressValidator, emptyProgress, (current) => {
    if (!v.is(idKey, id)) throw new RangeError('not a valid exercise id');
    const found = exerciseEntry(current, id);
    if (found.status === 'invalid') {
      let copy: string | undefined;
      try {
        copy = JSON.stringify(found.raw);
      } catch {
        copy = undefined;
      }
      if (!storage || copy === undefined || !keepAside(storage, exerciseBackupKey(id), copy)) throw new NotKeptAside(id);
    }
    const previous: Record<string, unknown> = found.status === 'ok' ? { ...found.entry } : {};
    const stamp = now.toISOString();
    const next: Record<string, unknown> = { ...previous, updated: stamp };
    if (change.text === null) delete next['text'];
    else if (change.text !== undefined) next['text'] = change.text;
    if (change.completed) next['completed'] = typeof previous['completed'] === 'string' ? previous['completed'] : stamp;
    if (!v.is(exerciseProgressSchema, next)) throw new RangeError('not a valid exercise entry (text too long?)');
    const exercises: Progress['exercises'] = {};
    for (const [key, value] of Object.entries(current.exercises)) if (key !== id) exercises[key] = value;
    // defineProperty: an id is validated by the schema afterwards, and must never reach a prototype.
    Object.defineProperty(exercises, id, { value: next, enumerable: true, writable: true, configurable: true });
    return { ...current, exercises };
  });
}
