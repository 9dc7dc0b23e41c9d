// Which commands the runner runs for real: Node.js's own (node, npm, npx) and `cd` inside
// an && chain. Every other command gets a one-sentence reason a learner understands, named
// after what the command is for (installing OS packages, creating users, …).

/** What the sandbox spawns: these three names, nothing else. */
export type NodeTool = 'node' | 'npm' | 'npx';

export type CommandCheck = { ok: true; tool: NodeTool | 'cd' } | { ok: false; reason: string };

const SKIPPED = 'so this step is skipped.';
const ONLY_NODE = 'the runner runs only Node.js commands (npm, node, npx)';

const OS_PACKAGES: Record<string, string> = {
  apk: 'Alpine',
  'apt-get': 'Debian',
  apt: 'Debian',
  dpkg: 'Debian',
  yum: 'Red Hat',
  dnf: 'Red Hat',
  microdnf: 'Red Hat',
  rpm: 'Red Hat',
  zypper: 'SUSE',
};

const USERS = new Set(['adduser', 'addgroup', 'useradd', 'groupadd', 'usermod', 'deluser', 'delgroup']);
const OWNERSHIP = new Set(['chown', 'chmod', 'chgrp']);
const NETWORK = new Set(['curl', 'wget', 'git']);
const PYTHON = new Set(['pip', 'pip3', 'python', 'python3', 'poetry', 'pipenv', 'uv']);
const OTHER_JS = new Set(['yarn', 'pnpm', 'bun', 'deno', 'corepack']);

/** npm subcommands (and their aliases) the runner runs, by npm's own name for them. */
const NPM_COMMANDS: Record<string, string> = {
  ci: 'ci',
  'clean-install': 'ci',
  ic: 'ci',
  'install-clean': 'ci',
  install: 'install',
  i: 'install',
  in: 'install',
  add: 'install',
  run: 'run',
  'run-script': 'run',
  rum: 'run',
  urn: 'run',
  test: 'test',
  t: 'test',
  tst: 'test',
  start: 'start',
  prune: 'prune',
  rebuild: 'rebuild',
  rb: 'rebuild',
  cache: 'cache',
  ls: 'ls',
  list: 'ls',
  dedupe: 'dedupe',
  ddp: 'dedupe',
  exec: 'exec',
  x: 'exec',
  pack: 'pack',
};

/** npm options whose value may be the next word (`--omit dev`). */
const NPM_VALUE_OPTIONS = new Set([
  '--omit',
  '--include',
  '--loglevel',
  '--cache',
  '--registry',
  '--workspace',
  '-w',
  '--prefix',
  '--userconfig',
  '--install-strategy',
]);

/** The tool a command name stands for: `node`, `/usr/local/bin/node` … */
function toolName(name: string): string {
  const match = /^\/(?:usr\/(?:local\/)?)?s?bin\/([^/]+)$/.exec(name);
  return match ? match[1]! : name;
}

/** The reason for a command the runner knows by what it is for (OS packages, users,
 *  network, another language's tools), or null for any other command name. */
export function knownToolReason(name: string): string | null {
  const check = checkCommand([name]);
  return !check.ok && !check.reason.includes('is not a Node.js command') ? check.reason : null;
}

/**
 * Whether the runner runs a command, from its words' literal values (null for a word that
 * depends on variables). `cd` is allowed only inside a chain, where it moves the commands
 * after it.
 */
export function checkCommand(values: ReadonlyArray<string | null>): CommandCheck {
  const first = values[0];
  if (first === null || first === undefined)
    return { ok: false, reason: `The command's name comes from a variable, which the runner cannot check beforehand, ${SKIPPED}` };
  const name = toolName(first);
  switch (name) {
    case 'node':
    case 'npx':
      return { ok: true, tool: name };
    case 'npm':
      return checkNpm(values.slice(1));
    case 'cd':
      return values.length === 2 && values[1] !== null
        ? { ok: true, tool: 'cd' }
        : { ok: false, reason: `\`cd\` without exactly one literal folder is not supported by the runner, ${SKIPPED}` };
  }
  const distro = OS_PACKAGES[name];
  if (distro) return { ok: false, reason: `${name} installs ${distro} packages; the sandbox has no package manager for the operating system, ${SKIPPED}` };
  if (USERS.has(name)) return { ok: false, reason: `${name} creates an operating-system user or group; the sandbox runs everything as one user, ${SKIPPED}` };
  if (OWNERSHIP.has(name)) return { ok: false, reason: `${name} changes who owns or may use files; the sandbox runs everything as one user, ${SKIPPED}` };
  if (NETWORK.has(name)) return { ok: false, reason: `${name} fetches files from the network, and ${ONLY_NODE}, ${SKIPPED}` };
  if (PYTHON.has(name)) return { ok: false, reason: `${name} belongs to Python; the sandbox has only Node.js, ${SKIPPED}` };
  if (OTHER_JS.has(name)) return { ok: false, reason: `${name} is not in the sandbox, which has npm, node and npx only, ${SKIPPED}` };
  return { ok: false, reason: `\`${name}\` is not a Node.js command, and ${ONLY_NODE}, ${SKIPPED}` };
}

function checkNpm(args: ReadonlyArray<string | null>): CommandCheck {
  let command: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === null || arg === undefined) {
      if (command === null) return { ok: false, reason: `The npm command comes from a variable, which the runner cannot check beforehand, ${SKIPPED}` };
      continue;
    }
    if (arg === '-g' || arg === '--global' || arg === '--location=global' || arg === '--global=true') {
      return { ok: false, reason: `npm ${arg} installs into the image's global folder, which the sandbox does not have, ${SKIPPED}` };
    }
    if (arg === '--prefix' || arg.startsWith('--prefix=')) {
      return { ok: false, reason: `npm --prefix points npm at another folder of the image, which the runner does not follow, ${SKIPPED}` };
    }
    if (arg.startsWith('-')) {
      if (!arg.includes('=') && NPM_VALUE_OPTIONS.has(arg)) i++;
      continue;
    }
    if (command === null) command = arg;
  }
  if (command === null) return { ok: true, tool: 'npm' }; // `npm -v`, `npm --version`, `npm`.
  if (NPM_COMMANDS[command]) return { ok: true, tool: 'npm' };
  if (command === 'config' || command === 'set') {
    return { ok: false, reason: `npm ${command} changes npm's settings in the image; the sandbox keeps its own npm settings, ${SKIPPED}` };
  }
  return {
    ok: false,
    reason: `npm ${command} is not one of the npm commands the runner runs (ci, install, run, test, start, prune, rebuild, cache, ls, exec), ${SKIPPED}`,
  };
}
