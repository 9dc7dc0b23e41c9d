// Reading bake exercises from disk (Node only: the tests and Astro at build time). A bake exercise
// is a directory content/bake-exercises/<id>/:
//   exercise.yaml   id, title, lesson, task, goals, hints (src/content/bake-exercise-schema.ts)
//   starter.hcl     the docker-bake.hcl the learner starts from
//   solution.hcl    one that passes every goal
//   files/**        the build context, with the Dockerfile the bake file builds
//   answers.yaml    correct and wrong bake files a learner might write (tests only)
// They live apart from content/exercises (Dockerfile exercises), which the progress page, the
// workshop agenda and the live rooms read; a bake exercise is practice inside its lesson.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { bakeExerciseSchema } from '../../content/bake-exercise-schema.ts';
import { describeIssues } from '../../shared/schema-issues.ts';
import { ExerciseError, readTree } from '../load.ts';
import type { BakeExercise } from './types.ts';

export const BAKE_EXERCISES_DIR = join(process.cwd(), 'content', 'bake-exercises');

/** The file every bake exercise edits: the name bake looks for by default. */
export const BAKE_FILE = 'docker-bake.hcl';

function readText(dir: string, name: string, id: string): string {
  const path = join(dir, name);
  if (!existsSync(path)) throw new ExerciseError(`content/bake-exercises/${id}/${name} is missing`);
  return readFileSync(path, 'utf8');
}

export function loadBakeExerciseDir(dir: string): BakeExercise {
  const id = dir.split(/[\\/]/).filter(Boolean).at(-1) ?? '';
  const where = `content/bake-exercises/${id}/exercise.yaml`;
  let data: unknown;
  try {
    data = load(readText(dir, 'exercise.yaml', id));
  } catch (error) {
    if (error instanceof ExerciseError) throw error;
    throw new ExerciseError(`${where} is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = bakeExerciseSchema.safeParse(data);
  if (!result.success) throw new ExerciseError(`${where} is not a valid bake exercise:\n${describeIssues(result.error.issues)}`);
  if (result.data.id !== id) throw new ExerciseError(`${where}: id "${result.data.id}" must be the directory name "${id}"`);
  const files = readTree(join(dir, 'files'));
  if (!('Dockerfile' in files)) throw new ExerciseError(`content/bake-exercises/${id}/files/Dockerfile is missing: the bake file needs a Dockerfile to build`);
  return { ...result.data, file: BAKE_FILE, starter: readText(dir, 'starter.hcl', id), solution: readText(dir, 'solution.hcl', id), files };
}

export function bakeExerciseIds(root = BAKE_EXERCISES_DIR): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory())
    .sort();
}

export function loadBakeExercise(id: string, root = BAKE_EXERCISES_DIR): BakeExercise {
  return loadBakeExerciseDir(join(root, id));
}

export function loadBakeExercises(root = BAKE_EXERCISES_DIR): BakeExercise[] {
  return bakeExerciseIds(root).map((id) => loadBakeExercise(id, root));
}
