// The scope walk shared by the rules that check instructions against what BuildKit knows
// while dispatching them (frontend/dockerfile/dockerfile2llb/convert.go): every stage in
// file order, each instruction with the ENV/ARG scope it runs in. Computed once per analysis
// (memo) and handed out by keyword, so a rule looks only at the instructions it checks.

import type { Instruction, Stage } from '../../../model.ts';
import { PersistentMap, PersistentSet } from '../../../persistent-map.ts';
import { memo } from '../../support/memo.ts';
import type { Finding, RuleContext } from '../../types.ts';
import { reportsTriggers, triggersRunBy } from './onbuild.ts';
import { argPairs, expand, fromScope, type KeyValue, keyValuePairs, lintedStages, NON_ENV_ARGS } from './variables.ts';

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

/** An instruction after FROM of a linted stage, with the scope it runs in (before it takes effect). */
export interface InstructionEvent {
  /** Position in the walk, to merge the lists of several keywords in file order. */
  seq: number;
  instruction: Instruction;
  scope: Scope;
  stage: Stage;
}

/** An ARG default of a linted stage, with the scope it is expanded in (ARG pairs are evaluated one after another). */
export interface ArgDefaultEvent {
  pair: KeyValue;
  scope: Scope;
  instruction: Instruction;
}

interface Walk {
  /** The instruction events of each keyword: most checks look at one or two kinds, and
   *  should not each go through every instruction of the file. */
  byKeyword: Map<string, InstructionEvent[]>;
  argDefaults: ArgDefaultEvent[];
}

/** The scopes the walk makes: their variables are persistent, so a change makes a new map
 *  that shares the rest with the old one. */
interface WalkScope extends Scope {
  readonly env: PersistentMap<string>;
  readonly args: PersistentSet;
}

/** BuildKit always sets PATH; other variables of an image's config are unknown here. */
const INITIAL_SCOPE: WalkScope = {
  env: PersistentMap.of([['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']]),
  args: PersistentSet.EMPTY,
  shell: false,
  workdirSet: false,
};

/**
 * The walk over every stage in file order (a stage built FROM another starts with that
 * stage's final scope), kept as the instruction events of each keyword and the ARG defaults.
 * Computed once per analysis. Scopes are never changed once made: an instruction that
 * changes the scope makes a new one, so the events between two changes, and a stage and the
 * stages built FROM it until they change something, share one scope. The variables are
 * persistent maps (../../persistent-map.ts): a new scope shares all but the changed entries
 * with the one before, so a file with n ENV lines costs O(n log n), not n copies of n names.
 */
function walkOf(context: RuleContext): Walk {
  return memo(context, 'walk', () => {
    const { analysis } = context;
    const buildArgs = context.options.buildArgs ?? {};
    const global = fromScope(context, true).env;
    const linted = lintedStages(context);
    // By stage index (a stage's index is its position), filled in file order.
    const finals: WalkScope[] = [];
    const walk: Walk = { byKeyword: new Map(), argDefaults: [] };
    let seq = 0;
    for (const stage of analysis.stages) {
      let scope = (stage.base.kind === 'stage' ? finals[stage.base.index] : undefined) ?? INITIAL_SCOPE;
      const visiting = linted.has(stage.index);
      const visit = (instruction: Instruction, checked: boolean): void => {
        if (checked) {
          const event: InstructionEvent = { seq: seq++, instruction, scope, stage };
          const list = walk.byKeyword.get(instruction.keyword);
          if (list) list.push(event);
          else walk.byKeyword.set(instruction.keyword, [event]);
        }
        const onDefault =
          !checked || instruction.keyword !== 'ARG'
            ? ignoreDefault
            : (pair: KeyValue, working: Scope): void => {
                // The ARG's earlier pairs have taken effect by now (`working` is itself never changed).
                walk.argDefaults.push({ pair, scope: working, instruction });
              };
        scope = apply(instruction, scope, analysis.escape, buildArgs, global, onDefault);
      };
      // A stage built FROM another first runs that stage's ONBUILD triggers (onbuild.ts).
      const triggers = triggersRunBy(context, stage);
      if (triggers.length > 0) {
        const reporting = visiting && reportsTriggers(context, stage);
        for (const trigger of triggers) visit(trigger, reporting);
      }
      for (let i = 1; i < stage.instructions.length; i++) visit(stage.instructions[i]!, visiting);
      finals[stage.index] = scope;
    }
    return walk;
  });
}

const NO_EVENTS: readonly InstructionEvent[] = [];

/** The instruction events (after FROM, in the linted stages) with one of `keywords`, in file order. */
export function instructionEvents(context: RuleContext, keywords: readonly string[]): readonly InstructionEvent[] {
  const { byKeyword } = walkOf(context);
  let merged: readonly InstructionEvent[] = NO_EVENTS;
  // Each list is in walk order already: merge them (no sort of every event per rule).
  for (const keyword of keywords) merged = mergeBySeq(merged, byKeyword.get(keyword) ?? NO_EVENTS);
  return merged;
}

/** Two lists in `seq` order as one (either itself when the other is empty). */
function mergeBySeq(a: readonly InstructionEvent[], b: readonly InstructionEvent[]): readonly InstructionEvent[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const merged: InstructionEvent[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) merged.push(a[i]!.seq < b[j]!.seq ? a[i++]! : b[j++]!);
  while (i < a.length) merged.push(a[i++]!);
  while (j < b.length) merged.push(b[j++]!);
  return merged;
}

/** Every ARG default of the linted stages, with the scope it is expanded in, in file order. */
export function argDefaultEvents(context: RuleContext): readonly ArgDefaultEvent[] {
  return walkOf(context).argDefaults;
}

/** Runs `check` on every instruction with one of `keywords` (after FROM) of the linted
 *  stages, with its scope, and collects the findings in file order. */
export function checkInstructions(
  context: RuleContext,
  check: (instruction: Instruction, scope: Scope, stage: Stage) => Finding[],
  keywords: readonly string[],
): Finding[] {
  const findings: Finding[] = [];
  for (const event of instructionEvents(context, keywords)) {
    for (const finding of check(event.instruction, event.scope, event.stage)) findings.push(finding);
  }
  return findings;
}

function ignoreDefault(): void {}

/** What an instruction does to the scope: a new scope when it changes it, else the same one.
 *  `beforeDefault` runs before each ARG default is expanded, with the scope as the pairs
 *  before it left it. */
function apply(
  instruction: Instruction,
  scope: WalkScope,
  escape: string,
  buildArgs: Readonly<Record<string, string>>,
  global: ReadonlyMap<string, string>,
  beforeDefault: (pair: KeyValue, working: Scope) => void,
): WalkScope {
  switch (instruction.keyword) {
    case 'ARG': {
      let { env, args } = scope;
      for (const pair of argPairs(instruction)) {
        let value: string | undefined;
        if (Object.hasOwn(buildArgs, pair.key)) value = buildArgs[pair.key];
        else if (pair.value !== null) {
          beforeDefault(pair, { env, args, shell: scope.shell, workdirSet: scope.workdirSet });
          value = expand(pair.value, env, escape)?.value ?? pair.value;
        } else value = global.get(pair.key);
        if (value !== undefined && !NON_ENV_ARGS.has(pair.key)) env = env.set(pair.key, value);
        args = args.add(pair.key);
      }
      return { env, args, shell: scope.shell, workdirSet: scope.workdirSet };
    }
    case 'ENV': {
      // Every pair is expanded before any is set: `ENV A=1 B=$A` reads the old A.
      // Keys are expanded too (`ENV $K=v`); one that expands to nothing sets nothing.
      const pairs = keyValuePairs(instruction).map(
        (pair) =>
          [
            pair.key.includes('$') ? (expand(pair.key, scope.env, escape)?.value ?? '') : pair.key,
            expand(pair.value ?? '', scope.env, escape)?.value ?? '',
          ] as const,
      );
      let env = scope.env;
      for (const [key, value] of pairs) if (key !== '') env = env.set(key, value);
      // The declared ARGs stay as they are, so the new scope shares them.
      return { env, args: scope.args, shell: scope.shell, workdirSet: scope.workdirSet };
    }
    // A flag changes: the new scope shares the variables (no scope is changed once made).
    case 'SHELL':
      return scope.shell ? scope : { env: scope.env, args: scope.args, shell: true, workdirSet: scope.workdirSet };
    case 'WORKDIR':
      return scope.workdirSet ? scope : { env: scope.env, args: scope.args, shell: scope.shell, workdirSet: true };
    default:
      return scope;
  }
}
