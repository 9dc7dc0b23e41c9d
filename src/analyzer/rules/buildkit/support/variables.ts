// Variable scope as BuildKit's Dockerfile frontend sees it while converting a file
// (frontend/dockerfile/dockerfile2llb/convert.go), shared by the rules that expand words:
// the arguments FROM lines see and the stages a check looks at. The ENV/ARG scope of every
// instruction inside a stage is walked in scope-walk.ts.

import { ExpandError, ExpandLimitError, expandWord, isLiteral } from '../../../expand.ts';
import type { Analysis, Flag, Instruction, Stage, Word } from '../../../model.ts';
import { memo } from '../../support/memo.ts';
import type { RuleContext } from '../../types.ts';

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
  if (isLiteral(raw, escape)) return { value: raw, unmatched: NONE, matched: NONE };
  try {
    return expandWord(raw, env, escape);
  } catch (error) {
    // Past the analyzer's limits (nesting, length) there is nothing to lint either.
    if (error instanceof ExpandError || error instanceof ExpandLimitError) return null;
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

/** The platform part of BuildKit's defaultArgs (for a linux/amd64 host); TARGETSTAGE follows. */
const PLATFORM_DEFAULTS: ReadonlyArray<readonly [string, string]> = [
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
];

/** Arguments BuildKit defines before the first FROM (its defaultArgs, for a linux/amd64 host). */
function defaultArgs(analysis: Analysis, buildArgs: Readonly<Record<string, string>>): Map<string, string> {
  const last = analysis.stages.at(-1);
  const target = analysis.target.requested ?? last?.name ?? '';
  const env = new Map<string, string>();
  for (const [key, value] of PLATFORM_DEFAULTS) env.set(key, Object.hasOwn(buildArgs, key) ? buildArgs[key]! : value);
  env.set('TARGETSTAGE', Object.hasOwn(buildArgs, 'TARGETSTAGE') ? buildArgs.TARGETSTAGE! : target);
  return env;
}

export interface FromScope {
  /** Values FROM lines are expanded with: the default arguments and the global ARGs that have a value. */
  env: ReadonlyMap<string, string>;
  /** Names a FROM line may use: the default arguments and every global ARG, with or without a value. */
  declared: readonly string[];
  /** A global ARG's default does not expand (`ARG A=${B:?}`): BuildKit stops there. */
  failed: boolean;
}

/**
 * The scope of FROM lines (BuildKit's buildMetaArgs). `withBuildArgs` false evaluates the
 * global ARGs with their defaults only, as BuildKit's InvalidDefaultArgInFrom check does.
 */
export function fromScope(context: RuleContext, withBuildArgs: boolean): FromScope {
  const overrides = context.options.buildArgs ?? {};
  // Without build args both scopes are the same: compute (and expand FROM lines with) one.
  const same = withBuildArgs || Object.getOwnPropertyNames(overrides).length === 0;
  return memo(context, same ? 'from-scope' : 'from-scope-without-build-args', () => {
    const { analysis } = context;
    const env = defaultArgs(analysis, overrides);
    const declared = new Set(env.keys());
    let failed = false;
    for (const instruction of analysis.instructions) {
      if (instruction.stage !== -1) break;
      if (instruction.keyword !== 'ARG') continue;
      for (const pair of argPairs(instruction)) {
        let value: string | undefined;
        if (same && Object.hasOwn(overrides, pair.key)) value = overrides[pair.key];
        else if (pair.value !== null) {
          const expanded = expand(pair.value, env, analysis.escape);
          if (expanded === null) failed = true;
          value = expanded?.value ?? pair.value;
        }
        if (value !== undefined) env.set(pair.key, value);
        declared.add(pair.key);
      }
    }
    return { env, declared: [...declared], failed };
  });
}

/** Which stages something applies to (only `has` is needed: no set of every stage is built). */
export interface StageFilter {
  has(index: number): boolean;
}

const EVERY_STAGE: StageFilter = { has: () => true };

/**
 * The stages BuildKit dispatches, which is where its instruction-level checks run:
 * every stage for a lint without --target (`docker build --check`), else the target and
 * the stages it needs.
 */
export function lintedStages(context: RuleContext): StageFilter {
  return memo(context, 'linted-stages', (): StageFilter => {
    const { analysis } = context;
    const target = analysis.target.index;
    if (analysis.target.requested === null || target < 0) return EVERY_STAGE;
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

/** Arguments BuildKit never puts into the environment (and never reports as undefined). */
export const NON_ENV_ARGS: ReadonlySet<string> = new Set(['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE']);

/** The variables of `expansions` that were looked up, not found and are not `defined`, each once. */
export function unmatchedNames(expansions: ReadonlyArray<Expanded | null>, defined: (name: string) => boolean): string[] {
  const names = new Set<string>();
  for (const expansion of expansions) for (const name of expansion?.unmatched ?? []) if (!defined(name)) names.add(name);
  return [...names];
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
    // The scope is the same for every FROM line, and most files repeat the same `${BASE}` or
    // image on many of them: each text is expanded once (the results are only read).
    const expanded = new Map<string, Expanded | null>();
    const expandOnce = (raw: string): Expanded | null => {
      let result = expanded.get(raw);
      if (result === undefined) expanded.set(raw, (result = expand(raw, scope.env, escape)));
      return result;
    };
    const lines = context.analysis.stages.map((stage): FromLine => {
      const word = stage.from.words[0];
      let flag: Flag | undefined;
      for (const f of stage.from.flags) {
        if (f.name === 'platform' && f.value !== null) {
          flag = f;
          break;
        }
      }
      return {
        stage,
        base: word ? { word, expanded: expandOnce(word.raw) } : null,
        platform: flag ? { flag, value: flag.value!, expanded: expandOnce(flag.value!) } : null,
      };
    });
    return { scope, lines };
  });
}
