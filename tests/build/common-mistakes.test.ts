// The /workshops handout's "common mistakes" of each exercise come from its table of wrong
// answers (content/exercises/<id>/answers.yaml), grouped by the first goal each fails: every
// wrong answer appears once, under the goal it trips first, with what the checker says about
// it (the goal's detail for that Dockerfile) and the goal's first hint as the nudge.
import { describe, expect, it } from 'vitest';
import { loadAnswerTable } from '../../src/exercises/answers.ts';
import { exerciseIds, loadExercise } from '../../src/exercises/load.ts';
import { commonMistakesOf } from '../../src/build/workshops/common-mistakes.ts';

describe('common mistakes', () => {
  for (const id of exerciseIds()) {
    it(`of ${id}: every wrong answer once, under the goal it fails first, with the checker's words for it`, () => {
      const exercise = loadExercise(id);
      const wrong = loadAnswerTable(id).wrong;
      const groups = commonMistakesOf(exercise);
      expect(groups.flatMap((group) => group.mistakes)).toHaveLength(wrong.length);
      for (const answer of wrong) {
        const goal = exercise.goals.find((g) => g.id === answer.fails[0])!;
        const group = groups.find((g) => g.goal === goal.statement)!;
        expect(group.nudge).toBe(goal.hints[0]);
        const mistake = group.mistakes.find((m) => m.name.toLowerCase().startsWith(answer.name.toLowerCase().replace(/[.!?]$/, '')))!;
        expect(mistake.name).toMatch(/^[^a-z].*[.!?]$/);
        // The checker's words are the goal's detail for this Dockerfile, never empty.
        expect(mistake.checker).not.toBe('');
        expect(mistake.checker).toMatch(answer.detail ?? /\S/);
      }
    });
  }

  it('groups the mistakes that trip the same goal, and says for each what the checker says', () => {
    const [copies] = commonMistakesOf(loadExercise('what-is-a-stage'));
    expect(copies!.mistakes.map((m) => m.name)).toEqual([
      'The stage named, but still copied by index.',
      'COPY --from build with a space instead of = (a parse error on both builders).',
      'A misspelt --from, which Docker pulls as an image.',
      'The stages swapped: docker build now builds the Go stage, which copies nothing.',
      'An ARG used in FROM but never declared.',
    ]);
    expect(copies!.mistakes[0]!.checker).toMatch(/--from=0, the stage's index/);
    expect(copies!.mistakes[2]!.checker).toMatch(/biuld/);
  });
});
