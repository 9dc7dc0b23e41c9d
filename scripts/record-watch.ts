// node scripts/record-watch.ts — what `docker compose watch` (Compose's develop.watch) really does,
// for the "develop.watch beside bind mounts" section of content/lessons/local-development-with-compose.mdx.
// Writes tests/fixtures/compose/watch/recording.json; tests/content/lessons/local-development-with-compose-watch.test.ts
// holds the lesson to it.
//
// Each scenario is a project made of the lesson's own files (its Dockerfile, package.json,
// src/server.js, .dockerignore) and a compose file: the lesson's compose-watch block adapted to an
// offline engine, or one of tests/fixtures/compose/watch/*.compose.yaml. The script starts the
// project, starts watching, edits files on the host, waits for the container to show the change
// (polling its state, never a fixed sleep), and records what the container then holds, whether it
// was restarted or recreated, whether its image changed, and what Compose printed.
//
// Needs the Compose plugin from Debian's packages (scripts/oracle/install-compose.sh; COMPOSE
// overrides its path) and the engines of shared/oracle, started here with states of their own
// (/tmp/watch-28, /tmp/watch-26; WATCH_STATE_PREFIX changes the prefix) and stopped at the end.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import yaml from 'js-yaml';
import { codeBlock, codeBlocks } from '../tests/content/lessons/mdx-source.ts';
import { lessonDockerfile } from '../tests/support/lesson-dockerfiles.ts';
import { docker, installStubs, serverVersion, startEngine, stopEngine, type Engine, type Env } from './oracle/engine.ts';

const ROOT = join(import.meta.dirname, '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'compose', 'watch');
const OUT = join(FIXTURES, 'recording.json');
const LESSON = 'local-development-with-compose';
const COMPOSE = process.env['COMPOSE'] ?? '/opt/stagecraft-compose/usr/libexec/docker/cli-plugins/docker-compose';
const STATE_PREFIX = process.env['WATCH_STATE_PREFIX'] ?? '/tmp/watch-';
const WAIT_MS = 90_000;

/**
 * Stand-ins for the tools the lesson's Dockerfile calls, in a busybox image tagged node:22-slim.
 * npm records how it was called and the package.json it installed from, so a rebuild shows
 * which stage ran and with which manifest; node prints that it started and waits to be stopped.
 */
const STUBS = {
  npm: `#!/bin/sh
mkdir -p node_modules/express
echo "npm $*" > node_modules/.npm-args
cat package.json > node_modules/.package.json
echo "express, installed in the image by npm $*" > node_modules/express/index.js
`,
  node: `#!/bin/sh
trap 'exit 0' TERM INT
echo "node $* started"
while true; do busybox sleep 1 & wait $!; done
`,
};

/** A file saved on the host: its path in the project and its new text (or a function of the lesson's files). */
type Edit = { write: string; text: string | ((lesson: Record<string, string>) => string) };
/** What to wait for once the edits are made: a file's content in the container, or a new container, or a restart. */
type Until = { file: string; text: string } | 'recreated' | 'restarted';

interface Scenario {
  id: string;
  /** compose.yaml: the lesson's block adapted for the offline engine, or a fixture file. */
  compose: 'lesson' | string;
  /** Where compose.yaml and the lesson's files go, inside the scenario's folder (outside-context uses api/). */
  projectDir?: string;
  /** `watch --no-up` starts after `up -d`; `watch` and `up --watch` build and start the project themselves. */
  command: 'watch --no-up' | 'watch' | 'up --watch';
  /** Host edits after the containers start and before watching starts. */
  before?: Edit[];
  edits: Edit[];
  until: Until;
  /** Container paths to read afterwards (null when absent). */
  read: string[];
}

const SERVER_V2 = '// v2: saved on the host while watching\nexport const version = 2;\n';
/** The lesson's package.json with one more dependency. */
const PACKAGE_V2 = (lesson: Record<string, string>) => {
  const json = JSON.parse(lesson['package.json']!) as { dependencies: Record<string, string> };
  json.dependencies['zod'] = '^3.23.0';
  return `${JSON.stringify(json, null, 2)}\n`;
};

const SCENARIOS: Scenario[] = [
  {
    id: 'lesson-sync',
    compose: 'lesson',
    command: 'up --watch',
    edits: [{ write: 'src/server.js', text: SERVER_V2 }],
    until: { file: '/app/src/server.js', text: SERVER_V2 },
    read: ['/app/src/server.js', '/app/node_modules/express/index.js'],
  },
  {
    id: 'lesson-rebuild',
    compose: 'lesson',
    command: 'watch',
    edits: [{ write: 'package.json', text: PACKAGE_V2 }],
    until: 'recreated',
    read: ['/app/package.json', '/app/node_modules/.package.json', '/app/node_modules/.npm-args'],
  },
  {
    id: 'sync-restart',
    compose: 'sync-restart.compose.yaml',
    command: 'watch --no-up',
    edits: [{ write: 'config/settings.json', text: '{"greeting":"v2"}\n' }],
    until: 'restarted',
    read: ['/app/config/settings.json'],
  },
  {
    id: 'restart',
    compose: 'restart.compose.yaml',
    command: 'watch --no-up',
    edits: [{ write: 'config/settings.json', text: '{"greeting":"v2"}\n' }],
    until: 'restarted',
    read: ['/app/config/settings.json'],
  },
  {
    id: 'sync-exec',
    compose: 'sync-exec.compose.yaml',
    command: 'watch --no-up',
    edits: [{ write: 'src/server.js', text: SERVER_V2 }],
    until: { file: '/app/reloaded', text: 'reloaded after a sync\n' },
    read: ['/app/src/server.js', '/app/reloaded'],
  },
  {
    id: 'ignore',
    compose: 'ignore.compose.yaml',
    command: 'watch --no-up',
    // The ignored file is saved first; the next save is the event to wait for.
    edits: [
      { write: 'src/server.test.js', text: 'test file\n' },
      { write: 'src/server.js', text: SERVER_V2 },
    ],
    until: { file: '/app/src/server.js', text: SERVER_V2 },
    read: ['/app/src/server.js', '/app/src/server.test.js'],
  },
  {
    id: 'whole-project',
    compose: 'whole-project.compose.yaml',
    command: 'watch --no-up',
    // A host node_modules (say, from an npm install on the laptop), then a source change.
    edits: [
      { write: 'node_modules/express/index.js', text: 'express, installed on the host\n' },
      { write: 'src/server.js', text: SERVER_V2 },
    ],
    until: { file: '/app/src/server.js', text: SERVER_V2 },
    read: ['/app/src/server.js', '/app/node_modules/express/index.js'],
  },
  {
    id: 'dockerignore',
    compose: 'dockerignore.compose.yaml',
    command: 'watch --no-up',
    // The same, with no ignore in the rule: only the lesson's .dockerignore names node_modules.
    edits: [
      { write: 'node_modules/express/index.js', text: 'express, installed on the host\n' },
      { write: 'src/server.js', text: SERVER_V2 },
    ],
    until: { file: '/app/src/server.js', text: SERVER_V2 },
    read: ['/app/src/server.js', '/app/node_modules/express/index.js'],
  },
  {
    id: 'initial-sync',
    compose: 'initial-sync.compose.yaml',
    command: 'watch --no-up',
    before: [{ write: 'src/server.js', text: SERVER_V2 }],
    edits: [],
    until: { file: '/app/src/server.js', text: SERVER_V2 },
    read: ['/app/src/server.js'],
  },
  {
    id: 'no-initial-sync',
    compose: 'no-initial-sync.compose.yaml',
    command: 'watch --no-up',
    before: [{ write: 'src/server.js', text: SERVER_V2 }],
    edits: [{ write: 'src/routes.js', text: 'export const routes = [];\n' }],
    until: { file: '/app/src/routes.js', text: 'export const routes = [];\n' },
    read: ['/app/src/server.js', '/app/src/routes.js'],
  },
  {
    id: 'outside-context',
    compose: 'outside-context.compose.yaml',
    projectDir: 'api',
    command: 'watch --no-up',
    edits: [{ write: '../shared/settings.json', text: '{"greeting":"v2"}\n' }],
    until: { file: '/shared/settings.json', text: '{"greeting":"v2"}\n' },
    read: ['/shared/settings.json'],
  },
  {
    id: 'no-build-sync',
    compose: 'no-build-sync.compose.yaml',
    command: 'watch --no-up',
    edits: [{ write: 'src/server.js', text: SERVER_V2 }],
    until: { file: '/app/src/server.js', text: SERVER_V2 },
    read: ['/app/src/server.js'],
  },
  {
    id: 'no-build-rebuild',
    compose: 'no-build-rebuild.compose.yaml',
    command: 'watch --no-up',
    edits: [{ write: 'src/server.js', text: SERVER_V2 }],
    until: 'recreated',
    read: ['/app/src/server.js'],
  },
  {
    id: 'bind-mount',
    compose: 'bind-mount.compose.yaml',
    command: 'watch --no-up',
    // src is bind-mounted and watched; config is only watched: its sync is the event to wait for.
    edits: [
      { write: 'src/server.js', text: SERVER_V2 },
      { write: 'config/settings.json', text: '{"greeting":"v2"}\n' },
    ],
    until: { file: '/app/config/settings.json', text: '{"greeting":"v2"}\n' },
    read: ['/app/src/server.js', '/app/config/settings.json'],
  },
];

/** The lesson's compose-watch file, changed only where an offline engine needs it. */
function offlineLessonCompose(): { text: string; changes: string[] } {
  const model = yaml.load(codeBlock(LESSON, 'yaml', 'compose-watch')) as {
    services: Record<string, Record<string, unknown> & { build: Record<string, unknown> }>;
  };
  const api = model.services['api']!;
  delete model.services['db']; // postgres:16 cannot be pulled offline
  delete api['depends_on'];
  delete api['ports']; // other recordings may use the host's port 3000
  api.build['network'] = 'none'; // the engines run without a bridge network
  return {
    text: yaml.dump(model, { lineWidth: -1 }),
    changes: ['services.db removed', 'services.api.depends_on removed', 'services.api.ports removed', 'services.api.build.network: none added'],
  };
}

function lessonFiles(): Record<string, string> {
  const ignore = codeBlocks(LESSON, 'text').find((b) => /title="\.dockerignore"/.test(b.meta));
  if (!ignore) throw new Error('the lesson has no .dockerignore block');
  return {
    Dockerfile: lessonDockerfile(LESSON, 'node-api').text,
    'package.json': codeBlocks(LESSON, 'json')[0]!.text,
    'package-lock.json': '{ "name": "api", "lockfileVersion": 3, "packages": {} }\n',
    'src/server.js': codeBlocks(LESSON, 'js')[0]!.text,
    'config/settings.json': '{"greeting":"v1"}\n',
    '.dockerignore': ignore.text,
  };
}

function write(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** Strips what differs between runs: timestamps in Compose's warnings, temporary paths, colours. */
function clean(output: string, dir: string): string[] {
  return output
    .replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '')
    .replaceAll(dir, '<dir>')
    .replace(/time="[^"]*" /g, '')
    .split(/\r?\n|\\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

class Project {
  readonly env: Env;
  readonly name: string;
  readonly cwd: string;

  constructor(env: Env, name: string, cwd: string) {
    this.env = env;
    this.name = name;
    this.cwd = cwd;
  }

  compose(args: string[], timeout = 300_000): { status: number; output: string } {
    const run = spawnSync(COMPOSE, ['-p', this.name, ...args], { cwd: this.cwd, env: { ...this.env, NO_COLOR: '1' }, encoding: 'utf8', timeout });
    return { status: run.status ?? -1, output: `${run.stdout}${run.stderr}` };
  }

  start(args: string[]): ChildProcess {
    return spawn(COMPOSE, ['-p', this.name, ...args], { cwd: this.cwd, env: { ...this.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** The api container's id, image and start time, or null when it is not there. */
  container(): { id: string; image: string; startedAt: string; running: boolean; restarts: number } | null {
    const id = this.compose(['ps', '-q', 'api']).output.trim();
    if (!/^[0-9a-f]{12,}$/.test(id)) return null;
    const inspect = docker(this.env, ['inspect', '--format', '{{json .}}', id], this.cwd);
    if (inspect.status !== 0) return null;
    const c = JSON.parse(inspect.output) as { Id: string; Image: string; RestartCount: number; State: { StartedAt: string; Running: boolean } };
    return { id: c.Id, image: c.Image, startedAt: c.State.StartedAt, running: c.State.Running, restarts: c.RestartCount };
  }

  read(path: string): string | null {
    const run = this.compose(['exec', '-T', 'api', 'cat', path], 30_000);
    return run.status === 0 ? run.output : null;
  }
}

async function until<T>(what: string, probe: () => T | null | false, child?: ChildProcess): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (child && child.exitCode !== null) throw new Error(`compose exited (${child.exitCode}) while waiting for ${what}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250)); // a polling interval, not a wait for the event
  }
}

/** Resolves once the watching process prints "Watch enabled", or rejects with what it printed when it exits first. */
function watchEnabled(child: ChildProcess, output: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "Watch enabled" within ${WAIT_MS} ms:\n${output()}`)), WAIT_MS);
    const check = () => {
      if (/Watch enabled/.test(output())) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (/Watch enabled/.test(output())) resolve();
      else reject(Object.assign(new Error(`compose exited with ${code}`), { exitCode: code }));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  await exited;
  clearTimeout(timer);
}

async function record(env: Env, engine: Engine, scenario: Scenario) {
  const dir = mkdtempSync(join(tmpdir(), `watch-${scenario.id}-`));
  const cwd = join(dir, scenario.projectDir ?? '.');
  const files = lessonFiles();
  const composeText = scenario.compose === 'lesson' ? offlineLessonCompose().text : readFileSync(join(FIXTURES, scenario.compose), 'utf8');
  for (const [path, text] of Object.entries({ ...files, 'compose.yaml': composeText })) write(cwd, path, text);
  const save = (edit: Edit) => write(cwd, edit.write, typeof edit.text === 'string' ? edit.text : edit.text(files));
  if (scenario.id === 'outside-context') write(dir, 'shared/settings.json', '{"greeting":"v1"}\n');
  const project = new Project(env, `watch-${scenario.id}`, cwd);
  const result: Record<string, unknown> = { id: scenario.id, compose: scenario.compose, command: `docker compose ${scenario.command}` };
  let output = '';
  let child: ChildProcess | null = null;
  try {
    if (scenario.command === 'watch --no-up') {
      const up = project.compose(['up', '-d', '--build']);
      if (up.status !== 0) return { ...result, ok: false, stage: 'up', error: clean(up.output, dir).filter((l) => /error|requires|failed/i.test(l)) };
    }
    for (const edit of scenario.before ?? []) save(edit);
    const before = scenario.command === 'watch --no-up' ? project.container() : null;
    child = project.start(scenario.command === 'up --watch' ? ['up', '--build', '--watch'] : scenario.command.split(' '));
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    try {
      await watchEnabled(child, () => output);
    } catch (e) {
      return { ...result, ok: false, stage: 'watch', exitCode: (e as { exitCode?: number }).exitCode ?? null, error: clean(output, dir) };
    }
    const started =
      before ??
      (await until(
        'the api container',
        () => {
          const now = project.container();
          return now?.running ? now : null;
        },
        child,
      ));
    for (const edit of scenario.edits) save(edit);
    const target = scenario.until;
    const after = await until(
      JSON.stringify(target),
      () => {
        const now = project.container();
        if (!now?.running) return null;
        if (target === 'recreated') return now.id !== started.id && now;
        if (target === 'restarted') return now.id === started.id && now.startedAt !== started.startedAt && now;
        return project.read(target.file) === target.text && now;
      },
      child,
    );
    const read = Object.fromEntries(scenario.read.map((path) => [path, project.read(path)]));
    await stop(child); // its last lines (a sync's "Syncing …") are in the output once it has gone
    const lines = clean(output, dir);
    const watching = lines.slice(lines.findIndex((l) => /Watch enabled/.test(l)));
    return {
      ...result,
      ok: true,
      edits: scenario.edits.map((e) => e.write),
      before: (scenario.before ?? []).map((e) => e.write),
      waitedFor: target,
      container: {
        recreated: after.id !== started.id,
        restarted: after.id === started.id && after.startedAt !== started.startedAt,
        restartCount: after.restarts,
      },
      imageChanged: after.image !== started.image,
      read,
      // Compose's own lines (BuildKit's progress and the app's output left out) …
      log: lines.filter((l) => !/^#\d+ /.test(l) && !/^api-1\s+\|/.test(l) && l !== '"'),
      // … and the build steps that ran once watching had started: what a rebuild built.
      rebuiltSteps: [...new Set(watching.flatMap((l) => /^#\d+ (\[[\w-]+ \d+\/\d+\] .*)$/.exec(l)?.[1] ?? []))],
    };
  } catch (e) {
    return { ...result, ok: false, stage: 'wait', error: [(e as Error).message, ...clean(output, dir)] };
  } finally {
    if (child) await stop(child);
    project.compose(['down', '--volumes', '--timeout', '2', '--rmi', 'local'], 120_000);
    rmSync(dir, { recursive: true, force: true });
    console.log(`${engine} ${scenario.id}: done`);
  }
}

/** `docker compose config` of the lesson's compose-watch file, as it stands in the lesson. Needs no engine. */
function lessonConfig(): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'watch-config-'));
  for (const [path, text] of Object.entries({ ...lessonFiles(), 'compose.yaml': codeBlock(LESSON, 'yaml', 'compose-watch') })) write(dir, path, text);
  const run = spawnSync(COMPOSE, ['config', '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  rmSync(dir, { recursive: true });
  if (run.status !== 0) throw new Error(`docker compose config refused the lesson's compose-watch file:\n${run.stderr}`);
  const model = JSON.parse(run.stdout.replaceAll(dir, '<project>')) as { services: Record<string, unknown> };
  return { warnings: clean(run.stderr, dir), api: model.services['api'] };
}

const composeVersion = spawnSync(COMPOSE, ['version', '--short'], { encoding: 'utf8' }).stdout.trim();
if (!composeVersion) throw new Error(`no Compose at ${COMPOSE}: run scripts/oracle/install-compose.sh`);
const config = lessonConfig();
const engines: Array<Record<string, unknown>> = [];
const only = process.env['WATCH_SCENARIOS']?.split(',');
for (const engine of (process.env['WATCH_ENGINES'] ?? '28,26').split(',') as Engine[]) {
  const state = `${STATE_PREFIX}${engine}`;
  const env = startEngine(engine, state);
  try {
    installStubs(env, 'node:22-slim', STUBS);
    const buildx = docker(env, ['buildx', 'version'], ROOT).output.trim().split(/\s+/)[1] ?? '';
    const scenarios = [];
    for (const scenario of SCENARIOS.filter((s) => !only || only.includes(s.id))) scenarios.push(await record(env, engine, scenario));
    engines.push({ engine: serverVersion(env), buildx, scenarios });
  } finally {
    stopEngine(state);
  }
}
const offline = offlineLessonCompose();
writeFileSync(
  OUT,
  `${JSON.stringify({ lesson: LESSON, compose: composeVersion, lessonCompose: { text: offline.text, changes: offline.changes }, config, engines }, null, 2)}\n`,
);
console.log(`wrote ${OUT}`);
