// The shared, reactive view of the learner's progress for the browser islands. Every
// island reads and writes through this nanostores atom, so the course path, the
// "Mark lesson complete" button and anything else on the page update together; a
// `storage` event keeps other tabs in step.
//
// The islands of every lesson (course path, "Mark lesson complete", the quiz's score)
// import this module.
// store.ts re-exports it and adds saveExercise, which only the workbench needs: importing
// that from here would put the exercise entries' code (exercise-progress.ts) into what
// every lesson loads, exercise or not.
import { atom } from 'nanostores';
import { readProgress, recordQuizScore, recordVisit as storeVisit, setLessonCompleted as storeCompleted } from './progress.ts';
import { emptyProgress, PROGRESS_KEY, type Progress } from './schema.ts';
import { browserStorage, type ReadStatus, type WriteResult } from './storage.ts';

export const $progress = atom<Progress>(emptyProgress());
/** False once a write could not be stored (progress then lasts for this page only). */
export const $progressSaved = atom(true);
/**
 * How the stored progress read when the page loaded: 'recovered' when it was damaged and
 * what could be read is shown (the damaged original is kept aside at the next write, and
 * the Progress page offers it back), so the islands can tell the learner.
 */
export const $progressStatus = atom<ReadStatus>('empty');

let started = false;

/** Loads the stored progress once per page and follows changes made in other tabs. */
export function startProgress(): void {
  if (started) return;
  started = true;
  const read = readProgress(browserStorage());
  $progressStatus.set(read.status);
  $progress.set(read.value);
  if (typeof window !== 'undefined') {
    window.addEventListener('storage', (event) => {
      if (event.key === PROGRESS_KEY || event.key === null) $progress.set(readProgress(browserStorage()).value);
    });
  }
}

/** Shows the outcome of a write (made after startProgress()) on every island; true when it was stored. */
export function published(result: WriteResult<Progress>): boolean {
  $progressSaved.set(result.ok);
  $progress.set(result.value);
  return result.ok;
}

export function visitLesson(slug: string): void {
  startProgress();
  published(storeVisit(browserStorage(), slug));
}

export function completeLesson(slug: string, completed: boolean): void {
  startProgress();
  published(storeCompleted(browserStorage(), slug, completed));
}

/** Records a finished full attempt at a quiz (see quiz-progress.ts). */
export function saveQuizScore(id: string, score: number, total: number): void {
  startProgress();
  published(recordQuizScore(browserStorage(), id, score, total));
}

export { lessonState, type LessonState, type Progress } from './schema.ts';
