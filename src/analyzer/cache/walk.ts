// One build, step by step, as its cache sees it: for every step a key (equal keys are cache
// hits) and a content token (the files the step leaves behind). predict.ts walks the previous
// build and the new one and compares them.
//
// What a key is made of (BuildKit's dockerfile2llb and solver, the classic builder's
// probeCache), by step:
//   FROM image     the image reference. FROM <stage>: that stage's last key.
//   WORKDIR        the parent's key, the folder (and USER with BuildKit).
//   COPY / ADD     the parent's key (none with --link), the sources and destination, and the
//                  *contents* of what it copies: the context files its sources select (after
//                  .dockerignore), or the files the --from stage made. BuildKit and the classic
//                  builder both match a copy by content, so a stage that runs again and makes
//                  the same files does not make COPY --from run again.
//   RUN            the parent's key, the command (BuildKit: with its heredoc body; the classic
//                  builder ignores the body), the environment (scope.ts), USER, WORKDIR, SHELL,
//                  the mounts' definitions and the files bind mounts read (mounts.ts).
//   ENV, ARG, LABEL, USER, CMD…   BuildKit: no step, only the settings later steps read.
//                  classic: a step of its own, keyed by the parent and its text.
// A step's content follows its parent's content and what it adds. For RUN the model assumes the
// command is reproducible: it makes the same files when its parent's files, its command and the
// variables it names are the same (BuildKit passes it other variables too, which change its
// key but, by this assumption, not its files).

import type { Analysis, Builder, Instruction } from '../model.ts';
import { cleanPath } from '../rules/buildkit/support/dockerignore.ts';
import { filesPart, selectFiles, type ContextView } from './context.ts';
import { hashParts } from './hash.ts';
import { contextBindSource, mountDefinition, mountsOf, secretId } from './mounts.ts';
import { argPairs, keyValuePairs } from '../rules/buildkit/support/variables.ts';
import {
  applyArg,
  applyEnv,
  applyShell,
  expandText,
  imageScope,
  inheritScope,
  mentionedVariables,
  runEnvironment,
  wordScope,
  type StageScope,
} from './scope.ts';

export interface StepRecord {
  stage: number;
  /** Position of the instruction in its stage (FROM is 0). */
  ordinal: number;
  instruction: Instruction;
  key: string;
  content: string;
  /** The definition: what the instruction says, after expansion. */
  definition: string;
  /** USER, WORKDIR and SHELL as a RUN (or BuildKit's WORKDIR) reads them. */
  settings: { USER: string; WORKDIR: string; SHELL: string } | null;
  /** The key of the step before it; null for FROM. */
  parentKey: string | null;
  /** The line of the step whose key is the parent (for FROM <stage>: that stage's last step). */
  parentLine: number | null;
  /** RUN: the variables in its key (BuildKit: every ENV and ARG; classic: the ARGs). */
  environment: Map<string, string> | null;
  /** Context paths its sources or bind mounts name (expanded). */
  contextSources: string[];
  /** Stages it copies or mounts from, with the content it got. */
  stageSources: Array<{ stage: number; content: string; key: string }>;
  /** Secret ids it mounts. */
  secrets: string[];
  /** FROM: what it names, expanded. */
  base: string | null;
  /** The classic builder stops the build here. */
  fails: string | null;
  /** Values of the variables its words name (`$DIR` in `COPY $DIR .`), before it runs. */
  mentioned: Map<string, string | undefined>;
  /** A token for every ARG and ENV value in scope before it. */
  scope: string;
}

export interface StageEnd {
  key: string;
  content: string;
  line: number;
  scope: StageScope;
}

export interface BuildWalk {
  analysis: Analysis;
  builder: Builder;
  /** Every step the build makes, in build order. */
  steps: StepRecord[];
  stageEnds: Map<number, StageEnd>;
}

export interface WalkOptions {
  analysis: Analysis;
  builder: Builder;
  buildArgs: Readonly<Record<string, string>>;
  view: ContextView;
  /** Stands for "the instruction as it was before an edit": mixed into edited instructions'
   *  definitions in the previous build. */
  editSalt(instruction: Instruction): string;
}

/** Whether the builder reports a step for an instruction after FROM (BuildKit: only those that
 *  make files; the classic builder: every one). BuildKit makes no step of `WORKDIR /`. */
export function makesStep(instruction: Instruction, builder: Builder): boolean {
  if (builder === 'classic') return instruction.keyword !== 'FROM';
  switch (instruction.keyword) {
    case 'RUN':
    case 'COPY':
    case 'ADD':
      return true;
    case 'WORKDIR':
      return instruction.argsText.trim() !== '/';
    default:
      return false;
  }
}

/**
 * Marks a value set by an instruction edited since the previous build (`editedLines`): the
 * previous build's walk cannot know the old text, only that it differed, so the value it set
 * is taken as a different one.
 */
export const EDITED = '\u0000(before the edit)';

function markEdited(scope: StageScope, key: string): void {
  const arg = scope.args.get(key);
  if (arg !== undefined) scope.args.set(key, arg + EDITED);
  const env = scope.env.get(key);
  if (env !== undefined) scope.env.set(key, env + EDITED);
}

function resolveWorkdir(current: string, path: string): string {
  return cleanPath(path.startsWith('/') ? path : `${current}/${path}`);
}

/** The words of a COPY/ADD after the flags: sources (heredoc openers aside) and destination. */
function copyWords(instruction: Instruction): { sources: string[]; heredocs: string[]; dest: string } {
  const raws = instruction.json ?? instruction.words.map((word) => word.raw);
  const dest = raws.at(-1) ?? '';
  const sources: string[] = [];
  const heredocs: string[] = [];
  for (const raw of raws.slice(0, -1)) {
    if (!instruction.json && /^\d*<<-?/.test(raw)) heredocs.push(raw.replace(/^\d*<<-?/, '').replace(/^["']|["']$/g, ''));
    else sources.push(raw);
  }
  return { sources, heredocs, dest };
}

function isRemote(source: string): boolean {
  return /^(https?:\/\/|git@|git:\/\/)/i.test(source);
}

export function walkBuild(options: WalkOptions): BuildWalk {
  const { analysis, builder } = options;
  const steps: StepRecord[] = [];
  const stageEnds = new Map<number, StageEnd>();
  const edgeTargets: EdgeTargets = new Map();
  for (const edge of analysis.edges) {
    if (edge.kind === 'from') continue;
    edgeTargets.set(
      `${edge.stage}:${edge.range.start.offset}`,
      edge.target.kind === 'stage' ? { kind: 'stage', index: edge.target.index } : { kind: 'other', text: edge.text },
    );
  }
  const stopped = analysis.plan.stoppedAt;
  const planned = analysis.plan.fails && stopped === null ? [] : analysis.plan.stages;

  for (const index of planned) {
    const stage = analysis.stages[index]!;
    let scope: StageScope;
    let key: string;
    let content: string;
    let line = stage.from.range.start.line;
    let parentLine: number | null = null;
    const base = stage.base;
    if (base.kind === 'stage' && stageEnds.has(base.index)) {
      const end = stageEnds.get(base.index)!;
      scope = inheritScope(end.scope, builder);
      key = end.key;
      content = end.content;
      parentLine = end.line;
    } else {
      scope = imageScope();
      const ref = base.kind === 'scratch' ? 'scratch' : base.kind === 'image' ? base.ref : stage.baseText;
      key = hashParts('image', ref, stage.platform);
      content = key;
    }
    const fromText = base.kind === 'stage' ? `stage:${base.index}` : stage.baseText;
    steps.push(record(stage.index, 0, stage.from, { key, content, definition: fromText, parentKey: null, parentLine, base: stage.baseText }));
    const escape = analysis.escape;

    for (let ordinal = 1; ordinal < stage.instructions.length; ordinal++) {
      const instruction = stage.instructions[ordinal]!;
      const salt = options.editSalt(instruction);
      if (stopped && stopped.stage === stage.index && stopped.range.start.offset === instruction.range.start.offset) {
        const failure = analysis.diagnostics.find((d) => d.severity === 'error');
        steps.push(
          record(stage.index, ordinal, instruction, {
            key: hashParts('fails', key),
            content,
            definition: '',
            parentKey: key,
            parentLine: line,
            fails: failure?.message ?? 'the build fails here',
          }),
        );
        return { analysis, builder, steps, stageEnds };
      }
      const before = { mentioned: mentionedValues(instruction, scope), scope: scopeToken(scope) };
      const next = stepOf({ instruction, scope, parent: { key, content, line }, salt, options, edgeTargets, stageEnds, escape });
      if (next === null) continue;
      steps.push(record(stage.index, ordinal, instruction, { ...next, ...before }));
      key = next.key;
      content = next.content;
      line = instruction.range.start.line;
    }
    stageEnds.set(stage.index, { key, content, line, scope });
  }
  return { analysis, builder, steps, stageEnds };
}

function scopeToken(scope: StageScope): string {
  const line = (map: Map<string, string>) =>
    [...map]
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join('\u0000');
  return hashParts(line(scope.env), line(scope.args));
}

function mentionedValues(instruction: Instruction, scope: StageScope): Map<string, string | undefined> {
  const words = wordScope(scope);
  const text = [instruction.argsText, ...instruction.flags.map((flag) => flag.value ?? '')].join(' ');
  return new Map([...mentionedVariables(text)].sort().map((name) => [name, words.get(name)]));
}

type StepParts = Omit<
  StepRecord,
  'stage' | 'ordinal' | 'instruction' | 'settings' | 'environment' | 'contextSources' | 'stageSources' | 'secrets' | 'base' | 'fails' | 'mentioned' | 'scope'
> &
  Partial<Pick<StepRecord, 'settings' | 'environment' | 'contextSources' | 'stageSources' | 'secrets' | 'base' | 'fails' | 'mentioned' | 'scope'>>;

function record(stage: number, ordinal: number, instruction: Instruction, parts: StepParts): StepRecord {
  return {
    mentioned: new Map(),
    scope: '',
    stage,
    ordinal,
    instruction,
    settings: null,
    environment: null,
    contextSources: [],
    stageSources: [],
    secrets: [],
    base: null,
    fails: null,
    ...parts,
  };
}

type EdgeTargets = Map<string, { kind: 'stage'; index: number } | { kind: 'other'; text: string }>;

/** One instruction of a stage being walked, with what its step's key can depend on. */
interface StepInput {
  instruction: Instruction;
  /** The stage's settings before the instruction; the instruction updates them. */
  scope: StageScope;
  /** The step before it. */
  parent: { key: string; content: string; line: number };
  /** Non-empty for an instruction edited since the previous build (in the previous build's walk). */
  salt: string;
  options: WalkOptions;
  /** `--from` references by `stage:offset`. */
  edgeTargets: EdgeTargets;
  stageEnds: Map<number, StageEnd>;
  escape: string;
}

/** The step an instruction makes (null: BuildKit makes none, only the scope changes). */
function stepOf(step: StepInput): StepParts | null {
  const { instruction, scope, parent, salt, options, escape } = step;
  const { builder, analysis } = options;
  const classic = builder === 'classic';
  const keyword = instruction.keyword;
  const settings = { USER: scope.user, WORKDIR: scope.workdir, SHELL: scope.shell.join(' ') };
  const chained = (definition: string, extra: Partial<StepParts> = {}): StepParts => ({
    key: hashParts(keyword, parent.key, definition),
    content: parent.content,
    definition,
    parentKey: parent.key,
    parentLine: parent.line,
    ...extra,
  });

  switch (keyword) {
    case 'WORKDIR': {
      const folder = resolveWorkdir(scope.workdir, expandText(instruction.argsText, scope, escape));
      const definition = hashParts(folder, salt);
      scope.workdir = folder;
      if (classic) return chained(definition);
      if (folder === '/') return null;
      const keyed = hashParts(definition, settings.USER);
      return { ...chained(keyed, { settings }), content: hashParts('WORKDIR', parent.content, keyed) };
    }
    case 'ARG': {
      const written = applyArg(instruction, scope, options.buildArgs, analysis.globalArgs, builder, escape);
      // An edited default matters only where no --build-arg overrides it.
      if (salt) for (const pair of argPairs(instruction)) if (!Object.hasOwn(options.buildArgs, pair.key)) markEdited(scope, pair.key);
      return classic ? chained(hashParts(written, salt)) : null;
    }
    case 'ENV': {
      const written = applyEnv(instruction, scope, escape);
      if (salt) for (const pair of keyValuePairs(instruction)) markEdited(scope, pair.key);
      return classic ? chained(hashParts(written, salt)) : null;
    }
    case 'USER':
      scope.user = expandText(instruction.argsText, scope, escape) + (salt ? EDITED : '');
      return classic ? chained(hashParts(scope.user, salt)) : null;
    case 'SHELL':
      applyShell(instruction, scope);
      if (salt) scope.shell = [...scope.shell, EDITED];
      return classic ? chained(hashParts(scope.shell.join('\u0000'), salt)) : null;
    case 'COPY':
    case 'ADD':
      return copyStep(step);
    case 'RUN':
      return runStep(step, settings);
    default:
      // LABEL, EXPOSE, CMD, ENTRYPOINT, VOLUME, STOPSIGNAL, HEALTHCHECK, ONBUILD, MAINTAINER.
      return classic ? chained(hashParts(expandText(instruction.argsText, scope, escape), salt)) : null;
  }
}

/** What a `--from` (at `offset` in the instruction) names: a stage built before, or an image. */
function stageSource(step: StepInput, offset: number): { stage: number; content: string; key: string } | { image: string } | null {
  const target = step.edgeTargets.get(`${step.instruction.stage}:${offset}`);
  if (!target) return null;
  if (target.kind === 'other') return { image: target.text };
  const end = step.stageEnds.get(target.index);
  return end ? { stage: target.index, content: end.content, key: end.key } : { image: `stage:${target.index}` };
}

function copyStep(step: StepInput): StepParts {
  const { instruction, scope, parent, salt, escape } = step;
  const { view } = step.options;
  const words = copyWords(instruction);
  const sources = words.sources.map((raw) => expandText(raw, scope, escape));
  const dest = expandText(words.dest, scope, escape);
  const destination = dest.startsWith('/') ? dest : `${scope.workdir}/${dest}`;
  const bodies = words.heredocs.map((name) => {
    const heredoc = instruction.heredocs.find((h) => h.name === name);
    return heredoc ? `${name}\u0000${heredoc.quoted ? heredoc.body : expandText(heredoc.body, scope, escape)}` : name;
  });
  // COPY --link keys the copy without the steps before it, then merges it onto them. Docker
  // Engine's builder cannot merge layers with its default image store (no containerd snapshotter),
  // so BuildKit copies onto the parent as for a plain COPY: recorded on 26.1 and 28.5, where a
  // COPY --link after a step that ran again runs again too (copy-link-after-rebuilt-step). So
  // --link is one more flag of the definition here.
  const flags = instruction.flags
    .filter((flag) => flag.name !== 'from')
    .map((flag) => `${flag.name}=${flag.value ?? ''}`)
    .sort()
    .join(' ');
  const fromFlag = instruction.flags.find((flag) => flag.name === 'from');
  const stageSources: Array<{ stage: number; content: string; key: string }> = [];
  let contents: string;
  let contextSources: string[] = [];
  if (fromFlag) {
    const source = stageSource(step, fromFlag.range.start.offset);
    if (source && 'stage' in source) {
      stageSources.push(source);
      contents = `stage\u0000${source.content}`;
    } else contents = `image\u0000${source?.image ?? fromFlag.value ?? ''}`;
  } else {
    const local = sources.filter((source) => !isRemote(source));
    contextSources = local;
    const selected = [...new Set(local.flatMap((source) => selectFiles(view, source)))].sort();
    // A URL is fetched again on every build and matched by what it returns: unknown here, so
    // the model takes it as unchanged.
    contents = `${filesPart(view, selected)}\u0002${sources.filter(isRemote).join(' ')}`;
  }
  const definition = hashParts(
    instruction.keyword,
    flags,
    sources.join('\u0000'),
    bodies.join('\u0000'),
    cleanPath(destination),
    dest.endsWith('/') ? '/' : '',
    salt,
  );
  return {
    key: hashParts('copy', parent.key, definition, contents),
    content: hashParts('copy', parent.content, definition, contents),
    definition,
    parentKey: parent.key,
    parentLine: parent.line,
    contextSources,
    stageSources,
  };
}

function runStep(step: StepInput, settings: { USER: string; WORKDIR: string; SHELL: string }): StepParts {
  const { instruction, scope, parent, salt, options } = step;
  const { view } = options;
  const classic = options.builder === 'classic';
  // The classic builder runs the RUN line without its heredoc body, so the body is no part of its key.
  const bodies = classic ? '' : instruction.heredocs.map((heredoc) => `${heredoc.name}\u0000${heredoc.body}`).join('\u0000');
  const command = instruction.json ? instruction.json.join('\u0000') : instruction.argsText;
  const mounts = mountsOf(instruction.flags);
  const otherFlags = instruction.flags
    .filter((flag) => flag.name !== 'mount')
    .map((flag) => `${flag.name}=${flag.value ?? ''}`)
    .sort()
    .join(' ');
  const contextSources: string[] = [];
  const stageSources: Array<{ stage: number; content: string; key: string }> = [];
  const mountContents: string[] = [];
  for (const mount of mounts) {
    const local = contextBindSource(mount);
    if (local !== null) {
      const path = expandText(local, scope, '\\');
      contextSources.push(path);
      mountContents.push(filesPart(view, selectFiles(view, path)));
      continue;
    }
    if (mount.fields.has('from')) {
      const source = stageSource(step, mount.flag.range.start.offset);
      if (source && 'stage' in source) {
        stageSources.push(source);
        // A cache mount seeded from a stage is still a cache: its contents are not in the key.
        if (mount.type === 'bind') mountContents.push(`stage\u0000${source.content}`);
      } else mountContents.push(`image\u0000${source && 'image' in source ? source.image : ''}`);
    }
  }
  const secrets = mounts.map(secretId).filter((id): id is string => id !== null);
  const environment = runEnvironment(scope, options.builder);
  const definition = hashParts(command, bodies, mounts.map(mountDefinition).join(' '), otherFlags, salt);
  const envPart = [...environment].map(([k, v]) => `${k}=${v}`).join('\u0000');
  const settingsPart = classic ? '' : `${settings.USER}\u0000${settings.WORKDIR}\u0000${settings.SHELL}`;
  const words = wordScope(scope);
  const named = [...mentionedVariables(`${command}\n${instruction.heredocs.map((h) => h.body).join('\n')}`)]
    .sort()
    .map((name) => `${name}=${words.get(name) ?? ''}`)
    .join('\u0000');
  return {
    key: hashParts('run', parent.key, definition, envPart, settingsPart, mountContents.join('\u0001')),
    content: hashParts('run', parent.content, definition, named, settingsPart, mountContents.join('\u0001')),
    definition,
    settings: classic ? null : settings,
    parentKey: parent.key,
    parentLine: parent.line,
    environment,
    contextSources,
    stageSources,
    secrets,
  };
}
