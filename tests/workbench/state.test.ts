// The workbench's state (src/lib/workbench/state.ts): one snapshot per edit, the target
// picker's choices, the goal-change announcements and the hint ladder.

import { evaluate } from '../../src/exercises/goals.ts';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { exerciseIds, loadExercise } from '../../src/exercises/load.ts';
import type { Evaluation, GoalResult } from '../../src/exercises/types.ts';
import { DEFAULT_SELECTION, goalChanges, goalStateText, goalTally, snapshot, targetChoices } from '../../src/lib/workbench/state.ts';

const goal = (id: string, passed: boolean): GoalResult => ({ id, statement: `statement ${id}`, passed, detail: passed ? '' : 'why', hints: ['h'] });
const evaluation = (...goals: GoalResult[]): Evaluation => ({ goals, complete: goals.every((g) => g.passed), diagnostics: [] });

describe('snapshot', () => {
  const ids = exerciseIds();

  it.each(ids)('%s: the starter is not complete and the solution is', (id) => {
    const exercise = loadExercise(id);
    const starter = snapshot(exercise, exercise.starter, DEFAULT_SELECTION, evaluate);
    const solution = snapshot(exercise, exercise.solution, DEFAULT_SELECTION, evaluate);
    expect(starter.evaluation.complete).toBe(false);
    expect(solution.evaluation.complete).toBe(true);
    expect(solution.image.status).toBe('ok');
    expect(solution.diagram.nodes.length).toBe(solution.analysis.stages.length);
  });

  it('analyzes the selected target and builder for the editor, the graph and the summary', () => {
    const exercise = loadExercise('named-stages-and-target');
    const dev = snapshot(exercise, exercise.starter, { target: 'dev', builder: 'classic' }, evaluate);
    expect(dev.analysis.plan.builder).toBe('classic');
    expect(dev.diagram.summary).toContain('classic builder');
    expect(dev.image.status === 'ok' && dev.image.stage).toBe('dev');
    // Goals name their own scopes: the picker does not change them.
    expect(dev.evaluation).toEqual(snapshot(exercise, exercise.starter, DEFAULT_SELECTION, evaluate).evaluation);
  });

  it("reports Docker's error for a target the text does not have", () => {
    const exercise = loadExercise('named-stages-and-target');
    const snap = snapshot(exercise, exercise.starter, { target: 'nope', builder: 'buildkit' }, evaluate);
    expect(snap.diagnostics.some((d) => d.id === 'unknown-target' && d.severity === 'error')).toBe(true);
    expect(snap.image.status).toBe('fails');
    expect(snap.diagram.failure).toContain('could not be found');
  });

  it('never throws, whatever the text', () => {
    const exercise = loadExercise('named-stages-and-target');
    for (const text of ['', '\n', 'FROM', 'FROM a AS b\nCOPY --from=b / /\n', 'RUN <<EOF\n', '\u0000\uffff', 'FROM x AS a\nFROM a AS a\n']) {
      expect(() => snapshot(exercise, text, DEFAULT_SELECTION, evaluate)).not.toThrow();
    }
  });
});

describe('targetChoices', () => {
  it('offers the default and every named stage, once, as written', () => {
    const analysis = analyze('FROM a AS Build\nFROM b\nFROM c AS prod\n');
    expect(targetChoices(analysis, '')).toEqual([
      { value: '', label: 'Default: the last stage (prod)' },
      { value: 'build', label: 'Build' },
      { value: 'prod', label: 'prod' },
    ]);
  });

  it('keeps a selected name the text no longer has, marked', () => {
    const choices = targetChoices(analyze('FROM a AS prod\n'), 'dev');
    expect(choices.at(-1)).toEqual({ value: 'dev', label: 'dev (no such stage now)' });
    expect(targetChoices(analyze('FROM a AS Prod\n'), 'prod').some((c) => c.label.includes('no such'))).toBe(false);
  });
});

describe('goalChanges', () => {
  it('announces nothing on the first evaluation', () => {
    expect(goalChanges(null, evaluation(goal('a', true)))).toEqual([]);
  });

  it('announces only goals whose state changed', () => {
    const before = [goal('a', false), goal('b', true), goal('c', false)];
    expect(goalChanges(before, evaluation(goal('a', true), goal('b', false), goal('c', false)))).toEqual([
      'Goal passed: statement a',
      'Goal no longer passes: statement b',
    ]);
    expect(goalChanges(before, evaluation(...before))).toEqual([]);
  });

  it('announces the completion once', () => {
    const before = [goal('a', false), goal('b', true)];
    const done = evaluation(goal('a', true), goal('b', true));
    expect(goalChanges(before, done)).toEqual(['Goal passed: statement a', 'All goals pass. Exercise complete.']);
    expect(goalChanges(done.goals, done)).toEqual([]);
  });
});

describe('words for the goals and hints', () => {
  it('says the state of a goal in words', () => {
    expect(goalStateText({ passed: true })).toBe('Passed');
    expect(goalStateText({ passed: false })).toBe('Not yet');
    expect(goalTally(evaluation(goal('a', true), goal('b', false)))).toBe('Goals passing: 1 of 2');
  });
});
