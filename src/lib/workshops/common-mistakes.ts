// An exercise's common mistakes for the /workshops handout, from its table of wrong answers
// (content/exercises/<id>/answers.yaml): each mistake as the table names it, what the checker
// says about the first goal it fails, and that goal's first hint, the nudge a facilitator can
// give. Build time only (it reads content from disk).

import { loadAnswerTable } from '../exercises/answers.ts';
import type { Exercise } from '../exercises/types.ts';

export interface CommonMistake {
  /** The mistake, as the answer table names it, with a capital letter and a full stop. */
  name: string;
  /** The failing goal's `failure` text. */
  failure: string;
  /** The failing goal's first hint. */
  nudge: string | undefined;
}

function asSentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

export function commonMistakesOf(exercise: Exercise): CommonMistake[] {
  const goals = new Map(exercise.goals.map((goal) => [goal.id, goal]));
  return loadAnswerTable(exercise.id).wrong.map((answer) => {
    // The table names goals of this exercise (the loader checks), so the goal is there.
    const goal = goals.get(answer.fails[0]!)!;
    return { name: asSentence(answer.name), failure: goal.failure, nudge: goal.hints[0] };
  });
}
