// `stagecraft exercise`: the real launcher in a child process, on real files and standard
// input, giving the same verdict as the workbench's goal engine.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/exercises/goals.ts';
import { bakeExerciseIds } from '../../src/exercises/bake/load.ts';
import { exerciseIds, loadExercise } from '../../src/exercises/load.ts';
import { ROOT, runCli, spawnCli, TempDir } from './cli-helpers.ts';

const EXERCISES = join(ROOT, 'content', 'exercises');
const starterOf = (id: string) => join(EXERCISES, id, 'starter.Dockerfile');
const solutionOf = (id: string) => join(EXERCISES, id, 'solution.Dockerfile');

let dir: TempDir;
beforeAll(() => {
  dir = new TempDir();
});
afterAll(() => dir.remove());

/** A usage error: exit 2, nothing on stdout, the message and this command's synopsis on stderr. */
function expectUsageError(result: { status: number | null; stdout: string; stderr: string }, message: RegExp) {
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.split('\n')[0]).toMatch(message);
  // The synopsis on a line of its own (it was once printed escaped, `\x0a` and all, on the message's line).
  expect(result.stderr.split('\n')).toContain('usage: stagecraft exercise <exercise-id> <Dockerfile|-> [--json]');
  expect(result.stderr).not.toContain('\\x0a');
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

// Each test starts one or more Node processes, each loading the analyzer and the exercises:
// seconds apiece on a busy two-core machine.
describe('stagecraft exercise (child process)', { timeout: 90_000 }, () => {
  it('exits 0 and reports every goal passing for the solution, as JSON', () => {
    const result = spawnCli(['exercise', 'named-stages-and-target', solutionOf('named-stages-and-target'), '--json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(['exercise', 'complete', 'goals']);
    expect(json.exercise).toBe('named-stages-and-target');
    expect(json.complete).toBe(true);
    expect(json.goals.map((goal: { id: string }) => goal.id)).toEqual(['prod-is-default', 'dev-kept', 'dev-builds', 'default-skips-dev']);
    for (const goal of json.goals) {
      expect(Object.keys(goal)).toEqual(['id', 'passed', 'message']);
      expect(goal.passed).toBe(true);
    }
    expect(json.goals[0].message).toBe('A plain docker build builds the prod stage.');
  });

  it('exits 1 on a Dockerfile that misses a goal, and says why in the message', () => {
    // The case: dev moved above build, so FROM build pulls an image.
    const text = readFileSync(solutionOf('named-stages-and-target'), 'utf8');
    const [build, dev, prod] = text.split('\n\n');
    const file = dir.file('dev-first.Dockerfile', `${dev}\n\n${build}\n\n${prod}`);
    const result = spawnCli(['exercise', 'named-stages-and-target', file, '--json']);
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json.complete).toBe(false);
    const failing = json.goals.filter((goal: { passed: boolean }) => !goal.passed);
    expect(failing.map((goal: { id: string }) => goal.id)).toEqual(['dev-builds']);
    expect(failing[0].message).toMatch(/Docker would try to pull the image docker\.io\/library\/build:latest/);
  });

  it('reads standard input with -, and prints a text report with the first hint of each failing goal', () => {
    const result = spawnCli(['exercise', 'myths', '-'], { input: readFileSync(starterOf('myths'), 'utf8') });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^myths: Predict which stages/);
    expect(result.stdout).toContain('Checking <stdin>');
    expect(result.stdout).toMatch(/✗ docker build \. succeeds on BuildKit\.\n {6}docker build \. would fail on BuildKit\. .*invalid reference format/);
    expect(result.stdout).toMatch(/\n {6}hint: BuildKit reads `FROM Build` as an image name/);
    expect(result.stdout).toMatch(/\n\d of 8 goals pass\.\n$/);
  });

  it('says when the exercise is complete', () => {
    const result = spawnCli(['exercise', 'typescript-api-targets', solutionOf('typescript-api-targets')]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/All 10 goals pass: the exercise is complete\.\n$/);
    expect(result.stdout).not.toContain('✗');
  });

  it('lists the exercise ids when the id is unknown (exit 2)', () => {
    const result = spawnCli(['exercise', 'no-such-exercise', solutionOf('typescript-api-targets')]);
    expectUsageError(
      result,
      /^stagecraft: unknown exercise "no-such-exercise": use one of advanced-builds, build-vs-runtime, cache-go-version, cache-npm-ci, cache-python-base, debugging-stage, /,
    );
    for (const id of exerciseIds()) expect(result.stderr).toContain(id);
  });

  it.each([
    [['exercise'], /missing exercise id: use one of advanced-builds/],
    [['exercise', 'typescript-api-targets'], /missing Dockerfile: give a path, or - to read standard input/],
    [['exercise', 'typescript-api-targets', 'a', 'b'], /takes one exercise id and one Dockerfile, got 3 arguments/],
    [['exercise', 'typescript-api-targets', 'Dockerfile', '--target', 'x'], /unknown option '?--target/],
    [['exercise', 'typescript-api-targets', 'no-such-dir/missing.Dockerfile'], /missing\.Dockerfile/],
  ])('usage error: %j', (args, message) => {
    expectUsageError(spawnCli(args), message);
  });

  it('has its help: exercise --help, help exercise, and a line in the general help', async () => {
    for (const args of [
      ['exercise', '--help'],
      ['help', 'exercise'],
    ]) {
      const result = await runCli(args);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^Usage: stagecraft exercise <exercise-id> <Dockerfile\|-> \[--json\]/);
    }
    expect(spawnCli(['--help']).stdout).toContain('exercise <id> <Dockerfile>');
  });

  it('lists the exercises with --list', () => {
    const list = spawnCli(['exercise', '--list']);
    expect(list.status).toBe(0);
    expect(
      list.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('  ')[0]),
    ).toEqual([...exerciseIds(), ...bakeExerciseIds()]);
  });

  it('checks a bake exercise’s docker-bake.hcl with the bake goal engine: the starter fails (exit 1), the solution passes (exit 0)', () => {
    const bake = (file: string) => join(ROOT, 'content', 'bake-exercises', 'bake-ci-targets', file);
    const starter = spawnCli(['exercise', 'bake-ci-targets', bake('starter.hcl')]);
    expect(starter.stderr).toBe('');
    expect(starter.status).toBe(1);
    expect(starter.stdout).toContain('✗ Every bake target builds (docker buildx bake dev test prod).');
    expect(starter.stdout).toContain('target stage "development" could not be found in Dockerfile');
    expect(starter.stdout).toContain('2 of 7 goals pass.');
    const solution = spawnCli(['exercise', 'bake-ci-targets', '-', '--json'], { input: readFileSync(bake('solution.hcl'), 'utf8') });
    expect(solution.status).toBe(0);
    const json = JSON.parse(solution.stdout);
    expect(json.complete).toBe(true);
    expect(json.goals).toHaveLength(7);
  });
});

describe('stagecraft exercise gives the workbench’s verdict', () => {
  it.each(exerciseIds())('%s: the starter’s goals, as evaluate() reports them', async (id) => {
    const exercise = loadExercise(id);
    const result = await runCli(['exercise', id, starterOf(id), '--json']);
    const evaluation = evaluate(exercise, exercise.starter);
    expect(result.status).toBe(evaluation.complete ? 0 : 1);
    expect(JSON.parse(result.stdout)).toEqual({
      exercise: id,
      complete: evaluation.complete,
      goals: evaluation.goals.map((goal) => ({ id: goal.id, passed: goal.passed, message: goal.passed ? goal.statement : goal.detail })),
    });
  });
});
