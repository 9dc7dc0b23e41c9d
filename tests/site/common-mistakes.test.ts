// The /workshops handout's "common mistakes" of each exercise come from its table of wrong
// answers (content/exercises/<id>/answers.yaml), grouped by the first goal each fails: every
// wrong answer appears once, under the goal it trips first, with that goal's words and nudge.
import { describe, expect, it } from 'vitest';
import { loadAnswerTable } from '../../src/lib/exercises/answers.ts';
import { exerciseIds, loadExercise } from '../../src/lib/exercises/load.ts';
import { commonMistakesOf } from '../../src/lib/workshops/common-mistakes.ts';

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

describe('common mistakes', () => {
  for (const id of exerciseIds()) {
    it(`of ${id}: every wrong answer once, under the goal it fails first`, () => {
      const exercise = loadExercise(id);
      const groups = commonMistakesOf(exercise);
      const expected = exercise.goals
        .map((goal) => ({
          failure: goal.failure,
          nudge: goal.hints[0],
          mistakes: loadAnswerTable(id)
            .wrong.filter((answer) => answer.fails[0] === goal.id)
            .map((answer) => sentence(answer.name)),
        }))
        .filter((group) => group.mistakes.length > 0);
      expect(groups).toEqual(expected);
      expect(groups.flatMap((group) => group.mistakes)).toHaveLength(loadAnswerTable(id).wrong.length);
    });
  }

  it('groups mistakes that trip the same goal (the first exercise’s wrong answers all fail one goal first)', () => {
    const groups = commonMistakesOf(loadExercise('what-is-a-stage'));
    expect(groups.length).toBeLessThan(loadAnswerTable('what-is-a-stage').wrong.length);
  });
});
