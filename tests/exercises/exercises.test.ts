// The exercises in content/exercises: each directory validates, each lesson's ExerciseSlot
// has its exercise (and no exercise lacks a slot), each starter fails a goal and each
// solution passes them all, and the solutions build.

import { mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { courseRules } from '../../src/analyzer/rules/course/index.ts';
import { exerciseSchema } from '../../src/content/exercise-schema.ts';
import { evaluate } from '../../src/exercises/goals.ts';
import { exerciseIds, EXERCISES_DIR, loadExerciseDir, loadExercises, parseExerciseYaml } from '../../src/exercises/load.ts';
import type { Exercise } from '../../src/exercises/types.ts';

const LESSONS_DIR = join(import.meta.dirname, '..', '..', 'content', 'lessons');

/** Every `<ExerciseSlot id="…" title="…" />` in the lessons, with the lesson it is in. */
function exerciseSlots(): Array<{ lesson: string; id: string; title: string }> {
  return readdirSync(LESSONS_DIR)
    .filter((name) => name.endsWith('.mdx'))
    .sort()
    .flatMap((name) => {
      const source = readFileSync(join(LESSONS_DIR, name), 'utf8');
      return [...source.matchAll(/<ExerciseSlot\b([^>]*)\/>/g)].map((match) => {
        const attrs = match[1] ?? '';
        return {
          lesson: name.replace(/\.mdx$/, ''),
          id: /\bid="([^"]*)"/.exec(attrs)?.[1] ?? '',
          title: /\btitle="([^"]*)"/.exec(attrs)?.[1] ?? '',
        };
      });
    });
}

const slots = exerciseSlots();
const exercises = loadExercises();
const byId = new Map(exercises.map((exercise) => [exercise.id, exercise]));

/** The scopes an exercise's goals look at, as analyze() options. */
function scopesOf(exercise: Exercise): Array<{ target: string | null; builder: 'buildkit' | 'classic' }> {
  const seen = new Map<string, { target: string | null; builder: 'buildkit' | 'classic' }>();
  for (const goal of exercise.goals) {
    const target = 'target' in goal ? (goal.target ?? null) : null;
    const builder = 'builder' in goal ? (goal.builder ?? 'buildkit') : 'buildkit';
    seen.set(`${builder}:${target ?? ''}`, { target, builder });
  }
  return [...seen.values()];
}

describe('content/exercises', () => {
  it('has an exercise directory for every lesson ExerciseSlot, and a slot for every exercise', () => {
    expect(slots.length).toBeGreaterThan(0);
    expect(exerciseIds().sort()).toEqual(slots.map((slot) => slot.id).sort());
  });

  it('has one ExerciseSlot per id across the lessons', () => {
    const ids = slots.map((slot) => slot.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const slot of slots) {
    describe(slot.id, () => {
      const exercise = byId.get(slot.id);

      it('validates, and belongs to the lesson whose slot it fills, under the same title', () => {
        expect(exercise, `content/exercises/${slot.id}/ is missing`).toBeDefined();
        expect(exercise!.lesson).toBe(slot.lesson);
        expect(exercise!.title).toBe(slot.title);
      });

      it('has a starter that fails at least one goal', () => {
        const evaluation = evaluate(exercise!, exercise!.starter);
        expect(evaluation.complete).toBe(false);
        expect(evaluation.goals.some((goal) => !goal.passed)).toBe(true);
      });

      it('has a solution that passes every goal', () => {
        const evaluation = evaluate(exercise!, exercise!.solution);
        const failing = evaluation.goals.filter((goal) => !goal.passed).map((goal) => `${goal.id}: ${goal.detail}`);
        expect(failing).toEqual([]);
        expect(evaluation.complete).toBe(true);
      });

      it('has a solution that builds on BuildKit with no errors, for every scope its goals use', () => {
        for (const scope of scopesOf(exercise!)
          .filter((s) => s.builder === 'buildkit')
          .concat({ target: null, builder: 'buildkit' })) {
          const analysis = analyze(exercise!.solution, scope);
          const errors = analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
          expect(errors, `--target ${scope.target ?? '(default)'}`).toEqual([]);
          expect(analysis.plan.fails).toBe(false);
        }
      });

      it('writes every goal and hint as text the learner can read', () => {
        for (const goal of exercise!.goals) {
          expect(goal.statement.trim(), goal.id).not.toBe('');
          expect(goal.failure.trim(), goal.id).not.toBe('');
          expect(goal.hints.length, goal.id).toBeGreaterThan(0);
          for (const hint of goal.hints) expect(hint.trim(), goal.id).not.toBe('');
        }
        expect(exercise!.hints.length).toBeGreaterThanOrEqual(2);
        expect(exercise!.hints.length).toBeLessThanOrEqual(4);
        expect(exercise!.task.trim()).not.toBe('');
      });

      it('shows a build context with the files the solution copies by name', () => {
        expect(Object.keys(exercise!.files).length).toBeGreaterThan(0);
        for (const [path, text] of Object.entries(exercise!.files)) expect(text.length, path).toBeGreaterThan(0);
        // Every context file a solution's `COPY <file> …` names (no --from, no wildcard) is there.
        for (const instruction of analyze(exercise!.solution).instructions) {
          if (instruction.keyword !== 'COPY' || instruction.flags.some((f) => f.name === 'from')) continue;
          const sources = (instruction.json ?? instruction.words.map((w) => w.value)).slice(0, -1);
          for (const source of sources) {
            if (source === '.' || source === './' || /[*?[]/.test(source)) continue;
            const path = source.replace(/^\.\//, '').replace(/\/$/, '');
            const present = path in exercise!.files || Object.keys(exercise!.files).some((file) => file.startsWith(`${path}/`));
            expect(present, `${source} is not in files/`).toBe(true);
          }
        }
      });
    });
  }
});

describe('what the lessons promise about particular exercises', () => {
  const courseRuleIds = new Set(courseRules.map((rule) => rule.meta.id));

  it('lean-production-images: no course rule reports the solution’s image', () => {
    const exercise = byId.get('lean-production-images')!;
    const reported = analyze(exercise.solution).diagnostics.filter((d) => courseRuleIds.has(d.id));
    expect(reported.map((d) => d.id)).toEqual([]);
    expect(analyze(exercise.starter).diagnostics.filter((d) => courseRuleIds.has(d.id)).length).toBeGreaterThan(0);
  });

  it('typescript-api-targets (the capstone): the analyzer reports nothing for the solution’s production target', () => {
    const exercise = byId.get('typescript-api-targets')!;
    expect(analyze(exercise.solution, { target: 'production' }).diagnostics).toEqual([]);
  });

  it('myths: in the solution both builders run the same stages for --target test', () => {
    const exercise = byId.get('myths')!;
    const stages = (builder: 'buildkit' | 'classic') => {
      const analysis = analyze(exercise.solution, { target: 'test', builder });
      return analysis.plan.stages.map((i) => analysis.stages[i]!.name);
    };
    expect(stages('classic')).toEqual(stages('buildkit'));
    // …while the starter makes them disagree.
    const starter = (builder: 'buildkit' | 'classic') => analyze(exercise.starter, { target: 'test', builder }).plan.fails;
    expect([starter('buildkit'), starter('classic')]).toEqual([true, false]);
  });

  it('local-development-with-compose: compose.yaml builds the dev target the goals check', () => {
    const exercise = byId.get('local-development-with-compose')!;
    expect(exercise.files['compose.yaml']).toMatch(/target: dev\b/);
    expect(exercise.files['compose.yaml']).toMatch(/condition: service_healthy/);
    expect(analyze(exercise.starter, { target: 'dev' }).diagnostics.map((d) => d.message)).toContain('target stage "dev" could not be found');
  });
});

describe('exercise schema', () => {
  const valid = {
    id: 'split-the-build',
    title: 'Split the build',
    lesson: 'build-vs-runtime',
    task: 'Split it.',
    goals: [
      { id: 'has-build', kind: 'stage-exists', stage: 'build', statement: 'A build stage exists.', failure: 'No build stage.', hints: ['Add AS build.'] },
    ],
    hints: ['First.', 'Second.'],
  };

  function issues(data: unknown): string[] {
    const result = exerciseSchema.safeParse(data);
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  }

  it('accepts a minimal exercise', () => {
    expect(issues(valid)).toEqual([]);
  });

  it('rejects a goal of an unknown kind, naming the kinds', () => {
    const found = issues({ ...valid, goals: [{ ...valid.goals[0], kind: 'stage-named' }] });
    expect(found.join('\n')).toMatch(/goals\.0.*kind "stage-named" is not a goal kind; use one of: stage-exists/);
  });

  it('rejects a goal without a kind', () => {
    const { kind: _kind, ...goal } = valid.goals[0]!;
    expect(issues({ ...valid, goals: [goal] }).join('\n')).toMatch(/kind is required/);
  });

  it.each([
    ['statement', 'statement is required'],
    ['failure', 'failure is required'],
    ['hints', 'hints is required'],
    ['stage', 'stage is required'],
  ])('rejects a goal without %s', (field, message) => {
    const goal: Record<string, unknown> = { ...valid.goals[0] };
    delete goal[field];
    expect(issues({ ...valid, goals: [goal] }).join('\n')).toContain(message);
  });

  it('rejects kind-specific fields that are missing, misspelt or on the wrong kind', () => {
    const base = { id: 'g', statement: 's', failure: 'f', hints: ['h'] };
    expect(issues({ ...valid, goals: [{ ...base, kind: 'rule-silent' }] }).join('\n')).toContain('rule is required');
    expect(issues({ ...valid, goals: [{ ...base, kind: 'rule-silent', rule: 'no-such-rule' }] }).join('\n')).toContain('"no-such-rule" is not a rule id');
    expect(issues({ ...valid, goals: [{ ...base, kind: 'copies-only', from: 'build' }] }).join('\n')).toContain('paths is required');
    expect(issues({ ...valid, goals: [{ ...base, kind: 'runs-stages' }] }).join('\n')).toContain('needs at least one stage in includes or excludes');
    expect(issues({ ...valid, goals: [{ ...base, kind: 'stage-exists', stage: 'build', target: 'prod' }] }).length).toBeGreaterThan(0);
    expect(issues({ ...valid, goals: [{ ...base, kind: 'builds', builder: 'docker' }] }).join('\n')).toContain('builder must be "buildkit" or "classic"');
    expect(issues({ ...valid, goals: [{ ...base, kind: 'stage-exists', stage: 'Build' }] }).join('\n')).toContain('not a lower-case stage name');
  });

  it('rejects a goal hint ladder that is empty or longer than 3 steps', () => {
    expect(issues({ ...valid, goals: [{ ...valid.goals[0], hints: [] }] }).join('\n')).toContain('a goal needs at least 1 hint');
    expect(issues({ ...valid, goals: [{ ...valid.goals[0], hints: ['1', '2', '3', '4'] }] }).join('\n')).toContain('a goal has at most 3 hints');
    expect(issues({ ...valid, goals: [{ ...valid.goals[0], hints: 'one' }] }).join('\n')).toContain('hints must be a list of 1 to 3 hints');
  });

  it('accepts copies-from, no-problems and byName', () => {
    const base = { id: 'g', statement: 's', failure: 'f', hints: ['h'] };
    expect(issues({ ...valid, goals: [{ ...base, kind: 'copies-from', from: 'build', paths: ['/app/dist'], byName: true }] })).toEqual([]);
    expect(issues({ ...valid, goals: [{ ...base, kind: 'no-problems', target: 'prod' }] })).toEqual([]);
    expect(issues({ ...valid, goals: [{ ...base, kind: 'copies-only', from: 'build', paths: ['/x'], byName: 'yes' }] }).join('\n')).toContain(
      'byName must be true or false',
    );
  });

  it('rejects duplicate goal ids, a bad lesson and a hint ladder of the wrong length', () => {
    expect(issues({ ...valid, goals: [valid.goals[0], valid.goals[0]] }).join('\n')).toContain('goal id "has-build" is used twice');
    expect(issues({ ...valid, lesson: 'no-such-lesson' }).join('\n')).toContain('lesson "no-such-lesson" is not a lesson slug');
    expect(issues({ ...valid, hints: ['Only one.'] }).join('\n')).toContain('hints must list at least 2 steps');
    expect(issues({ ...valid, hints: ['1', '2', '3', '4', '5'] }).join('\n')).toContain('hints must list at most 4 steps');
    expect(issues({ ...valid, task: undefined }).join('\n')).toContain('task is required');
  });

  it('parseExerciseYaml reports every problem with the field it is about', () => {
    expect(() => parseExerciseYaml('id: x\ntitle: [', 'x.yaml')).toThrow(/x\.yaml is not valid YAML/);
    expect(() => parseExerciseYaml('id: x\n', 'x.yaml')).toThrow(/title is required[\s\S]*goals is required/);
  });
});

describe('loadExerciseDir', () => {
  function scratch(): string {
    return mkdtempSync(join(tmpdir(), 'stagecraft-exercise-'));
  }

  it('reads exercise.yaml, the two Dockerfiles and files/** (nested, dotfiles included)', () => {
    const root = scratch();
    const dir = join(root, 'split-the-build');
    mkdirSync(join(dir, 'files', 'src'), { recursive: true });
    writeFileSync(
      join(dir, 'exercise.yaml'),
      'id: split-the-build\ntitle: T\nlesson: build-vs-runtime\ntask: Do it.\ngoals:\n  - {id: g, kind: stage-exists, stage: build, statement: s, failure: f, hints: [h]}\nhints: [a, b]\n',
    );
    writeFileSync(join(dir, 'starter.Dockerfile'), 'FROM alpine:3.20\n');
    writeFileSync(join(dir, 'solution.Dockerfile'), 'FROM alpine:3.20 AS build\n');
    writeFileSync(join(dir, 'files', 'src', 'main.go'), 'package main\n');
    writeFileSync(join(dir, 'files', '.dockerignore'), '.git\n');
    const exercise = loadExerciseDir(dir);
    expect(exercise).toMatchObject({ id: 'split-the-build', lesson: 'build-vs-runtime', starter: 'FROM alpine:3.20\n', hints: ['a', 'b'] });
    expect(exercise.files).toEqual({ '.dockerignore': '.git\n', 'src/main.go': 'package main\n' });
    expect(exercise.goals).toEqual([{ id: 'g', kind: 'stage-exists', stage: 'build', statement: 's', failure: 'f', hints: ['h'] }]);
  });

  it('rejects an id that is not the directory name, and a missing Dockerfile', () => {
    const root = scratch();
    const dir = join(root, 'other-name');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'exercise.yaml'),
      'id: split-the-build\ntitle: T\nlesson: build-vs-runtime\ntask: Do it.\ngoals:\n  - {id: g, kind: builds, statement: s, failure: f, hints: [h]}\nhints: [a, b]\n',
    );
    expect(() => loadExerciseDir(dir)).toThrow(/must be the directory name "other-name"/);
    writeFileSync(
      join(dir, 'exercise.yaml'),
      'id: other-name\ntitle: T\nlesson: build-vs-runtime\ntask: Do it.\ngoals:\n  - {id: g, kind: builds, statement: s, failure: f, hints: [h]}\nhints: [a, b]\n',
    );
    expect(() => loadExerciseDir(dir)).toThrow(/starter\.Dockerfile is missing/);
  });

  it('finds the course exercises under content/exercises', () => {
    expect(EXERCISES_DIR.replace(/\\/g, '/')).toMatch(/content\/exercises$/);
    expect(exercises.length).toBe(exerciseIds().length);
  });
});
