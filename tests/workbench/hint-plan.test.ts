// Hints that react: each goal's ladder, the first failing goal first, the exercise's ladder
// as the fallback.

import { describe, expect, it } from 'vitest';
import type { GoalResult } from '../../src/exercises/types.ts';
import { hintPlan, NO_HINTS_SHOWN, revealNext, type HintState } from '../../src/lib/workbench/hint-plan.ts';

const goal = (id: string, passed: boolean, hints: string[] = [`${id} 1`, `${id} 2`]): GoalResult => ({
  id,
  statement: `Goal ${id}.`,
  passed,
  detail: passed ? '' : 'no',
  hints,
});
const LADDER = ['General 1', 'General 2'];

/** Clicks "Show a hint" `times` times on these goals. */
function reveal(goals: GoalResult[], times: number, state: HintState = NO_HINTS_SHOWN): HintState {
  for (let i = 0; i < times; i++) state = revealNext(hintPlan(goals, LADDER, state), state);
  return state;
}

describe('hintPlan', () => {
  it('offers the first failing goal’s hints first, in order', () => {
    const goals = [goal('a', true), goal('b', false), goal('c', false)];
    const plan = hintPlan(goals, LADDER, NO_HINTS_SHOWN);
    expect(plan).toMatchObject({ groups: [], next: { goalId: 'b', about: 'Goal b.' }, label: 'Show a hint', complete: false });
    expect(plan.progress).toBe('The next hint is for the goal: Goal b.');
    const after = hintPlan(goals, LADDER, reveal(goals, 3));
    expect(after.groups).toEqual([
      { goalId: 'b', title: 'For the goal: Goal b.', hints: ['b 1', 'b 2'] },
      { goalId: 'c', title: 'For the goal: Goal c.', hints: ['c 1'] },
    ]);
    expect(after.label).toBe('Show the next hint');
  });

  it('reacts to the Dockerfile: a goal that passes takes its hints away, and they come back if it fails again', () => {
    const state = reveal([goal('a', false), goal('b', false)], 3);
    expect(hintPlan([goal('a', true), goal('b', false)], LADDER, state).groups.map((g) => g.goalId)).toEqual(['b']);
    // Only "vet below test" left to fix: the panel is about that goal alone.
    const onlyB = hintPlan([goal('a', true), goal('b', false)], LADDER, NO_HINTS_SHOWN);
    expect(onlyB.next?.goalId).toBe('b');
    expect(hintPlan([goal('a', false), goal('b', false)], LADDER, state).groups.map((g) => [g.goalId, g.hints.length])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });

  it('falls back to the exercise’s ladder when the failing goals have no hint left, then says it was the last', () => {
    const goals = [goal('a', false, ['only'])];
    let state = reveal(goals, 1);
    let plan = hintPlan(goals, LADDER, state);
    expect(plan.next).toEqual({ goalId: null, about: 'the whole exercise' });
    expect(plan.progress).toMatch(/the next hint is about the whole exercise/);
    state = reveal(goals, 2, state);
    plan = hintPlan(goals, LADDER, state);
    expect(plan.groups.at(-1)).toEqual({ goalId: null, title: 'For the whole exercise', hints: LADDER });
    expect(plan.next).toBeNull();
    expect(plan.progress).toMatch(/That was the last hint/);
    expect(revealNext(plan, state)).toBe(state);
  });

  it('shows nothing once every goal passes', () => {
    const plan = hintPlan([goal('a', true)], LADDER, reveal([goal('a', false)], 2));
    expect(plan).toMatchObject({ groups: [], next: null, complete: true, progress: 'Every goal passes: no hint needed.' });
  });

  it('ignores counts it cannot use', () => {
    const plan = hintPlan([goal('a', false)], LADDER, { goals: { a: 99, gone: 2 }, general: -3 });
    expect(plan.groups).toEqual([{ goalId: 'a', title: 'For the goal: Goal a.', hints: ['a 1', 'a 2'] }]);
    expect(plan.next).toEqual({ goalId: null, about: 'the whole exercise' });
  });
});
