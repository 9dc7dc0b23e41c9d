// Every exercise's table of answers (tests/exercises/answers/<id>.ts), run through the same
// goal engine as the workbench and `stagecraft exercise`: at least four different correct
// solutions pass every goal (and Docker would build them), and at least four plausible wrong
// ones fail exactly the goals they should, with the reason said where it matters.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { evaluate } from '../../src/lib/exercises/goals.ts';
import { exerciseIds, loadExercise } from '../../src/lib/exercises/load.ts';
import type { AnswerTable } from './answers/types.ts';

const tables = import.meta.glob<{ answers: AnswerTable }>('./answers/*.ts', { eager: true });

function tableFor(id: string): AnswerTable | undefined {
  return tables[`./answers/${id}.ts`]?.answers;
}

describe('answer tables', () => {
  it('exist for every exercise, and only for exercises', () => {
    const ids = exerciseIds();
    const tableIds = Object.keys(tables)
      .map((path) => /\.\/answers\/(.+)\.ts$/.exec(path)![1]!)
      .filter((id) => id !== 'types');
    expect(tableIds.sort()).toEqual(ids);
  });

  for (const id of exerciseIds()) {
    describe(id, () => {
      const exercise = loadExercise(id);
      const table = tableFor(id) ?? { correct: [], wrong: [] };

      it('has at least 4 different correct and 4 wrong answers', () => {
        expect(table.correct.length).toBeGreaterThanOrEqual(4);
        expect(table.wrong.length).toBeGreaterThanOrEqual(4);
        const texts = [...table.correct, ...table.wrong].map((answer) => answer.dockerfile);
        expect(new Set(texts).size).toBe(texts.length);
        expect(texts).not.toContain(exercise.starter);
      });

      for (const answer of table.correct) {
        it(`passes every goal: ${answer.name}`, () => {
          const evaluation = evaluate(exercise, answer.dockerfile);
          expect(evaluation.goals.filter((goal) => !goal.passed).map((goal) => `${goal.id}: ${goal.detail}`)).toEqual([]);
          expect(evaluation.complete).toBe(true);
          // And Docker builds it: no error for the default target on either builder.
          for (const builder of ['buildkit', 'classic'] as const) {
            const errors = analyze(answer.dockerfile, { builder }).diagnostics.filter((d) => d.severity === 'error');
            expect(errors.map((d) => d.message), builder).toEqual([]);
          }
        });
      }

      for (const answer of table.wrong) {
        it(`fails ${answer.fails.join(', ')}: ${answer.name}`, () => {
          expect(answer.fails.length).toBeGreaterThan(0);
          const evaluation = evaluate(exercise, answer.dockerfile);
          const failing = evaluation.goals.filter((goal) => !goal.passed);
          expect(failing.map((goal) => goal.id)).toEqual(answer.fails);
          expect(evaluation.complete).toBe(false);
          if (answer.detail) expect(failing[0]!.detail).toMatch(answer.detail);
          if (answer.problemHint) {
            const error = evaluation.diagnostics.find((d) => d.severity === 'error');
            expect(error?.hint ?? '').toMatch(answer.problemHint);
          }
        });
      }
    });
  }
});
