// The islands' shared progress store (store-core.ts) with every write, the exercises' too.
// The workbench imports this module; the islands on every lesson import store-core.ts,
// which leaves exercise-progress.ts out of what a lesson without an exercise loads.
import { writeExerciseProgress, type ExerciseChange } from './exercise-progress.ts';
import { published, startProgress } from './store-core.ts';
import { browserStorage } from './storage.ts';

export * from './store-core.ts';

/** Saves the learner's text of an exercise, or marks it completed (see exercise-progress.ts). */
export function saveExercise(id: string, change: ExerciseChange): boolean {
  startProgress();
  return published(writeExerciseProgress(browserStorage(), id, change));
}
