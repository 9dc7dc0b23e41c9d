// `stagecraft run`: the stage runner on this machine (Node sandbox in a temp folder), its
// log streamed to stdout. Exit 0 when the build ran (and the command, if it ended, ended
// well or was stopped with Ctrl-C), 1 when Docker would refuse the build or something
// failed. The sandbox is always torn down: processes stopped, temp folder deleted.

import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { compareTargets } from '../runner/compare.ts';
import { ContextError, readBuildContext } from '../runner/context-node.ts';
import { runTarget } from '../runner/run-target.ts';
import { createNodeSandbox } from '../runner/sandbox-node.ts';
import type { BuildContext, RunEvent, RunResult } from '../runner/types.ts';
import type { CommandOptions } from './args.ts';
import { CliError } from './errors.ts';
import { formatComparison } from './format-compare.ts';
import { STDIN_NAME, type DockerfileInput } from './read-input.ts';
import { printable, printableLines } from '../runner/printable.ts';

export interface RunIO {
  stdout: { write(chunk: string): unknown };
  env: Record<string, string | undefined>;
  /** Calls the handler on Ctrl-C (or SIGTERM); returns a function that stops listening. */
  onInterrupt?: (handler: () => void) => () => void;
}

export async function runCommand(input: DockerfileInput, options: CommandOptions, io: RunIO): Promise<number> {
  const contextFolder = options.context ?? (input.name === STDIN_NAME ? '.' : dirname(input.name));
  const links: string[] = [];
  const context = await readContext(contextFolder, (path, target) => links.push(`${printable(path)} → ${printable(target)}`));
  // The machine's npm cache: what was downloaded before installs again offline.
  const sandbox = await createNodeSandbox({ npmCache: io.env.npm_config_cache || join(homedir(), '.npm') });
  const interrupted = new AbortController();
  const stopListening = io.onInterrupt?.(() => interrupted.abort()) ?? (() => {});
  const write = (text: string) => io.stdout.write(text);
  const onEvent = (event: RunEvent) => {
    if (event.type === 'output') write(event.chunk);
    else if (event.type === 'server-ready') write(`\nServer ready: ${event.url}  (Ctrl-C stops it)\n`);
  };
  try {
    write(`Running ${printable(input.name)} with the build context ${printable(contextFolder)} in ${sandbox.description}\n`);
    if (links.length > 0) write(leftOutLinks(links));
    const request = { dockerfile: input.text, context, target: options.target, buildArgs: options.buildArgs };
    const start = options.start && options.compare === null;
    const first = await runTarget(sandbox, request, onEvent, { start, signal: interrupted.signal });
    if (!first.ok) return fail(write, first);
    if (options.compare !== null) {
      const second = await runTarget(sandbox, { ...request, target: options.compare }, onEvent, { start: false, signal: interrupted.signal });
      if (!second.ok) return fail(write, second);
      write(printableLines(formatComparison(await compareTargets(sandbox, first, second))));
    }
    if (first.process === null) {
      write(`\nBuilt ${printable(first.target)}.\n`);
      return 0;
    }
    // The command keeps running until it ends or Ctrl-C.
    const stopped = new Promise<'stopped'>((resolve) => interrupted.signal.addEventListener('abort', () => resolve('stopped'), { once: true }));
    const ended = await Promise.race([first.process.exit, stopped]);
    if (ended === 'stopped') {
      write('\nStopped.\n');
      return 0;
    }
    write(`\nThe command exited with code ${ended}.\n`);
    return ended === 0 ? 0 : 1;
  } finally {
    stopListening();
    await sandbox.teardown();
  }
}

function fail(write: (text: string) => void, result: RunResult): number {
  const failed = result.steps.find((step) => step.status === 'failed');
  const target = printable(result.target);
  write(failed ? `\nThe build of ${target} failed at line ${failed.line}: ${printable(failed.reason ?? '')}\n` : `\nThe build of ${target} did not run.\n`);
  return 1;
}

/** The note on the context's symlinks, which the runner leaves out. */
function leftOutLinks(links: readonly string[]): string {
  if (links.length === 1) {
    return `(the build context has a symbolic link, ${links[0]}, that the runner leaves out: it copies files only. Docker sends the link as it is.)\n`;
  }
  return `(the build context has ${links.length} symbolic links the runner leaves out, as it copies files only: ${links.join(', ')}. Docker sends links as they are.)\n`;
}

async function readContext(folder: string, onLink: (path: string, target: string) => void): Promise<BuildContext> {
  try {
    return await readBuildContext(folder, { onLink });
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ENOENT') throw new CliError(`no such build context folder: ${JSON.stringify(folder)}`, 'run');
    if (error instanceof ContextError) throw new CliError(error.message, null);
    throw error;
  }
}
