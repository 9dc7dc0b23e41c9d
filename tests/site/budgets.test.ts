// scripts/check-budgets.ts: which budget each kind of page gets.
import { describe, expect, it } from 'vitest';
import { BUDGETS, budgetFor } from '../../scripts/check-budgets.ts';

describe('page budgets', () => {
  it('gives each kind of page its budget', () => {
    expect(budgetFor('/lessons/what-is-a-stage/', '<main></main>', 0)).toBe(BUDGETS.lesson);
    expect(budgetFor('/lessons/x/', '<dockerfile-workbench data-exercise="x">', 0)).toBe(BUDGETS.exercise);
    expect(budgetFor('/lessons/x/', '<main></main>', 1000)).toBe(BUDGETS.exercise);
    expect(budgetFor('/quizzes/myth-buster/', '', 0)).toBe(BUDGETS.quiz);
    expect(budgetFor('/quizzes/', '', 0)).toBe(BUDGETS.quiz);
    expect(budgetFor('/rules/', '', 0)).toBe(BUDGETS.rules);
    expect(budgetFor('/rules/unreachable-stage/', '', 0)).toBe(BUDGETS.rules);
    expect(budgetFor('/playground/', '<dockerfile-playground class="playground">', 150_000)).toBe(BUDGETS.playground);
    expect(budgetFor('/search/', '', 0)).toBe(BUDGETS.search);
    for (const page of ['/', '/progress/', '/workshops/', '/workshops/rooms/host/']) expect(budgetFor(page, '', 0), page).toBe(BUDGETS.other);
    expect(budgetFor('/workshops/join/', '<room-join class="room-join-page">', 40_000)).toBe(BUDGETS.room);
  });

  it('keeps the issue\'s figures (10 KB for a lesson without an exercise, 150 KB with the workbench) and gives the playground the workbench\'s', () => {
    expect(Object.fromEntries(Object.entries(BUDGETS).map(([key, budget]) => [key, budget.limit / 1024]))).toEqual({ lesson: 10, exercise: 150, quiz: 15, rules: 10, playground: 150, search: 50, room: 60, other: 10 });
  });
});
