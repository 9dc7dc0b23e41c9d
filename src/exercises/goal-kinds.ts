// Which goal kinds an exercise uses, without loading the goal engine: the workbench's first,
// small script asks this to decide whether to load the cache goals' checker (and the blanks'
// checker) beside the editor.
import type { Exercise } from './types.ts';

/** Whether any goal of `exercise` is a cache goal (cache-keeps, cache-reruns). */
export function hasCacheGoals(exercise: Pick<Exercise, 'goals'>): boolean {
  return exercise.goals.some((goal) => goal.kind === 'cache-keeps' || goal.kind === 'cache-reruns');
}

/** Whether any goal of `exercise` is a no-blanks goal (a faded example's blanks, blanks.ts). */
export function hasBlanks(exercise: Pick<Exercise, 'goals'>): boolean {
  return exercise.goals.some((goal) => goal.kind === 'no-blanks');
}
