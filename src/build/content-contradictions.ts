// Content that contradicts the analyzer, found before the site is built (Node only: the
// build's integration src/integrations/content-check.ts and the tests).
//
// - An exercise whose solution fails one of its own goals, or whose starter already meets
//   them all: the workbench would refuse the lesson's own answer, or tick the starter.
// - A quiz whose computed answers the analyzer cannot give as written, including a
//   predict-build explanation that names other stages than the analyzer has the build run
//   (src/lib/quiz/explanation-check.ts); prepareQuiz throws a QuizError for each.
// Every problem is listed, so one build run shows them all.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate } from '../exercises/goals.ts';
import { exerciseIds, loadExercise } from '../exercises/load.ts';
import { loadQuiz } from '../lib/quiz/load.ts';

/** Why the exercises under `root` contradict their own goals (empty when they do not). */
export function exerciseContradictions(root: string): string[] {
  const problems: string[] = [];
  for (const id of exerciseIds(root)) {
    let exercise;
    try {
      exercise = loadExercise(id, root);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
      continue;
    }
    const solution = evaluate(exercise, exercise.solution);
    for (const goal of solution.goals.filter((g) => !g.passed)) {
      problems.push(`content/exercises/${id}/solution.Dockerfile fails its goal "${goal.id}": ${goal.detail}`);
    }
    if (evaluate(exercise, exercise.starter).complete) {
      problems.push(`content/exercises/${id}/starter.Dockerfile already meets every goal: there is nothing to do`);
    }
  }
  return problems;
}

/** Why the quizzes under `root` cannot be computed as written (empty when they can). */
export function quizContradictions(root: string): string[] {
  const problems: string[] = [];
  for (const name of readdirSync(root)
    .filter((file) => file.endsWith('.yaml'))
    .sort()) {
    try {
      loadQuiz(name.replace(/\.yaml$/, ''), readFileSync(join(root, name), 'utf8'));
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  return problems;
}

/** Both, for the content under `contentRoot` (content/). */
export function contentContradictions(contentRoot: string): string[] {
  return [...exerciseContradictions(join(contentRoot, 'exercises')), ...quizContradictions(join(contentRoot, 'quizzes'))];
}
