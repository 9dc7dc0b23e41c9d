// The playground's line about the two Docker releases: for the build on show, whether Docker
// 28.5 and 26.1 do the same with it, and when not, what each does (its result and Docker's
// error, the stages it runs, the build checks it prints). Pure, like the rest of the report.
import { analyze } from '../../analyzer/index.ts';
import { DEFAULT_ENGINE } from '../../analyzer/engine.ts';
import type { Analysis, AnalyzeOptions } from '../../analyzer/model.ts';
import { stageLabel } from '../workbench/summary.ts';

export interface EngineComparison {
  /** The two engines do something different with this build. */
  differs: boolean;
  /** What each does (plain text). */
  text: string;
}

/** What one engine does with the build, in words: equal words, same behaviour. */
function outcome(analysis: Analysis): string {
  const { plan, diagnostics, stages } = analysis;
  const error = diagnostics.find((d) => d.severity === 'error');
  if (plan.fails) return `refuses it: “${error?.message}” (line ${error?.range.start.line})`;
  // The build checks the engine prints itself (28.5 with BuildKit).
  const checks = [...new Set(diagnostics.filter((d) => d.engineReports).map((d) => d.sources?.buildkit))];
  const printed = checks.length > 0 ? ` and prints build-check warnings (${checks.join(', ')})` : '';
  return `builds it (stages run: ${plan.stages.map((i) => stageLabel(stages[i]!)).join(', ')})${printed}`;
}

/** `shown` is the build on show, analysed with `options` (lint rules on); the other engine's
 *  analysis of the same build is made here. */
export function compareEngines(text: string, options: AnalyzeOptions, shown: Analysis): EngineComparison {
  const other = analyze(text, { ...options, engine: shown.plan.engine === DEFAULT_ENGINE ? '26.1' : DEFAULT_ENGINE });
  const [today, older] = shown.plan.engine === DEFAULT_ENGINE ? [outcome(shown), outcome(other)] : [outcome(other), outcome(shown)];
  return today === older
    ? { differs: false, text: 'Docker 28.5 and Docker 26.1 do the same with this build.' }
    : { differs: true, text: `The engines differ here: Docker 28.5 ${today}; Docker 26.1 ${older}.` };
}
