// Which exercises get the stage runner, and which pages must be cross-origin isolated for it:
// src/security-headers.ts declares ISOLATED_PATHS (static hosts need the list); this test
// fails when the lessons and their exercises say otherwise.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exerciseIds, loadExercise } from '../../src/exercises/load.ts';
import { exerciseHasRunner, runsOnNodeImages } from '../../src/lib/runner-ui/runner-exercise.ts';
import { ISOLATED_PATHS } from '../../src/security-headers.ts';

const LESSONS_DIR = join(process.cwd(), 'content', 'lessons');

/** Lesson page path → the exercise ids its <ExerciseSlot id="…"> elements name. */
function lessonExercises(): Map<string, string[]> {
  const lessons = new Map<string, string[]>();
  for (const file of readdirSync(LESSONS_DIR).filter((name) => /\.mdx?$/.test(name))) {
    const source = readFileSync(join(LESSONS_DIR, file), 'utf8');
    const ids = [...source.matchAll(/<ExerciseSlot\s[^>]*\bid="([^"]+)"/g)].map((match) => match[1]!);
    lessons.set(`/lessons/${file.replace(/\.mdx?$/, '')}/`, ids);
  }
  return lessons;
}

describe('which exercises run in the browser', () => {
  it('the ones on Node images: cache-npm-ci, debugging-stage, deps-stage, lean-images-faded, lean-production-images, local-development-with-compose, named-stages-and-target, named-stages-faded, pitfalls, typescript-api-targets', () => {
    const withRunner = exerciseIds().filter((id) => exerciseHasRunner(loadExercise(id)));
    expect(withRunner.sort()).toEqual([
      'cache-npm-ci',
      'debugging-stage',
      'deps-stage',
      'lean-images-faded',
      'lean-production-images',
      'local-development-with-compose',
      'named-stages-and-target',
      'named-stages-faded',
      'pitfalls',
      'typescript-api-targets',
    ]);
  });

  it('needs every stage on a Node image, directly or through another stage', () => {
    expect(runsOnNodeImages('FROM node:22 AS build\nFROM build AS dev\nFROM node:22-slim\n')).toBe(true);
    expect(runsOnNodeImages('FROM node:22 AS build\nFROM nginx:1.27\n')).toBe(false);
    expect(runsOnNodeImages('FROM golang:1.23\n')).toBe(false);
    expect(runsOnNodeImages('FROM scratch\n')).toBe(false);
    expect(runsOnNodeImages('')).toBe(false);
  });
});

describe('ISOLATED_PATHS (src/security-headers.ts)', () => {
  it('lists exactly the lessons whose exercise has the runner', () => {
    const withRunner = new Set(exerciseIds().filter((id) => exerciseHasRunner(loadExercise(id))));
    const expected = [...lessonExercises()]
      .filter(([, ids]) => ids.some((id) => withRunner.has(id)))
      .map(([path]) => path)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect([...ISOLATED_PATHS].sort(), 'update ISOLATED_PATHS in src/security-headers.ts, then run `node scripts/write-headers.ts`').toEqual(expected);
  });
});
