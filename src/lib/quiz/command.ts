// Reads the `docker build` command a quiz question shows, for the options the analyzer
// needs: --target and --build-arg. Anything the analyzer cannot honour (a different
// Dockerfile with -f, a build context other than one path) is refused, so a question never
// shows one build and computes another.

import type { Builder } from '../../analyzer/index.ts';

export interface BuildCommand {
  target: string | null;
  buildArgs: Record<string, string>;
  /** The builder the command itself selects (DOCKER_BUILDKIT=0/1 in front), if any. */
  builder: Builder | null;
}

export class CommandError extends Error {}

/** Splits on blanks, honouring single and double quotes (enough for the commands quizzes show). */
function words(command: string): string[] {
  const out: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let match = pattern.exec(command); match !== null; match = pattern.exec(command)) {
    out.push(match[1] ?? match[2] ?? match[3] ?? '');
  }
  return out;
}

/** Flags that take a value and do not change which stages run. */
const IGNORED_WITH_VALUE = new Set(['-t', '--tag', '--label', '--progress', '--platform', '--cache-from', '--cache-to', '--output', '-o', '--network']);
const IGNORED_BARE = new Set(['--no-cache', '--pull', '-q', '--quiet', '--load', '--push', '--rm']);

export function parseBuildCommand(command: string): BuildCommand {
  const argv = words(command.trim());
  let builder: Builder | null = null;
  while (argv.length > 0 && /^[A-Z_][A-Z0-9_]*=/.test(argv[0]!)) {
    const [name, value] = argv.shift()!.split('=', 2) as [string, string];
    if (name === 'DOCKER_BUILDKIT') {
      if (value === '0') builder = 'classic';
      else if (value === '1') builder = 'buildkit';
      else throw new CommandError(`DOCKER_BUILDKIT must be 0 or 1 in "${command}"`);
    }
  }
  if (argv[0] === 'docker' && argv[1] === 'build') argv.splice(0, 2);
  else if (argv[0] === 'docker' && argv[1] === 'buildx' && argv[2] === 'build') argv.splice(0, 3);
  else throw new CommandError(`"${command}" is not a docker build command`);

  let target: string | null = null;
  const buildArgs: Record<string, string> = {};
  const contexts: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    const [flag, inline] =
      word.startsWith('--') && word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new CommandError(`${flag} needs a value in "${command}"`);
      return next;
    };
    if (flag === '--target') target = value();
    else if (flag === '--build-arg') {
      const pair = value();
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new CommandError(`--build-arg needs NAME=value in "${command}"`);
      Object.defineProperty(buildArgs, pair.slice(0, eq), { value: pair.slice(eq + 1), enumerable: true, writable: true, configurable: true });
    } else if (IGNORED_WITH_VALUE.has(flag)) value();
    else if (IGNORED_BARE.has(flag)) continue;
    else if (flag.startsWith('-')) throw new CommandError(`the quiz engine does not understand ${flag} in "${command}"`);
    else contexts.push(word);
  }
  if (contexts.length !== 1) throw new CommandError(`"${command}" must name exactly one build context (such as .)`);
  return { target, buildArgs, builder };
}
