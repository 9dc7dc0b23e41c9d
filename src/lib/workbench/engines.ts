// The Docker release picker shared by the workbench and the playground, and the sentence
// that says whether the two releases the analyzer models do the same with the build the
// learner is looking at. Today's Docker (28.5) is the default; 26.1 is there to compare,
// because people still run it and the course says "on Docker 26.1 …" where it differs.
// Pure: the islands call it on every analysis, the tests in Node.
import { analyze, DEFAULT_ENGINE, ENGINES, isEngine } from '../../analyzer/index.ts';
import { engineFacts } from '../../analyzer/engine.ts';
import type { Analysis, AnalyzeOptions, Diagnostic, Engine } from '../../analyzer/model.ts';
import { stageLabel } from './summary.ts';

export interface EngineChoice {
  value: Engine;
  label: string;
}

/** The picker's radios, today's engine first. */
export const ENGINE_CHOICES: readonly EngineChoice[] = ENGINES.map((value) => ({
  value,
  label: value === DEFAULT_ENGINE ? `Docker ${value} (today)` : `Docker ${value}`,
}));

/** A radio's value as an engine; anything else is today's. */
export function engineOf(value: string | null | undefined): Engine {
  return isEngine(value) ? value : DEFAULT_ENGINE;
}

export interface EngineComparison {
  /** The two engines do something different with this build. */
  differs: boolean;
  /** What each does, in a sentence or two (plain text). */
  text: string;
}

interface Outcome {
  engine: Engine;
  label: string;
  fails: boolean;
  error: Diagnostic | null;
  runs: string[];
  /** The build checks this engine prints itself (28.5 with BuildKit). */
  checks: string[];
}

function outcome(analysis: Analysis): Outcome {
  const labels = analysis.stages.map(stageLabel);
  return {
    engine: analysis.plan.engine,
    label: `Docker ${analysis.plan.engine}`,
    fails: analysis.plan.fails,
    error: analysis.diagnostics.find((d) => d.severity === 'error') ?? null,
    runs: analysis.plan.stages.map((i) => labels[i]!),
    checks: analysis.diagnostics.filter((d) => d.engineReports === true).map((d) => d.sources?.buildkit ?? d.id),
  };
}

const quoted = (error: Diagnostic | null): string => (error ? `“${error.message}” (line ${error.range.start.line})` : 'an error');
const list = (labels: string[]): string => (labels.length === 0 ? 'no stage' : labels.join(', '));

/** How the build's result differs, or null when both build the same stages or fail alike. */
function outcomeDifference(today: Outcome, older: Outcome): string | null {
  if (today.fails && !older.fails) return `${today.label} refuses this build: ${quoted(today.error)}. ${older.label} builds it.`;
  if (!today.fails && older.fails) return `${today.label} builds this; ${older.label} refuses it: ${quoted(older.error)}.`;
  if (today.fails) {
    if (today.error?.message === older.error?.message) return null;
    return `Both refuse this build, with different errors: ${today.label} says ${quoted(today.error)}; ${older.label} says ${quoted(older.error)}.`;
  }
  if (today.runs.join('\u0000') === older.runs.join('\u0000')) return null;
  return `Both build it, but ${today.label} runs ${list(today.runs)} and ${older.label} runs ${list(older.runs)}.`;
}

/** Build checks one engine prints and the other does not (only 28.5 has them). */
function checksDifference(a: Outcome, b: Outcome): string | null {
  if (a.fails || b.fails || a.checks.length === b.checks.length) return null;
  const [has, lacks] = a.checks.length > b.checks.length ? [a, b] : [b, a];
  const names = [...new Set(has.checks)].join(', ');
  const count = has.checks.length === 1 ? 'a build-check warning' : `${has.checks.length} build-check warnings`;
  const none = engineFacts(lacks.engine).buildChecks ? 'prints none' : 'prints none (it has no build checks)';
  return `${has.label} also prints ${count} (${names}); ${lacks.label} ${lacks.checks.length === 0 ? none : `prints ${lacks.checks.length}`}.`;
}

/**
 * What the other engine does with the build `shown` describes (same text, target, builder
 * and build arguments). `options` are the ones `shown` was analysed with.
 */
export function compareEngines(text: string, options: AnalyzeOptions, shown: Analysis): EngineComparison {
  const other = ENGINES.find((engine) => engine !== shown.plan.engine)!;
  const otherAnalysis = analyze(text, { ...options, engine: other, rules: true });
  const [today, older] = shown.plan.engine === DEFAULT_ENGINE ? [outcome(shown), outcome(otherAnalysis)] : [outcome(otherAnalysis), outcome(shown)];
  const differences = [outcomeDifference(today, older), checksDifference(today, older)].filter((s): s is string => s !== null);
  if (differences.length === 0) return { differs: false, text: `${today.label} and ${older.label} do the same with this build.` };
  return { differs: true, text: `The engines differ here. ${differences.join(' ')}` };
}
