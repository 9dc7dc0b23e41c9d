// The stagecraft command line: what docker build would do with a Dockerfile, from the
// analyzer, without running Docker. bin/stagecraft.mjs calls main(); tests call run().
//
// Usage: stagecraft <command> <Dockerfile> [options]
//
//   stagecraft plan <Dockerfile> [--target T] [--builder buildkit|classic] [--build-arg K=V]... [--json]
//       The builder, the target, the stages the build executes (in order) and skips, then
//       errors and warnings. Exit 0 when the build can start, 1 when Docker refuses it.
//       --json: {"builder","target","stages":[{"index","name"}],"errors":[…],"warnings":[…]}
//   stagecraft check <Dockerfile> [same options] [--format text|json|sarif]
//       Every diagnostic as `file:line:column  severity  message` + a hint line, and
//       "N errors, M warnings". Exit 1 when there is an error.
//       --json (= --format json): {"diagnostics":[{"id","severity","message","hint","line","column",
//       "endLine","endColumn","builder"?,"sources"}]}; --format sarif: SARIF 2.1.0 (format-sarif.ts).
//   stagecraft run <Dockerfile> [--context DIR] [--target T] [--build-arg K=V]... [--no-start] [--compare T2]
//       The stage runner (src/runner/) on this machine: the plan's Node.js steps run for
//       real in a temp sandbox, the image's command starts; the log streams to stdout (run.ts).
//   stagecraft rebuild <Dockerfile> [--context DIR] [--changed PATH]... [--build-arg K=V]... …
//       Which steps come from the build cache after a change, and why (rebuild.ts).
//   stagecraft help [plan|check|run|rebuild] | stagecraft --help | stagecraft version | stagecraft --version
//
//   <Dockerfile> is a path, or - for standard input (shown as <stdin>).
//   --build-arg may repeat and needs K=V: unlike docker build, the CLI cannot read a
//   value from the environment Docker runs in.
//   Exit 2: usage errors (unknown command or option, missing argument, bad --builder,
//   --build-arg without =) and unreadable input (missing file, directory, binary file).
//   Exit 3: an internal error (an analyzer crash), reported in one line.
//
// Run it through npm (`npx stagecraft …`) so the project's pinned Node 24 runs it (npx
// takes `--version` / `--help` right after the name for itself: use `version` / `help`).

import { parseCommandLine } from './args.ts';
import { checkCommand } from './check.ts';
import { CliError } from './errors.ts';
import { pickStyle } from './format-text.ts';
import { packageInfo } from './package-info.ts';
import { planCommand } from './plan.ts';
import { readDockerfile, type ReadFile, type StdinSource } from './read-input.ts';
import { isRebuildCommand, runRebuild } from './rebuild.ts';
import { runCommand } from './run.ts';
import { helpText, usageHint } from './usage.ts';

export interface Writable {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface CliIO {
  stdin: StdinSource;
  stdout: Writable;
  stderr: Writable;
  /** Default: node:fs/promises readFile. */
  readFile?: ReadFile;
  /** For NO_COLOR (and npm's cache for run). Default: no variables (plain text). */
  env?: Record<string, string | undefined>;
  /** run: calls the handler on Ctrl-C; returns a function that stops listening. */
  onInterrupt?: (handler: () => void) => () => void;
}

/** Runs one command line (without the `node` and script words); resolves to the exit status. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  if (isRebuildCommand(argv)) return runRebuild(argv, io);
  try {
    const request = parseCommandLine(argv);
    if (request.kind === 'help') {
      io.stdout.write(helpText(request.topic));
      return 0;
    }
    if (request.kind === 'version') {
      io.stdout.write(`${packageInfo().version}\n`);
      return 0;
    }
    const { command, options } = request;
    const input = await readDockerfile(options.file, io.stdin, io.readFile, command);
    if (command === 'run') return await runCommand(input, options, { stdout: io.stdout, env: io.env ?? {}, ...(io.onInterrupt ? { onInterrupt: io.onInterrupt } : {}) });
    const style = pickStyle(io.stdout.isTTY, io.env ?? {});
    let result;
    try {
      result = command === 'plan' ? planCommand(input, options, style) : checkCommand(input, options, style);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      io.stderr.write(`stagecraft: internal error: the analyzer failed on ${input.name}: ${reason} (please report this with the Dockerfile)\n`);
      return 3;
    }
    io.stdout.write(result.output);
    return result.exitCode;
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`stagecraft: ${error.message}\n`);
      if (error.usage) io.stderr.write(usageHint(error.usage));
      return error.exitCode;
    }
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    io.stderr.write(`stagecraft: internal error: ${reason}\n`);
    return 3;
  }
}

/** Entry point for bin/stagecraft.mjs: the whole process.argv and the process streams. */
export function main(
  argv: readonly string[],
  stdin: StdinSource,
  stdout: Writable,
  stderr: Writable,
  env: Record<string, string | undefined> = {},
): Promise<number> {
  return run(argv.slice(2), { stdin, stdout, stderr, env, onInterrupt: onProcessInterrupt });
}

/** Ctrl-C and SIGTERM call the handler instead of ending the process at once, so `run`
 *  can stop its processes and delete its sandbox first. */
function onProcessInterrupt(handler: () => void): () => void {
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
