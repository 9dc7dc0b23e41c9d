// Why a step runs again or comes from the cache, in facts (CacheCause) and in one sentence.
// The facts come from comparing the step with the step at the same place in the previous build.

import type { Analysis, Builder, Stage } from '../model.ts';
import { stageLabel } from '../references.ts';
import type { ContextView } from './context.ts';
import type { CacheCause, CacheChange, StepVerdict } from './types.ts';
import { EDITED, type BuildWalk, type StepRecord } from './walk.ts';

export interface Comparison {
  builder: Builder;
  change: CacheChange;
  previous: BuildWalk;
  current: BuildWalk;
  views: { previous: ContextView; current: ContextView };
  /** The paths under these sources that differ between the two builds' contexts. */
  files(sources: readonly string[]): string[];
  /** The step at the same place in the previous build. */
  counterpart(step: StepRecord): StepRecord | null;
  /** Verdicts of the steps decided so far (the current build's, in build order). */
  verdicts: Map<StepRecord, StepVerdict>;
}

export interface Explanation {
  reason: string;
  causes: CacheCause[];
  assumption?: string;
}

/** "a", "a and b", "a, b and 3 more". */
function list(items: readonly string[], max = 3): string {
  if (items.length <= 1) return items.join('');
  if (items.length > max) return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function shown(value: string | undefined): string {
  return value === undefined ? 'unset' : value === '' ? 'empty' : value;
}

function stageName(walk: BuildWalk, index: number): string {
  const stage = walk.analysis.stages[index];
  return stage ? stageLabel(stage) : `stage-${index}`;
}

/** The first step of a stage this build runs again (its line), or null. */
function firstRerun(comparison: Comparison, stage: number): number | null {
  for (const [step, verdict] of comparison.verdicts) if (step.stage === stage && !verdict.cached) return verdict.line;
  return null;
}

/** The first step of a stage whose files differ from the previous build's (its line), or null. */
function firstNewOutput(comparison: Comparison, stage: number): number | null {
  for (const step of comparison.current.steps) {
    if (step.stage !== stage) continue;
    if (comparison.counterpart(step)?.content !== step.content) return step.instruction.range.start.line;
  }
  return null;
}

function changedNames(before: ReadonlyMap<string, string | undefined>, after: ReadonlyMap<string, string | undefined>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}

function describeFiles(comparison: Comparison, paths: readonly string[]): string {
  const { previous, current } = comparison.views;
  const added = paths.filter((p) => !previous.files.has(p));
  const removed = paths.filter((p) => !current.files.has(p));
  const edited = paths.filter((p) => previous.files.has(p) && current.files.has(p));
  const parts: string[] = [];
  if (edited.length) parts.push(`${list(edited)} changed`);
  if (added.length) parts.push(`${list(added)} ${added.length === 1 ? 'is' : 'are'} new`);
  if (removed.length) parts.push(`${list(removed)} ${removed.length === 1 ? 'is' : 'are'} gone`);
  return parts.join(', ');
}

function sentence(cause: CacheCause, step: StepRecord, before: StepRecord | null, comparison: Comparison): string {
  const { builder } = comparison;
  switch (cause.kind) {
    case 'no-cache':
      return '--no-cache: nothing is taken from the cache';
    case 'not-built-before':
      return comparison.previous.steps.some((s) => s.stage === step.stage)
        ? 'the previous build made no such step'
        : `the previous build did not build stage ${stageName(comparison.current, step.stage)}, so none of its steps are cached`;
    case 'base':
      return `FROM now names ${cause.current} (was ${cause.previous}): every step of the stage is built on a new base`;
    case 'edited':
      return `line ${step.instruction.range.start.line} was edited`;
    case 'files':
      return describeFiles(comparison, cause.paths);
    case 'variables': {
      const values = cause.names.map((name) => {
        const previous = before?.environment?.get(name) ?? before?.mentioned.get(name);
        return previous?.endsWith(EDITED)
          ? `${name} was edited`
          : `${name} ${shown(previous)} → ${shown(step.environment?.get(name) ?? step.mentioned.get(name))}`;
      });
      if (step.instruction.keyword !== 'RUN') return `${list(values)}: the instruction's words expand differently`;
      return builder === 'buildkit'
        ? `${list(values)}: BuildKit keys RUN on every ARG and ENV value in scope, used or not`
        : `${list(values)}: the classic builder keys RUN on every build argument in scope, used or not`;
    }
    case 'setting':
      return cause.previous.endsWith(EDITED) ? `${cause.name} was edited` : `${cause.name} changed (${shown(cause.previous)} → ${shown(cause.current)})`;
    case 'stage-output':
      return `stage ${stageName(comparison.current, cause.stage)} made different files (from its line ${cause.line} on)`;
    case 'parent':
      return step.ordinal === 0 ? `its base stage changed (line ${cause.line} ran again)` : `the step before it (line ${cause.line}) ran again`;
    case 'secret-ignored':
      return `the value of secret ${list(cause.ids)} changed, but secret values are not part of the cache key`;
    case 'fails':
      return cause.message;
    case 'unchanged':
      return 'nothing it depends on changed';
  }
}

function explain(causes: CacheCause[], step: StepRecord, before: StepRecord | null, comparison: Comparison, assumption?: string): Explanation {
  const reason = causes.map((cause) => sentence(cause, step, before, comparison)).join('; ');
  return assumption ? { reason, causes, assumption } : { reason, causes };
}

/** Why a step is not taken from the cache. */
export function explainRun(step: StepRecord, before: StepRecord | null, comparison: Comparison): Explanation {
  if (comparison.change.noCache) return explain([{ kind: 'no-cache' }], step, before, comparison);
  if (before === null) return explain([{ kind: 'not-built-before' }], step, before, comparison);
  const causes: CacheCause[] = [];
  let assumption: string | undefined;
  const keyword = step.instruction.keyword;
  if (step.ordinal === 0) {
    if (before.base !== step.base || before.definition !== step.definition)
      causes.push({ kind: 'base', previous: before.base ?? '', current: step.base ?? '' });
    else if (step.parentLine !== null) causes.push({ kind: 'parent', line: step.parentLine });
    return explain(causes.length ? causes : [{ kind: 'not-built-before' }], step, before, comparison);
  }
  const variables = changedNames(before.mentioned, step.mentioned);
  if (before.definition !== step.definition) {
    const textChanged = writtenAs(before) !== writtenAs(step) || editedBefore(before, comparison);
    if (textChanged || variables.length === 0) causes.push({ kind: 'edited' });
    else causes.push({ kind: 'variables', names: variables });
  }
  const files = step.contextSources.length ? comparison.files(step.contextSources) : [];
  if (files.length) causes.push({ kind: 'files', paths: files });
  if (step.environment && before.environment) {
    const names = changedNames(before.environment, step.environment);
    if (names.length) causes.push({ kind: 'variables', names });
  }
  if (step.settings && before.settings) {
    for (const name of ['USER', 'WORKDIR', 'SHELL'] as const) {
      if (step.settings[name] !== before.settings[name] && !(keyword === 'WORKDIR' && name === 'WORKDIR')) {
        causes.push({ kind: 'setting', name, previous: before.settings[name], current: step.settings[name] });
      }
    }
  }
  step.stageSources.forEach((source, i) => {
    const old = before.stageSources[i];
    if (!old || old.content !== source.content) {
      const line = firstNewOutput(comparison, source.stage) ?? comparison.current.stageEnds.get(source.stage)?.line ?? 0;
      causes.push({ kind: 'stage-output', stage: source.stage, line });
      assumption ??= `if stage ${stageName(comparison.current, source.stage)} makes the same files after all (a rebuild can), this step comes from the cache`;
    }
  });
  if (step.parentKey !== null && before.parentKey !== step.parentKey && step.parentLine !== null) {
    causes.push({ kind: 'parent', line: step.parentLine });
  }
  return explain(causes.length ? causes : [{ kind: 'edited' }], step, before, comparison, assumption);
}

/** The instruction as written, flags and heredoc bodies included. */
function writtenAs(step: StepRecord): string {
  const { instruction } = step;
  return [instruction.keyword, instruction.argsText, ...instruction.flags.map((f) => `${f.name}=${f.value}`), ...instruction.heredocs.map((h) => h.body)].join(
    '\u0000',
  );
}

function editedBefore(before: StepRecord, comparison: Comparison): boolean {
  const line = before.instruction.range.start.line;
  return (comparison.change.editedLines ?? []).includes(line);
}

/** Why a step is taken from the cache, naming the change it is immune to when there is one. */
export function explainCached(step: StepRecord, before: StepRecord | null, comparison: Comparison): Explanation {
  if (comparison.change.noCache) {
    return { reason: '--no-cache does not apply to the folder WORKDIR makes, and nothing it depends on changed', causes: [{ kind: 'unchanged' }] };
  }
  const secrets = (comparison.change.secrets ?? []).filter((id) => step.secrets.includes(id));
  if (secrets.length) return explain([{ kind: 'secret-ignored', ids: secrets }], step, before, comparison);
  if (before === null) return explain([{ kind: 'unchanged' }], step, before, comparison);
  for (const [i, source] of step.stageSources.entries()) {
    const old = before.stageSources[i];
    if (old && old.key !== source.key && old.content === source.content) {
      const line = firstRerun(comparison, source.stage);
      const name = stageName(comparison.current, source.stage);
      return {
        reason: `stage ${name} ran again${line ? ` from line ${line}` : ''} but made the same files, and a copy is matched by the files it copies`,
        causes: [{ kind: 'unchanged' }],
        assumption: `assumes that the steps of stage ${name} that ran again make the same files: their files and command did not change, and they name none of the variables that did`,
      };
    }
  }
  const keyword = step.instruction.keyword;
  if (before.scope !== step.scope) {
    if (keyword === 'ARG' && comparison.builder === 'classic') {
      return {
        reason: 'the classic builder keys an ARG step on its default as written, not on the --build-arg value (the RUN steps after it see the value)',
        causes: [{ kind: 'unchanged' }],
      };
    }
    if (keyword === 'COPY' || keyword === 'ADD' || keyword === 'WORKDIR') {
      return { reason: `ARG or ENV values changed above it, but a ${keyword} step's key does not include them`, causes: [{ kind: 'unchanged' }] };
    }
  }
  if (step.contextSources.length && comparison.views.previous.files.size && differs(comparison)) {
    return { reason: 'the files it copies did not change', causes: [{ kind: 'unchanged' }] };
  }
  return explain([{ kind: 'unchanged' }], step, before, comparison);
}

/** Whether any context file differs between the builds. */
function differs(comparison: Comparison): boolean {
  const { previous, current } = comparison.views;
  if (previous.files.size !== current.files.size) return true;
  for (const [path, version] of current.files) if (previous.files.get(path) !== version) return true;
  return false;
}

/** Why a stage is not built by this build. */
export function stageNotBuiltReason(analysis: Analysis, stage: Stage, builder: Builder): string {
  if (analysis.plan.fails && analysis.plan.stoppedAt === null) {
    const error = analysis.diagnostics.find((d) => d.severity === 'error');
    return `the build fails before any step runs${error ? `: ${error.message}` : ''}`;
  }
  const target = analysis.stages[analysis.target.index];
  const targetName = target ? stageLabel(target) : 'the target';
  if (analysis.plan.stoppedAt && stage.index > analysis.plan.stoppedAt.stage)
    return `the build stops at line ${analysis.plan.stoppedAt.range.start.line}, before this stage`;
  if (builder === 'classic') return `it comes after the target ${targetName}, and the classic builder stops at the target`;
  return `the target ${targetName} does not need it, so BuildKit does not build it`;
}
