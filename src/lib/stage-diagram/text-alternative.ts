// A stage diagram's text alternative: one sentence that says what the picture shows (which
// stages a build of the target runs and skips, with which builder), and when Docker would
// refuse or stop the build, where and why. The figure's caption and the workbench's live
// summary read it; the SVG itself is aria-hidden.
import type { Analysis, Diagnostic } from '../../analyzer/index.ts';
import { ruleById } from '../../analyzer/rules/index.ts';
import { BUILDER_NAMES, type StageStatus } from './model.ts';

export interface TextAlternative {
  summary: string;
  failure: string | null;
  /** Docker's own errors, each with its line ("line 3: …"). */
  errors: string[];
}

function list(labels: string[]): string {
  return labels.length > 0 ? labels.join(', ') : 'nothing';
}

function lineOf(diagnostic: Diagnostic): string {
  return `line ${diagnostic.range.start.line}: ${diagnostic.message}`;
}

/** The target as a sentence names it: `prod`, `--target nope`, or `the last stage (prod)`. */
export function describeTarget(analysis: Pick<Analysis, 'target'>, labels: readonly string[]): string {
  const requested = analysis.target.requested;
  const index = analysis.target.index;
  if (requested !== null) return index >= 0 ? labels[index]! : `--target ${requested}`;
  const last = labels[labels.length - 1];
  return last ? `the last stage (${last})` : 'the last stage';
}

/**
 * Says what building the analysis's target does. Only Docker's own errors count: findings
 * of the lint rules, when the analysis ran them, do not make a build fail.
 */
export function textAlternative(
  analysis: Pick<Analysis, 'target' | 'plan' | 'stages' | 'diagnostics'>,
  labels: readonly string[],
  status: readonly StageStatus[],
): TextAlternative {
  const builderName = BUILDER_NAMES[analysis.plan.builder];
  const what = describeTarget(analysis, labels);
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error' && ruleById(d.id) === undefined);
  const runs = analysis.stages.filter((_, i) => status[i] === 'runs').map((s) => labels[s.index]!);
  const skips = analysis.stages.filter((_, i) => status[i] === 'skipped').map((s) => labels[s.index]!);
  const lines = errors.map(lineOf);
  if (!analysis.plan.fails)
    return { summary: `Building ${what} with ${builderName} runs: ${list(runs)}; skips: ${list(skips)}.`, failure: null, errors: lines };
  const first = errors[0]?.message ?? 'the analyzer predicts an error';
  const stopped = analysis.plan.stoppedAt;
  if (stopped && runs.length > 0) {
    const at = labels[stopped.stage]!;
    return {
      summary: `Building ${what} with ${builderName} runs: ${list(runs)}, then fails in ${at}.`,
      failure: `Docker stops the build in ${at} (line ${stopped.range.start.line}): ${first}`,
      errors: lines,
    };
  }
  return {
    summary: `Building ${what} with ${builderName} runs nothing: Docker refuses the build.`,
    failure: `Docker refuses this build with ${builderName}: ${first}`,
    errors: lines,
  };
}
