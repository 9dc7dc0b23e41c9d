// Helpers the hadolint rules share: COPY arguments and the WORKDIR in effect at each COPY,
// stage lookup by name, COPY --from references, and image tags. Each walks the file once,
// so a rule stays linear in the size of the Dockerfile; what several rules ask for is
// computed once per analysis (memo).

import type { Analysis, Instruction, Range, Stage, Word } from '../../../model.ts';
import { referencesOf, type StageReference } from '../../../references.ts';
import { isHeredocOpener } from '../../../parser/heredoc-openers.ts';
import { instructionsWith } from '../../support/instruction-index.ts';
import { memo } from '../../support/memo.ts';
import type { RuleContext } from '../../types.ts';

export interface Argument {
  /** Without quotes. */
  value: string;
  range: Range;
}

/** COPY/ADD sources and destination (heredoc openers dropped; exec form read as JSON). */
export function copyArguments(instruction: Instruction): { sources: Argument[]; dest: Argument | null } {
  const args: Argument[] = [];
  if (instruction.json) for (const value of instruction.json) args.push({ value, range: instruction.argsRange });
  else for (const word of instruction.words) if (!isHeredocOpener(word.raw)) args.push({ value: word.value, range: word.range });
  // `COPY onlyone` is Docker's own error (COPY requires at least two arguments).
  if (args.length < 2 && instruction.heredocs.length === 0) return { sources: [], dest: null };
  return { sources: args.slice(0, -1), dest: args.at(-1) ?? null };
}

/** copyArguments(instruction).dest, without reading the sources (most rules that ask want only this). */
export function copyDestination(instruction: Instruction): Argument | null {
  let count: number;
  let last: Argument | null = null;
  if (instruction.json) {
    count = instruction.json.length;
    if (count > 0) last = { value: instruction.json[count - 1]!, range: instruction.argsRange };
  } else {
    count = 0;
    let lastWord: Word | null = null;
    for (const word of instruction.words) {
      if (isHeredocOpener(word.raw)) continue;
      count++;
      lastWord = word;
    }
    if (lastWord !== null) last = { value: lastWord.value, range: lastWord.range };
  }
  // `COPY onlyone` is Docker's own error (COPY requires at least two arguments).
  return count < 2 && instruction.heredocs.length === 0 ? null : last;
}

export interface CopyContext {
  instruction: Instruction;
  stage: Stage;
  /** The last WORKDIR before the COPY, in this stage or a stage it is built FROM; null when none. */
  workdir: Instruction | null;
  /** The stage chain starts FROM scratch (so without a WORKDIR the directory is `/`). */
  fromScratch: boolean;
}

/** Every COPY in a stage, with the working directory it runs in (hadolint's DL3045 and DL3067 look at COPY, not ADD). */
export function copyContexts(context: Pick<RuleContext, 'analysis'>): readonly CopyContext[] {
  return memo(context, 'copy-contexts', () => readCopyContexts(context.analysis));
}

function readCopyContexts(analysis: Analysis): CopyContext[] {
  const contexts: CopyContext[] = [];
  const endOf: Array<{ workdir: Instruction | null; fromScratch: boolean }> = [];
  for (const stage of analysis.stages) {
    // A stage is built FROM an earlier one only, so its state at the end is already known.
    const base = stage.base.kind === 'stage' && stage.base.index < stage.index ? endOf[stage.base.index] : undefined;
    let workdir = base?.workdir ?? null;
    const fromScratch = base ? base.fromScratch : stage.base.kind === 'scratch';
    for (let i = 1; i < stage.instructions.length; i++) {
      const instruction = stage.instructions[i]!;
      if (instruction.keyword === 'COPY') contexts.push({ instruction, stage, workdir, fromScratch });
      else if (instruction.keyword === 'WORKDIR') workdir = instruction;
    }
    endOf.push({ workdir, fromScratch });
  }
  return contexts;
}

/** The first stage of each name: Docker's lookup for a name among the stages before a given one. */
export function stagesByName(context: Pick<RuleContext, 'analysis'>): (name: string, before: number) => Stage | undefined {
  return memo(context, 'stages-by-name', () => readStagesByName(context.analysis.stages));
}

function readStagesByName(stages: readonly Stage[]): (name: string, before: number) => Stage | undefined {
  const first = new Map<string, Stage>();
  for (const stage of stages) if (stage.name !== null && !first.has(stage.name)) first.set(stage.name, stage);
  return (name, before) => {
    const stage = first.get(name.toLowerCase());
    return stage && stage.index < before ? stage : undefined;
  };
}

/** The first stage called `name` (lower-cased) after stage `after`: a lookup per finding,
 *  so a file with many of them does not search every stage for each. */
export function laterStageNamed(context: Pick<RuleContext, 'analysis'>): (name: string, after: number) => Stage | undefined {
  // Read on the first lookup only: most analyses have no finding that asks.
  const byName = (): Map<string, Stage[]> =>
    memo(context, 'stages-by-name-all', () => {
      const map = new Map<string, Stage[]>();
      for (const stage of context.analysis.stages) {
        if (stage.name === null) continue;
        const list = map.get(stage.name);
        if (list) list.push(stage);
        else map.set(stage.name, [stage]);
      }
      return map;
    });
  return (name, after) =>
    byName()
      .get(name)
      ?.find((stage) => stage.index > after);
}

/** Every COPY --from in the file with its stage, except where the analyzer already warns
 *  (the classic builder's or an unbuilt stage's COPY --from a later stage): the runner merges
 *  findings only into errors, so a finding there would tell the learner the same thing twice. */
export function copyFromReferences(context: Pick<RuleContext, 'analysis'>): ReadonlyArray<{ stage: Stage; ref: StageReference }> {
  return memo(context, 'copy-from-references', () => {
    const { analysis } = context;
    const warned = new Set<number>();
    for (const d of analysis.diagnostics) if (d.severity !== 'error') warned.add(d.range.start.offset);
    const found: Array<{ stage: Stage; ref: StageReference }> = [];
    for (const instruction of instructionsWith(context, 'COPY')) {
      const stage = analysis.stages[instruction.stage];
      if (!stage) continue;
      for (const ref of referencesOf(instruction)) if (ref.kind === 'copy-from' && !warned.has(ref.range.start.offset)) found.push({ stage, ref });
    }
    return found;
  });
}

/** `node:20@sha256:…` → { name: 'node', tag: '20', digest: true }. */
export function splitImageRef(ref: string): { name: string; tag: string | null; digest: boolean } {
  const at = ref.indexOf('@');
  const withoutDigest = at === -1 ? ref : ref.slice(0, at);
  const colon = withoutDigest.lastIndexOf(':');
  const hasTag = colon > withoutDigest.lastIndexOf('/');
  return {
    name: hasTag ? withoutDigest.slice(0, colon) : withoutDigest,
    tag: hasTag ? withoutDigest.slice(colon + 1) : null,
    digest: at !== -1,
  };
}

/** Range from the start of `a` to the end of `b`. */
export function span(a: Range, b: Range): Range {
  return { start: a.start, end: b.end };
}
