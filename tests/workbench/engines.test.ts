// The Docker release picker of the workbench and the playground (src/lib/workbench/engines.ts,
// engine-choices.ts): today's engine first and by default; and the playground's sentence that
// says whether Docker 26.1 does the same with the build on show (src/lib/playground/engine-compare.ts). The Dockerfiles are fixtures whose behaviour both real
// engines recorded (tests/fixtures/builds/README.md, held to the analyzer by goldens.test.ts).
import { evaluate } from '../../src/exercises/goals.ts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import type { AnalyzeOptions } from '../../src/analyzer/model.ts';
import { loadExercise } from '../../src/exercises/load.ts';
import { contextLine, playgroundReport } from '../../src/lib/playground/report.ts';
import { SAMPLE_DOCKERFILE } from '../../src/lib/playground/sample.ts';
import { ENGINE_CHOICES } from '../../src/lib/workbench/engine-choices.ts';
import { engineOf } from '../../src/lib/workbench/engines.ts';
import { compareEngines } from '../../src/lib/playground/engine-compare.ts';
import { DEFAULT_SELECTION, snapshot } from '../../src/lib/workbench/state.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/builds/${name}/Dockerfile`, import.meta.url), 'utf8');

/** The comparison as the page shows it, from either engine's side. */
function compare(text: string, options: AnalyzeOptions = {}) {
  const fromToday = compareEngines(text, options, analyze(text, options));
  const olderOptions = { ...options, engine: '26.1' as const };
  // The sentence does not depend on which engine is on show.
  expect(compareEngines(text, olderOptions, analyze(text, olderOptions))).toEqual(fromToday);
  return fromToday;
}

describe('the picker', () => {
  it('offers today’s Docker first, marked, then 26.1; anything else reads as today’s', () => {
    expect(ENGINE_CHOICES).toEqual([
      { value: '28.5', label: 'Docker 28.5 (today)', checked: true },
      { value: '26.1', label: 'Docker 26.1', checked: false },
    ]);
    expect(engineOf('26.1')).toBe('26.1');
    expect(engineOf('28.5')).toBe('28.5');
    for (const value of ['27.0', '', null, undefined, '<b>']) expect(engineOf(value)).toBe('28.5');
  });
});

describe('do the two engines do the same with this build?', () => {
  it('the same: the playground’s sample', () => {
    expect(compare(SAMPLE_DOCKERFILE)).toEqual({ differs: false, text: 'Docker 28.5 and Docker 26.1 do the same with this build.' });
  });

  it('one builds, the other refuses (copy-exclude, both builders)', () => {
    for (const builder of ['buildkit', 'classic'] as const) {
      expect(compare(fixture('copy-exclude'), { builder })).toEqual({
        differs: true,
        text: 'The engines differ here: Docker 28.5 builds it (stages run: stage 0); Docker 26.1 refuses it: “unknown flag: exclude” (line 4).',
      });
    }
  });

  it('28.5 refuses what 26.1 builds, with BuildKit only (check-error-stage-name-casing, copy-chmod-invalid)', () => {
    expect(compare(fixture('check-error-stage-name-casing')).text).toBe(
      'The engines differ here: Docker 28.5 refuses it: “lint violation found for rules: StageNameCasing” (line 1); Docker 26.1 builds it (stages run: final).',
    );
    expect(compare(fixture('copy-chmod-invalid')).text).toMatch(
      /^The engines differ here: Docker 28\.5 refuses it: “invalid chmod parameter: '8888'.*; Docker 26\.1 builds it \(stages run: /,
    );
    expect(compare(fixture('check-error-stage-name-casing'), { builder: 'classic' }).differs).toBe(false);
    expect(compare(fixture('copy-chmod-invalid'), { builder: 'classic' }).differs).toBe(false);
  });

  it('both refuse, in other words (copy-from-without-equals)', () => {
    expect(compare(fixture('copy-from-without-equals')).text).toBe(
      'The engines differ here: Docker 28.5 refuses it: “missing a value on flag: --from” (line 6); Docker 26.1 refuses it: “missing a value on flag: from” (line 6).',
    );
  });

  it('the same refusal in the same words is no difference', () => {
    expect(compare('FROM alpine:3.20\nCOPY --from=nope /a /b\n', { target: 'missing' }).differs).toBe(false);
  });

  it('build checks: only 28.5 with BuildKit prints them', () => {
    const lowerAs = 'FROM alpine:3.20 as build\nRUN echo hi\n';
    expect(compare(lowerAs)).toEqual({
      differs: true,
      text: 'The engines differ here: Docker 28.5 builds it (stages run: build) and prints build-check warnings (FromAsCasing); Docker 26.1 builds it (stages run: build).',
    });
    expect(compare(fixture('duplicate-stage-name')).text).toMatch(
      /^The engines differ here: Docker 28\.5 builds it \(stages run: [^)]*\) and prints build-check warnings \(DuplicateStageName\); Docker 26\.1 builds it \(stages run: [^)]*\)\.$/,
    );
    // The classic builder runs no checks on either engine; a skipped check is not printed.
    expect(compare(lowerAs, { builder: 'classic' }).differs).toBe(false);
    expect(compare(`# check=skip=FromAsCasing\n${lowerAs}`).differs).toBe(false);
  });
});

describe('the playground and the workbench follow the picked engine', () => {
  it('playground: the selected build, the table of every target and the context line', () => {
    const today = playgroundReport(fixture('copy-exclude'), { target: '', builder: 'buildkit', buildArgs: {} });
    expect(today.build.analysis.plan.engine).toBe('28.5');
    expect(today.plans.plans.every((p) => !p.buildkit.fails && !p.classic.fails)).toBe(true);
    expect(today.build.engines.differs).toBe(true);

    const older = playgroundReport(fixture('copy-exclude'), { target: '', builder: 'buildkit', engine: '26.1', buildArgs: {} });
    expect(older.build.analysis.plan.engine).toBe('26.1');
    expect(older.build.diagnostics.map((d) => d.message)).toContain('unknown flag: exclude');
    expect(older.plans.plans.every((p) => p.buildkit.error?.message === 'unknown flag: exclude' && p.classic.fails)).toBe(true);
    expect(older.build.engines).toEqual(today.build.engines);
    expect(contextLine(older.plans, '', 'classic', '26.1')).toBe('For the default target (stage 0), built with the classic builder on Docker 26.1.');
    expect(contextLine(today.plans, '', 'buildkit')).toBe('For the default target (stage 0), built with BuildKit on Docker 28.5.');
  });

  it('workbench: the snapshot analyses the picked engine; the goals stay on today’s', () => {
    const exercise = loadExercise('named-stages-and-target');
    const text = `${exercise.solution}\nCOPY --exclude=*.md package.json /tmp/\n`;
    const today = snapshot(exercise, text, DEFAULT_SELECTION, evaluate);
    const older = snapshot(exercise, text, { ...DEFAULT_SELECTION, engine: '26.1' }, evaluate);
    expect(DEFAULT_SELECTION.engine).toBe('28.5');
    expect(today.analysis.plan.engine).toBe('28.5');
    expect(today.diagnostics.some((d) => d.message === 'unknown flag: exclude')).toBe(false);
    expect(older.analysis.plan.engine).toBe('26.1');
    expect(older.diagnostics.some((d) => d.message === 'unknown flag: exclude' && d.severity === 'error')).toBe(true);
    expect(older.evaluation).toEqual(today.evaluation);
  });
});
