// `stagecraft rebuild` options: its own parser (the other commands' parser, args.ts, knows
// nothing of contexts and changes). Every mistake is a CliError, exit 2.

import { parseArgs } from 'node:util';
import { CACHE_ENGINES, type CacheEngine } from '../analyzer/cache/index.ts';
import type { Builder } from '../analyzer/index.ts';
import { CliError } from './errors.ts';

export interface RebuildOptions {
  /** The Dockerfile's path, or `-` for standard input. */
  file: string;
  /** The build context folder; default the Dockerfile's folder. */
  context: string | null;
  /** Paths given with --changed, as written. */
  changed: string[];
  target: string | null;
  previousTarget: string | null | undefined;
  builder: Builder;
  engine: CacheEngine;
  buildArgs: Record<string, string>;
  /** Per name: the previous build's value, or null when it was not set. */
  previousBuildArgs: Record<string, string | null>;
  editedLines: number[];
  previousDockerfile: string | null;
  noCache: boolean;
  json: boolean;
}

export const REBUILD_USAGE = `Usage: stagecraft rebuild <Dockerfile> [--context DIR] [--changed PATH]... [--build-arg K=V]...
                         [--previous-build-arg K=V]... [--target T] [--builder B] [--engine E] [--json]

Which steps docker build takes from the build cache after a change, and which
run again, stage by stage, with the reason for each. The previous build is the
same command before the change, with its cache intact.

Options:
  --context <dir>               The build context (default: the Dockerfile's
                                folder; its .dockerignore applies)
  --changed <path>              A file edited, added or removed since the last
                                build (relative to the current folder, or to the
                                context); repeat for more. A path that no longer
                                exists counts as removed
  --edited-line <n>             The Dockerfile's instruction at line n was edited
  --previous-dockerfile <file>  The Dockerfile of the last build, when lines were
                                added or removed
  --build-arg <KEY=VALUE>       A build argument of this build; repeat for more
  --previous-build-arg <K=V>    Its value in the last build, when it differed
                                (K alone: it was not set); others are the same
  --target <stage>              Build this stage (default: the last one)
  --previous-target <stage>     The last build's target, when it differed
  --builder <name>              buildkit (default) or classic
  --engine <version>            28.5 (default) or 26.1: the Docker engine
  --no-cache                    docker build --no-cache: every step runs
  --json                        One JSON object: {"steps":[{"index","stage",
                                "line","instruction","cached","reason"}…],…}
  -h, --help                    Show help

Exits 0 when the build can start, 1 when Docker would refuse it, 2 on usage errors.

Examples:
  npx stagecraft rebuild Dockerfile --changed src/routes.js
  npx stagecraft rebuild Dockerfile --changed package-lock.json --target test
  npx stagecraft rebuild Dockerfile --build-arg VERSION=1.4.0 --previous-build-arg VERSION=1.3.0
`;

export const REBUILD_SYNOPSIS =
  'usage: stagecraft rebuild <Dockerfile> [--context DIR] [--changed PATH]... [--build-arg K=V]... [--previous-build-arg K=V]... [--target T] [--builder B] [--engine E] [--json]';

const OPTIONS = {
  context: { type: 'string' },
  changed: { type: 'string', multiple: true },
  'edited-line': { type: 'string', multiple: true },
  'previous-dockerfile': { type: 'string' },
  'build-arg': { type: 'string', multiple: true },
  'previous-build-arg': { type: 'string', multiple: true },
  target: { type: 'string' },
  'previous-target': { type: 'string' },
  builder: { type: 'string' },
  engine: { type: 'string' },
  'no-cache': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type RebuildRequest = { kind: 'help' } | { kind: 'rebuild'; options: RebuildOptions };

/** A mistake on the command line: printed with the synopsis under it. */
export class RebuildUsageError extends CliError {
  constructor(message: string) {
    super(message, null);
  }
}

function usageError(message: string): CliError {
  return new RebuildUsageError(message);
}

/** argv after the word `rebuild`. */
export function parseRebuildArgs(argv: readonly string[]): RebuildRequest {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      throw usageError(`unknown option ${option ?? ''} for rebuild (to name a file starting with -, put it after --)`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw usageError(/does not take an argument/.test(message) ? `${option} takes no value` : `${option} needs a value`);
    throw usageError(message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (positionals.length === 0) throw usageError('missing Dockerfile: give a path, or - to read standard input');
  if (positionals.length > 1)
    throw usageError(`rebuild takes one Dockerfile, got ${positionals.length}: ${positionals.map((p) => JSON.stringify(p)).join(' ')}`);
  if (values.context === '') throw usageError('--context needs a folder');
  return {
    kind: 'rebuild',
    options: {
      file: positionals[0]!,
      context: values.context ?? null,
      changed: (values.changed ?? []).map((path) => {
        if (path === '') throw usageError('--changed needs a path');
        return path;
      }),
      target: values.target ? values.target : null,
      previousTarget: values['previous-target'] === undefined ? undefined : values['previous-target'] || null,
      builder: parseBuilder(values.builder),
      engine: parseEngine(values.engine),
      buildArgs: parseBuildArgs(values['build-arg'] ?? [], '--build-arg'),
      previousBuildArgs: parsePreviousBuildArgs(values['previous-build-arg'] ?? []),
      editedLines: (values['edited-line'] ?? []).map(parseLine),
      previousDockerfile: values['previous-dockerfile'] ?? null,
      noCache: values['no-cache'] ?? false,
      json: values.json ?? false,
    },
  };
}

function parseBuilder(value: string | undefined): Builder {
  if (value === undefined) return 'buildkit';
  const lower = value.toLowerCase();
  if (lower === 'buildkit' || lower === 'classic') return lower;
  throw usageError(`--builder must be buildkit or classic, not "${value}"`);
}

function parseEngine(value: string | undefined): CacheEngine {
  if (value === undefined) return '28.5';
  const series = /^(\d+)(?:\.(\d+))?(?:\.\d+)?$/.exec(value.trim());
  const engine = series ? CACHE_ENGINES.find((e) => e === `${series[1]}.${series[2] ?? e.split('.')[1]}`) : undefined;
  if (!engine) throw usageError(`--engine must be ${CACHE_ENGINES.join(' or ')} (the Docker versions the cache model is recorded on), not "${value}"`);
  return engine;
}

function parseLine(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw usageError(`--edited-line takes a line number (1 or more), not "${value}"`);
  return Number(value);
}

function splitPair(value: string, option: string): [string, string | null] {
  const eq = value.indexOf('=');
  const key = eq === -1 ? value : value.slice(0, eq);
  if (key === '') throw usageError(`${option} ${value} has no name before "=": write ${option} NAME=value`);
  return [key, eq === -1 ? null : value.slice(eq + 1)];
}

function parseBuildArgs(values: readonly string[], option: string): Record<string, string> {
  const args: Record<string, string> = {};
  for (const value of values) {
    const [key, arg] = splitPair(value, option);
    if (arg === null) {
      throw usageError(
        `${option} ${value} has no value: stagecraft cannot see the environment Docker would take ${value} from, so write ${option} ${value}=<value>`,
      );
    }
    Object.defineProperty(args, key, { value: arg, enumerable: true, writable: true, configurable: true });
  }
  return args;
}

function parsePreviousBuildArgs(values: readonly string[]): Record<string, string | null> {
  const args: Record<string, string | null> = {};
  for (const value of values) {
    const [key, arg] = splitPair(value, '--previous-build-arg');
    Object.defineProperty(args, key, { value: arg, enumerable: true, writable: true, configurable: true });
  }
  return args;
}
