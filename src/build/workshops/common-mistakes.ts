// An exercise's common mistakes for the /workshops handout, from its table of wrong answers
// (content/exercises/<id>/answers.yaml), grouped by the first goal each one fails: the goal,
// the mistakes that trip it (as the table names them), for each what the checker then says
// (the goal engine run on that wrong answer, as the workbench would run it), and the goal's
// first hint, the nudge a facilitator can give. Grouped because several mistakes often trip
// the same goal, and the handout should not repeat its nudge for each. Build time only (it
// reads content from disk).

import { loadAnswerTable } from '../../exercises/answers.ts';
import { evaluate } from '../../exercises/goals.ts';
import type { Exercise } from '../../exercises/types.ts';

export interface Mistake {
  /** As the table names it, with a capital letter and a full stop. */
  name: string;
  /** What the checker says about the goal while this mistake is in the Dockerfile. */
  checker: string;
}

export interface MistakeGroup {
  /** The goal, as the workbench states it. */
  goal: string;
  /** The goal's first hint. */
  nudge: string | undefined;
  mistakes: Mistake[];
}

function asSentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** The groups in the order of the exercise's goals; the mistakes in the table's order. */
export function commonMistakesOf(exercise: Exercise): MistakeGroup[] {
  const byGoal = new Map<string, Mistake[]>();
  for (const answer of loadAnswerTable(exercise.id).wrong) {
    const goal = answer.fails[0]!;
    const result = evaluate(exercise, answer.dockerfile).goals.find((g) => g.id === goal);
    const mistake = { name: asSentence(answer.name), checker: result?.detail ?? '' };
    byGoal.set(goal, [...(byGoal.get(goal) ?? []), mistake]);
  }
  return exercise.goals.filter((goal) => byGoal.has(goal.id)).map((goal) => ({ goal: goal.statement, nudge: goal.hints[0], mistakes: byGoal.get(goal.id)! }));
}
