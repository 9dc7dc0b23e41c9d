// Whether the learner completed each exercise, kept in the progress record under `exercises`:
//
//   exercises: { [exercise id]: { completed?: ISO date, updated: ISO date } }
//
//   completed  when every goal first passed (kept after later edits)
//   updated    when the entry last changed
//
// The learner's text of an exercise has a record of its own (exercise-text.ts); an entry
// may still carry a `text` an earlier version saved there, which is read as a fallback and
// moved out by the next write (migrate.ts).
//
// The progress schema accepts any object per id (schema.ts); each entry is checked here on
// its own. An entry that fails the check is not used, and before anything overwrites it,
// it is copied to its own backup key: nothing is silently lost. Like the rest of
// src/lib/progress, nothing here throws.
import * as v from 'valibot';
import { entry, idKey, isoDate } from './fields.ts';
import { MAX_EXERCISE_TEXT, type TextRead } from './exercise-text.ts';
import { updateProgress } from './progress.ts';
import { PROGRESS_KEY, type Progress } from './schema.ts';
import { keepAside, type StorageLike, type WriteResult } from './storage.ts';

export { MAX_EXERCISE_TEXT };

export const exerciseProgressSchema = entry({
  completed: v.optional(isoDate),
  /** Legacy: where earlier versions kept the learner's text. */
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

/** When the learner completed exercise `id`, or null. */
export function completedOn(progress: Progress, id: string): string | null {
  const found = exerciseEntry(progress, id);
  return found.status === 'ok' ? (found.entry.completed ?? null) : null;
}

export interface StartingText {
  text: string;
  /**
   * saved: the learner's text; starter: nothing saved (or they went back to it);
   * recovered: the saved record was damaged, this is what could be read of it;
   * damaged: something unusable was saved, so the starter is shown.
   */
  from: 'saved' | 'starter' | 'recovered' | 'damaged';
}

/** A text an earlier version saved in the progress record, with its date; null when there is none. */
export function legacyText(progress: Progress, id: string): { text: string; updated: string } | null {
  const entry = Object.hasOwn(progress.exercises, id) ? progress.exercises[id] : undefined;
  const text = entry?.['text'];
  const updated = entry?.['updated'];
  if (typeof text !== 'string' || text.length > MAX_EXERCISE_TEXT) return null;
  return { text, updated: typeof updated === 'string' ? updated : '' };
}

/** The text the workbench opens with: the saved text when there is a usable one, else the starter. */
export function startingText(read: TextRead, progress: Progress, id: string, starter: string): StartingText {
  if (read.status === 'ok') return read.record.text === null ? { text: starter, from: 'starter' } : { text: read.record.text, from: 'saved' };
  if (read.status === 'recovered') return { text: read.text, from: 'recovered' };
  if (read.status === 'invalid') return { text: starter, from: 'damaged' };
  const legacy = legacyText(progress, id);
  if (legacy !== null) return { text: legacy.text, from: 'saved' };
  return { text: starter, from: exerciseEntry(progress, id).status === 'invalid' ? 'damaged' : 'starter' };
}

class NotKeptAside extends Error {}

/**
 * Marks exercise `id` completed (the first date is kept). A damaged entry is first copied
 * to exerciseBackupKey(id); if that copy fails, nothing is written (ok: false).
 */
export function markExerciseCompleted(storage: StorageLike | null, id: string, now = new Date()): WriteResult<Progress> {
  return updateProgress(storage, (current) => {
    if (!v.is(idKey, id)) throw new RangeError('not a valid exercise id');
    const found = exerciseEntry(current, id);
    if (found.status === 'ok' && found.entry.completed) return current;
    if (found.status === 'invalid') {
      let copy: string | undefined;
      try {
        copy = JSON.stringify(found.raw);
      } catch {
        copy = undefined;
      }
      if (!storage || copy === undefined || !keepAside(storage, exerciseBackupKey(id), copy)) throw new NotKeptAside(id);
    }
    const stamp = now.toISOString();
    const next: Record<string, unknown> = { ...(found.status === 'ok' ? found.entry : {}), completed: stamp, updated: stamp };
    const exercises: Progress['exercises'] = {};
    for (const [key, value] of Object.entries(current.exercises)) if (key !== id) exercises[key] = value;
    // defineProperty: an id is validated by the schema afterwards, and must never reach a prototype.
    Object.defineProperty(exercises, id, { value: next, enumerable: true, writable: true, configurable: true });
    return { ...current, exercises };
  });
}
