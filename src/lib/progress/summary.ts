// What the /progress/ page shows: one row per lesson, exercise and quiz of the course, read
// from the learner's progress record. Pure (no DOM), tested in
// tests/progress/progress-transfer.test.ts.
//
// Only entries for things the course has are shown, by the course's own ids and titles;
// nothing from the record is ever shown except dates it has validated and numbers. An
// exercise counts as done when its entry has a `completed` date (or `completed: true`).
import * as v from 'valibot';
import { isoDate, lessonState, type LessonState, type Progress } from './schema.ts';

export interface CatalogueItem {
  id: string;
  title: string;
}

export interface Catalogue {
  lessons: CatalogueItem[];
  exercises: CatalogueItem[];
  quizzes: CatalogueItem[];
}

export interface LessonRow {
  id: string;
  state: LessonState;
  /** ISO dates, or null. */
  visited: string | null;
  completed: string | null;
}

export interface ExerciseRow {
  id: string;
  done: boolean;
  /** When it was completed, if the entry says so. */
  completed: string | null;
}

export type QuizRow = { id: string; attempted: false } | { id: string; attempted: true; best: number; total: number; attempts: number; last: string };

export interface ProgressSummary {
  lessons: LessonRow[];
  exercises: ExerciseRow[];
  quizzes: QuizRow[];
  counts: { lessonsCompleted: number; lessonsVisited: number; exercisesDone: number; quizzesTaken: number };
}

function own<T>(record: Record<string, T>, id: string): T | undefined {
  return Object.hasOwn(record, id) ? record[id] : undefined;
}

/** The completion of an exercise entry: its `completed` date, `true`, or nothing. */
function exerciseCompletion(entry: Record<string, unknown> | undefined): { done: boolean; completed: string | null } {
  const completed = entry?.['completed'];
  if (completed === true) return { done: true, completed: null };
  if (typeof completed === 'string' && v.is(isoDate, completed)) return { done: true, completed };
  return { done: false, completed: null };
}

export function summarizeProgress(progress: Progress, catalogue: Catalogue): ProgressSummary {
  const lessons = catalogue.lessons.map(({ id }): LessonRow => {
    const entry = own(progress.lessons, id);
    return { id, state: lessonState(progress, id), visited: entry?.visited ?? null, completed: entry?.completed ?? null };
  });
  const exercises = catalogue.exercises.map(({ id }): ExerciseRow => ({ id, ...exerciseCompletion(own(progress.exercises, id)) }));
  const quizzes = catalogue.quizzes.map(({ id }): QuizRow => {
    const entry = own(progress.quizzes, id);
    return entry ? { id, attempted: true, best: entry.best, total: entry.total, attempts: entry.attempts, last: entry.last } : { id, attempted: false };
  });
  return {
    lessons,
    exercises,
    quizzes,
    counts: {
      lessonsCompleted: lessons.filter((row) => row.state === 'completed').length,
      lessonsVisited: lessons.filter((row) => row.state !== 'not-started').length,
      exercisesDone: exercises.filter((row) => row.done).length,
      quizzesTaken: quizzes.filter((row) => row.attempted).length,
    },
  };
}
