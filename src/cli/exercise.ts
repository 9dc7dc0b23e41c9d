// `stagecraft exercise <exercise-id> <Dockerfile|-> [--json]`: the goals of one of the course's
// exercises (content/exercises/<id>/), checked on a Dockerfile by the same goal engine as the
// workbench (src/exercises/goals.ts). For authors trying a solution, facilitators checking
// a learner's file, and CI. A bake exercise's id (content/bake-exercises/<id>/) takes its
// docker-bake.hcl instead, checked by the bake goal engine (src/exercises/bake/goals.ts).
//
//   text    one line per goal (✓ / ✗, its statement; while failing, why and a first hint),
//           then "N of M goals pass".
//   --json  {"exercise":"…","complete":bool,"goals":[{"id","passed","message"}]}: message is
//           the goal's statement when it passes, and why it fails when it does not.
// Exit 0 when every goal passes, 1 when one fails, 2 on usage errors (an unknown exercise
// lists the ids) and unreadable input, 3 on an internal error.

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { evaluateBakeGoals } from '../exercises/bake/goals.ts';
import { bakeExerciseIds, loadBakeExercise } from '../exercises/bake/load.ts';
import { evaluate } from '../exercises/goals.ts';
import { exerciseIds, loadExercise } from '../exercises/load.ts';
import type { Evaluation, Exercise } from '../exercises/types.ts';
import { CliError } from './errors.ts';
import { pickStyle, type Style } from './format-text.ts';
import type { CliIO } from './main.ts';
import { readDockerfile } from './read-input.ts';
import { describeParseError } from './args.ts';

/** content/exercises beside this file's project, wherever the command is run from. */
const EXERCISES_ROOT = join(fileURLToPath(new URL('../..', import.meta.url)), 'content', 'exercises');

export const EXERCISE_SYNOPSIS = 'usage: stagecraft exercise <exercise-id> <Dockerfile|-> [--json]';

export const EXERCISE_USAGE = `Usage: stagecraft exercise <exercise-id> <Dockerfile|-> [--json]

Check a Dockerfile against the goals of one of the course's exercises, as the
exercise's workbench does in the browser: whether each build succeeds, which
stages it runs, what its image is. <Dockerfile> is a path, or - for standard
input; for a bake exercise, give its docker-bake.hcl instead. Run
"stagecraft exercise --list" for the exercise ids.

Options:
  --json       Print {"exercise","complete","goals":[{"id","passed","message"}]}
  --list       List the exercise ids and titles
  -h, --help   Show help

Exits 0 when every goal passes, 1 when a goal fails, 2 on usage errors.

Examples:
  npx stagecraft exercise named-stages-and-target Dockerfile
  cat Dockerfile | npx stagecraft exercise capstone - --json
  npx stagecraft exercise bake-ci-targets docker-bake.hcl
`;

export interface ExerciseJson {
  exercise: string;
  complete: boolean;
  goals: Array<{ id: string; passed: boolean; message: string }>;
}

/** The command's outcome as JSON (message: the statement when passed, why when failing). */
export function exerciseJson(exercise: Pick<Exercise, 'id'>, evaluation: Evaluation): ExerciseJson {
  return {
    exercise: exercise.id,
    complete: evaluation.complete,
    goals: evaluation.goals.map((goal) => ({ id: goal.id, passed: goal.passed, message: goal.passed ? goal.statement : goal.detail })),
  };
}

/** The report: one line per goal, why a failing one fails and its first hint, the tally. */
export function exerciseText(exercise: Pick<Exercise, 'id' | 'title'>, file: string, evaluation: Evaluation, style: Style): string {
  const lines = [`${style.bold(`${exercise.id}`)}: ${exercise.title}`, `Checking ${file}`, ''];
  for (const goal of evaluation.goals) {
    lines.push(goal.passed ? `  ✓ ${goal.statement}` : `  ${style.severity('error', '✗')} ${goal.statement}`);
    if (goal.passed) continue;
    lines.push(`      ${goal.detail}`);
    const hint = goal.hints[0];
    if (hint) lines.push(`      hint: ${hint}`);
  }
  const passed = evaluation.goals.filter((goal) => goal.passed).length;
  lines.push('', evaluation.complete ? `All ${passed} goals pass: the exercise is complete.` : `${passed} of ${evaluation.goals.length} goals pass.`);
  return `${lines.join('\n')}\n`;
}

function usageError(message: string): CliError {
  return new CliError(message, null, 2, `${EXERCISE_SYNOPSIS}\n(run "stagecraft exercise --help" for details)`);
}

/** The bake exercises beside `root` (content/bake-exercises beside content/exercises). */
const bakeRootOf = (root: string) => join(root, '..', 'bake-exercises');

function allIds(root: string): string[] {
  return [...exerciseIds(root), ...bakeExerciseIds(bakeRootOf(root))];
}

function idList(root: string): string {
  return allIds(root).join(', ');
}

/** The exercise `id` (a Dockerfile exercise or a bake one) and its goal engine. */
function exerciseOf(id: string, root: string): { exercise: Pick<Exercise, 'id' | 'title'>; check: (text: string) => Evaluation } {
  if (exerciseIds(root).includes(id)) {
    const exercise = loadExercise(id, root);
    return { exercise, check: (text) => evaluate(exercise, text) };
  }
  const exercise = loadBakeExercise(id, bakeRootOf(root));
  return { exercise, check: (text) => evaluateBakeGoals(exercise, text) };
}

/** Runs `stagecraft exercise …` (argv after the word `exercise`). */
export async function exerciseCommand(argv: readonly string[], io: CliIO, root: string = EXERCISES_ROOT): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { json: { type: 'boolean' }, list: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw usageError(describeParseError(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(EXERCISE_USAGE);
    return 0;
  }
  if (values.list) {
    const lines = allIds(root).map((id) => `${id}  ${exerciseOf(id, root).exercise.title}`);
    io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  }
  const [id, file, ...extra] = positionals;
  if (id === undefined) throw usageError(`missing exercise id: use one of ${idList(root)}`);
  if (!allIds(root).includes(id)) throw usageError(`unknown exercise "${id}": use one of ${idList(root)}`);
  if (file === undefined) throw usageError('missing Dockerfile: give a path, or - to read standard input');
  if (extra.length > 0) throw usageError(`exercise takes one exercise id and one Dockerfile, got ${positionals.length} arguments`);

  const { exercise, check } = exerciseOf(id, root);
  let input;
  try {
    input = await readDockerfile(file, io.stdin, io.readFile, 'general');
  } catch (error) {
    // A missing file is a usage mistake: show this command's synopsis, not plan's.
    if (error instanceof CliError && error.usage !== null) throw usageError(error.message);
    throw error;
  }
  let evaluation: Evaluation;
  try {
    evaluation = check(input.text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    io.stderr.write(`stagecraft: internal error: the goal check failed on ${input.name}: ${reason} (please report this with the Dockerfile)\n`);
    return 3;
  }
  io.stdout.write(
    values.json
      ? `${JSON.stringify(exerciseJson(exercise, evaluation), null, 2)}\n`
      : exerciseText(exercise, input.name, evaluation, pickStyle(io.stdout.isTTY, io.env ?? {})),
  );
  return evaluation.complete ? 0 : 1;
}
