// Reading package-manager commands: which tool, which subcommand, which options and which
// packages. Works on any word type with a `value` (plain shell words in tests, words with
// source ranges in rules).

import { programName } from './shell.ts';

export type Tool =
  'apk' | 'apt' | 'rpm' | 'zypper' | 'pip' | 'pipx' | 'uv' | 'poetry' | 'pipenv' | 'npm' | 'yarn' | 'pnpm' | 'gem' | 'bundle' | 'composer' | 'go';

export interface Option<W> {
  /** `--omit`, `-r` … (for `--name=value` the part before `=`). */
  name: string;
  value: string | null;
  word: W;
  /** The separate word holding the value (`-r requirements.txt`), when there is one. */
  valueWord?: W;
}

export interface PackageCommand<W> {
  tool: Tool;
  /** The subcommand, aliases resolved: `install`, `ci`, `remove`, `sync`, `require`, `groupinstall`, `mod download` … */
  verb: string;
  /** The words naming the tool and its subcommand (`npm ci`, `python3 -m pip install`). */
  words: W[];
  /** Positional arguments after the subcommand: package specs, usually. */
  args: W[];
  options: Array<Option<W>>;
  /** `npm install -g`, `yarn global add`, `composer global require`. */
  global: boolean;
}

const PROGRAMS: Record<string, Tool> = {
  apk: 'apk',
  'apt-get': 'apt',
  apt: 'apt',
  aptitude: 'apt',
  yum: 'rpm',
  dnf: 'rpm',
  microdnf: 'rpm',
  tdnf: 'rpm',
  zypper: 'zypper',
  pipx: 'pipx',
  poetry: 'poetry',
  pipenv: 'pipenv',
  npm: 'npm',
  yarn: 'yarn',
  yarnpkg: 'yarn',
  pnpm: 'pnpm',
  gem: 'gem',
  bundle: 'bundle',
  bundler: 'bundle',
  composer: 'composer',
  'composer.phar': 'composer',
  go: 'go',
};

/** Options that take the next word as their value (without `=`), per tool. */
const VALUE_OPTIONS: Record<Tool, ReadonlySet<string>> = {
  apk: new Set(['-t', '--virtual', '-X', '--repository', '-p', '--root', '--keys-dir', '--repositories-file', '--arch', '--cache-dir', '--cache-max-age']),
  apt: new Set(['-o', '--option', '-t', '--target-release', '--default-release', '-c', '--config-file', '-a', '--host-architecture']),
  rpm: new Set([
    '-c',
    '--config',
    '-x',
    '--exclude',
    '--setopt',
    '--enablerepo',
    '--disablerepo',
    '--releasever',
    '--installroot',
    '--repo',
    '--repoid',
    '--repofrompath',
    '--forcearch',
    '-d',
    '--debuglevel',
    '-e',
    '--errorlevel',
  ]),
  zypper: new Set(['-r', '--repo', '-t', '--type', '--from']),
  pip: new Set([
    '-r',
    '--requirement',
    '-c',
    '--constraint',
    '-e',
    '--editable',
    '-i',
    '--index-url',
    '--extra-index-url',
    '-f',
    '--find-links',
    '-t',
    '--target',
    '--prefix',
    '--root',
    '--platform',
    '--python-version',
    '--implementation',
    '--abi',
    '--src',
    '--upgrade-strategy',
    '--progress-bar',
    '--trusted-host',
    '--cert',
    '--client-cert',
    '--cache-dir',
    '--log',
    '--proxy',
    '--retries',
    '--timeout',
    '--exists-action',
    '--global-option',
    '-C',
    '--config-settings',
    '--no-binary',
    '--only-binary',
    '--python',
    '-p',
    '--report',
    '--group',
    '--extra',
    '--index',
    '--default-index',
    '--override',
    '--build-constraint',
  ]),
  pipx: new Set(['--python', '--pip-args', '--suffix', '--index-url', '--spec', '--with', '-w', '--from']),
  uv: new Set([
    '--group',
    '--only-group',
    '--no-group',
    '--extra',
    '--package',
    '-p',
    '--python',
    '--directory',
    '--project',
    '--index',
    '--index-url',
    '--extra-index-url',
    '--no-install-package',
  ]),
  poetry: new Set(['--only', '--without', '--with', '-E', '--extras', '-C', '--directory', '-P', '--project', '-G', '--group', '--source', '--python']),
  pipenv: new Set(['--python', '--pypi-mirror', '--categories', '-r', '--requirements']),
  npm: new Set([
    '--omit',
    '--include',
    '--only',
    '--also',
    '--registry',
    '--prefix',
    '--cache',
    '--tag',
    '-w',
    '--workspace',
    '--loglevel',
    '--install-strategy',
    '--userconfig',
    '--globalconfig',
    '--before',
    '--save-prefix',
  ]),
  yarn: new Set([
    '--modules-folder',
    '--cache-folder',
    '--network-timeout',
    '--registry',
    '--mutex',
    '--global-folder',
    '--cwd',
    '--link-folder',
    '--network-concurrency',
    '--child-concurrency',
  ]),
  pnpm: new Set(['-F', '--filter', '-C', '--dir', '--store-dir', '--reporter', '--registry', '--virtual-store-dir', '--modules-dir', '--network-concurrency']),
  gem: new Set(['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '--source', '-s', '-P', '--trust-policy', '--platform']),
  bundle: new Set(['--without', '--with', '--path', '--jobs', '-j', '--retry', '--gemfile', '--binstubs']),
  composer: new Set(['-d', '--working-dir', '--prefer-install']),
  go: new Set(['-C']),
};

/** Subcommand aliases → the verb the rules look for. */
const VERBS: Partial<Record<Tool, Record<string, string>>> = {
  apk: { add: 'install', del: 'remove' },
  apt: { install: 'install', remove: 'remove', purge: 'remove' },
  rpm: { install: 'install', groupinstall: 'groupinstall', remove: 'remove', erase: 'remove' },
  zypper: { install: 'install', in: 'install', remove: 'remove', rm: 'remove' },
  pip: { install: 'install', uninstall: 'remove' },
  npm: Object.fromEntries([
    ...['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add', 'install-test', 'it'].map((v) => [v, 'install']),
    ...['ci', 'clean-install', 'ic', 'install-clean', 'isntall-clean', 'install-ci-test', 'cit'].map((v) => [v, 'ci']),
    ...['uninstall', 'unlink', 'remove', 'rm', 'r', 'un'].map((v) => [v, 'remove']),
  ]),
  pnpm: { i: 'install', install: 'install', add: 'add' },
  gem: { i: 'install', install: 'install' },
  composer: { i: 'install', install: 'install', r: 'require', require: 'require' },
};

function parseArguments<W extends { value: string }>(tool: Tool, words: readonly W[]): { positionals: W[]; options: Array<Option<W>> } {
  const takesValue = VALUE_OPTIONS[tool];
  const positionals: W[] = [];
  const options: Array<Option<W>> = [];
  let optionsEnded = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const text = word.value;
    if (optionsEnded || !text.startsWith('-') || text === '-') {
      positionals.push(word);
    } else if (text === '--') {
      optionsEnded = true;
    } else if (text.startsWith('--') && text.includes('=')) {
      const eq = text.indexOf('=');
      options.push({ name: text.slice(0, eq), value: text.slice(eq + 1), word });
    } else if (takesValue.has(text)) {
      const next = words[i + 1];
      options.push(next ? { name: text, value: next.value, word, valueWord: next } : { name: text, value: null, word });
      i++;
    } else if (!text.startsWith('--') && text.length > 2 && takesValue.has(text.slice(0, 2))) {
      // `-rrequirements.txt`: a short option with its value attached.
      options.push({ name: text.slice(0, 2), value: text.slice(2), word });
    } else {
      options.push({ name: text, value: null, word });
    }
  }
  return { positionals, options };
}

/** The tool a command runs and the words before its arguments; null for anything else. */
function toolOf<W extends { value: string }>(words: readonly W[]): { tool: Tool; words: W[]; rest: W[] } | null {
  const [first, second, third] = words;
  if (!first) return null;
  const program = programName(first.value);
  if (/^python[\d.]*$/.test(program) && second?.value === '-m' && third && /^pip[\d.]*$/.test(third.value)) {
    return { tool: 'pip', words: [first, second, third], rest: words.slice(3) };
  }
  if (/^pip[\d.]*$/.test(program)) return { tool: 'pip', words: [first], rest: words.slice(1) };
  if (program === 'uv' && second && (second.value === 'pip' || second.value === 'tool')) {
    return { tool: second.value === 'pip' ? 'pip' : 'pipx', words: [first, second], rest: words.slice(2) };
  }
  if (program === 'php' && second && /(^|\/)composer(\.phar)?$/.test(second.value)) {
    return { tool: 'composer', words: [first, second], rest: words.slice(2) };
  }
  const tool = program === 'uv' ? 'uv' : PROGRAMS[program];
  return tool ? { tool, words: [first], rest: words.slice(1) } : null;
}

/** Reads a package-manager command; null when `words` runs something else. */
export function packageCommand<W extends { value: string }>(words: readonly W[]): PackageCommand<W> | null {
  const found = toolOf(words);
  if (!found) return null;
  const { tool } = found;
  const { positionals, options } = parseArguments(tool, found.rest);
  let verbCount = 1;
  let verb = positionals[0]?.value ?? '';
  let global = options.some((o) => o.name === '-g' || o.name === '--global');
  if ((tool === 'yarn' || tool === 'composer') && verb === 'global') {
    global = true;
    verb = positionals[1]?.value ?? '';
    verbCount = 2;
  } else if (tool === 'rpm' && (verb === 'group' || verb === 'groups') && positionals[1]?.value === 'install') {
    verb = 'groupinstall';
    verbCount = 2;
  } else if ((tool === 'go' && verb === 'mod') || (tool === 'yarn' && verb === 'workspaces')) {
    verb = `${verb} ${positionals[1]?.value ?? ''}`;
    verbCount = 2;
  } else if ((tool === 'yarn' || tool === 'bundle') && positionals.length === 0) {
    // A bare `yarn` or `bundle` installs.
    verb = 'install';
    verbCount = 0;
  }
  return {
    tool,
    verb: VERBS[tool]?.[verb] ?? verb,
    words: [...found.words, ...positionals.slice(0, verbCount)],
    args: positionals.slice(verbCount),
    options,
    global,
  };
}

export function hasOption<W>(command: PackageCommand<W>, ...names: string[]): boolean {
  return command.options.some((option) => names.includes(option.name));
}

/** Values of an option given any number of times (`--omit=dev --omit optional`). */
export function optionValues<W>(command: PackageCommand<W>, ...names: string[]): string[] {
  return command.options.filter((o) => names.includes(o.name) && o.value !== null).map((o) => o.value!);
}

export interface PackageSpec {
  /** The package's name as its ecosystem compares names (lower case; pip: `-` for `_` and `.`). */
  name: string;
  /** pip extras: `.[dev,test]` → ['dev', 'test']. */
  extras: string[];
}

/** The package a spec names, without version, release or architecture; null for paths and URLs. */
export function packageSpec(tool: Tool, spec: string): PackageSpec | null {
  if (spec.includes('$')) return null;
  const none = { extras: [] as string[] };
  switch (tool) {
    case 'apk':
      // gcc, gcc=13.2.1-r0, gcc~13, gcc@edge
      return { name: spec.split(/[=<>~@]/)[0]!.toLowerCase(), ...none };
    case 'apt':
      // gcc, gcc=4:12.2.0-3, gcc/bookworm, gcc:amd64
      return { name: spec.split(/[=/:]/)[0]!.toLowerCase(), ...none };
    case 'rpm':
    case 'zypper':
      return { name: spec.toLowerCase(), ...none };
    case 'pip':
    case 'pipx':
    case 'uv':
    case 'poetry':
    case 'pipenv': {
      const extras =
        /\[([^\]]*)\]/
          .exec(spec)?.[1]
          ?.split(',')
          .map((e) => e.trim().toLowerCase())
          .filter(Boolean) ?? [];
      if (/^[./~]/.test(spec) || spec.includes('://')) return { name: '', extras };
      const name = /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(spec)?.[0];
      return name ? { name: name.toLowerCase().replace(/[._-]+/g, '-'), extras } : null;
    }
    case 'npm':
    case 'yarn':
    case 'pnpm': {
      if (/^[./~]/.test(spec) || /^[a-z+]+:/i.test(spec)) return null;
      const name = /^(@[^/@\s]+\/[^@\s]+|[^@\s]+)/.exec(spec)?.[1];
      return name ? { name: name.toLowerCase(), ...none } : null;
    }
    case 'gem':
      return { name: spec.split(':')[0]!.toLowerCase(), ...none };
    case 'composer':
      return spec.includes('/') ? { name: spec.split(/[:@=\s]/)[0]!.toLowerCase(), ...none } : null;
    default:
      return null;
  }
}

/** `-r requirements.txt`, `--requirement=dev.txt`, `-rtest.txt`: the files and the words naming them. */
export function requirementFiles<W>(command: PackageCommand<W>): Array<{ file: string; word: W }> {
  if (command.tool !== 'pip' && command.tool !== 'pipenv') return [];
  return command.options
    .filter((o) => (o.name === '-r' || o.name === '--requirement' || o.name === '--requirements') && o.value)
    .map((o) => ({ file: o.value!, word: o.valueWord ?? o.word }));
}

/**
 * True for a command that installs a project's dependencies from its manifest or lock file
 * (package.json, requirements.txt, pyproject.toml, Gemfile, composer.json, go.mod), as
 * opposed to installing named packages.
 */
export function installsFromManifest<W>(command: PackageCommand<W>): boolean {
  const { tool, verb, args } = command;
  switch (tool) {
    case 'npm':
      return verb === 'ci' || (verb === 'install' && args.length === 0 && !command.global);
    case 'yarn':
      return (verb === 'install' && !command.global) || verb === 'workspaces focus';
    case 'pnpm':
      return verb === 'install' && args.length === 0;
    case 'pip':
      return verb === 'install' && requirementFiles(command).length > 0;
    case 'poetry':
      return verb === 'install';
    case 'uv':
      return verb === 'sync';
    case 'pipenv':
      return (verb === 'install' && args.length === 0) || verb === 'sync';
    case 'bundle':
    case 'composer':
      return verb === 'install';
    case 'go':
      return verb === 'mod download';
    default:
      return false;
  }
}
