// What the workbench writes reads as written: for every Dockerfile the course shows or
// expects (lessons, exercise starters, solutions and answer tables, recorded fixtures), none of
// the sentences it shows (goal details and hints, problems and their hints, the stage graph's
// summary, the final image) has "stage stage", a full stop doubled after a code span, an en
// dash where a flag's "--" belongs, or an unmatched backtick that would show as a literal one.

import { evaluate } from '../../src/exercises/goals.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnswerTable } from '../../src/exercises/answers.ts';
import { exerciseIds, loadExercise } from '../../src/exercises/load.ts';
import { sentence } from '../../src/lib/workbench/diagnostics.ts';
import { DEFAULT_SELECTION, snapshot } from '../../src/lib/workbench/state.ts';
import { describeCopy, summaryRows } from '../../src/lib/workbench/summary.ts';
import { lessonDockerfiles } from '../support/lesson-dockerfiles.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'builds');
const fixtures = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => {
    try {
      return [readFileSync(join(FIXTURES, entry.name, 'Dockerfile'), 'utf8')];
    } catch {
      return [];
    }
  });

const exercises = exerciseIds().map((id) => loadExercise(id));
/** Each exercise with the Dockerfiles a learner of it may write: its starter, solution and answer table. */
const perExercise = exercises.map((exercise) => {
  const table = loadAnswerTable(exercise.id);
  return { exercise, texts: [exercise.starter, exercise.solution, ...[...table.correct, ...table.wrong].map((a) => a.dockerfile)] };
});
/** And every Dockerfile the course shows or records, for the analysis panels. */
const corpus = [...new Set([...lessonDockerfiles().map((d) => d.text), ...perExercise.flatMap((e) => e.texts), ...fixtures])];

/** Every sentence the workbench would show for `text` in `exercise` with the default picker. */
function shownTexts(exercise: (typeof exercises)[number], text: string): string[] {
  const snap = snapshot(exercise, text, DEFAULT_SELECTION, evaluate);
  const image = snap.image.status === 'ok' ? snap.image.copies.map(describeCopy) : [];
  return [
    ...snap.evaluation.goals.flatMap((goal) => [goal.statement, goal.detail, ...goal.hints]),
    ...exercise.hints,
    ...snap.diagnostics.flatMap((d) => [sentence(d.message), sentence(d.hint)]),
    snap.diagram.summary,
    snap.diagram.failure ?? '',
    ...summaryRows(snap.image).map((row) => row.detail),
    ...image,
  ];
}

function problemsIn(text: string): string[] {
  const problems: string[] = [];
  if (/\bstage stage\b/.test(text)) problems.push('"stage stage"');
  if (/\.`\./.test(text)) problems.push('a full stop doubled after a code span');
  if (/[–—](from|target|build-arg|omit|mount|platform|chmod|chown|link)\b/.test(text)) problems.push('an en dash for --');
  if ((text.match(/`/g) ?? []).length % 2 === 1) problems.push('an unmatched backtick');
  return problems;
}

describe('the workbench’s sentences', () => {
  it(`read as written for ${corpus.length} Dockerfiles, and for each exercise's answers`, () => {
    expect(corpus.length).toBeGreaterThan(150);
    const found = new Map<string, string>();
    const check = (texts: string[]) => {
      for (const shown of texts) for (const problem of problemsIn(shown)) if (!found.has(shown)) found.set(shown, problem);
    };
    for (const text of corpus) check(shownTexts(exercises[0]!, text));
    for (const { exercise, texts } of perExercise) for (const text of texts) check(shownTexts(exercise, text));
    expect([...found].map(([text, problem]) => `${problem}: ${text}`)).toEqual([]);
  }, 60_000);

  it('the checks find what they look for', () => {
    expect(problemsIn('from stage stage 0')).toEqual(['"stage stage"']);
    expect(problemsIn('then `COPY . .`.')).toEqual(['a full stop doubled after a code span']);
    expect(problemsIn('use –target prod')).toEqual(['an en dash for --']);
    expect(problemsIn('a ` stray')).toEqual(['an unmatched backtick']);
    expect(problemsIn('then `COPY . .`')).toEqual([]);
  });
});
