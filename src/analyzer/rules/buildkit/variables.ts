// Variable scope as BuildKit's Dockerfile frontend sees it while converting a file
// (frontend/dockerfile/dockerfile2llb/convert.go), shared by the rules that expand words:
// the arguments FROM lines see, the stages a check looks at, and the ENV/ARG scope of every
// instruction inside a stage.

import { ExpandError, expandWord } from '../../expand.ts';
import type { Analysis, Flag, Instruction, Stage, Word } from '../../model.ts';
import type { Finding, RuleContext } from '../types.ts';

export interface Expanded {
  value: string;
  /** Variables looked up and not found (BuildKit's "unmatched"). */
  unmatched: ReadonlySet<string>;
  matched: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

/** Expands one word as BuildKit's shell lexer does; null when the substitution is malformed
 *  (BuildKit then fails the build, so there is nothing to lint). */
export function expand(raw: string, env: ReadonlyMap<string, string>, escape: string): Expanded | null {
  // Most words have nothing to expand or unquote.
  if (!raw.includes('$') && !raw.includes("'") && !raw.includes('"') && !raw.includes(escape)) return { value: raw, unmatched: NONE, matched: NONE };
  try {
    return expandWord(raw, env, escape);
  } catch (error) {
    if (error instanceof ExpandError) return null;
    throw error;
  }
}

/** Expands a heredoc body the way BuildKit's ExpandRaw does: `$VAR` is replaced, quotes are
 *  left alone, `\` escapes. */
export function expandRaw(body: string, env: ReadonlyMap<string, string>): Expanded | null {
  let protectedBody = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '\\' && i + 1 < body.length) protectedBody += ch + body[++i];
    else protectedBody += ch === "'" || ch === '"' ? `\\${ch}` : ch;
  }
  return expand(protectedBody, env, '\\');
}

export interface KeyValue {
  key: string;
  /** The value as written (quotes kept), or null for `ARG NAME`. */
  value: string | null;
  /** The word holding the key. */
  word: Word;
}

/** `ARG a=1 b` → declarations (BuildKit splits each word at its first `=`). */
export function argPairs(instruction: Instruction): KeyValue[] {
  return instruction.words.map((word) => {
    const eq = word.raw.indexOf('=');
    return eq === -1 ? { key: word.value, value: null, word } : { key: word.raw.slice(0, eq), value: word.raw.slice(eq + 1), word };
  });
}

/** True when ENV/LABEL uses the legacy `KEY value` form (no `=` in the first word). */
export function isLegacyKeyValue(instruction: Instruction): boolean {
  const first = instruction.words[0];
  return first !== undefined && !first.raw.includes('=') && /[\t\v\f\r ]+\S/.test(instruction.argsText);
}

/** The pairs of an ENV or LABEL instruction, in either form. */
export function keyValuePairs(instruction: Instruction): KeyValue[] {
  const first = instruction.words[0];
  if (!first) return [];
  if (!first.raw.includes('=')) {
    const gap = /[\t\v\f\r ]+/.exec(instruction.argsText);
    return gap ? [{ key: first.raw, value: instruction.argsText.slice(gap.index + gap[0].length), word: first }] : [];
  }
  return instruction.words
    .filter((word) => word.raw.includes('='))
    .map((word) => {
      const eq = word.raw.indexOf('=');
      return { key: word.raw.slice(0, eq), value: word.raw.slice(eq + 1), word };
    });
}

/** Arguments BuildKit defines before the first FROM (its defaultArgs, for a linux/amd64 host). */
function defaultArgs(analysis: Analysis, buildArgs: Readonly<Record<string, string>>): Map<string, string> {
  const last = analysis.stages.at(-1);
  const target = analysis.target.requested ?? last?.name ?? '';
  const defaults: Array<[string, string]> = [
    ['BUILDPLATFORM', 'linux/amd64'],
    ['BUILDOS', 'linux'],
    ['BUILDOSVERSION', ''],
    ['BUILDARCH', 'amd64'],
    ['BUILDVARIANT', ''],
    ['TARGETPLATFORM', 'linux/amd64'],
    ['TARGETOS', 'linux'],
    ['TARGETOSVERSION', ''],
    ['TARGETARCH', 'amd64'],
    ['TARGETVARIANT', ''],
    ['TARGETSTAGE', target],
  ];
  return new Map(defaults.map(([key, value]) => [key, Object.hasOwn(buildArgs, key) ? buildArgs[key]! : value]));
}

/** Results shared by the rules of one analysis (they all walk the same stages). */
const memos = new WeakMap<RuleContext, Map<string, unknown>>();

function memo<T>(context: RuleContext, key: string, compute: () => T): T {
  let cache = memos.get(context);
  if (!cache) memos.set(context, (cache = new Map()));
  if (!cache.has(key)) cache.set(key, compute());
  return cache.get(key) as T;
}

export interface FromScope {
  /** Values FROM lines are expanded with: the default arguments and the global ARGs that have a value. */
  env: ReadonlyMap<string, string>;
  /** Names a FROM line may use: the default arguments and every global ARG, with or without a value. */
  declared: readonly string[];
}

/**
 * The scope of FROM lines (BuildKit's buildMetaArgs). `withBuildArgs` false evaluates the
 * global ARGs with their defaults only, as BuildKit's InvalidDefaultArgInFrom check does.
 */
export function fromScope(context: RuleContext, withBuildArgs: boolean): FromScope {
  return memo(context, `from-scope:${withBuildArgs}`, () => {
    const { analysis } = context;
    const overrides = context.options.buildArgs ?? {};
    const env = defaultArgs(analysis, overrides);
    const declared = new Set(env.keys());
    for (const instruction of analysis.instructions) {
      if (instruction.stage !== -1) break;
      if (instruction.keyword !== 'ARG') continue;
      for (const pair of argPairs(instruction)) {
        let value: string | undefined;
        if (withBuildArgs && Object.hasOwn(overrides, pair.key)) value = overrides[pair.key];
        else if (pair.value !== null) value = expand(pair.value, env, analysis.escape)?.value ?? pair.value;
        if (value !== undefined) env.set(pair.key, value);
        declared.add(pair.key);
      }
    }
    return { env, declared: [...declared] };
  });
}

/**
 * The stages BuildKit dispatches, which is where its instruction-level checks run:
 * every stage for a lint without --target (`docker build --check`), else the target and
 * the stages it needs.
 */
export function lintedStages(context: RuleContext): ReadonlySet<number> {
  return memo(context, 'linted-stages', () => {
    const { analysis } = context;
    const target = analysis.target.index;
    if (analysis.target.requested === null || target < 0) return new Set(analysis.stages.map((stage) => stage.index));
    const needs = new Map<number, number[]>();
    for (const stage of analysis.stages) needs.set(stage.index, stage.base.kind === 'stage' ? [stage.base.index] : []);
    for (const edge of analysis.edges) {
      if (edge.kind !== 'from' && edge.target.kind === 'stage') needs.get(edge.stage)?.push(edge.target.index);
    }
    const reached = new Set<number>();
    const visit = (index: number): void => {
      if (reached.has(index)) return;
      reached.add(index);
      for (const next of needs.get(index) ?? []) visit(next);
    };
    visit(target);
    return reached;
  });
}

/** What BuildKit knows while dispatching an instruction of a stage. */
export interface Scope {
  /** The environment: the base image's (PATH, as far as the analyzer can know), ENV, and ARGs with a value. */
  readonly env: ReadonlyMap<string, string>;
  /** Every ARG declared in the stage or the stages it is built FROM, with or without a value. */
  readonly args: ReadonlySet<string>;
  /** A SHELL instruction ran in the stage or the stages it is built FROM. */
  readonly shell: boolean;
  /** A WORKDIR instruction ran in the stage or the stages it is built FROM. */
  readonly workdirSet: boolean;
}

interface MutableScope {
  env: Map<string, string>;
  args: Set<string>;
  shell: boolean;
  workdirSet: boolean;
}

/** Arguments BuildKit never puts into the environment (and never reports as undefined). */
export const NON_ENV_ARGS: ReadonlySet<string> = new Set(['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE']);

export interface StageVisitor {
  /** Called for every instruction after FROM of a linted stage, with the scope before it runs. */
  instruction?(instruction: Instruction, scope: Scope, stage: Stage): void;
  /** Called before an ARG default is expanded (ARG pairs are evaluated one after another). */
  argDefault?(pair: KeyValue, scope: Scope, instruction: Instruction): void;
}

type WalkEvent =
  | { kind: 'instruction'; instruction: Instruction; scope: Scope; stage: Stage }
  | { kind: 'arg-default'; pair: KeyValue; scope: Scope; instruction: Instruction };

function initialScope(): MutableScope {
  // BuildKit always sets PATH; other variables of an image's config are unknown here.
  return { env: new Map([['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']]), args: new Set(), shell: false, workdirSet: false };
}

function cloneScope(scope: Scope): MutableScope {
  return { env: new Map(scope.env), args: new Set(scope.args), shell: scope.shell, workdirSet: scope.workdirSet };
}

/**
 * The walk over every stage in file order (a stage built FROM another starts with that
 * stage's final scope), as the list of what a visitor is shown. Computed once per analysis;
 * a scope snapshot is shared by the events between two changes.
 */
function walkEvents(context: RuleContext): readonly WalkEvent[] {
  return memo(context, 'walk', () => {
    const { analysis } = context;
    const buildArgs = context.options.buildArgs ?? {};
    const global = fromScope(context, true).env;
    const linted = lintedStages(context);
    const finals = new Map<number, Scope>();
    const events: WalkEvent[] = [];
    for (const stage of analysis.stages) {
      const inherited = stage.base.kind === 'stage' ? finals.get(stage.base.index) : undefined;
      const scope = inherited ? cloneScope(inherited) : initialScope();
      let snapshot: Scope | null = null;
      const current = (): Scope => (snapshot ??= cloneScope(scope));
      const visiting = linted.has(stage.index);
      for (const instruction of stage.instructions.slice(1)) {
        if (visiting) events.push({ kind: 'instruction', instruction, scope: current(), stage });
        const changed = apply(instruction, scope, analysis.escape, buildArgs, global, (pair) => {
          // The ARG's earlier pairs have taken effect by now.
          snapshot = null;
          if (visiting) events.push({ kind: 'arg-default', pair, scope: current(), instruction });
        });
        if (changed) snapshot = null;
      }
      finals.set(stage.index, scope);
    }
    return events;
  });
}

/** Shows the visitor every instruction of the linted stages with the scope it runs in. */
export function walkStages(context: RuleContext, visitor: StageVisitor): void {
  for (const event of walkEvents(context)) {
    if (event.kind === 'instruction') visitor.instruction?.(event.instruction, event.scope, event.stage);
    else visitor.argDefault?.(event.pair, event.scope, event.instruction);
  }
}

/** Runs `check` on every instruction (after FROM) of the linted stages, with its scope, and collects the findings. */
export function checkInstructions(context: RuleContext, check: (instruction: Instruction, scope: Scope, stage: Stage) => Finding[]): Finding[] {
  const findings: Finding[] = [];
  walkStages(context, {
    instruction(instruction, scope, stage) {
      findings.push(...check(instruction, scope, stage));
    },
  });
  return findings;
}

/** The variables of `expansions` that were looked up, not found and are not `defined`, each once. */
export function unmatchedNames(expansions: ReadonlyArray<Expanded | null>, defined: (name: string) => boolean): string[] {
  const names = new Set<string>();
  for (const expansion of expansions) for (const name of expansion?.unmatched ?? []) if (!defined(name)) names.add(name);
  return [...names];
}

/** Applies what an instruction does to the scope; true when it changed it. `beforeDefault`
 *  runs before each ARG default is expanded (after the pairs before it took effect). */
function apply(
  instruction: Instruction,
  scope: MutableScope,
  escape: string,
  buildArgs: Readonly<Record<string, string>>,
  global: ReadonlyMap<string, string>,
  beforeDefault: (pair: KeyValue) => void,
): boolean {
  switch (instruction.keyword) {
    case 'ARG':
      for (const pair of argPairs(instruction)) {
        let value: string | undefined;
        if (Object.hasOwn(buildArgs, pair.key)) value = buildArgs[pair.key];
        else if (pair.value !== null) {
          beforeDefault(pair);
          value = expand(pair.value, scope.env, escape)?.value ?? pair.value;
        } else value = global.get(pair.key);
        if (value !== undefined && !NON_ENV_ARGS.has(pair.key)) scope.env.set(pair.key, value);
        scope.args.add(pair.key);
      }
      return true;
    case 'ENV': {
      // Every pair is expanded before any is set: `ENV A=1 B=$A` reads the old A.
      const pairs = keyValuePairs(instruction).map((pair) => [pair.key, expand(pair.value ?? '', scope.env, escape)?.value ?? ''] as const);
      for (const [key, value] of pairs) scope.env.set(key, value);
      return true;
    }
    case 'SHELL':
      scope.shell = true;
      return true;
    case 'WORKDIR':
      scope.workdirSet = true;
      return true;
    default:
      return false;
  }
}

export interface FromLine {
  stage: Stage;
  /** The base name word and its expansion (null when malformed). */
  base: { word: Word; expanded: Expanded | null } | null;
  /** `--platform` and its expansion. */
  platform: { flag: Flag; value: string; expanded: Expanded | null } | null;
}

/** Every stage's FROM line expanded with the global scope, as BuildKit evaluates them before building. */
export function fromLines(context: RuleContext): { scope: FromScope; lines: readonly FromLine[] } {
  return memo(context, 'from-lines', () => {
    const scope = fromScope(context, true);
    const escape = context.analysis.escape;
    const lines = context.analysis.stages.map((stage): FromLine => {
      const word = stage.from.words[0];
      const flag = stage.from.flags.find((f) => f.name === 'platform' && f.value !== null);
      return {
        stage,
        base: word ? { word, expanded: expand(word.raw, scope.env, escape) } : null,
        platform: flag ? { flag, value: flag.value!, expanded: expand(flag.value!, scope.env, escape) } : null,
      };
    });
    return { scope, lines };
  });
}
