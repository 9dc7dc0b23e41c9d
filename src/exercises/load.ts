// Reading exercises from disk (Node only: the tests, the `stagecraft exercise` CLI, the room server's catalog and Astro at build time).
//
// An exercise is a directory content/exercises/<id>/:
//   exercise.yaml         id, title, lesson, task, goals, hints (src/content/exercise-schema.ts)
//   starter.Dockerfile    what the learner starts from
//   solution.Dockerfile   what the lesson teaches; passes every goal
//   files/**              the build context shown to the learner (package.json, app code…)
//   answers.yaml          correct and wrong answers a learner might write (read by
//                         src/exercises/answers.ts, not here: pages never ship it)
//
// Exercises are not an Astro content collection: an entry is a directory of several files,
// and pages need them whole. A lesson's <ExerciseSlot> (src/components/lesson/) calls
// loadExercise() at build time (the static build runs in Node) and passes the `Exercise` to
// the workbench island as JSON; the tests read them all with loadExercises().

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { load } from 'js-yaml';
import { exerciseSchema } from '../content/exercise-schema.ts';
import type { Exercise } from './types.ts';
import { findBlanks } from './blanks.ts';
import { describeIssues } from '../shared/schema-issues.ts';

/** content/exercises, from the project root (the working directory of astro, vitest and the CLI). */
export const EXERCISES_DIR = join(process.cwd(), 'content', 'exercises');

export class ExerciseError extends Error {
  override name = 'ExerciseError';
}

/** Validates parsed exercise.yaml data; throws an ExerciseError listing every problem. */
export function parseExerciseYaml(text: string, where = 'exercise.yaml') {
  let data: unknown;
  try {
    data = load(text);
  } catch (error) {
    throw new ExerciseError(`${where} is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = exerciseSchema.safeParse(data);
  if (!result.success) throw new ExerciseError(`${where} is not a valid exercise:\n${describeIssues(result.error.issues)}`);
  return result.data;
}

function readText(path: string, what: string): string {
  if (!existsSync(path)) throw new ExerciseError(`${what} is missing: ${path}`);
  return readFileSync(path, 'utf8');
}

/** Every file under `dir`, keyed by its path relative to `dir` with forward slashes, sorted. */
export function readTree(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  const paths: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) paths.push(join(entry.parentPath, entry.name));
  }
  const files: Record<string, string> = {};
  for (const path of paths.map((p) => relative(dir, p).split(sep).join('/')).sort()) {
    files[path] = readFileSync(join(dir, path), 'utf8');
  }
  return files;
}

/** A cache goal's change names files of the build context as they are before it: an edited or
 *  removed file is in files/, an added one is not yet. A typo would otherwise change nothing. */
function checkCacheChanges(goals: Exercise['goals'], files: Record<string, string>, where: string): void {
  const problems: string[] = [];
  for (const goal of goals) {
    if (goal.kind !== 'cache-keeps' && goal.kind !== 'cache-reruns') continue;
    const exists = (path: string) => path === 'Dockerfile' || path in files;
    for (const path of [...(goal.change.edited ?? []), ...(goal.change.removed ?? [])]) {
      if (!exists(path)) problems.push(`goal "${goal.id}": change names ${path}, which is not a file of files/ (the build context)`);
    }
    for (const path of goal.change.added ?? []) {
      if (exists(path)) problems.push(`goal "${goal.id}": change adds ${path}, which files/ already has (list it under edited)`);
    }
  }
  if (problems.length > 0) throw new ExerciseError(`${where}:\n${problems.join('\n')}`);
}

/** A starter with blanks (`___`, a faded example) needs a no-blanks goal, or a blank left would
 *  go unnoticed; and that goal's `blanks` says what each of them asks for, one for one. */
function checkBlanks(goals: Exercise['goals'], starter: string, where: string): void {
  const count = findBlanks(starter).length;
  const goal = goals.find((g) => g.kind === 'no-blanks');
  if (count > 0 && !goal)
    throw new ExerciseError(`${where}: starter.Dockerfile has ${count} blanks (___) but no goal of kind no-blanks checks they are filled`);
  if (goal?.blanks && goal.blanks.length !== count) {
    throw new ExerciseError(`${where}: goal "${goal.id}" says what ${goal.blanks.length} blanks ask for, but starter.Dockerfile has ${count}`);
  }
}

/** Reads and validates one exercise directory. The directory name must be the exercise id. */
export function loadExerciseDir(dir: string): Exercise {
  const name = dir.split(/[\\/]/).filter(Boolean).at(-1) ?? '';
  const data = parseExerciseYaml(readText(join(dir, 'exercise.yaml'), 'exercise.yaml'), `content/exercises/${name}/exercise.yaml`);
  if (data.id !== name) throw new ExerciseError(`content/exercises/${name}/exercise.yaml: id "${data.id}" must be the directory name "${name}"`);
  const starter = readText(join(dir, 'starter.Dockerfile'), `content/exercises/${name}/starter.Dockerfile`);
  const solution = readText(join(dir, 'solution.Dockerfile'), `content/exercises/${name}/solution.Dockerfile`);
  const files = readTree(join(dir, 'files'));
  checkCacheChanges(data.goals, files, `content/exercises/${name}/exercise.yaml`);
  checkBlanks(data.goals, starter, `content/exercises/${name}/exercise.yaml`);
  return {
    id: data.id,
    title: data.title,
    lesson: data.lesson,
    task: data.task,
    starter,
    solution,
    files,
    goals: data.goals,
    hints: data.hints,
  };
}

/** The ids of the exercises under `root` (its subdirectories), sorted. */
export function exerciseIds(root = EXERCISES_DIR): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory())
    .sort();
}

/** One exercise by id. */
export function loadExercise(id: string, root = EXERCISES_DIR): Exercise {
  return loadExerciseDir(join(root, id));
}

/** Every exercise under `root`, by id. */
export function loadExercises(root = EXERCISES_DIR): Exercise[] {
  return exerciseIds(root).map((id) => loadExercise(id, root));
}
