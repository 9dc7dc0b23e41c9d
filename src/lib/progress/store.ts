// The shared, reactive view of the learner's progress for the browser islands. Every
// island reads and writes through this nanostores atom, so the course path, the
// "Mark lesson complete" button and anything else on the page update together; a
// `storage` event keeps other tabs in step.
import { atom } from 'nanostores';
import { writeExerciseProgress, type ExerciseChange } from './exercise-progress.ts';
import { readProgress, recordQuizScore, recordVisit as storeVisit, setLessonCompleted as storeCompleted } from './progress.ts';
import { emptyProgress, PROGRESS_KEY, type Progress } from './schema.ts';
import { browserStorage } from './storage.ts';

export const $progress = atom<Progress>(emptyProgress());
/** False once a write could not be stored (progress then lasts for this page only). */
export const $progressSaved = atom(true);

let started = false;

/** Loads the stored progress once per page and follows changes made in other tabs. */
export function startProgress(): void {
  if (started) return;
  started = true;
  $progress.set(readProgress(browserStorage()).value);
  if (typeof window !== 'undefined') {
    window.addEventListener('storage', (event) => {
      if (event.key === PROGRESS_KEY || event.key === null) $progress.set(readProgress(browserStorage()).value);
    });
  }
}

export function visitLesson(slug: string): void {
  startProgress();
  const result = storeVisit(browserStorage(), slug);
  $progressSaved.set(result.ok);
  $progress.set(result.value);
}

export function completeLesson(slug: string, completed: boolean): void {
  startProgress();
  const result = storeCompleted(browserStorage(), slug, completed);
  $progressSaved.set(result.ok);
  $progress.set(result.value);
}

/** Records a finished full attempt at a quiz (see quiz-progress.ts). */
export function saveQuizScore(id: string, score: number, total: number): void {
  startProgress();
  const result = recordQuizScore(browserStorage(), id, score, total);
  $progressSaved.set(result.ok);
  $progress.set(result.value);
}

/** Saves the learner's text of an exercise, or marks it completed (see exercise-progress.ts). */
export function saveExercise(id: string, change: ExerciseChange): boolean {
  startProgress();
  const result = writeExerciseProgress(browserStorage(), id, change);
  $progressSaved.set(result.ok);
  $progress.set(result.value);
  return result.ok;
}

export { lessonState, type LessonState, type Progress } from './schema.ts';
