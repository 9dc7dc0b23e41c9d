// What the image of the built target is made of, from the analysis alone: its base image
// (through FROM <stage> chains), the user it runs as, its ENTRYPOINT and CMD, and what it
// copies out of other stages or images. No size: the course has no verifiable source for
// the size of base images offline, so the summary says "not estimated" rather than guess.
//
// Semantics follow BuildKit's dockerfile frontend: a stage built FROM another stage starts
// with that stage's image config (user, entrypoint, cmd); the last USER / CMD / ENTRYPOINT
// wins; an ENTRYPOINT clears the CMD unless a CMD was set earlier in the same stage.
import type { Analysis, Instruction, Stage } from '../../analyzer/model.ts';
import { copyFromStage, copySources } from '../../analyzer/rules/course/support/copy.ts';
import { stageChain } from '../../analyzer/rules/support/stage-chain.ts';

/** An image setting (CMD, ENTRYPOINT, USER) and where it comes from. */
export type Setting =
  /** Set by an instruction in the chain of stages. */
  | { kind: 'set'; value: string; form: 'exec' | 'shell' | null; line: number; stage: string }
  /** Not set in the Dockerfile: whatever the base image defines (unknown here). */
  | { kind: 'inherited'; image: string }
  /** Not set anywhere (a scratch base sets nothing). */
  | { kind: 'unset' }
  /** CMD cleared by an ENTRYPOINT set later (BuildKit resets an inherited CMD). */
  | { kind: 'cleared'; line: number; stage: string };

export interface CopyFrom {
  /** The stage's name (as written) or `stage N`, the image reference, or the text Docker cannot resolve. */
  from: string;
  fromKind: 'stage' | 'image' | 'unresolved';
  sources: string[];
  destination: string;
  line: number;
  /** The stage of the chain that holds the COPY. */
  stage: string;
}

export type FinalImage =
  | {
      status: 'ok';
      /** The built stage's label. */
      stage: string;
      /** Labels of the stages the image is built on, base first, ending with `stage`. */
      chain: string[];
      base: { kind: 'image'; ref: string } | { kind: 'scratch' };
      user: Setting;
      entrypoint: Setting;
      cmd: Setting;
      copies: CopyFrom[];
    }
  /** The build fails (or is refused): there is no final image. */
  | { status: 'fails'; reason: string };

export const SIZE_NOTE = 'Size not estimated: the course has no verified figures for base image sizes, so it does not guess.';

export function stageLabel(stage: Stage): string {
  return stage.nameAsWritten ?? `stage ${stage.index}`;
}

/** A stage label in a sentence: "stage build", and "stage 0" (not "stage stage 0") for an
 *  unnamed one, whose label already says it (a name has no spaces, so the two cannot clash). */
export function stagePhrase(label: string): string {
  return /^stage \d+$/.test(label) ? label : `stage ${label}`;
}

function setting(instruction: Instruction, stage: Stage, withForm: boolean): Setting {
  const exec = instruction.json !== null;
  const value = exec ? JSON.stringify(instruction.json) : instruction.argsText.trim();
  return { kind: 'set', value, form: withForm ? (exec ? 'exec' : 'shell') : null, line: instruction.range.start.line, stage: stageLabel(stage) };
}

function copyFrom(analysis: Analysis, stage: Stage, instruction: Instruction): CopyFrom | null {
  const flag = instruction.flags.find((f) => f.name === 'from');
  if (!flag?.value) return null;
  // Resolved as the goal engine's copies-only goal resolves it (the same helpers).
  const edge = analysis.edges.find((e) => e.kind === 'copy-from' && e.range.start.offset === flag.range.start.offset);
  const source = copyFromStage({ analysis }, instruction);
  let from = flag.value;
  let fromKind: CopyFrom['fromKind'] = 'unresolved';
  if (source) {
    from = stageLabel(source);
    fromKind = 'stage';
  } else if (edge?.target.kind === 'image') {
    from = edge.target.ref;
    fromKind = 'image';
  }
  const args = instruction.json ?? instruction.words.map((w) => w.value);
  return {
    from,
    fromKind,
    sources: copySources(instruction),
    destination: args[args.length - 1] ?? '',
    line: instruction.range.start.line,
    stage: stageLabel(stage),
  };
}

/** The final image of the analysis's target, or why there is none. */
export function finalImage(analysis: Analysis): FinalImage {
  const index = analysis.target.index;
  if (analysis.plan.fails || index < 0 || !analysis.stages[index]) {
    const error = analysis.diagnostics.find((d) => d.severity === 'error');
    return { status: 'fails', reason: error ? `${error.message} (line ${error.range.start.line})` : 'Docker would not build this target.' };
  }
  const chain = stageChain(analysis, index);
  const root = chain[0]!;
  const base: Extract<FinalImage, { status: 'ok' }>['base'] = root.base.kind === 'image' ? { kind: 'image', ref: root.base.ref } : { kind: 'scratch' };
  const initial: Setting = base.kind === 'image' ? { kind: 'inherited', image: base.ref } : { kind: 'unset' };
  let user: Setting = initial;
  let entrypoint: Setting = initial;
  let cmd: Setting = initial;
  const copies: CopyFrom[] = [];
  for (const stage of chain) {
    let cmdSetHere = false;
    for (const instruction of stage.instructions) {
      switch (instruction.keyword) {
        case 'USER':
          user = setting(instruction, stage, false);
          break;
        case 'CMD':
          cmd = setting(instruction, stage, true);
          cmdSetHere = true;
          break;
        case 'ENTRYPOINT':
          entrypoint = setting(instruction, stage, true);
          if (!cmdSetHere) cmd = { kind: 'cleared', line: instruction.range.start.line, stage: stageLabel(stage) };
          break;
        case 'COPY': {
          const copy = copyFrom(analysis, stage, instruction);
          if (copy) copies.push(copy);
          break;
        }
      }
    }
  }
  return { status: 'ok', stage: stageLabel(chain[chain.length - 1]!), chain: chain.map(stageLabel), base, user, entrypoint, cmd, copies };
}

/** A setting in words, e.g. `["node", "server.js"] (exec form, line 12 in prod)`. */
export function describeSetting(value: Setting, what: 'user' | 'entrypoint' | 'cmd'): string {
  switch (value.kind) {
    case 'set': {
      const form = value.form ? `${value.form} form, ` : '';
      return `${value.value} (${form}line ${value.line}, ${stagePhrase(value.stage)})`;
    }
    case 'inherited':
      return what === 'user'
        ? `not set here: the default of ${value.image} (root unless that image sets a user)`
        : `not set here: whatever ${value.image} defines`;
    case 'unset':
      return what === 'user' ? 'not set: root (the scratch base sets no user)' : 'none (a scratch base defines none)';
    case 'cleared':
      return `none: the ENTRYPOINT on line ${value.line} (${stagePhrase(value.stage)}) clears the CMD inherited from before`;
  }
}

/** One COPY --from in words: "/out/app → /usr/local/bin/app, from stage build (line 7)". */
export function describeCopy(copy: CopyFrom): string {
  const what = copy.fromKind === 'image' ? `image ${copy.from}` : copy.fromKind === 'stage' ? stagePhrase(copy.from) : `${copy.from} (not found)`;
  return `${copy.sources.join(', ') || '(nothing)'} → ${copy.destination}, from ${what} (line ${copy.line})`;
}

export interface SummaryRow {
  term: string;
  detail: string;
}

/** The summary as term/detail rows (the copies are listed separately, see describeCopy). */
export function summaryRows(image: FinalImage): SummaryRow[] {
  if (image.status === 'fails') return [{ term: 'Final image', detail: `none: the build fails. ${image.reason}` }];
  const base = image.base.kind === 'image' ? image.base.ref : 'scratch (an empty image)';
  const via = image.chain.length > 1 ? ` (through ${image.chain.join(' → ')})` : '';
  return [
    { term: 'Built stage', detail: image.stage },
    { term: 'Base image', detail: `${base}${via}` },
    { term: 'User', detail: describeSetting(image.user, 'user') },
    { term: 'ENTRYPOINT', detail: describeSetting(image.entrypoint, 'entrypoint') },
    { term: 'CMD', detail: describeSetting(image.cmd, 'cmd') },
    { term: 'Size', detail: SIZE_NOTE },
  ];
}
