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
//   stagecraft exercise <exercise-id> <Dockerfile> [--json]
//       The goals of a course exercise, checked as the workbench checks them (exercise.ts).
//       Exit 0 when every goal passes, 1 when one fails.
//   stagecraft rebuild <Dockerfile> [--context DIR] [--changed PATH]... [--build-arg K=V]... …
//       Which steps come from the build cache after a change, and why (rebuild.ts).
//   stagecraft bake [bake-file] [target…] [-f FILE]… [--json]
//       Which Dockerfile stages docker buildx bake builds for each bake target (bake.ts).
//   stagecraft help [plan|check|run|exercise|rebuild|bake] | stagecraft --help | stagecraft version | stagecraft --version
//
//   <Dockerfile> is a path, or - for standard input (shown as <stdin>).
//   --build-arg may repeat and needs K=V: unlike docker build, the CLI cannot read a
//   value from the environment Docker runs in.
//   Exit 2: usage errors (unknown command or option, missing argument, bad --builder,
//   --build-arg without =), unreadable input (missing file, directory, binary file, over
//   1 MB, a FIFO nothing writes to) and output that cannot be written (`> /dev/full`).
//   Exit 3: an internal error (an analyzer crash), reported in one line.
//   Text from the Dockerfile or the command line is printed with its control characters
//   escaped (printable.ts), in reports and in messages.
//
// Run it through npm (`npx stagecraft …`) so the project's pinned Node 24 runs it (npx
// takes `--version` / `--help` right after the name for itself: use `version` / `help`).

import { fstatSync } from 'node:fs';
import { parseCommandLine } from './args.ts';
import { bakeCommand } from './bake.ts';
import { checkCommand } from './check.ts';
import { CliError } from './errors.ts';
import { exerciseCommand } from './exercise.ts';
import { pickStyle } from './format-text.ts';
import { packageInfo } from './package-info.ts';
import { planCommand } from './plan.ts';
import { GuardedOutput, type OutputStream } from './output.ts';
import { readDockerfile, type ReadFile, type StdinFacts, type StdinSource } from './read-input.ts';
import { printable } from '../runner/printable.ts';
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
  /** What is known about standard input besides its bytes (main() looks at fd 0). */
  stdinFacts?: StdinFacts;
}

/** Runs one command line (without the `node` and script words); resolves to the exit status. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  if (isRebuildCommand(argv)) return runRebuild(argv, io);
  try {
    if (argv[0] === 'exercise') return await exerciseCommand(argv.slice(1), io);
    if (argv[0] === 'bake') return await bakeCommand(argv.slice(1), io);
    if (argv[0] === 'help' && argv[1] === 'bake') return await bakeCommand(['--help'], io);
    if (argv[0] === 'help' && argv[1] === 'exercise') return await exerciseCommand(['--help'], io);
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
    const input = await readDockerfile(options.file, io.stdin, io.readFile, command, io.stdinFacts);
    if (input.note) io.stderr.write(`stagecraft: note: ${input.note}\n`);
    if (command === 'run')
      return await runCommand(input, options, { stdout: io.stdout, env: io.env ?? {}, ...(io.onInterrupt ? { onInterrupt: io.onInterrupt } : {}) });
    const style = pickStyle(io.stdout.isTTY, io.env ?? {});
    let result;
    try {
      result = command === 'plan' ? planCommand(input, options, style) : checkCommand(input, options, style);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      io.stderr.write(
        `stagecraft: internal error: the analyzer failed on ${printable(input.name)}: ${printable(reason ?? '')} (please report this with the Dockerfile)\n`,
      );
      return 3;
    }
    io.stdout.write(result.output);
    return result.exitCode;
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`stagecraft: ${printable(error.message)}\n`);
      if (error.details) io.stderr.write(`${error.details}\n`);
      if (error.usage) io.stderr.write(usageHint(error.usage));
      return error.exitCode;
    }
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    io.stderr.write(`stagecraft: internal error: ${printable(reason ?? '')}\n`);
    return 3;
  }
}

/**
 * Entry point for bin/stagecraft.mjs: the whole process.argv and the process streams.
 * A failed write to stdout (output.ts) makes the status 2 with one line on stderr, and
 * stops `run` as Ctrl-C would.
 */
export async function main(
  argv: readonly string[],
  stdin: StdinSource,
  stdout: OutputStream,
  stderr: OutputStream,
  env: Record<string, string | undefined> = {},
): Promise<number> {
  const output = new GuardedOutput(stdout);
  // A failing stderr (2>/dev/full) must not end the process with a trace either.
  stderr.on?.('error', () => {});
  const onInterrupt = (handler: () => void) => {
    const stopSignals = onProcessInterrupt(handler);
    const stopFailure = output.onFailure(handler);
    return () => {
      stopSignals();
      stopFailure();
    };
  };
  const code = await run(argv.slice(2), { stdin, stdout: output.stream, stderr, env, onInterrupt, stdinFacts: stdinFacts() });
  await output.settled();
  const problem = output.problem();
  if (problem === null) return code;
  stderr.write(`stagecraft: ${problem}\n`);
  return 2;
}

/** Node gives a closed fd 0 /dev/null (char device 1:3), so both read as "nothing there". */
function stdinFacts(): StdinFacts {
  try {
    const info = fstatSync(0);
    return { devNull: info.isCharacterDevice() && info.rdev === DEV_NULL };
  } catch {
    return {};
  }
}

/** makedev(1, 3): /dev/null on Linux. */
const DEV_NULL = 259;

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
