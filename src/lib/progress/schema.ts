// The learner's progress as stored in localStorage under PROGRESS_KEY:
//
//   { version: 1,
//     lessons:   { [slug]: { visited: ISO date, completed?: ISO date } },
//     exercises: { [id]: { completed?, text?, updated } },  // see exercise-progress.ts
//     quizzes:   { [id]: { best, total, last, attempts } } }  // see quiz-progress.ts
//
// Zod Mini keeps the browser bundle small; the schemas are the single source of truth
// for what a valid record is. Objects are "loose": fields this version does not know
// are kept (and written back), so a newer page's additions survive an older page.
import * as z from 'zod/mini';
import { quizProgressSchema } from './quiz-progress.ts';

export const PROGRESS_KEY = 'stagecraft:progress';
export const PROGRESS_VERSION = 1;

/** A lesson slug, exercise or quiz id: letters, digits and single - _ . : between them. */
export const idKey = z.string().check(z.maxLength(100), z.regex(/^[a-z0-9]+(?:[-_.:][a-z0-9]+)*$/i));

/** A UTC timestamp as Date#toISOString writes it. */
export const isoDate = z.iso.datetime();

export const lessonProgressSchema = z.looseObject({
  /** When the learner first opened the lesson. */
  visited: isoDate,
  /** When they marked it complete; absent when they have not (or took it back). */
  completed: z.optional(isoDate),
});

/**
 * Exercises: any object per id here. Each entry is checked on its own when it is used
 * (exerciseProgressSchema in exercise-progress.ts), so one damaged entry neither hides the
 * rest of the learner's progress nor gets silently dropped.
 */
const exercisesRecord = z.record(idKey, z.looseObject({}));

export const progressSchema = z.looseObject({
  version: z.literal(PROGRESS_VERSION),
  lessons: z.record(idKey, lessonProgressSchema),
  exercises: z._default(exercisesRecord, {}),
  quizzes: z._default(z.record(idKey, quizProgressSchema), {}),
});

export type LessonProgress = z.infer<typeof lessonProgressSchema>;
export type Progress = z.infer<typeof progressSchema>;
export type LessonState = 'not-started' | 'visited' | 'completed';

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, lessons: {}, exercises: {}, quizzes: {} };
}

export function lessonState(progress: Progress, slug: string): LessonState {
  const entry = Object.hasOwn(progress.lessons, slug) ? progress.lessons[slug] : undefined;
  if (!entry) return 'not-started';
  return entry.completed ? 'completed' : 'visited';
}
