// `stagecraft rebuild`: which steps a build takes from the cache after a change, from the
// analyzer's cache model (src/analyzer/cache), without running Docker. Exit 0 when the build
// can start, 1 when Docker would refuse it, 2 on usage and input errors, 3 on an internal error.

import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { predictCache, type CacheChange } from '../analyzer/cache/index.ts';
import { CliError } from './errors.ts';
import { formatRebuild, rebuildJson } from './format-rebuild.ts';
import { pickStyle } from './format-text.ts';
import type { CliIO } from './main.ts';
import { readDockerfile, STDIN_NAME } from './read-input.ts';
import { printable } from '../runner/printable.ts';
import { parseRebuildArgs, REBUILD_SYNOPSIS, REBUILD_USAGE, RebuildUsageError, type RebuildOptions } from './rebuild-args.ts';
import { contextPathOf, readCacheContext } from './rebuild-context.ts';

/** `rebuild …` and `help rebuild`: the command lines this module answers. */
export function isRebuildCommand(argv: readonly string[]): boolean {
  return argv[0] === 'rebuild' || (argv[0] === 'help' && argv[1] === 'rebuild' && argv.length === 2);
}

export async function runRebuild(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    if (argv[0] === 'help') {
      io.stdout.write(REBUILD_USAGE);
      return 0;
    }
    const request = parseRebuildArgs(argv.slice(1));
    if (request.kind === 'help') {
      io.stdout.write(REBUILD_USAGE);
      return 0;
    }
    const { options } = request;
    const input = await readDockerfile(options.file, io.stdin, io.readFile);
    const folder = options.context ?? (input.name === STDIN_NAME ? '.' : dirname(input.name));
    const context = await readCacheContext(folder, input.name === STDIN_NAME ? null : input.name);
    const change = await changeOf(options, folder);
    let prediction;
    try {
      prediction = predictCache({
        dockerfile: input.text,
        context,
        change,
        target: options.target,
        builder: options.builder,
        engine: options.engine,
        buildArgs: options.buildArgs,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      io.stderr.write(
        `stagecraft: internal error: the cache model failed on ${printable(input.name)}: ${printable(reason ?? '')} (please report this with the Dockerfile)\n`,
      );
      return 3;
    }
    const output = options.json
      ? `${JSON.stringify(rebuildJson(prediction), null, 2)}\n`
      : formatRebuild(input.name, prediction, describeChange(options), pickStyle(io.stdout.isTTY, io.env ?? {}));
    io.stdout.write(output);
    return prediction.fails ? 1 : 0;
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`stagecraft: ${printable(error.message)}\n`);
      if (error instanceof RebuildUsageError) io.stderr.write(`${REBUILD_SYNOPSIS}\n(run "stagecraft rebuild --help" for details)\n`);
      return error.exitCode;
    }
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    io.stderr.write(`stagecraft: internal error: ${printable(reason ?? '')}\n`);
    return 3;
  }
}

async function changeOf(options: RebuildOptions, folder: string): Promise<CacheChange> {
  const edited: string[] = [];
  const removed: string[] = [];
  for (const path of options.changed) {
    const found = await contextPathOf(folder, path);
    (found.exists ? edited : removed).push(found.path);
  }
  const previousBuildArgs: Record<string, string> = { ...options.buildArgs };
  for (const [key, value] of Object.entries(options.previousBuildArgs)) {
    if (value === null) delete previousBuildArgs[key];
    else previousBuildArgs[key] = value;
  }
  let previousDockerfile: string | undefined;
  if (options.previousDockerfile !== null) {
    try {
      previousDockerfile = await readFile(options.previousDockerfile, 'utf8');
    } catch (error) {
      throw new CliError(`cannot read --previous-dockerfile ${options.previousDockerfile}: ${(error as { code?: string }).code ?? String(error)}`, null);
    }
  }
  return {
    edited,
    removed,
    previousBuildArgs,
    ...(options.previousTarget === undefined ? {} : { previousTarget: options.previousTarget }),
    editedLines: options.editedLines,
    ...(previousDockerfile === undefined ? {} : { previousDockerfile }),
    noCache: options.noCache,
  };
}

/** "src/app.py changed, VERSION=1.4.0 (was 1.3.0)" for the report's first line. */
function describeChange(options: RebuildOptions): string {
  const parts: string[] = [];
  if (options.changed.length) parts.push(`${options.changed.join(', ')} changed`);
  for (const [key, value] of Object.entries(options.previousBuildArgs)) {
    parts.push(`--build-arg ${key}=${options.buildArgs[key] ?? '(unset)'} (was ${value ?? 'unset'})`);
  }
  if (options.editedLines.length) parts.push(`line ${options.editedLines.join(', ')} edited`);
  if (options.previousDockerfile !== null) parts.push(`the Dockerfile edited (was ${options.previousDockerfile})`);
  if (options.previousTarget !== undefined) parts.push(`--target ${options.target ?? '(default)'} (was ${options.previousTarget ?? 'the default'})`);
  if (options.noCache) parts.push('--no-cache');
  return parts.length ? parts.join('; ') : 'no change';
}
