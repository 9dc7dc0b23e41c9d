// An exercise's common mistakes for the /workshops handout, from its table of wrong answers
// (content/exercises/<id>/answers.yaml), grouped by the first goal each one fails: what the
// checker then says, the mistakes that lead there (as the table names them), and that goal's
// first hint, the nudge a facilitator can give. Grouped because several mistakes often trip
// the same goal, and the handout should not repeat the same checker text and nudge for each.
// Build time only (it reads content from disk).

import { loadAnswerTable } from '../exercises/answers.ts';
import type { Exercise } from '../exercises/types.ts';

export interface MistakeGroup {
  /** The goal's `failure` text: what the checker says while it fails. */
  failure: string;
  /** The goal's first hint. */
  nudge: string | undefined;
  /** The mistakes, each with a capital letter and a full stop, in the table's order. */
  mistakes: string[];
}

function asSentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** The groups in the order of the exercise's goals. */
export function commonMistakesOf(exercise: Exercise): MistakeGroup[] {
  const byGoal = new Map<string, string[]>();
  for (const answer of loadAnswerTable(exercise.id).wrong) {
    const goal = answer.fails[0]!;
    byGoal.set(goal, [...(byGoal.get(goal) ?? []), asSentence(answer.name)]);
  }
  return exercise.goals
    .filter((goal) => byGoal.has(goal.id))
    .map((goal) => ({ failure: goal.failure, nudge: goal.hints[0], mistakes: byGoal.get(goal.id)! }));
}
