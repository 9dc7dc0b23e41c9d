// The islands' shared progress store (progress-store.ts) with every write, the exercises' too.
// The workbench imports this module; the islands on every lesson import progress-store.ts,
// which leaves exercise-progress.ts out of what a lesson without an exercise loads.
// (The learner's texts are saved by exercise-session.ts, in records of their own.)
import { markExerciseCompleted } from './exercise-progress.ts';
import { storeWrite } from './progress-store.ts';
import { browserStorage } from './storage.ts';

export * from './progress-store.ts';

/** Marks an exercise completed (the first date is kept); $progressSaved tells whether it was stored. */
export function completeExercise(id: string): void {
  storeWrite(() => markExerciseCompleted(browserStorage(), id));
}
