// ENV and ARG as a stage sees them while it runs, with the analyzer's BuildKit semantics
// (src/analyzer/rules/buildkit/support/variables.ts): the global ARGs and BuildKit's default
// arguments, build-arg overrides for declared ARGs only, `ENV A=1 B=$A` reading the old A.
// ENV is what the image keeps (the CMD sees it); ARG values are seen only by the build's
// own steps (RUN gets them as variables), and ENV wins over an ARG of the same name.

import type { Analysis, Instruction } from '../analyzer/model.ts';
import { argPairs, expand, fromScope, keyValuePairs, NON_ENV_ARGS } from '../analyzer/rules/buildkit/support/variables.ts';

export interface Variables {
  /** ENV: the image's environment. */
  readonly env: ReadonlyMap<string, string>;
  /** ARG values in scope (declared in the stage or the stage it is built FROM). */
  readonly args: ReadonlyMap<string, string>;
}

export const NO_VARIABLES: Variables = { env: new Map(), args: new Map() };

/** What `$PATH` means in ENV when no ENV set it: BuildKit gives every image this PATH. */
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The scope FROM lines are expanded in: BuildKit's default arguments (TARGETPLATFORM …)
 *  and the global ARGs with their values after build-arg overrides. An ARG without a value
 *  in a stage takes its value from here. */
export function globalScope(analysis: Analysis, buildArgs: Readonly<Record<string, string>>): ReadonlyMap<string, string> {
  const context = { text: '', analysis, options: { builder: 'buildkit' as const, buildArgs }, dockerignore: null, finalStage: null, targetLabel: '' };
  return fromScope(context, true).env;
}

/** The variables `$NAME` in an instruction's words is expanded with. */
export function expansionScope(variables: Variables): Map<string, string> {
  const scope = new Map<string, string>([['PATH', DEFAULT_PATH]]);
  for (const [key, value] of variables.args) scope.set(key, value);
  for (const [key, value] of variables.env) scope.set(key, value);
  return scope;
}

/** The environment of a RUN step's processes: ARG values and ENV. */
export function buildEnvironment(variables: Variables): Record<string, string> {
  return Object.fromEntries([...variables.args, ...variables.env]);
}

/** The environment of the image's command: ENV only. */
export function imageEnvironment(variables: Variables): Record<string, string> {
  return Object.fromEntries(variables.env);
}

/** The scope after an ARG instruction. */
export function applyArg(
  instruction: Instruction,
  variables: Variables,
  buildArgs: Readonly<Record<string, string>>,
  global: ReadonlyMap<string, string>,
  escape: string,
): Variables {
  const args = new Map(variables.args);
  for (const pair of argPairs(instruction)) {
    let value: string | undefined;
    if (Object.hasOwn(buildArgs, pair.key)) value = buildArgs[pair.key];
    else if (pair.value !== null) {
      // Each pair sees the ones before it in the same ARG.
      value = expand(pair.value, expansionScope({ env: variables.env, args }), escape)?.value ?? pair.value;
    } else value = global.get(pair.key);
    if (value !== undefined && !NON_ENV_ARGS.has(pair.key)) args.set(pair.key, value);
  }
  return { env: variables.env, args };
}

/** The scope after an ENV instruction (every pair is expanded before any is set). */
export function applyEnv(instruction: Instruction, variables: Variables, escape: string): Variables {
  const scope = expansionScope(variables);
  const pairs = keyValuePairs(instruction).map((pair) => [pair.key, expand(pair.value ?? '', scope, escape)?.value ?? ''] as const);
  const env = new Map(variables.env);
  for (const [key, value] of pairs) env.set(key, value);
  return { env, args: variables.args };
}
