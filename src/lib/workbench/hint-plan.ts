// Which hints the workbench shows, from the goals' state and what the learner has asked for.
// Pure, so it is tested without a page.
//
// Hints react to the Dockerfile: each goal has its own ladder, and "Show a hint" reveals the
// next step of the first goal still failing (in the exercise's order). The panel lists the
// revealed hints of the goals still failing, the first failing goal first; a goal that passes
// takes its hints away (they come back if it fails again). When no failing goal has a hint
// left, the exercise's own ladder is the fallback, from a nudge to nearly the answer.

import type { GoalResult } from '../../exercises/types.ts';

/** How many hints the learner has revealed: per goal, and of the exercise's own ladder. */
export interface HintState {
  goals: Readonly<Record<string, number>>;
  general: number;
}

export const NO_HINTS_SHOWN: HintState = { goals: {}, general: 0 };

export interface HintGroup {
  /** The goal the hints are for; null for the exercise's own ladder. */
  goalId: string | null;
  /** "For the goal: …" / "For the whole exercise". */
  title: string;
  hints: string[];
}

export interface HintPlan {
  /** The revealed hints to show, the first failing goal first. */
  groups: HintGroup[];
  /** What the button reveals next: a goal's next hint, the ladder's, or nothing left. */
  next: { goalId: string | null; about: string } | null;
  /** The button's text. */
  label: string;
  /** One sentence under the hints: what the next hint is about, or why there is none. */
  progress: string;
  /** Every goal passes. */
  complete: boolean;
}

const GENERAL = 'the whole exercise';

function revealedOf(state: HintState, goal: Pick<GoalResult, 'id' | 'hints'>): number {
  const count = state.goals[goal.id] ?? 0;
  return Math.max(0, Math.min(goal.hints.length, Math.trunc(count)));
}

/** The hints to show for these goal results, the exercise's ladder and what has been revealed. */
export function hintPlan(goals: readonly GoalResult[], ladder: readonly string[], state: HintState): HintPlan {
  const failing = goals.filter((goal) => !goal.passed);
  const complete = goals.length > 0 && failing.length === 0;
  const groups: HintGroup[] = [];
  for (const goal of failing) {
    const shown = revealedOf(state, goal);
    if (shown > 0) groups.push({ goalId: goal.id, title: `For the goal: ${goal.statement}`, hints: goal.hints.slice(0, shown) });
  }
  const general = Math.max(0, Math.min(ladder.length, Math.trunc(state.general)));
  if (general > 0 && !complete) groups.push({ goalId: null, title: `For ${GENERAL}`, hints: ladder.slice(0, general) });

  const pending = failing.find((goal) => revealedOf(state, goal) < goal.hints.length);
  const next = complete ? null : pending ? { goalId: pending.id, about: pending.statement } : general < ladder.length ? { goalId: null, about: GENERAL } : null;

  const anyShown = groups.length > 0;
  let progress: string;
  if (complete) progress = 'Every goal passes: no hint needed.';
  else if (next?.goalId) progress = `The next hint is for the goal: ${next.about}`;
  else if (next) progress = 'The failing goals have no more hints of their own; the next hint is about the whole exercise.';
  else progress = 'That was the last hint. The solution is one click away, under “Show solution”.';
  return { groups, next, label: anyShown ? 'Show the next hint' : 'Show a hint', progress, complete };
}

/** The state after the learner asks for the next hint of `plan`. */
export function revealNext(plan: HintPlan, state: HintState): HintState {
  if (!plan.next) return state;
  const { goalId } = plan.next;
  if (goalId === null) return { ...state, general: state.general + 1 };
  return { ...state, goals: { ...state.goals, [goalId]: (state.goals[goalId] ?? 0) + 1 } };
}
