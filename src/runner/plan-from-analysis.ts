// The analyzer's BuildKit plan for a target, as the steps the runner will take: every
// instruction of every stage the build executes, in plan order, each pending (the runner
// will carry it out) or skipped with a sentence saying why. It needs no sandbox: it is also
// the "dry run" the browser shows when WebContainer cannot boot, so it says everything the
// real run would do differently from Docker.

import { analyze } from '../analyzer/index.ts';
import type { Analysis, Flag, Instruction, Range, Stage } from '../analyzer/model.ts';
import { configWords, runCommands, startCommand } from './instruction-commands.ts';
import type { BindMount, PlannedRun, PlannedStage, PlannedStep, StartCommand, StepAction } from './planned-run.ts';
import {
  addSourceNote,
  ARCHIVE_ADD_NOTE,
  BIND_MOUNT_NOTE,
  CHOWN_NOTE,
  emptyBaseNote,
  HEREDOC_RUN_NOTE,
  imageSourceNote,
  METADATA_NOTES,
  mountNote,
  NO_COMMAND_NOTE,
  noNodeNote,
  notStartableNote,
  PARENTS_NOTE,
  REMOTE_ADD_NOTE,
  unknownInstructionNote,
} from './step-notes.ts';
import type { RunRequest, RunStep, StepStatus } from './types.ts';

export function planSteps(request: RunRequest): { steps: RunStep[]; error: string | null } {
  const run = planRun(request);
  return { steps: run.steps.map((planned) => planned.step), error: run.error };
}

export function planRun(request: RunRequest): PlannedRun {
  const text = request.dockerfile;
  // Only what Docker itself reports decides whether the build starts: no lint rules.
  const analysis = analyze(text, { target: request.target ?? null, builder: 'buildkit', buildArgs: request.buildArgs ?? {}, rules: false });
  if (analysis.plan.fails) {
    const error = analysis.diagnostics.find((d) => d.severity === 'error');
    return { analysis, error: error?.message ?? 'Docker would refuse this build.', stages: [], steps: [], target: null, start: null, startProblem: null };
  }

  const byIndex = new Map<number, PlannedStage>();
  const stages = analysis.plan.stages.map((index) => {
    const planned = plannedStage(analysis.stages[index]!, byIndex);
    byIndex.set(index, planned);
    return planned;
  });

  const steps: PlannedStep[] = [];
  const stepOf = new Map<Instruction, number>();
  for (const stage of stages) {
    for (const instruction of stage.stage.instructions) {
      const { status, reason, action } = classify(instruction, stage, analysis);
      stepOf.set(instruction, steps.length);
      steps.push({
        step: {
          stage: stage.stage.index,
          stageLabel: stage.label,
          line: instruction.range.start.line,
          text: stepText(text, instruction),
          status,
          ...(reason ? { reason } : {}),
        },
        instruction,
        stage,
        action,
      });
    }
  }

  const target = byIndex.get(analysis.target.index) ?? null;
  const { start, startProblem } = target ? imageStart(target, byIndex, stepOf, steps) : { start: null, startProblem: null };
  return { analysis, error: null, stages, steps, target, start, startProblem };
}

function stageLabel(stage: Stage): string {
  return stage.name ?? `stage ${stage.index}`;
}

function plannedStage(stage: Stage, earlier: ReadonlyMap<number, PlannedStage>): PlannedStage {
  const label = stageLabel(stage);
  const folder = stage.name ?? `stage-${stage.index}`;
  if (stage.base.kind === 'stage') {
    const parent = earlier.get(stage.base.index);
    return { stage, label, folder, base: parent?.label ?? stage.baseText, image: parent?.image ?? stage.baseText, hasNode: parent?.hasNode ?? false };
  }
  const image = stage.base.kind === 'scratch' ? 'scratch' : stage.baseText;
  return { stage, label, folder, base: image, image, hasNode: stage.base.kind === 'image' && isNodeImage(stage.base.ref) };
}

/** `node:22-alpine`, `docker.io/library/node`, `cgr.dev/chainguard/node`, `…/javascript-node`. */
export function isNodeImage(ref: string): boolean {
  const name = ref.split('@')[0]!;
  const colon = name.lastIndexOf(':');
  const repository = colon > name.lastIndexOf('/') ? name.slice(0, colon) : name;
  return /(?:^|-)node$/.test(repository.slice(repository.lastIndexOf('/') + 1).toLowerCase());
}

/** The instruction on one line, as the learner wrote it: `RUN --mount=type=cache,target=/root/.npm npm ci`. */
function stepText(source: string, instruction: Instruction): string {
  const flags = instruction.flags.map((flag) => source.slice(flag.range.start.offset, flag.range.end.offset));
  return [instruction.keyword, ...flags, instruction.argsText].join(' ').replace(/\s+/g, ' ').trim();
}

interface Classified {
  status: StepStatus;
  reason?: string;
  action: StepAction;
}

const skip = (reason: string): Classified => ({ status: 'skipped', reason, action: { kind: 'none' } });

function pending(action: StepAction, notes: string[] = []): Classified {
  return notes.length > 0 ? { status: 'pending', reason: notes.join(' '), action } : { status: 'pending', action };
}

function classify(instruction: Instruction, stage: PlannedStage, analysis: Analysis): Classified {
  switch (instruction.keyword) {
    case 'FROM':
      return pending({ kind: 'from' }, stage.stage.base.kind !== 'stage' && !stage.hasNode ? [emptyBaseNote(stage.image)] : []);
    case 'WORKDIR':
      return pending({ kind: 'workdir' });
    case 'ENV':
      return pending({ kind: 'env' });
    case 'ARG':
      return pending({ kind: 'arg' });
    case 'COPY':
    case 'ADD':
      return classifyCopy(instruction, analysis);
    case 'RUN':
      return classifyRun(instruction, stage, analysis);
    case 'CMD':
    case 'ENTRYPOINT':
      return pending({ kind: 'config' });
    default: {
      const note = METADATA_NOTES[instruction.keyword];
      return skip(note ?? unknownInstructionNote(instruction.keyword));
    }
  }
}

function within(inner: Range, outer: Range): boolean {
  return inner.start.offset >= outer.start.offset && inner.end.offset <= outer.end.offset;
}

/** What a `--from=` / `from=` reference in `flag` points at, from the analyzer's edges. */
function referenceIn(flag: Flag, instruction: Instruction, analysis: Analysis): { stage: number } | { image: string } | null {
  for (const edge of analysis.edges) {
    if (edge.kind === 'from' || edge.stage !== instruction.stage || !within(edge.range, flag.range)) continue;
    if (edge.target.kind === 'stage') return { stage: edge.target.index };
    if (edge.target.kind === 'image') return { image: edge.target.ref };
    return null;
  }
  return null;
}

function classifyCopy(instruction: Instruction, analysis: Analysis): Classified {
  const notes: string[] = [];
  let fromStage: number | null = null;
  for (const flag of instruction.flags) {
    if (flag.name === 'parents') return skip(PARENTS_NOTE);
    if ((flag.name === 'chown' || flag.name === 'chmod') && !notes.includes(CHOWN_NOTE)) notes.push(CHOWN_NOTE);
    if (flag.name === 'from') {
      const reference = referenceIn(flag, instruction, analysis);
      if (reference === null) return skip(`${instruction.keyword} --from=${flag.value ?? ''} does not name a stage the runner knows, so this step is skipped.`);
      if ('image' in reference) return skip(imageSourceNote(`${instruction.keyword} --from`, reference.image));
      fromStage = reference.stage;
    }
  }
  if (instruction.keyword === 'ADD' && fromStage === null) {
    const sources = instruction.json ? instruction.json.slice(0, -1) : instruction.words.slice(0, -1).map((word) => word.value);
    // Sources with variables are checked again once expanded (copy.ts).
    const notes = sources.map(addSourceNote);
    if (notes.includes(REMOTE_ADD_NOTE)) return skip(REMOTE_ADD_NOTE);
    if (notes.includes(ARCHIVE_ADD_NOTE)) return skip(ARCHIVE_ADD_NOTE);
  }
  return pending({ kind: 'copy', fromStage }, notes);
}

/** `type=bind,source=package.json,target=package.json` → its keys and values. */
function mountOptions(value: string): Map<string, string> {
  const options = new Map<string, string>();
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    options.set((eq === -1 ? part : part.slice(0, eq)).trim().toLowerCase(), eq === -1 ? 'true' : part.slice(eq + 1).trim());
  }
  return options;
}

function classifyRun(instruction: Instruction, stage: PlannedStage, analysis: Analysis): Classified {
  if (!stage.hasNode) return skip(noNodeNote(stage.image));
  if (instruction.heredocs.length > 0) return skip(HEREDOC_RUN_NOTE);
  const notes: string[] = [];
  const binds: BindMount[] = [];
  for (const flag of instruction.flags) {
    if (flag.name !== 'mount' || flag.value === null) continue;
    const options = mountOptions(flag.value);
    const type = options.get('type') ?? 'bind';
    const target = options.get('target') ?? options.get('dst') ?? options.get('destination') ?? null;
    if (type !== 'bind') {
      notes.push(mountNote(type, target));
      continue;
    }
    let fromStage: number | null = null;
    if (options.has('from')) {
      const reference = referenceIn(flag, instruction, analysis);
      if (reference === null || 'image' in reference)
        return skip(imageSourceNote('The bind mount', reference && 'image' in reference ? reference.image : (options.get('from') ?? '')));
      fromStage = reference.stage;
    }
    if (target === null) return skip('The bind mount has no target, so the runner cannot place it; this step is skipped.');
    binds.push({ source: options.get('source') ?? options.get('src') ?? '/', target, fromStage });
    if (!notes.includes(BIND_MOUNT_NOTE)) notes.push(BIND_MOUNT_NOTE);
  }
  const commands = runCommands(instruction);
  if (!commands.ok) return skip(commands.reason);
  return pending({ kind: 'run', commands: commands.commands, binds }, notes);
}

/**
 * The image's command: the last CMD and ENTRYPOINT along the target's FROM chain (an
 * ENTRYPOINT clears a CMD inherited from the base, as Docker does). Its step shows whether
 * the sandbox can start it.
 */
function imageStart(
  target: PlannedStage,
  stages: ReadonlyMap<number, PlannedStage>,
  stepOf: ReadonlyMap<Instruction, number>,
  steps: PlannedStep[],
): { start: StartCommand | null; startProblem: string | null } {
  const chain: PlannedStage[] = [];
  for (let stage: PlannedStage | undefined = target; stage; stage = stage.stage.base.kind === 'stage' ? stages.get(stage.stage.base.index) : undefined)
    chain.unshift(stage);
  let cmd: Instruction | null = null;
  let entrypoint: Instruction | null = null;
  for (const stage of chain) {
    let cmdSet = false;
    for (const instruction of stage.stage.instructions) {
      if (instruction.keyword === 'CMD') {
        cmd = instruction;
        cmdSet = true;
      } else if (instruction.keyword === 'ENTRYPOINT') {
        entrypoint = instruction;
        if (!cmdSet) cmd = null;
      }
    }
  }
  // The step that starts: a shell-form ENTRYPOINT ignores CMD, as in Docker.
  const shellEntrypoint = entrypoint !== null && entrypoint.json === null;
  const owner = shellEntrypoint ? entrypoint : (cmd ?? entrypoint);
  if (owner === null) return { start: null, startProblem: NO_COMMAND_NOTE };
  const stepIndex = stepOf.get(owner)!;
  const mark = (status: StepStatus, reason: string | undefined) => {
    const step = steps[stepIndex]!.step;
    step.status = status;
    if (reason) step.reason = reason;
  };
  if (!target.hasNode) {
    const problem = notStartableNote(
      target.image === 'scratch' ? 'it is built FROM scratch, which has no Node.js.' : `it is based on ${target.image}, which has no Node.js.`,
    );
    mark('skipped', problem);
    return { start: null, startProblem: problem };
  }
  const words = [...(entrypoint ? configWords(entrypoint) : []), ...(cmd && !shellEntrypoint ? configWords(cmd) : [])];
  const command = startCommand({ words, nodeEntrypoint: entrypoint === null });
  if (!command.ok) {
    const problem = notStartableNote(command.reason);
    mark('skipped', problem);
    return { start: null, startProblem: problem };
  }
  mark('pending', command.notes.length > 0 ? command.notes.join(' ') : undefined);
  return { start: { command: command.command, stepIndex }, startProblem: null };
}
