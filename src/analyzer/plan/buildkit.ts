// What BuildKit does with a parsed Dockerfile (frontend/dockerfile/dockerfile2llb,
// Docker 26.1): resolve every reference, then run only the target and the stages it
// needs. Checks run in BuildKit's order so the first error is the one Docker prints.

import { diagnostic } from '../diagnostic.ts';
import { imageReferenceChecker } from '../image-ref.ts';
import type { BaseRef, Diagnostic, Edge, Stage } from '../model.ts';
import { referencesOf, stageIndexOf, stageLabel } from '../references.ts';
import type { PlanInput, PlanOutput } from './types.ts';
import { fromReferenceHint } from '../image-ref-hint.ts';

export function planBuildKit(input: PlanInput): PlanOutput {
  const { stages, target } = input;
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const edges: Edge[] = [];

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
  const forward: Array<{ stage: Stage; source: Stage; error: Diagnostic }> = [];
  // Only an instruction with flags can reference a stage; every stage's instructions, in file order.
  for (const instruction of input.flagged ?? stages.flatMap((stage) => stage.instructions)) {
    const stage = stages[instruction.stage];
    if (stage === undefined) continue;
    for (const ref of referencesOf(instruction)) {
      const index = ref.kind === 'copy-from' ? stageIndexOf(ref.text) : null;
      let resolved: BaseRef | { kind: 'unresolved'; text: string };
      if (index !== null) {
        if (index < 0 || index >= stages.length) {
          errors.push(
            diagnostic('invalid-stage-index', 'error', `invalid stage index ${index}`, `--from=${ref.text} counts stages from 0; this file has ${stages.length} (0 to ${stages.length - 1}).`, ref.range),
          );
          resolved = { kind: 'unresolved', text: ref.text };
        } else resolved = { kind: 'stage', index };
      } else {
        const named = byName.get(ref.text.toLowerCase());
        resolved = named ? { kind: 'stage', index: named.index } : ref.text === 'scratch' ? { kind: 'scratch' } : { kind: 'image', ref: ref.text };
      }
      edges.push({ stage: stage.index, kind: ref.kind, target: resolved, text: ref.text, range: ref.range });
      if (resolved.kind === 'stage') {
        if (usedBy[resolved.index] !== stage.index + 1) {
          usedBy[resolved.index] = stage.index + 1;
          deps[stage.index]!.push(resolved.index);
        }
        const source = stages[resolved.index]!;
        if (source.index >= stage.index && source.index !== stage.index) {
          forward.push({ stage, source, error: forwardReference(ref.kind, ref.text, stage, ref.range) });
        }
      }
    }
  }

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
    else warnings.push({ ...error, severity: 'warning', id: `${error.id}-not-built`, message: `${error.message} (not built for this target, so BuildKit skips it; building stage "${stageLabel(stage)}" would fail)` });
  }

  // BuildKit reports all of these while converting the file, before any step runs.
  return { targetIndex, stages: errors.length > 0 ? [] : planned, errors, warnings, edges, stoppedAt: null };
}

function resolveFrom(stage: Stage, earlier: ReadonlyMap<string, Stage>): BaseRef {
  const text = stage.baseText;
  if (text === 'scratch') return { kind: 'scratch' };
  // Unlike --target and --from, FROM compares the name exactly as written with the
  // lower-cased stage names: `AS Base` then `FROM Base` reads "Base" as an image (and
  // fails, image names being lower-case). Recorded in stage-name-case-folding.
  const named = earlier.get(text);
  return named ? { kind: 'stage', index: named.index } : { kind: 'image', ref: text };
}

function forwardReference(kind: 'copy-from' | 'mount-from', text: string, stage: Stage, range: Edge['range']): Diagnostic {
  const message =
    kind === 'copy-from'
      ? `cannot copy from stage "${text}", it needs to be defined before current stage "${stageLabel(stage)}"`
      : `cannot mount from stage "${text}", it needs to be defined before current stage "${stageLabel(stage)}"`;
  return diagnostic(
    kind === 'copy-from' ? 'copy-from-later-stage' : 'mount-from-later-stage',
    'error',
    message,
    `Stage "${text}" comes after "${stageLabel(stage)}" in the file. Move it above, so the stage you copy from is defined first.`,
    range,
  );
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
