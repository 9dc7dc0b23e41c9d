// What BuildKit does with a parsed Dockerfile (frontend/dockerfile/dockerfile2llb,
// Docker 26.1): resolve every reference, then run only the target and the stages it
// needs. Checks run in BuildKit's order so the first error is the one Docker prints.

import { diagnostic } from '../diagnostic.ts';
import { imageReferenceChecker } from '../image-ref.ts';
import type { BaseRef, Diagnostic, Edge, Instruction, Stage } from '../model.ts';
import type { EngineFacts } from '../engine.ts';
import { chmodProblem } from '../flag-check.ts';
import { mountField, mountStepProblem } from '../mounts.ts';
import { triggersOf } from '../onbuild.ts';
import { substitutionProblem, withCrashHint } from '../substitution-check.ts';
import { referencesOf, type StageReference, stageIndexOf, stageLabel } from '../references.ts';
import type { PlanInput, PlanOutput } from './types.ts';
import { fromReferenceHint } from '../image-ref-hint.ts';

export function planBuildKit(input: PlanInput): PlanOutput {
  const { stages, target, facts } = input;
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const edges: Edge[] = [];

  // Docker 28.5 evaluates the global ARGs first; a default that does not expand stops every
  // build unless a --build-arg replaces it. 26.1 ignores the error, but its daemon crashes on
  // an invalid modifier, which it meets even in a default a --build-arg replaces.
  const globalError = input.globalArgErrors?.find((e) =>
    facts.failsOnGlobalArgDefaults ? !e.overridden : facts.crashesOnInvalidModifiers && e.error.message.includes('unsupported modifier'),
  );
  if (globalError) errors.push(withCrashHint(globalError.error, facts));

  // FROM sees the stages defined so far; a later definition of the same name wins
  // over an earlier one (BuildKit keeps one map entry per name, overwritten in order).
  const byName = new Map<string, Stage>();
  for (const stage of stages) {
    const base = resolveFrom(stage, byName);
    stage.base = base;
    edges.push({ stage: stage.index, kind: 'from', target: base, text: stage.from.words[0]?.raw ?? '', range: stage.from.words[0]?.range ?? stage.from.range });
    const fromError = input.fromErrors.get(stage.index);
    if (fromError) errors.push(fromError);
    // A repeated name is BuildKit's DuplicateStageName warning (rules/buildkit/duplicate-stage-name.ts).
    if (stage.name) byName.set(stage.name, stage);
  }

  let targetIndex = stages.length - 1;
  if (input.requestedTarget !== null) {
    const found = byName.get(input.requestedTarget.toLowerCase());
    targetIndex = found ? found.index : -1;
    if (!found) errors.push(target.unknown());
  }

  // COPY --from and RUN --mount from= are resolved against every stage, whatever its position.
  // Per stage, the stages it uses, each once, in the order first used (stage.index is its position).
  const deps: number[][] = stages.map(() => []);
  // usedBy[t] === s + 1 once stage s has listed t (stages are read one after another).
  const usedBy: number[] = new Array<number>(stages.length).fill(0);
  const forward: Array<{ stage: Stage; error: Diagnostic }> = [];
  const resolve = (ref: StageReference): BaseRef | { kind: 'unresolved'; text: string } => {
    const index = ref.kind === 'copy-from' ? stageIndexOf(ref.text) : null;
    if (index === null) {
      const named = byName.get(ref.text.toLowerCase());
      return named ? { kind: 'stage', index: named.index } : ref.text === 'scratch' ? { kind: 'scratch' } : { kind: 'image', ref: ref.text };
    }
    if (index >= 0 && index < stages.length) return { kind: 'stage', index };
    errors.push(
      diagnostic(
        'invalid-stage-index',
        'error',
        `invalid stage index ${index}`,
        `--from=${ref.text} counts stages from 0; this file has ${stages.length} (0 to ${stages.length - 1}).`,
        ref.range,
      ),
    );
    return { kind: 'unresolved', text: ref.text };
  };
  /** Docker 28.5 refuses a variable in COPY --from while reading the file, in every stage. */
  const refusedVariable = (ref: StageReference): boolean => {
    if (!(facts.refusesFromVariables && ref.kind === 'copy-from' && /\$./.test(ref.text))) return false;
    errors.push(
      diagnostic(
        'copy-from-variable',
        'error',
        'variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround',
        'Docker does not expand variables in --from. Choose the stage with a global ARG in a FROM line (`ARG SRC=build` before the first FROM, then `FROM ${SRC} AS source`) and copy --from=source.',
        ref.range,
      ),
    );
    return true;
  };
  /** Stage `stage` uses what `ref` names: an edge, and a dependency when it is a stage. */
  const use = (stage: Stage, ref: StageReference): void => {
    if (refusedVariable(ref)) return;
    const resolved = resolve(ref);
    edges.push({ stage: stage.index, kind: ref.kind, target: resolved, text: ref.text, range: ref.range });
    if (resolved.kind !== 'stage') return;
    if (usedBy[resolved.index] !== stage.index + 1 && !deps[stage.index]!.includes(resolved.index)) {
      usedBy[resolved.index] = stage.index + 1;
      deps[stage.index]!.push(resolved.index);
    }
    if (resolved.index > stage.index) forward.push({ stage, error: forwardReference(ref, stage) });
  };
  // Only an instruction with flags can reference a stage; every stage's instructions, in file order.
  for (const instruction of input.flagged ?? stages.flatMap((stage) => stage.instructions)) {
    const stage = stages[instruction.stage];
    if (stage === undefined || instruction.keyword === 'ONBUILD') continue;
    for (const ref of referencesOf(instruction)) use(stage, ref);
  }
  // Docker 28.5: the stages a base stage's ONBUILD triggers read are needed by the stages built
  // FROM it. (Docker 26.1 checks them only once it knows which stages run, below.)
  const triggered = childTriggers(stages);
  if (facts.onbuildAddsDependencies) for (const { child, refs } of triggered) for (const ref of refs) use(child, ref);

  const cycle = findCycle(stages, deps);
  if (cycle !== null) {
    const stage = stages[cycle]!;
    errors.push(
      diagnostic(
        'circular-dependency',
        'error',
        `circular dependency detected on stage: ${stageLabel(stage)}`,
        'A stage cannot copy from itself or from a stage that (directly or not) copies from it. Move the shared files into an earlier stage both can copy from.',
        stage.from.range,
      ),
    );
  }

  // By stage index; the planned stages are then listed in file order without sorting.
  const reachable: boolean[] = new Array<boolean>(stages.length).fill(false);
  if (targetIndex >= 0 && errors.length === 0) {
    // Iterative, so a long chain of stages cannot overflow the stack.
    const pending = [targetIndex];
    while (pending.length > 0) {
      const index = pending.pop()!;
      if (reachable[index]) continue;
      reachable[index] = true;
      const base = stages[index]!.base;
      if (base.kind === 'stage') pending.push(base.index);
      for (const dep of deps[index]!) pending.push(dep);
    }
  }
  const planned: number[] = [];
  for (let index = 0; index < stages.length; index++) if (reachable[index]) planned.push(index);

  // Docker 26.1: a trigger may only read a stage the build runs anyway, defined earlier.
  if (!facts.onbuildAddsDependencies) {
    for (const { child, refs } of triggered) {
      for (const ref of refs) {
        if (refusedVariable(ref)) continue;
        const resolved = resolve(ref);
        edges.push({ stage: child.index, kind: ref.kind, target: resolved, text: ref.text, range: ref.range });
        if (reachable[child.index] && resolved.kind === 'stage' && (!reachable[resolved.index] || resolved.index >= child.index)) {
          forward.push({ stage: child, error: forwardReference(ref, child) });
        }
      }
    }
  }

  // Every image reference is parsed before anything executes, even in stages the target
  // does not need (recorded in stage-name-case-folding with --target Build); only the
  // images of stages that run are pulled.
  const imageReferenceError = imageReferenceChecker();
  for (const edge of edges) {
    if (edge.target.kind !== 'image' || (edge.kind === 'from' && input.fromErrors.has(edge.stage))) continue;
    const problem = imageReferenceError(edge.target.ref);
    if (problem) {
      errors.push(
        diagnostic(
          'invalid-image-reference',
          'error',
          `failed to parse stage name "${edge.target.ref}": ${problem}`,
          edge.kind === 'from'
            ? fromReferenceHint(edge.target.ref, edge.text)
            : 'Docker does not expand variables in --from, and this is no stage name, so it is read as an image name. Write the stage name itself, or choose the stage with a global ARG in a FROM line.',
          edge.range,
        ),
      );
    }
  }

  // Stages are dispatched in file order; a reference to a stage not yet dispatched fails.
  for (const { stage, error } of forward) {
    if (reachable[stage.index]) errors.push(error);
    else
      warnings.push({
        ...error,
        severity: 'warning',
        id: `${error.id}-not-built`,
        message: `${error.message} (not built for this target, so BuildKit skips it; building stage "${stageLabel(stage)}" would fail)`,
      });
  }

  // Flag values BuildKit reads as it converts each step of the stages that run.
  if (errors.length === 0) {
    for (const index of planned) {
      for (const instruction of stages[index]!.instructions) {
        const problem = stepProblem(instruction, facts) ?? substitutionProblem(instruction, input.escape ?? '\\', facts, input.buildArgs ?? {});
        if (problem) errors.push(problem);
      }
    }
  }

  // BuildKit reports all of these while converting the file, before any step runs.
  return { targetIndex, stages: errors.length > 0 ? [] : planned, errors, warnings, edges, stoppedAt: null };
}

function resolveFrom(stage: Stage, earlier: ReadonlyMap<string, Stage>): BaseRef {
  const text = stage.baseText;
  // Unlike --target and --from, FROM compares the name exactly as written with the
  // lower-cased stage names: `AS Base` then `FROM Base` reads "Base" as an image (and
  // fails, image names being lower-case). Recorded in stage-name-case-folding. A stage
  // comes first even when it is called scratch: FROM scratch then starts from it, not from
  // the empty image (recorded in stage-named-scratch).
  const named = earlier.get(text);
  if (named) return { kind: 'stage', index: named.index };
  return text === 'scratch' ? { kind: 'scratch' } : { kind: 'image', ref: text };
}

function forwardReference(ref: StageReference, stage: Stage): Diagnostic {
  if (ref.kind === 'copy-from') {
    return diagnostic(
      'copy-from-later-stage',
      'error',
      `cannot copy from stage "${ref.text}", it needs to be defined before current stage "${stageLabel(stage)}"`,
      `Stage "${ref.text}" comes after "${stageLabel(stage)}" in the file (or, for an ONBUILD trigger, is not built before it). Move it above, so the stage you copy from is defined first.`,
      ref.range,
    );
  }
  return diagnostic(
    'mount-from-later-stage',
    'error',
    `cannot mount from stage "${ref.text}" to "${mountField(ref.flagValue, 'target', 'dst', 'destination') ?? ''}", stage needs to be defined before current command`,
    `Stage "${ref.text}" comes after "${stageLabel(stage)}" in the file (or, for an ONBUILD trigger, is not built before it). Move it above, so the stage you mount from is defined first.`,
    ref.range,
  );
}

/** A flag value BuildKit refuses when it converts the step (mount options; --chmod on 28.5). */
function stepProblem(instruction: Instruction, facts: EngineFacts): Diagnostic | null {
  if (instruction.flags.length === 0) return null;
  for (const flag of instruction.flags) {
    if (flag.name === 'mount' && instruction.keyword === 'RUN') {
      const problem = mountStepProblem(flag, facts);
      if (problem) return problem;
    }
    if (flag.name === 'device' && instruction.keyword === 'RUN') {
      return diagnostic(
        'labs-feature',
        'error',
        'device feature is only supported in Dockerfile frontend 1.14.0-labs or later',
        'RUN --device needs the labs Dockerfile frontend (`# syntax=docker/dockerfile:1-labs`); the frontend built into Docker 28.5 does not run it.',
        flag.range,
      );
    }
    if (flag.name === 'chmod' && facts.checksChmod && (instruction.keyword === 'COPY' || instruction.keyword === 'ADD')) {
      const problem = chmodProblem(flag);
      if (problem) return problem;
    }
  }
  return null;
}

/** Each stage built FROM a stage with ONBUILD triggers, with the references those triggers make. */
function childTriggers(stages: Stage[]): Array<{ child: Stage; refs: readonly StageReference[] }> {
  const found: Array<{ child: Stage; refs: readonly StageReference[] }> = [];
  const cache = new Map<number, StageReference[]>();
  for (const child of stages) {
    if (child.base.kind !== 'stage') continue;
    const base = stages[child.base.index]!;
    let refs = cache.get(base.index);
    if (refs === undefined) {
      refs = triggersOf(base).flatMap((trigger) => [...referencesOf(trigger)]);
      cache.set(base.index, refs);
    }
    if (refs.length > 0) found.push({ child, refs });
  }
  return found;
}

/** Index of a stage on a COPY --from / mount cycle (BuildKit walks stages in order).
 *  Depth-first search with an explicit stack, so long chains cannot overflow it. */
function findCycle(stages: Stage[], deps: readonly (readonly number[])[]): number | null {
  const OPEN = 1;
  const DONE = 2;
  const state: number[] = new Array<number>(stages.length).fill(0);
  // Two parallel stacks: the stage, and how many of its dependencies have been looked at.
  const indices: number[] = [];
  const next: number[] = [];
  for (const root of stages) {
    if (state[root.index] !== 0) continue;
    indices.push(root.index);
    next.push(0);
    state[root.index] = OPEN;
    while (indices.length > 0) {
      const top = indices.length - 1;
      const list = deps[indices[top]!]!;
      if (next[top]! >= list.length) {
        state[indices[top]!] = DONE;
        indices.pop();
        next.pop();
        continue;
      }
      const dep = list[next[top]!++]!;
      if (state[dep] === OPEN) return root.index;
      if (state[dep] === 0) {
        state[dep] = OPEN;
        indices.push(dep);
        next.push(0);
      }
    }
  }
  return null;
}
