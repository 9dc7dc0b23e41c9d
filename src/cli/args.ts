// Command-line parsing with node:util parseArgs, turned into one of three requests.
// Every mistake becomes a CliError with a one-line message (exit 2).

import { parseArgs } from 'node:util';
import { type Builder, DEFAULT_ENGINE, type Engine, ENGINES, isEngine } from '../analyzer/index.ts';
import { CliError, type UsageTopic } from './errors.ts';

export type CommandName = 'plan' | 'check' | 'run';

/** text: the report; json: one JSON object; sarif: SARIF 2.1.0 (check only). */
export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CommandOptions {
  /** Path of the Dockerfile, or `-` for standard input. */
  file: string;
  /** `--target`; null for the default (last) stage. */
  target: string | null;
  builder: Builder;
  /** `--engine`: the Docker release to model (plan and check; default 28.5). */
  engine: Engine;
  buildArgs: Record<string, string>;
  /** `--format`, or json for `--json`; text by default. */
  format: OutputFormat;
  /** run only: the build context folder (`--context`; null: the Dockerfile's folder). */
  context: string | null;
  /** run only: start the image's command after the build (false with `--no-start`). */
  start: boolean;
  /** run only: `--compare <target>`, the second target to build and compare with. */
  compare: string | null;
}

export type Request = { kind: 'help'; topic: UsageTopic } | { kind: 'version' } | { kind: 'command'; command: CommandName; options: CommandOptions };

const COMMANDS: readonly string[] = ['plan', 'check', 'run'];

const OPTIONS = {
  target: { type: 'string' },
  builder: { type: 'string' },
  engine: { type: 'string' },
  'build-arg': { type: 'string', multiple: true },
  json: { type: 'boolean' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  context: { type: 'string' },
  'no-start': { type: 'boolean' },
  compare: { type: 'string' },
} as const;

/** The options only `stagecraft run` takes. */
const RUN_ONLY = ['context', 'no-start', 'compare'] as const;

export function parseCommandLine(argv: readonly string[]): Request {
  const first = argv[0];
  const topic: UsageTopic = first === 'plan' || first === 'check' || first === 'run' ? first : 'general';
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(describeParseError(error), topic);
  }
  const { values, positionals } = parsed;

  const [command, ...rest] = positionals;
  // `version` as a command too: `npx stagecraft --version` is taken by npx itself.
  if (values.version || command === 'version') return { kind: 'version' };
  if (command === 'help') {
    const about = rest[0];
    if (about === undefined) return { kind: 'help', topic: 'general' };
    if (about === 'plan' || about === 'check' || about === 'run') return { kind: 'help', topic: about };
    throw new CliError(`no help for "${about}": the commands are plan, check and run`);
  }
  if (values.help) return { kind: 'help', topic };
  if (command === undefined) throw new CliError('missing command: use plan, check or run');
  if (!COMMANDS.includes(command)) {
    throw new CliError(`unknown command "${command}": use plan, check or run`);
  }
  const name = command as CommandName;

  if (rest.length === 0) throw new CliError(`missing Dockerfile: give a path, or - to read standard input`, name);
  if (rest.length > 1) {
    throw new CliError(`${name} takes one Dockerfile, got ${rest.length}: ${rest.map((r) => JSON.stringify(r)).join(' ')}`, name);
  }

  if (name === 'run') checkRunOptions(values);
  else {
    const given = RUN_ONLY.find((option) => values[option] !== undefined);
    if (given) throw new CliError(`--${given} is an option of stagecraft run, not of ${name}`, name);
  }

  return {
    kind: 'command',
    command: name,
    options: {
      file: rest[0]!,
      // `--target ""` means the default stage, as in docker build.
      target: values.target ? values.target : null,
      builder: parseBuilder(values.builder, name),
      engine: parseEngine(values.engine, name),
      buildArgs: parseBuildArgs(values['build-arg'] ?? [], name),
      format: parseFormat(values.format, values.json ?? false, name),
      context: values.context ?? null,
      start: !(values['no-start'] ?? false),
      compare: values.compare ? values.compare : null,
    },
  };
}

/** run follows BuildKit's plan and writes a terminal log: no --builder classic, no JSON. */
function checkRunOptions(values: { builder?: string; engine?: string; json?: boolean; format?: string; context?: string }): void {
  if (values.engine !== undefined) throw new CliError('--engine is an option of plan and check; run follows the plan of the default engine', 'run');
  if (values.builder !== undefined && values.builder.toLowerCase() !== 'buildkit') {
    throw new CliError(`run follows BuildKit's plan; --builder ${values.builder} is for plan and check`, 'run');
  }
  if (values.json || values.format !== undefined) throw new CliError('run writes a terminal log and has no --json or --format', 'run');
  if (values.context === '') throw new CliError('--context needs a folder', 'run');
}

function parseBuilder(value: string | undefined, topic: UsageTopic): Builder {
  if (value === undefined) return 'buildkit';
  const lower = value.toLowerCase();
  if (lower === 'buildkit' || lower === 'classic') return lower;
  throw new CliError(`--builder must be buildkit or classic, not "${value}"`, topic);
}

function parseEngine(value: string | undefined, topic: UsageTopic): Engine {
  if (value === undefined) return DEFAULT_ENGINE;
  if (isEngine(value)) return value;
  throw new CliError(`--engine must be ${ENGINES.join(' or ')}, not "${value}"`, topic);
}

function parseFormat(value: string | undefined, json: boolean, command: CommandName): OutputFormat {
  if (value === undefined) return json ? 'json' : 'text';
  const lower = value.toLowerCase();
  if (lower !== 'text' && lower !== 'json' && lower !== 'sarif') {
    throw new CliError(`--format must be text, json or sarif, not "${value}"`, command);
  }
  if (json && lower !== 'json') throw new CliError(`--json asks for JSON but --format asks for ${lower}: give one of them`, command);
  if (lower === 'sarif' && command !== 'check') {
    throw new CliError(`${command} has no SARIF output (SARIF lists findings: use stagecraft check --format sarif)`, command);
  }
  return lower as OutputFormat;
}

function parseBuildArgs(values: readonly string[], topic: UsageTopic): Record<string, string> {
  const args: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq === -1) {
      throw new CliError(
        `--build-arg ${value} has no value: docker build would take ${value} from your environment, but stagecraft cannot see the environment Docker runs in, so write --build-arg ${value}=<value>`,
        topic,
      );
    }
    const key = value.slice(0, eq);
    if (key === '') throw new CliError(`--build-arg ${value} has no name before "=": write --build-arg NAME=value`, topic);
    // The last of repeated names wins, as in docker build. defineProperty: `__proto__` is a
    // name like any other (an assignment would set the object's prototype and drop it).
    Object.defineProperty(args, key, { value: value.slice(eq + 1), enumerable: true, writable: true, configurable: true });
  }
  return args;
}

/** parseArgs' messages span several lines; keep one line, naming the option (every command's
 *  own parseArgs uses it too). */
export function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? 'option';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option} (to name a file starting with -, put it after --)`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(message)) return `${option} takes no value`;
      if (/ambiguous/.test(message)) return `${option} needs a value, but is followed by another option (write ${option}=<value> if the value starts with -)`;
      return `${option} needs a value`;
    default:
      return message.split('\n')[0] ?? 'invalid arguments';
  }
}
