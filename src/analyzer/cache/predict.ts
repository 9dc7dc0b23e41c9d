// Which steps a build takes from the cache after a change, and why: the previous build and the
// new one are walked (walk.ts), and a step of the new build is cached when the previous build
// made a step with the same key. The reasons compare each step with the step at the same place
// in the previous build.

import { analyze } from '../index.ts';
import type { Analysis, Builder, Instruction } from '../model.ts';
import { changedFiles, contextViews } from './context.ts';
import { explainCached, explainRun, stageNotBuiltReason, type Comparison } from './reasons.ts';
import type { CacheChange, CacheEngine, CacheInput, CachePrediction, StageVerdict, StepVerdict } from './types.ts';
import { walkBuild, type BuildWalk, type StepRecord } from './walk.ts';

function analysisOf(text: string, builder: Builder, target: string | null, buildArgs: Readonly<Record<string, string>>): Analysis {
  return analyze(text, { builder, target, buildArgs: { ...buildArgs }, rules: false });
}

/** `stage name or #index` + position in the stage: where a step's counterpart is looked for. */
function placeOf(walk: BuildWalk, step: StepRecord): string {
  const stage = walk.analysis.stages[step.stage]!;
  return `${stage.name ?? `#${stage.index}`}\u0000${step.ordinal}`;
}

/** The instruction's first line as written. */
function firstLine(text: string, instruction: Instruction): string {
  const source = text.slice(instruction.range.start.offset, instruction.range.end.offset);
  const newline = source.indexOf('\n');
  return (newline === -1 ? source : source.slice(0, newline)).replace(/\s+$/, '');
}

export function predictCache(input: CacheInput): CachePrediction {
  const builder = input.builder ?? 'buildkit';
  const engine: CacheEngine = input.engine ?? '28.5';
  const change: CacheChange = input.change ?? {};
  const buildArgs = input.buildArgs ?? {};
  const target = input.target ?? null;
  const previousArgs = change.previousBuildArgs ?? buildArgs;
  const previousTarget = change.previousTarget === undefined ? target : change.previousTarget;
  const previousText = change.previousDockerfile ?? input.dockerfile;
  const edited = new Set(change.previousDockerfile === undefined ? (change.editedLines ?? []) : []);

  const current = analysisOf(input.dockerfile, builder, target, buildArgs);
  const previous = analysisOf(previousText, builder, previousTarget, previousArgs);
  const views = contextViews(input.context, change, previousText !== input.dockerfile || edited.size > 0);
  const editedInstruction = (instruction: Instruction) => {
    for (let line = instruction.range.start.line; line <= instruction.range.end.line; line++) if (edited.has(line)) return true;
    return false;
  };
  const previousWalk = walkBuild({
    analysis: previous,
    builder,
    buildArgs: previousArgs,
    view: views.previous,
    editSalt: (i) => (editedInstruction(i) ? 'before the edit' : ''),
  });
  const currentWalk = walkBuild({ analysis: current, builder, buildArgs, view: views.current, editSalt: () => '' });

  const keys = new Set(previousWalk.steps.filter((step) => step.fails === null).map((step) => step.key));
  const counterparts = new Map(previousWalk.steps.map((step) => [placeOf(previousWalk, step), step]));
  const comparison: Comparison = {
    builder,
    change,
    previous: previousWalk,
    current: currentWalk,
    views,
    files: (sources) => changedFiles(views.previous, views.current, sources),
    counterpart: (step) => counterparts.get(placeOf(currentWalk, step)) ?? null,
    verdicts: new Map(),
  };

  const steps: StepVerdict[] = [];
  const byLine = new Map<number, StepVerdict>();
  for (const step of currentWalk.steps) {
    const before = comparison.counterpart(step);
    const cached = step.fails === null && keys.has(step.key) && (!change.noCache || keptByNoCache(step, builder, current, byLine));
    const explained =
      step.fails !== null
        ? { reason: step.fails, causes: [{ kind: 'fails' as const, message: step.fails }] }
        : cached
          ? explainCached(step, before, comparison)
          : explainRun(step, before, comparison);
    const stage = current.stages[step.stage]!;
    const verdict: StepVerdict = {
      stage: step.stage,
      stageName: stage.name,
      line: step.instruction.range.start.line,
      range: step.instruction.range,
      keyword: step.instruction.keyword,
      text: firstLine(input.dockerfile, step.instruction),
      outcome: step.fails !== null ? 'fails' : cached ? 'cached' : 'runs',
      cached,
      reason: explained.reason,
      causes: explained.causes,
      ...('assumption' in explained && explained.assumption ? { assumption: explained.assumption } : {}),
    };
    inheritAssumption(verdict, step, byLine);
    comparison.verdicts.set(step, verdict);
    byLine.set(verdict.line, verdict);
    // BuildKit reports no step for `FROM <stage>`: the stage goes on from that stage's last step.
    if (builder === 'buildkit' && step.ordinal === 0 && current.stages[step.stage]!.base.kind === 'stage') continue;
    steps.push(verdict);
  }

  const error = current.diagnostics.find((d) => d.severity === 'error') ?? null;
  const built = new Set(currentWalk.steps.map((step) => step.stage));
  const stages: StageVerdict[] = current.stages.map((stage) => ({
    index: stage.index,
    name: stage.name,
    built: built.has(stage.index),
    reason: built.has(stage.index) ? null : stageNotBuiltReason(current, stage, builder),
    steps: steps.filter((step) => step.stage === stage.index),
  }));
  return {
    builder,
    engine,
    target: current.target.index,
    fails: current.plan.fails,
    error: error ? { message: error.message, line: error.range.start.line } : null,
    stages,
    steps,
  };
}

/**
 * Whether a step can still come from the cache with --no-cache. BuildKit marks RUN, COPY and ADD
 * to ignore the cache, not the folder WORKDIR makes: a WORKDIR right after an image's FROM, or
 * after steps that all came from the cache, stays CACHED; after a step that ran, it runs
 * (recorded in node-no-cache and no-cache-workdir). The classic builder ignores the cache for all.
 */
function keptByNoCache(step: StepRecord, builder: Builder, analysis: Analysis, byLine: ReadonlyMap<number, StepVerdict>): boolean {
  if (builder === 'classic' || step.instruction.keyword !== 'WORKDIR' || step.parentLine === null) return false;
  const parent = byLine.get(step.parentLine);
  if (parent?.keyword === 'FROM') return analysis.stages[step.stage]!.base.kind !== 'stage';
  return parent?.cached ?? false;
}

/** A step that follows a verdict resting on an assumption rests on it too, unless it runs for
 *  a reason of its own. */
function inheritAssumption(verdict: StepVerdict, step: StepRecord, byLine: ReadonlyMap<number, StepVerdict>): void {
  if (verdict.assumption || step.parentLine === null) return;
  const parent = byLine.get(step.parentLine);
  if (!parent?.assumption) return;
  const ownReason = !verdict.cached && verdict.causes.some((cause) => cause.kind !== 'parent');
  if (ownReason) return;
  verdict.assumption = parent.assumption;
  verdict.assumptionFrom = parent.assumptionFrom ?? parent.line;
}
