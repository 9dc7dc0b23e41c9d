// Reading an exercise's table of answers, content/exercises/<id>/answers.yaml (its format:
// src/content/exercise-answers-schema.ts). Node only: the tests, and Astro at build time for
// the /workshops handout's common mistakes.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { answerTableSchema } from '../content/exercise-answers-schema.ts';
import { describeIssues } from '../shared/schema-issues.ts';
import { EXERCISES_DIR, ExerciseError, loadExercise } from './load.ts';

export interface CorrectAnswer {
  name: string;
  dockerfile: string;
}

export interface WrongAnswer {
  name: string;
  dockerfile: string;
  /** Exactly the goals that must fail (in the exercise's order). */
  fails: string[];
  /** What the detail of the first failing goal must say. */
  detail?: RegExp;
  /** What the hint of the first error the editor shows (docker build .) must say. */
  problemHint?: RegExp;
}

export interface AnswerTable {
  correct: CorrectAnswer[];
  wrong: WrongAnswer[];
}

function pattern(source: string, where: string): RegExp {
  try {
    return new RegExp(source);
  } catch (error) {
    throw new ExerciseError(`${where} is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Parses and checks an answers.yaml text against the goals it may name. */
export function parseAnswerTable(text: string, goalIds: readonly string[], where = 'answers.yaml'): AnswerTable {
  let data: unknown;
  try {
    data = load(text);
  } catch (error) {
    throw new ExerciseError(`${where} is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = answerTableSchema.safeParse(data);
  if (!result.success) {
    throw new ExerciseError(`${where} is not a valid answer table:\n${describeIssues(result.error.issues)}`);
  }
  const wrong = result.data.wrong.map((answer, i) => {
    const unknown = answer.fails.filter((id) => !goalIds.includes(id));
    if (unknown.length > 0)
      throw new ExerciseError(`${where}: wrong.${i}.fails names ${unknown.join(', ')}, not a goal of this exercise (${goalIds.join(', ')})`);
    return {
      name: answer.name,
      dockerfile: answer.dockerfile,
      fails: answer.fails,
      ...(answer.detail === undefined ? {} : { detail: pattern(answer.detail, `${where}: wrong.${i}.detail`) }),
      ...(answer.problemHint === undefined ? {} : { problemHint: pattern(answer.problemHint, `${where}: wrong.${i}.problemHint`) }),
    };
  });
  return { correct: result.data.correct, wrong };
}

/** The answer table of exercise `id`. */
export function loadAnswerTable(id: string, root = EXERCISES_DIR): AnswerTable {
  const path = join(root, id, 'answers.yaml');
  const where = `content/exercises/${id}/answers.yaml`;
  if (!existsSync(path)) throw new ExerciseError(`${where} is missing: every exercise has a table of correct and wrong answers`);
  return parseAnswerTable(
    readFileSync(path, 'utf8'),
    loadExercise(id, root).goals.map((goal) => goal.id),
    where,
  );
}
