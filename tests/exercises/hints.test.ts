// Hints react to the learner's Dockerfile, on the course's own exercises: what "Show a hint"
// offers is about the first goal still failing (src/lib/workbench/hint-plan.ts).

import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/exercises/goals.ts';
import { exerciseIds, loadExercise } from '../../src/exercises/load.ts';
import { hintPlan, NO_HINTS_SHOWN, revealNext } from '../../src/lib/workbench/hint-plan.ts';

/** The hints "Show a hint" reveals, in order, until the failing goals have none left. */
function goalHints(id: string, text: string): string[] {
  const exercise = loadExercise(id);
  const { goals } = evaluate(exercise, text);
  let state = NO_HINTS_SHOWN;
  for (let plan = hintPlan(goals, exercise.hints, state); plan.next?.goalId; plan = hintPlan(goals, exercise.hints, state)) {
    state = revealNext(plan, state);
  }
  return hintPlan(goals, exercise.hints, state).groups.flatMap((group) => group.hints);
}

describe('hints on the course’s exercises', () => {
  it('myths: with only vet above test left to fix, the hints are about that', () => {
    const exercise = loadExercise('myths');
    const vetAbove = exercise.solution.replace(
      /FROM build AS test\nRUN go test \.\/\.\.\.\n\nFROM build AS vet\nRUN go vet \.\/\.\.\.\n/,
      'FROM build AS vet\nRUN go vet ./...\n\nFROM build AS test\nRUN go test ./...\n',
    );
    expect(vetAbove).not.toBe(exercise.solution);
    expect(
      evaluate(exercise, vetAbove)
        .goals.filter((g) => !g.passed)
        .map((g) => g.id),
    ).toEqual(['test-target-classic']);
    const hints = goalHints('myths', vetAbove);
    expect(hints.join(' ')).toMatch(/Put the vet stage below test/);
    expect(hints.every((hint) => !/FROM Build|lower case|its own name/.test(hint))).toBe(true);
  });

  it('debugging-stage: the hints for "production is the default target" end with `FROM runtime AS production`', () => {
    const exercise = loadExercise('debugging-stage');
    const hints = goalHints('debugging-stage', exercise.starter);
    expect(hints).toContain('End the file with the one-line stage `FROM runtime AS production`.');
  });

  it.each(exerciseIds())('%s: the starter’s first failing goal has hints of its own', (id) => {
    const exercise = loadExercise(id);
    const plan = hintPlan(evaluate(exercise, exercise.starter).goals, exercise.hints, NO_HINTS_SHOWN);
    expect(plan.next?.goalId).toBe(evaluate(exercise, exercise.starter).goals.find((g) => !g.passed)!.id);
  });
});
