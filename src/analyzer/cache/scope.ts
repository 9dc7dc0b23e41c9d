// What a stage carries from one instruction to the next that a step's cache key can depend on:
// the environment, the build arguments, WORKDIR, USER and SHELL. The two builders differ in
// one way that matters to the cache:
//   BuildKit       an ARG with a value is added to the environment of every later RUN
//                  (dockerfile2llb dispatchArg: d.state.AddEnv), and so is ENV; a stage built
//                  FROM another starts with that stage's environment.
//   classic        RUN's key holds the ARGs in scope that have a value and no ENV of the same
//                  name (`|1 VERSION=1.4 /bin/sh -c …`: BuildArgs.FilterAllowed); the ARGs of a
//                  stage do not reach a stage built FROM it.

import type { Builder, Instruction } from '../model.ts';
import { argPairs, expand, keyValuePairs, NON_ENV_ARGS } from '../rules/buildkit/support/variables.ts';

const DEFAULT_SHELL = ['/bin/sh', '-c'];

export interface StageScope {
  /** ENV values (BuildKit: and ARG values), as a RUN's environment holds them. */
  env: Map<string, string>;
  /** ARG values in scope, with their value. */
  args: Map<string, string>;
  workdir: string;
  user: string;
  shell: string[];
}

export function imageScope(): StageScope {
  return { env: new Map(), args: new Map(), workdir: '/', user: '', shell: DEFAULT_SHELL };
}

/** The scope a stage built FROM `base` starts with. */
export function inheritScope(base: StageScope, builder: Builder): StageScope {
  const env = new Map(base.env);
  return { env, args: builder === 'buildkit' ? new Map(base.args) : new Map(), workdir: base.workdir, user: base.user, shell: base.shell };
}

/** Variables `$NAME` in the stage's words expands with (ENV wins over ARG). */
export function wordScope(scope: StageScope): Map<string, string> {
  const words = new Map(scope.args);
  for (const [key, value] of scope.env) words.set(key, value);
  return words;
}

export function expandText(raw: string, scope: StageScope, escape: string): string {
  return expand(raw, wordScope(scope), escape)?.value ?? raw;
}

/**
 * ARG: each name takes, in order, the --build-arg value, the default (expanded), or the global
 * ARG's value. Returns what the classic builder writes for the step (`ARG NAME=default`, the
 * --build-arg value left out: that is why its ARG step stays cached when only the value changes).
 */
export function applyArg(
  instruction: Instruction,
  scope: StageScope,
  buildArgs: Readonly<Record<string, string>>,
  globalArgs: Readonly<Record<string, string | undefined>>,
  builder: Builder,
  escape: string,
): string {
  const written: string[] = [];
  for (const pair of argPairs(instruction)) {
    let fallback: string | undefined;
    if (pair.value !== null) fallback = expandText(pair.value, scope, escape);
    else fallback = globalArgs[pair.key];
    written.push(pair.value === null ? pair.key : `${pair.key}=${fallback ?? ''}`);
    const value = Object.hasOwn(buildArgs, pair.key) ? buildArgs[pair.key] : fallback;
    if (value === undefined) {
      scope.args.delete(pair.key);
      continue;
    }
    scope.args.set(pair.key, value);
    if (builder === 'buildkit' && !NON_ENV_ARGS.has(pair.key)) scope.env.set(pair.key, value);
  }
  return written.join(' ');
}

/** ENV: every pair is expanded before any is set. Returns the pairs as set. */
export function applyEnv(instruction: Instruction, scope: StageScope, escape: string): string {
  const words = wordScope(scope);
  const pairs = keyValuePairs(instruction).map((pair) => [pair.key, expand(pair.value ?? '', words, escape)?.value ?? ''] as const);
  for (const [key, value] of pairs) scope.env.set(key, value);
  return pairs.map(([key, value]) => `${key}=${value}`).join(' ');
}

/** The variables a RUN's command sees, as its key holds them: `K=V` lines, sorted. */
export function runEnvironment(scope: StageScope, builder: Builder): Map<string, string> {
  if (builder === 'buildkit') return new Map([...scope.env].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  // classic: the ENV is the parent image's (already in the parent's key); the ARGs are added.
  const args = new Map<string, string>();
  for (const [key, value] of [...scope.args].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) if (!scope.env.has(key)) args.set(key, value);
  return args;
}

/** `SHELL ["bash", "-c"]`. */
export function applyShell(instruction: Instruction, scope: StageScope): void {
  if (instruction.json && instruction.json.length > 0) scope.shell = instruction.json;
}

/** Names of the variables a command or script mentions (`$NAME`, `${NAME…}`). */
export function mentionedVariables(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g)) names.add((match[1] ?? match[2])!);
  return names;
}
