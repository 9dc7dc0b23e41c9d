// Recovering the learner's progress from a record that is not valid as a whole: each
// lesson, exercise and quiz entry is checked on its own and kept when it is valid, so one
// bad entry (or a record cut short, read by salvage.ts) does not take the rest with it.
// What was dropped is counted, so the page can say so; the damaged original itself is
// kept aside by storage.ts before anything overwrites it.
import * as v from 'valibot';
import { idKey } from './fields.ts';
import { quizProgressSchema } from './quiz-progress.ts';
import { salvageJson } from './salvage.ts';
import { emptyProgress, lessonProgressSchema, PROGRESS_VERSION, type Progress } from './schema.ts';
import { MAX_RECORD_LENGTH } from './storage.ts';

export interface RecoveredProgress {
  progress: Progress;
  /** Entries (or whole parts of the record) that could not be kept. */
  dropped: number;
}

/** recoverProgress as progress-recovery.ts uses it: lossless when nothing was dropped (a valid record over the read limit). */
export function recoverProgressRecord(raw: string): { value: Progress; lossless: boolean } | null {
  const recovered = recoverProgress(raw);
  return recovered === null ? null : { value: recovered.progress, lossless: recovered.dropped === 0 };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const exerciseEntrySchema = v.custom<Record<string, unknown>>(isObject);

/** Copies the valid entries of `source[part]` into a fresh record; counts the others. */
function recoverPart<T>(source: unknown, schema: v.GenericSchema<unknown, T>): { entries: Record<string, T>; dropped: number } {
  const entries: Record<string, T> = {};
  if (source === undefined) return { entries, dropped: 0 };
  if (!isObject(source)) return { entries, dropped: 1 };
  let dropped = 0;
  for (const [id, value] of Object.entries(source)) {
    const entry = v.safeParse(schema, value);
    if (!v.is(idKey, id) || !entry.success) {
      dropped++;
      continue;
    }
    Object.defineProperty(entries, id, { value: entry.output, enumerable: true, writable: true, configurable: true });
  }
  return { entries, dropped };
}

const KNOWN = new Set(['version', 'lessons', 'exercises', 'quizzes']);

/**
 * The valid parts of a value that should have been a progress record; null when it is not
 * one at all. Fields this version does not know are kept (a newer page's additions), unless
 * `keepUnknown` is false (a record over the size limit: they are what made it so).
 */
export function recoverProgressValue(value: unknown, keepUnknown = true): RecoveredProgress | null {
  if (!isObject(value) || value['version'] !== PROGRESS_VERSION) return null;
  const lessons = recoverPart(value['lessons'], lessonProgressSchema);
  // Exercise entries are checked when used (exercise-progress.ts): any object is kept here.
  const exercises = recoverPart(value['exercises'], exerciseEntrySchema);
  const quizzes = recoverPart(value['quizzes'], quizProgressSchema);
  const unknown = Object.keys(value).filter((key) => !KNOWN.has(key));
  const progress: Progress = {
    ...(keepUnknown ? value : {}),
    ...emptyProgress(),
    lessons: lessons.entries,
    exercises: exercises.entries,
    quizzes: quizzes.entries,
  };
  return { progress, dropped: lessons.dropped + exercises.dropped + quizzes.dropped + (keepUnknown ? 0 : unknown.length) };
}

/** What can be recovered from the raw text of a damaged record (see salvage.ts). */
export function recoverProgress(raw: string): RecoveredProgress | null {
  const salvaged = salvageJson(raw);
  if (salvaged === null) return null;
  // Over the limit, only texts of an earlier version may have made it so (migrate.ts moves them).
  const recovered = recoverProgressValue(salvaged.value, raw.length <= MAX_RECORD_LENGTH);
  if (recovered === null) return null;
  // Text after the value, or a value cut short, is a loss too (of unknown size).
  return salvaged.complete ? recovered : { ...recovered, dropped: recovered.dropped + 1 };
}
