// The /workshops handout's "common mistakes" of each exercise come from its table of wrong
// answers (content/exercises/<id>/answers.yaml): one per wrong answer, with what the checker
// says about the first goal it fails and that goal's first hint.
import { describe, expect, it } from 'vitest';
import { loadAnswerTable } from '../../src/lib/exercises/answers.ts';
import { exerciseIds, loadExercise } from '../../src/lib/exercises/load.ts';
import { commonMistakesOf } from '../../src/lib/workshops/common-mistakes.ts';

describe('common mistakes', () => {
  for (const id of exerciseIds()) {
    it(`of ${id}: one per wrong answer, with the failing goal's words`, () => {
      const exercise = loadExercise(id);
      const wrong = loadAnswerTable(id).wrong;
      const mistakes = commonMistakesOf(exercise);
      expect(mistakes).toHaveLength(wrong.length);
      mistakes.forEach((mistake, i) => {
        const goal = exercise.goals.find((g) => g.id === wrong[i]!.fails[0])!;
        expect(mistake).toEqual({ name: expect.stringMatching(/^[^a-z].*[.!?]$/), failure: goal.failure, nudge: goal.hints[0] });
        expect(mistake.name.toLowerCase()).toContain(wrong[i]!.name.toLowerCase().replace(/[.!?]$/, ''));
      });
    });
  }
});
