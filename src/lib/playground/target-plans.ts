// What `docker build` does for every target of a Dockerfile, with BuildKit and with the
// classic builder side by side: the stages each runs, in order, what BuildKit skips, and
// whether (and where) the build fails with Docker's error. The heart of the playground's
// table, and where the two builders part ways: the classic builder runs every stage up to
// the target, BuildKit only those the target needs.
//
// The targets are what `--target` can name: every named stage, plus the default (the last
// stage, no --target). An unnamed stage before the last cannot be built on its own, and is
// listed as such. Docker's own errors only (rules: false): lint findings never stop a build.
import { analyze } from '../../analyzer/index.ts';
import type { Analysis, Builder, Engine } from '../../analyzer/model.ts';
import { stageLabel } from '../workbench/summary.ts';
import { runSteps } from '../workbench/run-steps.ts';

/** Each target costs two analyses; a file with more stages shows the first ones. */
export const MAX_TARGETS = 40;
/**
 * Characters analysed for the table per edit, at most: the analyses run on every pause in
 * typing, and a long file with many stages would otherwise keep the page busy for seconds
 * (40 stages of 7 KB each: 80 analyses of 270 KB).
 */
export const TABLE_WORK_BUDGET = 1_500_000;
const MIN_TARGETS = 3;

/** How many targets the table analyses for a text of `length` characters. */
export function targetLimit(length: number): number {
  return Math.max(MIN_TARGETS, Math.min(MAX_TARGETS, Math.floor(TABLE_WORK_BUDGET / (2 * Math.max(1, length)))));
}

export interface BuilderRun {
  builder: Builder;
  /** The stages the build runs, in order (a failing one last, see `stoppedIn`). */
  runs: string[];
  /** The stages it does not run (BuildKit skips what the target does not need; neither builder goes past the target). Empty when the build is refused outright. */
  skips: string[];
  fails: boolean;
  /** The stage the build stops in, when it fails part-way (it ran the stages before). */
  stoppedIn: string | null;
  /** Docker's error, when the build fails. */
  error: { message: string; line: number } | null;
}

export interface TargetPlan {
  /** The `--target` value; '' for the default. */
  value: string;
  /** The stage's name as written, or `stage N`. */
  label: string;
  /** No --target: the last stage. */
  isDefault: boolean;
  buildkit: BuilderRun;
  classic: BuilderRun;
  /** The builders run different stages, or only one of them fails. */
  differs: boolean;
}

export interface TargetPlans {
  plans: TargetPlan[];
  /** Labels of unnamed stages before the last: no --target can build them. */
  unnamed: string[];
  /** Targets left out past the limit (MAX_TARGETS, less for long files: targetLimit). */
  omitted: number;
}

function builderRun(analysis: Analysis): BuilderRun {
  const { plan, stages } = analysis;
  const labels = stages.map(stageLabel);
  const error = analysis.diagnostics.find((d) => d.severity === 'error');
  const ran = new Set(plan.stages);
  const stoppedIn = plan.fails && plan.stoppedAt ? plan.stoppedAt.stage : null;
  // A build that fails on reaching a stage's FROM has not started it, but that is where it
  // stops (Docker prints the step): the row shows it last, as failing.
  const reached = stoppedIn !== null && !ran.has(stoppedIn) ? [...plan.stages, stoppedIn] : plan.stages;
  return {
    builder: plan.builder,
    runs: reached.map((i) => labels[i]!),
    // A refused build runs nothing and skips nothing: it never started.
    skips: plan.fails && plan.stages.length === 0 ? [] : stages.filter((s) => !ran.has(s.index) && s.index !== stoppedIn).map((s) => labels[s.index]!),
    fails: plan.fails,
    stoppedIn: stoppedIn === null ? null : labels[stoppedIn]!,
    error: plan.fails && error ? { message: error.message, line: error.range.start.line } : null,
  };
}

function sameRun(a: BuilderRun, b: BuilderRun): boolean {
  return a.fails === b.fails && a.runs.length === b.runs.length && a.runs.every((label, i) => label === b.runs[i]);
}

/** One row per target of `text` (see the module comment), in the order of the stages, on `engine` (today's by default). */
export function targetPlans(text: string, buildArgs: Record<string, string> = {}, limit = targetLimit(text.length), engine?: Engine): TargetPlans {
  return runSteps(targetPlanSteps(text, buildArgs, limit, engine));
}

/**
 * targetPlans as steps of one analysis each (the page runs them in idle callbacks, a few at
 * a time, so a long file's table never blocks a keystroke: src/lib/workbench/refresh-scheduler.ts).
 */
export function* targetPlanSteps(
  text: string,
  buildArgs: Record<string, string> = {},
  limit = targetLimit(text.length),
  engine?: Engine,
): Generator<void, TargetPlans, unknown> {
  // The stages as BuildKit reads them (both builders parse the same stages).
  const { stages } = analyze(text, { buildArgs, engine, rules: false });
  const last = stages.length - 1;
  const targets: Array<{ value: string; label: string; isDefault: boolean }> = [];
  const unnamed: string[] = [];
  const seen = new Set<string>();
  for (const stage of stages) {
    const isDefault = stage.index === last;
    if (stage.name === null) {
      if (isDefault) targets.push({ value: '', label: stageLabel(stage), isDefault });
      else unnamed.push(stageLabel(stage));
      continue;
    }
    // --target picks a name once; a second stage of that name gets no row of its own
    // (the builders disagree on which one it means, and the row says what each does).
    if (seen.has(stage.name)) {
      if (isDefault) targets.push({ value: '', label: stageLabel(stage), isDefault });
      continue;
    }
    seen.add(stage.name);
    targets.push({ value: isDefault ? '' : stage.name, label: stageLabel(stage), isDefault });
  }
  // Cut short, the table keeps the first targets and the default (the last stage, the
  // build a plain `docker build` makes).
  const shown = targets.length <= limit ? targets : [...targets.slice(0, Math.max(0, limit - 1)), targets[targets.length - 1]!];
  const plans: TargetPlan[] = [];
  const run = (value: string, builder: Builder) => builderRun(analyze(text, { target: value || null, builder, engine, buildArgs, rules: false }));
  for (const { value, label, isDefault } of shown) {
    yield;
    const buildkit = run(value, 'buildkit');
    yield;
    const classic = run(value, 'classic');
    plans.push({ value, label, isDefault, buildkit, classic, differs: !sameRun(buildkit, classic) });
  }
  return { plans, unnamed, omitted: targets.length - shown.length };
}

/** "BuildKit and the classic builder differ for 2 of 4 targets." and the like. */
export function plansSummary({ plans }: TargetPlans): string {
  if (plans.length === 0) return 'There is nothing to build yet: the Dockerfile has no stage.';
  const differ = plans.filter((p) => p.differs).length;
  const classicExtra = plans.filter((p) => p.classic.runs.some((label) => !p.buildkit.runs.includes(label))).length;
  const targets = (n: number) => `${n} ${n === 1 ? 'target' : 'targets'}`;
  if (differ === 0)
    return `BuildKit and the classic builder run the same stages for ${plans.length === 1 ? 'the only target' : `all ${targets(plans.length)}`}.`;
  const extra = classicExtra > 0 ? ` For ${targets(classicExtra)}, the classic builder runs stages that BuildKit skips.` : '';
  return `BuildKit and the classic builder differ for ${differ} of ${targets(plans.length)}.${extra}`;
}
