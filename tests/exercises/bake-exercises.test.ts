// The bake exercises (content/bake-exercises): each loads, its starter fails and its solution
// passes, and its table of answers (answers.yaml) runs through the same goal engine as the
// page's workbench: correct bake files pass every goal, each wrong one fails exactly the goals it
// names, with the reason said. The loader's and the engine's own behaviour is at the end.
import { mkdtempSync, readFileSync, rmSync, cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { bakeAnswerTableSchema } from '../../src/content/bake-exercise-schema.ts';
import { bakeFileDiagnostics, evaluateBakeGoals, MAX_BAKE_TEXT, runBake } from '../../src/exercises/bake/goals.ts';
import { BAKE_EXERCISES_DIR, bakeExerciseIds, loadBakeExercise, loadBakeExerciseDir } from '../../src/exercises/bake/load.ts';
import { ExerciseError } from '../../src/exercises/load.ts';

const ids = bakeExerciseIds();

it('there is at least one bake exercise', () => {
  expect(ids).toContain('bake-ci-targets');
});

for (const id of ids) {
  describe(id, () => {
    const exercise = loadBakeExercise(id);
    const table = bakeAnswerTableSchema.parse(load(readFileSync(join(BAKE_EXERCISES_DIR, id, 'answers.yaml'), 'utf8')));
    const goalIds = exercise.goals.map((goal) => goal.id);

    it('starts failing and its solution passes every goal with nothing to report', () => {
      expect(evaluateBakeGoals(exercise, exercise.starter).complete).toBe(false);
      const solved = evaluateBakeGoals(exercise, exercise.solution);
      expect(solved.goals.filter((goal) => !goal.passed).map((goal) => `${goal.id}: ${goal.detail}`)).toEqual([]);
      expect(solved.diagnostics).toEqual([]);
    });

    it('has at least 4 different correct and 4 wrong answers, none the starter, each naming goals that exist', () => {
      const texts = [...table.correct, ...table.wrong].map((answer) => answer.bake);
      expect(new Set(texts).size).toBe(texts.length);
      expect(texts).not.toContain(exercise.starter);
      for (const answer of table.wrong) expect(answer.fails.filter((goal) => !goalIds.includes(goal))).toEqual([]);
    });

    for (const answer of table.correct) {
      it(`passes every goal: ${answer.name}`, () => {
        const evaluation = evaluateBakeGoals(exercise, answer.bake);
        expect(evaluation.goals.filter((goal) => !goal.passed).map((goal) => `${goal.id}: ${goal.detail}`)).toEqual([]);
        expect(evaluation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      });
    }

    for (const answer of table.wrong) {
      it(`fails ${answer.fails.join(', ')}: ${answer.name}`, () => {
        const evaluation = evaluateBakeGoals(exercise, answer.bake);
        const failing = evaluation.goals.filter((goal) => !goal.passed);
        expect(failing.map((goal) => goal.id)).toEqual(answer.fails);
        expect(evaluation.complete).toBe(false);
        expect(failing[0]!.detail).toMatch(new RegExp(answer.detail ?? '[^]*'));
        const error = evaluation.diagnostics.find((d) => d.severity === 'error');
        if (answer.problemHint !== undefined) expect(`${error?.message} ${error?.hint}`).toMatch(new RegExp(answer.problemHint));
      });
    }
  });
}

describe('the bake goal engine', () => {
  const exercise = loadBakeExercise('bake-ci-targets');

  it('runs each command the goals name once, in the goals’ order, and says what each does', () => {
    const runs = evaluateBakeGoals(exercise, exercise.solution).runs;
    expect(runs.map((run) => run.command)).toEqual([
      'docker buildx bake dev test prod',
      'docker buildx bake',
      'docker buildx bake test',
      'docker buildx bake prod',
    ]);
    const [, plain, test, prod] = runs;
    expect(plain!.targets).toEqual([{ name: 'dev', stage: 'dev', stages: ['base', 'dev'], tags: ['shop:dev'], exportsImage: true }]);
    expect(test!.targets).toEqual([{ name: 'test', stage: 'test', stages: ['base', 'dev', 'test'], tags: [], exportsImage: false }]);
    expect(prod!.targets).toEqual([{ name: 'prod', stage: 'production', stages: ['base', 'production'], tags: ['shop:latest'], exportsImage: true }]);
    expect(runs.every((run) => run.failure === null)).toBe(true);
  });

  it('agrees with the recording of the lesson’s file on Docker 28.5 (stages run and images tagged)', () => {
    const recording = JSON.parse(readFileSync('tests/fixtures/bake/recording.json', 'utf8')) as {
      engines: Record<string, { cases: Record<string, Array<{ id: string; args: string[]; build: { ok: boolean; markers: string[]; images: string[] } }>> }>;
    };
    const cases = recording.engines['28']!.cases['issue']!;
    for (const name of ['default', 'test', 'prod']) {
      const recorded = cases.find((c) => c.id === name)!;
      expect(recorded.build.ok, name).toBe(true);
      const run = runBake(exercise, exercise.solution, recorded.args);
      expect([...new Set(run.targets.flatMap((t) => t.stages))].sort(), name).toEqual([...new Set(recorded.build.markers)].sort());
      expect(run.targets.flatMap((t) => t.tags).sort(), name).toEqual(recorded.build.images.slice().sort());
    }
  });

  it('marks a mistake in the starter where it is: the stage name dev gets wrong', () => {
    const diagnostics = bakeFileDiagnostics(exercise, exercise.starter);
    const missing = diagnostics.find((d) => d.id === 'bake-missing-stage')!;
    expect(exercise.starter.slice(missing.range.start.offset, missing.range.end.offset)).toBe('"development"');
  });

  it('reports a target no goal builds, and a group naming an unknown target, in the file', () => {
    const text = `${exercise.solution}\ngroup "release" {\n  targets = ["prod", "publish"]\n}\n\ntarget "docs" {\n  target = "documentation"\n}\n`;
    const ids = bakeFileDiagnostics(exercise, text).map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining(['bake-unknown-target', 'bake-missing-stage']));
    // The goals themselves still pass: the commands they name do not build docs or release.
    expect(evaluateBakeGoals(exercise, text).complete).toBe(true);
  });

  it('says why every goal fails when the file does not parse', () => {
    const evaluation = evaluateBakeGoals(exercise, 'target "dev" {\n  target = "dev"\n');
    expect(evaluation.goals.every((goal) => !goal.passed && /fails: unexpected/.test(goal.detail))).toBe(true);
    expect(evaluation.diagnostics.map((d) => d.id)).toEqual(['bake-syntax']);
  });

  it('keeps the cap on what it checks far above any real bake file', () => {
    expect(exercise.solution.length * 8).toBeLessThan(MAX_BAKE_TEXT);
  });
});

describe('loading bake exercises', () => {
  const copy = (): string => {
    const root = mkdtempSync(join(tmpdir(), 'bake-exercise-'));
    cpSync(join(BAKE_EXERCISES_DIR, 'bake-ci-targets'), join(root, 'bake-ci-targets'), { recursive: true });
    return join(root, 'bake-ci-targets');
  };

  it('names the field and the kinds when a goal kind is not a bake goal', () => {
    const dir = copy();
    try {
      const yaml = readFileSync(join(dir, 'exercise.yaml'), 'utf8').replace('kind: bake-builds', 'kind: builds');
      writeFileSync(join(dir, 'exercise.yaml'), yaml);
      expect(() => loadBakeExerciseDir(dir)).toThrow(/bake-builds, bake-runs-stages, bake-tags, bake-exports-nothing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an exercise without a Dockerfile to build', () => {
    const dir = copy();
    try {
      rmSync(join(dir, 'files', 'Dockerfile'));
      expect(() => loadBakeExerciseDir(dir)).toThrow(ExerciseError);
      expect(() => loadBakeExerciseDir(dir)).toThrow(/files\/Dockerfile is missing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
