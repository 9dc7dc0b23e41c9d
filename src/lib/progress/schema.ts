// Why valibot here and Zod in src/content.config.ts: this file's schemas run in the browser
// on every lesson, quiz and progress page, where Zod Mini's core cost ~8 KB gzip (a lesson
// without an exercise has a 10 KB JavaScript budget in all); the same schemas in valibot
// bundle to ~2.2 KB gzip. Content collections are checked at build time and ship nothing,
// so they stay on Astro's Zod.
//
// The learner's progress as stored in localStorage under PROGRESS_KEY:
//
//   { version: 1,
//     lessons:   { [slug]: { visited: ISO date, completed?: ISO date } },
//     exercises: { [id]: { completed?, text?, updated } },  // see exercise-progress.ts
//     quizzes:   { [id]: { best, total, last, attempts } } }  // see quiz-progress.ts
//
// The schemas are the single source of truth for what a valid record is. Objects are
// "loose": fields this version does not know are kept (and written back), so a newer
// page's additions survive an older page.
import * as v from 'valibot';
import { entry, idRecord, isoDate, validator } from './fields.ts';
import { quizProgressSchema } from './quiz-progress.ts';

export { idKey, isoDate } from './fields.ts';

export const PROGRESS_KEY = 'stagecraft:progress';
export const PROGRESS_VERSION = 1;

export const lessonProgressSchema = entry({
  /** When the learner first opened the lesson. */
  visited: isoDate,
  /** When they marked it complete; absent when they have not (or took it back). */
  completed: v.optional(isoDate),
});

/**
 * Exercises: any object per id here. Each entry is checked on its own when it is used
 * (exerciseProgressSchema in exercise-progress.ts), so one damaged entry neither hides the
 * rest of the learner's progress nor gets silently dropped.
 */
const exercisesRecord = idRecord(entry({}));

export const progressSchema = entry({
  version: v.literal(PROGRESS_VERSION),
  lessons: idRecord(lessonProgressSchema),
  exercises: v.optional(exercisesRecord, {}),
  quizzes: v.optional(idRecord(quizProgressSchema), {}),
});

/** progressSchema for storage.ts's readRecord and writeRecord. */
export const progressValidator = validator(progressSchema);

export type LessonProgress = v.InferOutput<typeof lessonProgressSchema>;
export type Progress = v.InferOutput<typeof progressSchema>;
export type LessonState = 'not-started' | 'visited' | 'completed';

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, lessons: {}, exercises: {}, quizzes: {} };
}

export function lessonState(progress: Progress, slug: string): LessonState {
  const entry = Object.hasOwn(progress.lessons, slug) ? progress.lessons[slug] : undefined;
  if (!entry) return 'not-started';
  return entry.completed ? 'completed' : 'visited';
}
