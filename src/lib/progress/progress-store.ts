// The shared, reactive view of the learner's progress for the browser islands. Every
// island reads and writes through this nanostores atom, so the course path, the
// "Mark lesson complete" button and anything else on the page update together; a
// `storage` event keeps other tabs in step.
//
// The islands of every lesson (course path, "Mark lesson complete", the quiz's score)
// import this module.
// progress-store-with-exercises.ts re-exports it and adds completeExercise, which only the workbench needs: importing
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
/** progress-recovery.ts, once asked for (a damaged or too large record): writes wait for it. */
let recovering: Promise<unknown> | null = null;

function recover(): Promise<unknown> {
  return (recovering ??= import('./progress-recovery.ts').catch(() => {}));
}

function readNow(): void {
  const read = readProgress(browserStorage());
  $progressStatus.set(read.status);
  $progress.set(read.value);
}

/**
 * Loads the stored progress once per page and follows changes made in other tabs. A record
 * that does not read as it is (damaged) is read again once its recovery has loaded.
 */
export function startProgress(): void {
  if (started) return;
  started = true;
  readNow();
  if ($progressStatus.get() === 'invalid') void recover().then(readNow);
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

/**
 * Runs a write now, or once the recovery of a damaged record has loaded (the write applies to
 * what was recovered). A record too large to take a write may hold exercise texts of the old
 * format: with the recovery loaded, they move out and the write is tried again.
 */
export function storeWrite(run: () => WriteResult<Progress>): void {
  startProgress();
  const attempt = (retry: boolean): void => {
    const result = run();
    if (retry && !result.ok && result.reason === 'too-large') void recover().then(() => published(run()));
    else published(result);
  };
  if (recovering) void recovering.then(() => attempt(false));
  else attempt(true);
}

export function visitLesson(slug: string): void {
  storeWrite(() => storeVisit(browserStorage(), slug));
}

export function completeLesson(slug: string, completed: boolean): void {
  storeWrite(() => storeCompleted(browserStorage(), slug, completed));
}

/** Records a finished full attempt at a quiz (see quiz-progress.ts). */
export function saveQuizScore(id: string, score: number, total: number): void {
  storeWrite(() => recordQuizScore(browserStorage(), id, score, total));
}

export { lessonState, type LessonState, type Progress } from './schema.ts';
