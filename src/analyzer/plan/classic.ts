// What the classic (legacy) builder does (moby builder/dockerfile, Docker 26.1): it runs
// every stage from the first up to the target, one after the other, and only knows the
// stages it has already built. It fails on reaching a bad instruction, after the
// stages before it have run.

import { diagnostic } from '../diagnostic.ts';
import { imageReferenceError } from '../image-ref.ts';
import type { BaseRef, Diagnostic, Edge, Instruction, Stage } from '../model.ts';
import type { EngineFacts } from '../engine.ts';
import { mountStepProblem } from '../mounts.ts';
import { triggersOf } from '../onbuild.ts';
import { substitutionProblem, withCrashHint } from '../substitution-check.ts';
import { referencesOf, stageIndexOf } from '../references.ts';
import type { PlanInput, PlanOutput } from './types.ts';
import { fromReferenceHint } from '../image-ref-hint.ts';

/** Stage lookup as the classic builder does it: case-insensitive, first match, and only
 *  among the stages built so far — that is, those before the current one. */
class StageNames {
  private readonly first = new Map<string, Stage>();
  private readonly last = new Map<string, Stage>();

  constructor(stages: Stage[]) {
    for (const stage of stages) {
      if (!stage.name) continue;
      if (!this.first.has(stage.name)) this.first.set(stage.name, stage);
      this.last.set(stage.name, stage);
    }
  }

  /** The stage called `name` that is built before stage `current`, if any. */
  built(name: string, current: number): Stage | undefined {
    const stage = this.first.get(name.toLowerCase());
    return stage && stage.index < current ? stage : undefined;
  }

  /** A stage called `name` at or after `current`: not built yet when `current` runs. */
  notYetBuilt(name: string, current: number): Stage | undefined {
    const stage = this.last.get(name.toLowerCase());
    return stage && stage.index >= current ? stage : undefined;
  }
}

export function planClassic(input: PlanInput): PlanOutput {
  const { stages } = input;
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];

  const names = new StageNames(stages);
  for (const stage of stages) stage.base = resolveFrom(stage, names);

  let targetIndex = stages.length - 1;
  if (input.requestedTarget !== null) {
    const lower = input.requestedTarget.toLowerCase();
    targetIndex = stages.findIndex((stage) => stage.name === lower);
    if (targetIndex === -1) {
      errors.push(input.target.unknown());
      return { targetIndex, stages: [], errors, warnings, edges: describeEdges(stages, names), stoppedAt: null };
    }
  }

  const planned: number[] = [];
  const stop = (error: Diagnostic, stage: Stage, at: Instruction | Stage['from']): PlanOutput => {
    errors.push(error);
    return { targetIndex, stages: planned, errors, warnings, edges: describeEdges(stages, names), stoppedAt: { stage: stage.index, range: at.range } };
  };

  // The global ARGs are the first steps; the classic builder expands every default, even one
  // a --build-arg replaces, and fails there before any stage starts.
  const globalError = input.globalArgErrors?.[0];
  if (globalError) {
    errors.push({ ...withCrashHint(globalError.error, input.facts), builder: 'classic' });
    return { targetIndex, stages: [], errors, warnings, edges: describeEdges(stages, names), stoppedAt: null };
  }

  for (const stage of stages.slice(0, targetIndex + 1)) {
    if (stage.name && names.built(stage.name, stage.index)) {
      return stop(
        diagnostic(
          'duplicate-stage-name',
          'error',
          `${stage.name} stage name already used`,
          `The classic builder refuses a second stage named "${stage.name}" when it reaches it; BuildKit builds the file and lets the later stage win. Give each stage a unique name.`,
          stage.nameRange ?? stage.from.range,
          'classic',
        ),
        stage,
        stage.from,
      );
    }
    const fromError = input.fromErrors.get(stage.index);
    if (fromError) return stop(fromError, stage, stage.from);
    if (stage.base.kind === 'image') {
      const problem = imageReferenceError(stage.base.ref);
      if (problem)
        return stop(
          diagnostic(
            'invalid-image-reference',
            'error',
            problem,
            fromReferenceHint(stage.base.ref, stage.from.words[0]?.raw ?? ''),
            stage.from.words[0]?.range ?? stage.from.range,
          ),
          stage,
          stage.from,
        );
    }
    planned.push(stage.index);

    // A stage built FROM a stage with ONBUILD lines runs those triggers first.
    const triggers = stage.base.kind === 'stage' ? triggersOf(stages[stage.base.index]!) : [];
    for (const instruction of [...triggers, ...stage.instructions.slice(1)]) {
      const problem =
        instructionProblem(instruction, stage, names, warnings, input.facts) ?? substitutionProblem(instruction, input.escape ?? '\\', input.facts, null);
      if (problem) return stop(problem, stage, instruction);
    }
  }
  return { targetIndex, stages: planned, errors, warnings, edges: describeEdges(stages, names), stoppedAt: null };
}

function resolveFrom(stage: Stage, names: StageNames): BaseRef {
  // A stage called scratch comes before the empty image (recorded in stage-named-scratch).
  const named = names.built(stage.baseText, stage.index);
  if (named) return { kind: 'stage', index: named.index };
  return stage.baseText === 'scratch' ? { kind: 'scratch' } : { kind: 'image', ref: stage.baseText };
}

/** The error the classic builder raises on reaching `instruction`, if any. */
function instructionProblem(instruction: Instruction, stage: Stage, names: StageNames, warnings: Diagnostic[], facts: EngineFacts): Diagnostic | null {
  if (instruction.keyword === 'RUN' && instruction.flags.length > 0) {
    // The mount options are read (and refused) before the builder says it has no mounts.
    for (const mount of instruction.flags) {
      const problem = mount.name === 'mount' ? mountStepProblem(mount, facts) : null;
      if (problem) return { ...problem, builder: 'classic' };
    }
    const flag = instruction.flags[0]!;
    return diagnostic(
      'requires-buildkit',
      'error',
      `the --${flag.name} option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled`,
      `RUN --${flag.name} is a BuildKit feature. Build with BuildKit (the default since Docker 23), or drop the flag for the classic builder.`,
      flag.range,
      'classic',
    );
  }
  const chmod = instruction.keyword === 'COPY' || instruction.keyword === 'ADD' ? instruction.flags.find((f) => f.name === 'chmod') : undefined;
  if (chmod) {
    return diagnostic(
      'requires-buildkit',
      'error',
      'the --chmod option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled',
      `${instruction.keyword} --chmod is a BuildKit feature. Build with BuildKit (the default since Docker 23), or set the mode with RUN chmod after the ${instruction.keyword}.`,
      chmod.range,
      'classic',
    );
  }
  if (instruction.heredocs.length > 0) {
    if (instruction.keyword === 'RUN') {
      warnings.push(
        diagnostic(
          'heredoc-ignored-by-classic',
          'warning',
          'the classic builder runs this RUN without its heredoc body',
          'Heredocs need BuildKit. The classic builder passes only the first line to the shell and drops the body silently, so the script never runs. Build with BuildKit, or write the commands on the RUN line.',
          instruction.range,
          'classic',
        ),
      );
    } else if (copySources(instruction).length === 0) {
      return diagnostic(
        'requires-buildkit',
        'error',
        `${instruction.keyword} failed: no source files were specified`,
        `${instruction.keyword} <<EOF (a heredoc as the source) needs BuildKit; the classic builder sees no source files. Build with BuildKit, or copy a real file.`,
        instruction.range,
        'classic',
      );
    }
  }
  for (const ref of referencesOf(instruction)) {
    if (ref.kind !== 'copy-from') continue;
    const index = stageIndexOf(ref.text);
    let reason: string | null = null;
    if (index !== null) {
      if (index === stage.index) reason = 'refers to current build stage';
      else if (index > stage.index) reason = 'index out of bounds';
    } else if (!names.built(ref.text, stage.index)) {
      reason = imageReferenceError(ref.text);
      const later = names.notYetBuilt(ref.text, stage.index);
      if (!reason && later) {
        warnings.push(
          diagnostic(
            'copy-from-later-stage',
            'warning',
            `the classic builder reads --from=${ref.text} as an image name: stage "${later.name}" is not built yet`,
            `The classic builder only knows the stages it has already built, so it will try to pull an image called "${ref.text}". Define stage "${later.name}" before this one.`,
            ref.range,
            'classic',
          ),
        );
      }
    }
    if (reason) {
      return diagnostic(
        index !== null ? 'invalid-stage-index' : 'invalid-image-reference',
        'error',
        `invalid from flag value ${ref.text}: ${reason}`,
        index !== null
          ? `--from=${ref.text} must name a stage defined before this one (0 to ${stage.index - 1}).`
          : 'Docker does not expand variables in --from, and this is no stage name, so it is read as an image name. Write the stage name itself.',
        ref.range,
        'classic',
      );
    }
  }
  return null;
}

/** COPY/ADD source words: everything but flags, heredoc openers and the destination. */
function copySources(instruction: Instruction): string[] {
  const words = instruction.words.map((w) => w.raw).filter((w) => !/^\d*<<-?/.test(w));
  return words.slice(0, -1);
}

/** References as the classic builder reads them: names only see earlier stages. */
function describeEdges(stages: Stage[], names: StageNames): Edge[] {
  const edges: Edge[] = [];
  for (const stage of stages) {
    edges.push({
      stage: stage.index,
      kind: 'from',
      target: stage.base,
      text: stage.from.words[0]?.raw ?? '',
      range: stage.from.words[0]?.range ?? stage.from.range,
    });
    const triggers = stage.base.kind === 'stage' ? triggersOf(stages[stage.base.index]!) : [];
    for (const instruction of [...triggers, ...stage.instructions]) {
      if (instruction.keyword === 'ONBUILD') continue;
      for (const ref of referencesOf(instruction)) {
        const index = stageIndexOf(ref.text);
        const named = index === null ? names.built(ref.text, stage.index) : undefined;
        const target: Edge['target'] =
          index !== null
            ? index >= 0 && index < stage.index
              ? { kind: 'stage', index }
              : { kind: 'unresolved', text: ref.text }
            : named
              ? { kind: 'stage', index: named.index }
              : { kind: 'image', ref: ref.text };
        edges.push({ stage: stage.index, kind: ref.kind, target, text: ref.text, range: ref.range });
      }
    }
  }
  return edges;
}
