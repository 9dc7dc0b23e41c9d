// Help texts. `stagecraft --help` prints GENERAL_USAGE; `stagecraft plan --help` the
// command's own text; usage errors print the one-line synopsis under the message.

import type { UsageTopic } from './errors.ts';

/** The options every command takes; `format` describes --format for the command. */
function options(format: string): string {
  return `Options:
  --target <stage>         Build this stage, as docker build --target does
                           (default: the last stage; names ignore case)
  --builder <name>         buildkit (default) or classic (the legacy builder,
                           DOCKER_BUILDKIT=0)
  --engine <version>       The Docker release to predict: 28.5 (default; build
                           checks, # check=) or 26.1 (BuildKit 0.13, no checks)
  --build-arg <KEY=VALUE>  Set a build argument; repeat for more. The value is
                           required: stagecraft does not read your environment
  --json                   Print one JSON object instead of a report
                           (the same as --format json)
${format}
  -h, --help               Show help`;
}

const FORMAT_GENERAL = `  --format <format>        text (default), json, or sarif (check only)`;
const FORMAT_PLAN = `  --format <format>        text (default) or json`;
const FORMAT_CHECK = `  --format <format>        text (default), json, or sarif: SARIF 2.1.0 for
                           GitHub code scanning and other CI dashboards`;

export const GENERAL_USAGE = `Usage: stagecraft <command> <Dockerfile> [options]

Predict what docker build does with a multi-stage Dockerfile, without running Docker.

Commands:
  plan <Dockerfile>    Which stages the build runs and skips, and whether Docker
                       accepts the file
  check <Dockerfile>   Every problem the analyzer finds: errors, warnings, notes
  run <Dockerfile>     Run the build plan's Node.js steps for real, without
                       Docker, and start the image's command (see: help run)
  exercise <id> <Dockerfile>
                       Check a Dockerfile against a course exercise's goals
                       (see: help exercise)
  rebuild <Dockerfile> Which steps come from the build cache after a change,
                       and why (see: help rebuild)
  bake [file] [target…]
                       Which stages docker buildx bake builds for each bake
                       target (see: help bake)
  help [command]       This help, or the help of one command
  version              The version (also --version)

<Dockerfile> is a path, or - to read standard input: at most 1 MB (larger
input is refused). A FIFO (such as <(command)) is read once something writes to
it, after waiting at most 5 seconds for a writer.

${options(FORMAT_GENERAL)}
  --version                Print the version

Exit status:
  0  plan: the build can start       check: no errors
  1  plan: Docker refuses the build  check: at least one error
     run: 0 when the steps ran (and the command started and ended well), else 1
     exercise: 0 when every goal passes, 1 when one fails
  2  usage error: unknown command or option, a missing or unreadable file,
     input over 1 MB; or standard output cannot be written (a full disk)
  3  internal error

Examples:
  npx stagecraft plan Dockerfile --target test
  npx stagecraft plan Dockerfile --builder classic --build-arg VARIANT=full
  npx stagecraft plan Dockerfile --engine 26.1 --json
  cat Dockerfile | npx stagecraft check - --json
  npx stagecraft check Dockerfile --format sarif > stagecraft.sarif
  npx stagecraft run app/Dockerfile --target production
  npx stagecraft exercise capstone Dockerfile --json
`;

export const PLAN_USAGE = `Usage: stagecraft plan <Dockerfile> [--target T] [--builder buildkit|classic] [--engine 28.5|26.1] [--build-arg K=V]... [--json]

Show the engine, the builder, the target, the stages the build executes (in
order) and the stages it skips, then the errors and warnings that decide whether
it can start. Exits 0 when the build can start, 1 when Docker would refuse it.
With --json: {"engine", "builder", "target", "stages", "errors", "warnings"}.

${options(FORMAT_PLAN)}
`;

export const CHECK_USAGE = `Usage: stagecraft check <Dockerfile> [--target T] [--builder buildkit|classic] [--engine 28.5|26.1] [--build-arg K=V]... [--json | --format F]

List every diagnostic (errors, warnings and notes) as file:line:column lines; as
{"engine", "builder", "diagnostics": [...]} with --json, each with its id,
severity, message, hint, line, column, endLine, endColumn, sources (the
equivalent BuildKit check or hadolint rule) and, for a BuildKit check,
engineReports (false when this engine and builder do not report it: Docker 26.1
and the classic builder run no build checks); or as SARIF 2.1.0 with --format
sarif. Exits 1 when there is an error, else 0, whatever the format.

${options(FORMAT_CHECK)}
`;

export const RUN_USAGE = `Usage: stagecraft run <Dockerfile> [--context DIR] [--target T] [--build-arg K=V]... [--no-start] [--compare T2]

Carry out the build plan BuildKit would follow, without Docker: each stage gets
its own folder in a temporary sandbox; WORKDIR, ENV, ARG, COPY and ADD (local
files, COPY --from between stages) and RUN steps made of Node.js commands (npm
ci, npm install, npm run …, node …, npx …) run for real, on this Node.js;
other steps (apk, apt-get, USER …) are shown as skipped, with the reason. Then
the image's command starts in the final stage's folder, with a free port in
PORT; Ctrl-C stops it. The sandbox is deleted at the end.

npm runs offline, from your npm cache and the context's local files: packages
never downloaded before cannot be installed. Commands run on this machine as
you, as npm run would: use it only with Dockerfiles and projects you trust.

Options:
  --context <dir>          The build context (default: the Dockerfile's folder;
                           .dockerignore applies)
  --target <stage>         Build this stage (default: the last stage)
  --build-arg <KEY=VALUE>  Set a build argument; repeat for more
  --no-start               Build only: do not start the image's command
  --compare <stage>        Also build this target (neither starts) and show what
                           differs: files, size, packages in node_modules
  -h, --help               Show help

Exits 0 when every step it could run succeeded (and the command, if it ended,
ended with 0 or was stopped with Ctrl-C); 1 when Docker would refuse the build
or a step or the command failed; 2 on usage errors.
`;

const SYNOPSIS: Record<UsageTopic, string> = {
  general:
    'usage: stagecraft plan|check|run <Dockerfile> [--target T] [--builder buildkit|classic] [--engine 28.5|26.1] [--build-arg K=V]... [--json | --format F]',
  plan: 'usage: stagecraft plan <Dockerfile> [--target T] [--builder buildkit|classic] [--engine 28.5|26.1] [--build-arg K=V]... [--json]',
  check:
    'usage: stagecraft check <Dockerfile> [--target T] [--builder buildkit|classic] [--engine 28.5|26.1] [--build-arg K=V]... [--json | --format text|json|sarif]',
  run: 'usage: stagecraft run <Dockerfile> [--context DIR] [--target T] [--build-arg K=V]... [--no-start] [--compare T2]',
};

export function helpText(topic: UsageTopic): string {
  return topic === 'plan' ? PLAN_USAGE : topic === 'check' ? CHECK_USAGE : topic === 'run' ? RUN_USAGE : GENERAL_USAGE;
}

/** The hint printed under a usage error message. */
export function usageHint(topic: UsageTopic): string {
  const more = topic === 'general' ? 'stagecraft --help' : `stagecraft ${topic} --help`;
  return `${SYNOPSIS[topic]}\n(run "${more}" for details)\n`;
}
