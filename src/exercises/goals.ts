// The goal engine with every goal kind in (goal-engine.ts with the cache goals' and the blanks' checkers): what
// Node uses (the CLI's exercise command, the build's content check, the workshop handout) and
// the tests. The browser uses goal-engine.ts and loads the cache goals only where an exercise
// has them.
import { checkNoBlanks } from './blanks.ts';
import { checkCacheGoal } from './cache-goals.ts';
import { evaluateGoals, type GoalExercise } from './goal-engine.ts';
import type { Evaluation } from './types.ts';

export { hasCacheGoals } from './goal-engine.ts';

/** Evaluates every goal of `exercise` against `text`. Never throws. */
export function evaluate(exercise: GoalExercise, text: string): Evaluation {
  return evaluateGoals(exercise, text, checkCacheGoal, checkNoBlanks);
}
