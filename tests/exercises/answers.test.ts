// Every exercise's table of answers (content/exercises/<id>/answers.yaml), run through the same
// goal engine as the workbench and `stagecraft exercise`: at least four different correct
// solutions pass every goal (and Docker would build them), and at least four plausible wrong
// ones fail exactly the goals they should, with the reason said where it matters. The loader's
// own checks (a malformed table, a goal that does not exist, a broken pattern) are at the end.

import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { loadAnswerTable, parseAnswerTable } from '../../src/exercises/answers.ts';
import { evaluate } from '../../src/exercises/goals.ts';
import { EXERCISES_DIR, exerciseIds, loadExercise } from '../../src/exercises/load.ts';

describe('answer tables', () => {
  for (const id of exerciseIds()) {
    describe(id, () => {
      const exercise = loadExercise(id);
      const table = loadAnswerTable(id);

      it('has at least 4 different correct and 4 wrong answers, none of them the starter', () => {
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
            expect(
              errors.map((d) => d.message),
              builder,
            ).toEqual([]);
          }
        });
      }

      for (const answer of table.wrong) {
        it(`fails ${answer.fails.join(', ')}: ${answer.name}`, () => {
          const evaluation = evaluate(exercise, answer.dockerfile);
          const failing = evaluation.goals.filter((goal) => !goal.passed);
          expect(failing.map((goal) => goal.id)).toEqual(answer.fails);
          expect(evaluation.complete).toBe(false);
          // What the table says of the first failing goal and of the editor's first error
          // (a wildcard pattern where the table says nothing).
          const error = evaluation.diagnostics.find((d) => d.severity === 'error');
          expect(failing[0]!.detail).toMatch(answer.detail ?? /[^]*/);
          expect(error?.hint ?? '').toMatch(answer.problemHint ?? /[^]*/);
        });
      }
    });
  }
});

describe('the answer table loader', () => {
  const FAILS = ['a', 'b'];
  const answer = (n: number) => `  - name: answer ${n}\n    dockerfile: |\n      FROM alpine:3.20 AS s${n}\n`;
  const wrong = (n: number, extra = '', fails = 'a') =>
    `  - name: wrong ${n}\n    fails: [${fails}]\n${extra}    dockerfile: |\n      FROM alpine:3.20 AS w${n}\n`;
  const table = (wrongs: string[]) => `correct:\n${[1, 2, 3, 4].map(answer).join('')}wrong:\n${wrongs.join('')}`;

  it('reads a table, turning the patterns into regular expressions', () => {
    const parsed = parseAnswerTable(table([wrong(1, '    detail: line \\d+\n'), wrong(2), wrong(3), wrong(4, '', 'a, b')]), FAILS);
    expect(parsed.correct.map((a) => a.name)).toEqual(['answer 1', 'answer 2', 'answer 3', 'answer 4']);
    expect(parsed.wrong[0]!.detail).toEqual(/line \d+/);
    expect(parsed.wrong[1]!.detail).toBeUndefined();
    expect(parsed.wrong[3]!.fails).toEqual(['a', 'b']);
  });

  it.each([
    [
      'a goal the exercise does not have',
      table([wrong(1, '', 'c'), wrong(2), wrong(3), wrong(4)]),
      /wrong\.0\.fails names c, not a goal of this exercise \(a, b\)/,
    ],
    [
      'a pattern that does not compile',
      table([wrong(1, '    detail: "line (\\\\d+"\n'), wrong(2), wrong(3), wrong(4)]),
      /wrong\.0\.detail is not a valid regular expression/,
    ],
    ['too few wrong answers', table([wrong(1), wrong(2), wrong(3)]), /wrong: wrong needs at least 4 different answers/],
    ['a misspelt key', table([wrong(1, '    detial: x\n'), wrong(2), wrong(3), wrong(4)]), /wrong\.0/],
    ['a wrong answer without fails', table([`  - name: w\n    dockerfile: |\n      FROM alpine:3.20\n`, wrong(2), wrong(3), wrong(4)]), /wrong\.0\.fails/],
    ['text that is not YAML', 'correct: [\n', /is not valid YAML/],
  ])('refuses %s, saying where', (_what, text, message) => {
    expect(() => parseAnswerTable(text, FAILS, 'answers.yaml')).toThrow(message);
  });

  it('says which file is missing when an exercise has none (so a new exercise cannot ship without one)', () => {
    const root = mkdtempSync(join(tmpdir(), 'answers-'));
    const id = exerciseIds()[0]!;
    cpSync(join(EXERCISES_DIR, id), join(root, id), { recursive: true });
    expect(loadAnswerTable(id, root).wrong.length).toBeGreaterThanOrEqual(4);
    rmSync(join(root, id, 'answers.yaml'));
    expect(() => loadAnswerTable(id, root)).toThrow(`content/exercises/${id}/answers.yaml is missing`);
    rmSync(root, { recursive: true });
  });
});
