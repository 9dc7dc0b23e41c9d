// The workbench's state, computed from the learner's text and choices: pure, so tests and
// the benchmark run it in Node exactly as the browser does.
//
// One `snapshot` per edit (or per change of target / builder / Docker release): the analysis
// of the selected build drives the editor's diagnostics, the stage graph and the final-image
// summary; the goal engine
// (src/exercises/goals.ts) checks the exercise's goals, which name their own targets and
// builders, on today's Docker, and so do not depend on the pickers.
import { analyze } from '../../analyzer/index.ts';
import { DEFAULT_ENGINE } from '../../analyzer/engine.ts';
import type { Analysis, AnalyzeOptions, Builder, Engine } from '../../analyzer/model.ts';
import type { Evaluation, Exercise, GoalResult } from '../../exercises/types.ts';
import { layoutStageDiagram, type StageDiagram } from '../stage-diagram.ts';
import { toEditorDiagnostics, type EditorDiagnostic } from './diagnostics.ts';
import { finalImage, stageLabel, type FinalImage } from './summary.ts';

export interface Selection {
  /** `--target`; '' for the default (the last stage). */
  target: string;
  builder: Builder;
  /** The Docker release; today's (28.5) when absent. */
  engine?: Engine;
}

export const DEFAULT_SELECTION: Selection = { target: '', builder: 'buildkit', engine: DEFAULT_ENGINE };

export interface TargetChoice {
  /** The value for `--target` ('' = none). */
  value: string;
  label: string;
}

export interface Snapshot {
  text: string;
  selection: Selection;
  analysis: Analysis;
  diagnostics: EditorDiagnostic[];
  evaluation: Evaluation;
  diagram: StageDiagram;
  image: FinalImage;
  targets: TargetChoice[];
}

export type Evaluate = (exercise: Exercise, text: string) => Evaluation;

/** The options of the analysis the workbench shows (the editor's diagnostics, the graph, the image). */
export function analysisOptions(exercise: Pick<Exercise, 'files'>, selection: Selection): AnalyzeOptions {
  const dockerignore = exercise.files['.dockerignore'];
  return {
    target: selection.target || null,
    builder: selection.builder,
    engine: selection.engine ?? DEFAULT_ENGINE,
    ...(dockerignore === undefined ? {} : { dockerignore }),
  };
}

/** Everything the workbench shows for `text`. Never throws for any text (the analyzer does not).
 *  `analysis`: the analysis of `text` with analysisOptions(), when the caller has made it already. */
export function snapshot(
  exercise: Exercise,
  text: string,
  selection: Selection,
  evaluateGoals: Evaluate,
  analysis: Analysis = analyze(text, analysisOptions(exercise, selection)),
): Snapshot {
  return {
    text,
    selection,
    analysis,
    diagnostics: toEditorDiagnostics(analysis.diagnostics, text.length, text),
    evaluation: evaluateGoals(exercise, text),
    diagram: layoutStageDiagram(analysis),
    image: finalImage(analysis),
    targets: targetChoices(analysis, selection.target),
  };
}

/**
 * What the target picker offers: the default, then every named stage of the text (unnamed
 * stages cannot be a --target). A selected name the text no longer has stays listed, marked,
 * so the picker never changes the learner's choice behind their back (the analysis then
 * reports Docker's "target stage could not be found").
 */
export function targetChoices(analysis: Analysis, selected: string): TargetChoice[] {
  const last = analysis.stages[analysis.stages.length - 1];
  const choices: TargetChoice[] = [{ value: '', label: last ? `Default: the last stage (${stageLabel(last)})` : 'Default: the last stage' }];
  const seen = new Set<string>();
  for (const stage of analysis.stages) {
    if (stage.name === null || seen.has(stage.name)) continue;
    seen.add(stage.name);
    choices.push({ value: stage.name, label: stage.nameAsWritten ?? stage.name });
  }
  if (selected !== '' && !seen.has(selected.toLowerCase())) choices.push({ value: selected, label: `${selected} (no such stage now)` });
  return choices;
}

/**
 * What to announce after an edit: one sentence per goal whose state changed, and the
 * completion when every goal now passes. Nothing on the first evaluation (null before).
 */
export function goalChanges(previous: readonly GoalResult[] | null, next: Evaluation): string[] {
  if (previous === null) return [];
  const before = new Map(previous.map((goal) => [goal.id, goal.passed]));
  const messages: string[] = [];
  for (const goal of next.goals) {
    const was = before.get(goal.id);
    if (was === undefined || was === goal.passed) continue;
    messages.push(goal.passed ? `Goal passed: ${goal.statement}` : `Goal no longer passes: ${goal.statement}`);
  }
  const wasComplete = previous.length > 0 && previous.every((goal) => goal.passed);
  if (next.complete && !wasComplete) messages.push('All goals pass. Exercise complete.');
  return messages;
}

/** "Passed" / "Not yet": the goal's state in words (colour only repeats it). */
export function goalStateText(goal: Pick<GoalResult, 'passed'>): 'Passed' | 'Not yet' {
  return goal.passed ? 'Passed' : 'Not yet';
}

/** "Goals passing: 2 of 3" */
export function goalTally(evaluation: Evaluation): string {
  const passed = evaluation.goals.filter((g) => g.passed).length;
  return `Goals passing: ${passed} of ${evaluation.goals.length}`;
}
