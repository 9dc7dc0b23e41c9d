// The blanks of a faded worked example (src/exercises/blanks.ts): where they are, which blank of
// the starter each one is, the no-blanks goal's message, the editor's marks at the blanks
// (src/lib/workbench/blank-diagnostics.ts), and the loader's checks on an exercise with blanks.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { blankPrompts, findBlanks } from '../../src/exercises/blanks.ts';
import { evaluate } from '../../src/exercises/goals.ts';
import { EXERCISES_DIR, loadExercise, loadExerciseDir } from '../../src/exercises/load.ts';
import { BLANK_DIAGNOSTIC_ID, withBlanks } from '../../src/lib/workbench/blank-diagnostics.ts';
import { toEditorDiagnostics } from '../../src/lib/workbench/diagnostics.ts';

const FADED = ['what-is-a-stage-faded', 'named-stages-faded', 'lean-images-faded'];

describe('findBlanks', () => {
  it('finds each run of three or more underscores, with its line and column', () => {
    const text = 'FROM ___ AS build\nCOPY --from=____ /a /b\n';
    expect(findBlanks(text).map((b) => [b.line, b.column, text.slice(b.from, b.to)])).toEqual([
      [1, 6, '___'],
      [2, 13, '____'],
    ]);
  });

  it('does not take underscores inside a word for a blank', () => {
    expect(findBlanks('ENV MY___VAR=1 __init__ a_b\nRUN echo ___x')).toEqual([]);
  });
});

describe('blankPrompts', () => {
  const starter = 'FROM ___ AS build\nRUN make\nFROM alpine\nCOPY --from=___ /a /b\n';
  const asks = ['the compiler image', 'the stage name'];

  it('finds which starter blank a blank left is by its line, even when lines were added above it', () => {
    const text = '# mine\nFROM gcc:14 AS build\nRUN make\nFROM alpine\nCOPY  --from=___ /a /b\n';
    expect(blankPrompts(text, starter, asks).map(({ blank, asks: words }) => [blank.line, words])).toEqual([[5, 'the stage name']]);
  });

  it('has no words for a blank on a line the learner changed', () => {
    expect(blankPrompts('FROM ___ AS builder\n', starter, asks).map((p) => p.asks)).toEqual([null]);
  });
});

describe('the no-blanks goal', () => {
  for (const id of FADED) {
    it(`${id}: names the first blank left, its place and what it asks for, and counts the rest`, () => {
      const exercise = loadExercise(id);
      const goal = evaluate(exercise, exercise.starter).goals.find((g) => g.id === 'no-blanks')!;
      const first = findBlanks(exercise.starter)[0]!;
      expect(goal.passed).toBe(false);
      expect(goal.detail).toContain(`Line ${first.line}, column ${first.column} is still a blank (___): write `);
      expect(goal.detail).toMatch(/more blanks? (is|are) left after it\.$/);
      expect(evaluate(exercise, exercise.solution).goals.find((g) => g.id === 'no-blanks')!.passed).toBe(true);
    });

    it(`${id}: a blank left never gets a tick, even where Docker would build it`, () => {
      const exercise = loadExercise(id);
      const starterLines = exercise.starter.split('\n');
      const solutionLines = exercise.solution.split('\n');
      expect(solutionLines.length).toBe(starterLines.length);
      for (const blank of findBlanks(exercise.starter)) {
        // The solution with this one blank's line as the starter has it.
        const text = solutionLines.map((line, i) => (i === blank.line - 1 ? starterLines[i]! : line)).join('\n');
        const evaluation = evaluate(exercise, text);
        expect(evaluation.complete, text).toBe(false);
        expect(evaluation.goals.find((g) => g.id === 'no-blanks')!.passed).toBe(false);
      }
    });
  }
});

describe('the editor at the blanks', () => {
  it('marks each blank left with what it asks for, in place of the analyzer’s report there', () => {
    const exercise = loadExercise('what-is-a-stage-faded');
    const text = exercise.starter;
    const analyzer = toEditorDiagnostics(analyze(text).diagnostics, text.length, text);
    expect(analyzer.some((d) => d.message.includes('"___": invalid reference format'))).toBe(true);
    const shown = withBlanks(exercise, text, analyzer);
    const blanks = shown.filter((d) => d.id === BLANK_DIAGNOSTIC_ID);
    expect(blanks.map((d) => [text.slice(d.from, d.to), d.line, d.severity])).toEqual([
      ['___', 2, 'error'],
      ['___', 9, 'error'],
    ]);
    expect(blanks[0]!.message).toBe('This blank (___) is still to fill: write an image that has gcc, the C compiler (the official gcc image has it).');
    expect(shown.some((d) => d.message.includes('"___": invalid reference format'))).toBe(false);
  });

  it('leaves an exercise without a no-blanks goal as the analyzer says', () => {
    const exercise = loadExercise('what-is-a-stage');
    const text = 'FROM ___\n';
    const analyzer = toEditorDiagnostics(analyze(text).diagnostics, text.length, text);
    expect(withBlanks(exercise, text, analyzer)).toEqual(analyzer);
  });
});

describe('the loader and blanks', () => {
  /** Loads a copy of what-is-a-stage-faded with this starter (and exercise.yaml edited). */
  const load = (starter: string, edit: (yaml: string) => string = (yaml) => yaml) => {
    const root = mkdtempSync(join(tmpdir(), 'stagecraft-blanks-'));
    try {
      const dir = join(root, 'what-is-a-stage-faded');
      cpSync(join(EXERCISES_DIR, 'what-is-a-stage-faded'), dir, { recursive: true });
      writeFileSync(join(dir, 'starter.Dockerfile'), starter);
      writeFileSync(join(dir, 'exercise.yaml'), edit(readFileSync(join(dir, 'exercise.yaml'), 'utf8')));
      return loadExerciseDir(dir);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };

  it('refuses a goal that says what more or fewer blanks ask for than the starter has', () => {
    expect(() => load('FROM ___ AS build\n')).toThrow(/says what 2 blanks ask for, but starter.Dockerfile has 1/);
  });

  it('refuses a starter with blanks and no no-blanks goal', () => {
    const withoutGoal = (yaml: string) => yaml.replace(/ {2}- id: no-blanks[\s\S]*?(?= {2}- id: build-stage)/, '');
    expect(() => load('FROM ___ AS build\nFROM alpine\nCOPY --from=___ /a /b\n', withoutGoal)).toThrow(
      /starter.Dockerfile has 2 blanks \(___\) but no goal of kind no-blanks/,
    );
  });

  it('loads the exercise as it is', () => {
    expect(load(loadExercise('what-is-a-stage-faded').starter).goals[0]!.kind).toBe('no-blanks');
  });
});
