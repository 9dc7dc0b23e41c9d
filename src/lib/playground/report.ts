// Everything the playground shows for a Dockerfile, computed from the text and the
// learner's choices (target, builder, Docker release, build arguments): the diagnostics, the
// stage graph and the final image of the selected build, whether the other Docker release
// does the same with it, and the plan of every target with both builders. Pure, so the page renders the sample with it at build time, the browser on
// every edit, and the tests in Node.
import { analyze } from '../../analyzer/index.ts';
import { DEFAULT_ENGINE } from '../../analyzer/index.ts';
import type { Analysis, Builder, Engine } from '../../analyzer/model.ts';
import { layoutStageDiagram, type StageDiagram } from '../stage-diagram.ts';
import { toEditorDiagnostics, type EditorDiagnostic } from '../workbench/diagnostics.ts';
import { compareEngines, type EngineComparison } from './engine-compare.ts';
import { finalImage, type FinalImage } from '../workbench/summary.ts';
import { targetPlans, type TargetPlans } from './target-plans.ts';
import { runSteps } from '../workbench/run-steps.ts';

export interface Selection {
  /** `--target`; '' for the default (the last stage). */
  target: string;
  builder: Builder;
  /** The Docker release; today's (28.5) when absent. */
  engine?: Engine;
  buildArgs: Record<string, string>;
}

export interface ListedDiagnostic extends EditorDiagnostic {
  /** 1-based column of the start. */
  column: number;
}

export interface TargetChoice {
  value: string;
  label: string;
}

export interface BuildReport {
  analysis: Analysis;
  diagnostics: ListedDiagnostic[];
  diagram: StageDiagram;
  image: FinalImage;
  /** What the other Docker release does with the same build. */
  engines: EngineComparison;
}

/** The selected build: its diagnostics (lint rules included), graph and final image. */
export function buildReport(text: string, selection: Selection): BuildReport {
  return completeReport(text, selection, buildDiagnostics(text, selectedAnalysis(text, selection)));
}

/** The analyzer's options for the selected build. */
function selectionOptions(selection: Selection) {
  return { target: selection.target || null, builder: selection.builder, engine: selection.engine ?? DEFAULT_ENGINE, buildArgs: selection.buildArgs };
}

/** The analysis of the selected build (what the editor's diagnostics come from). */
export function selectedAnalysis(text: string, selection: Selection): Analysis {
  return analyze(text, selectionOptions(selection));
}

/** The part of a BuildReport the editor needs first: the diagnostics, with their columns. */
export function buildDiagnostics(text: string, analysis: Analysis): Pick<BuildReport, 'analysis' | 'diagnostics'> {
  const diagnostics = toEditorDiagnostics(analysis.diagnostics, text.length, text).map((d) => ({ ...d, column: d.from - text.lastIndexOf('\n', d.from - 1) }));
  return { analysis, diagnostics };
}

/** The rest of a BuildReport (graph, final image, the other engine's outcome), from the diagnostics part. */
export function completeReport(text: string, selection: Selection, part: Pick<BuildReport, 'analysis' | 'diagnostics'>): BuildReport {
  return runSteps(completeReportSteps(text, selection, part));
}

/** completeReport in steps (the graph's layout; the other engine's analysis), for the page to run between keystrokes. */
export function* completeReportSteps(
  text: string,
  selection: Selection,
  part: Pick<BuildReport, 'analysis' | 'diagnostics'>,
): Generator<void, BuildReport, unknown> {
  const diagram = layoutStageDiagram(part.analysis);
  const image = finalImage(part.analysis);
  yield;
  return { ...part, diagram, image, engines: compareEngines(text, selectionOptions(selection), part.analysis) };
}

export interface PlaygroundReport {
  build: BuildReport;
  plans: TargetPlans;
  targets: TargetChoice[];
}

export function playgroundReport(text: string, selection: Selection): PlaygroundReport {
  const plans = targetPlans(text, selection.buildArgs, undefined, selection.engine);
  return { build: buildReport(text, selection), plans, targets: targetChoices(plans, selection.target) };
}

/**
 * What the target picker offers: one choice per row of the plans (the default first when
 * the last stage is the only one, else in stage order). A selected target the text does
 * not have (any more) stays listed, marked, so the picker never changes the learner's
 * choice behind their back; the analysis then gives Docker's "target stage … could not be found".
 */
export function targetChoices(plans: TargetPlans, selected: string): TargetChoice[] {
  const choices = plans.plans.map((plan) => ({ value: plan.value, label: plan.isDefault ? `${plan.label} (default)` : plan.label }));
  if (choices.length === 0) choices.push({ value: '', label: 'Default: the last stage' });
  if (selected !== '' && !choices.some((c) => c.value === selected)) choices.push({ value: selected, label: `${selected} (no such stage now)` });
  return choices;
}

/**
 * A --target as the picker holds it: the last stage's own name is the default ('') — the
 * same build, and the plans list it once — and names ignore case, as in Docker.
 */
export function pickerTarget(plans: TargetPlans, target: string): string {
  if (target === '') return '';
  const lower = target.toLowerCase();
  const plan = plans.plans.find((p) => p.value === lower || p.label.toLowerCase() === lower);
  return plan ? plan.value : target;
}

/** "For the default target (prod), built with BuildKit on Docker 28.5.": what the problems list is about. */
export function contextLine(plans: TargetPlans, target: string, builder: Builder, engine: Engine = DEFAULT_ENGINE): string {
  const last = plans.plans.find((plan) => plan.isDefault);
  const what = target === '' ? `the default target${last ? ` (${last.label})` : ''}` : `--target ${target}`;
  return `For ${what}, built with ${builder === 'buildkit' ? 'BuildKit' : 'the classic builder'} on Docker ${engine}.`;
}
