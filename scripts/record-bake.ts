// node scripts/record-bake.ts — what `docker buildx bake` resolves and builds, on Docker 28.5 (buildx
// 0.29) and 26.1 (buildx 0.13), for the bake files in tests/fixtures/bake/<case>/. Writes
// tests/fixtures/bake/recording.json; tests/analyzer/bake/*.test.ts hold the analyzer to it and
// tests/content/lessons/one-dockerfile-every-environment*.test.ts the lesson. Needs the engines of
// shared/oracle; the test suite never does.
//
// For each run of a case it records `docker buildx bake --print ARGS` (the resolved targets and
// groups, or the error), then the real `docker buildx bake --progress=plain ARGS`: its exit
// status, its error line, the markers whose `RUN echo STAGE-<marker>` executed (a cached step prints
// nothing) and the images the run left tagged. A run is `fresh` when the engine's build cache and
// the images of earlier runs are removed first; the CI sequence (`bake test`, then `bake prod`) is
// two runs, the second on the first one's cache.
//
// The engines run without a network bridge, so a RUN step needs `network = "none"`: the real build
// adds a generated JSON file (`-f`) that sets it on each target --print resolved. That file is the
// only difference between what is printed and what is built. Each engine runs with its own state
// (ENGINE_STATE=/tmp/stagecraft-bake-<engine>) so the script may prune it.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_IMAGES } from '../tests/support/oracle-engine.ts';
import { docker, plainText, serverVersion, startEngine, stopEngine, type Engine, type Env } from './oracle/engine.ts';

const ROOT = join(import.meta.dirname, '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'bake');
const OUT = join(FIXTURES, 'recording.json');

interface Run {
  id: string;
  /** The bake arguments after the options: targets or groups, and `-f FILE` where the case needs it. */
  args: string[];
  /** Environment variables set for bake (variable overrides). */
  env?: Env;
  /** Start from an empty build cache and no images of earlier runs. */
  fresh: boolean;
}

const fresh = (id: string, args: string[], env?: Env): Run => ({ id, args, fresh: true, ...(env ? { env } : {}) });

/** Each case is a folder of tests/fixtures/bake; its bake file is found as bake finds it unless args say -f. */
const CASES: Record<string, Run[]> = {
  issue: [
    fresh('default', []),
    fresh('dev', ['dev']),
    fresh('test', ['test']),
    fresh('prod', ['prod']),
    fresh('test-and-prod', ['test', 'prod']),
    fresh('ci-test', ['test']),
    { id: 'ci-prod-after-test', args: ['prod'], fresh: false },
  ],
  'failing-test': [fresh('test-and-prod', ['test', 'prod']), fresh('ci-test', ['test']), fresh('prod', ['prod'])],
  json: [fresh('default', []), fresh('ci', ['ci']), fresh('tag-override', ['prod'], { TAG: '1.4.2' })],
  compose: [fresh('default', []), fresh('web', ['web']), fresh('tests', ['tests'])],
  variables: [fresh('default', []), fresh('override', [], { TAG: '2.0', STAGE: 'dev' }), fresh('stage-test', ['app'], { STAGE: 'test' })],
  'multi-inherit': [fresh('test', ['test']), fresh('test-dev', ['test-dev']), fresh('prod', ['prod'])],
  'nested-groups': [fresh('default', []), fresh('checks', ['checks'])],
  'args-select': [fresh('default', []), fresh('full', ['full'])],
  'unknown-target': [fresh('unknown', ['nope']), fresh('default', [])],
  cycle: [fresh('prod', ['prod']), fresh('dev', ['dev'])],
  'missing-stage': [fresh('prod', ['prod']), fresh('dev', ['dev'])],
};

/** Every image but the engine's own busybox tags is one a run left. */
function imagesOfRuns(env: Env, cwd: string): string[] {
  const listed = docker(env, ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'], cwd).output.split('\n');
  return listed.filter((name) => name !== '' && !LOCAL_IMAGES.has(name) && !name.includes('<none>')).sort();
}

function cleanSlate(env: Env, cwd: string): void {
  const images = imagesOfRuns(env, cwd);
  if (images.length > 0) docker(env, ['image', 'rm', '-f', ...images], cwd);
  const pruned = docker(env, ['builder', 'prune', '-af'], cwd);
  if (pruned.status !== 0) throw new Error(`docker builder prune failed:\n${pruned.output}`);
}

/** The last ERROR line bake printed (an error of its own, or the build's). */
function errorLine(output: string): string {
  const lines = plainText(output)
    .split('\n')
    .filter((line) => /^ERROR:/.test(line.trim()));
  return lines.at(-1)?.trim() ?? '';
}

/** Markers whose RUN step executed: its `echo STAGE-<marker>` printed, e.g. `#8 0.141 STAGE-test`. */
function markersOf(output: string): string[] {
  const found = [...plainText(output).matchAll(/^#\d+ \d+\.\d+ STAGE-([\w.-]+)$/gm)].map((m) => m[1]!);
  return [...new Set(found)].sort();
}

interface Printed {
  ok: boolean;
  config: { group?: Record<string, { targets: string[] }>; target?: Record<string, Record<string, unknown>> } | null;
  error: string;
}

function print(env: Env, dir: string, run: Run): Printed {
  // The JSON goes to stdout, bake's progress to stderr.
  const printed = spawnSync('docker', ['buildx', 'bake', '--print', ...run.args], {
    cwd: dir,
    env: { ...env, NO_COLOR: '1', ...run.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (printed.status !== 0) return { ok: false, config: null, error: errorLine(printed.stderr) || printed.stderr.trim().split('\n').at(-1)! };
  return { ok: true, config: JSON.parse(printed.stdout), error: '' };
}

/** The bake files bake itself finds in the folder (its default names), for the -f list of a real build. */
function bakeFiles(dir: string, run: Run): string[] {
  const explicit = run.args.flatMap((arg, i) => (run.args[i - 1] === '-f' ? [arg] : []));
  if (explicit.length > 0) return [];
  const names = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml', 'docker-bake.json', 'docker-bake.hcl'];
  return readdirSync(dir)
    .filter((name) => names.includes(name))
    .flatMap((name) => ['-f', name]);
}

function build(env: Env, dir: string, run: Run, printed: Printed) {
  if (run.fresh) cleanSlate(env, dir);
  const network = Object.fromEntries(Object.keys(printed.config?.target ?? {}).map((name) => [name, { network: 'none' }]));
  writeFileSync(join(dir, 'recording-network.json'), JSON.stringify({ target: network }));
  const files = printed.ok ? [...bakeFiles(dir, run), '-f', 'recording-network.json'] : [];
  const result = docker(env, ['buildx', 'bake', '--progress=plain', ...files, ...run.args], dir, run.env);
  rmSync(join(dir, 'recording-network.json'));
  return { ok: result.status === 0, markers: markersOf(result.output), images: imagesOfRuns(env, dir), error: errorLine(result.output) };
}

function recordEngine(engine: Engine) {
  const state = `/tmp/stagecraft-bake-${engine}`;
  const env = startEngine(engine, state);
  try {
    const version = serverVersion(env).replace(/\+.*/, '');
    const buildx = docker(env, ['buildx', 'version'], ROOT).output.trim().split(' ')[1]!.replace(/\+.*/, '');
    const cases: Record<string, unknown> = {};
    for (const [id, runs] of Object.entries(CASES)) {
      const dir = mkdtempSync(join(tmpdir(), `bake-${id}-`));
      cpSync(join(FIXTURES, id), dir, { recursive: true });
      cases[id] = runs.map((run) => {
        const printed = print(env, dir, run);
        const built = build(env, dir, run, printed);
        console.log(`${engine} ${id} ${run.id}: print ${printed.ok ? 'ok' : printed.error}; build ${built.ok ? 'ok' : built.error} [${built.markers}]`);
        return { id: run.id, args: run.args, env: run.env ?? {}, fresh: run.fresh, print: printed, build: built };
      });
      rmSync(dir, { recursive: true });
    }
    cleanSlate(env, ROOT);
    return { engine: version, buildx, cases };
  } finally {
    stopEngine(state);
  }
}

const engines = (process.env['ENGINES'] ?? '28,26').split(',') as Engine[];
const previous = JSON.parse(readFileSyncOr(OUT, '{"engines":{}}')) as { engines: Record<string, unknown> };
for (const engine of engines) previous.engines[engine] = recordEngine(engine);
writeFileSync(OUT, `${JSON.stringify(previous, null, 2)}\n`);
console.log(`wrote ${OUT}`);

function readFileSyncOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}
