// Records what a real engine takes from its build cache, for every case in tests/fixtures/cache.
//   node scripts/record-cache/record.ts [CASE...]      (scripts/record-cache.sh starts the engines)
// Uses the engine in DOCKER_HOST / ENGINE_ROOT (start-engine.sh prints them). For each case and
// each builder: empty the engine's caches, build the context once, apply the case's change to a
// copy, build again, and write which steps of the second build were CACHED (BuildKit) or
// "Using cache" (classic) to <case>/recording-<major.minor>.json.
//
// The caches are emptied before every build pair, because a warm cache from an earlier case
// changes the answer: `docker builder prune -af` for BuildKit, and for the classic builder (whose
// cache is the local image store) every image but the busybox image the base tags point at.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildKitSteps, classicSteps, failureMessage, type BuildKitStep, type ClassicStep } from './progress.ts';
import type { CacheCase } from '../../tests/support/cache-cases.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'cache');
const DOCKER = join(process.env.ENGINE_ROOT ?? '/opt/stagecraft-engine', 'usr', 'bin', 'docker');
const BUILD_TIMEOUT = 180_000;

interface Run {
  status: number | null;
  log: string;
}

function docker(args: string[], options: { cwd?: string; buildkit?: boolean } = {}): Run {
  const env = { ...process.env, DOCKER_BUILDKIT: options.buildkit === false ? '0' : '1', NO_COLOR: '1' };
  const result = spawnSync(DOCKER, args, { cwd: options.cwd, env, encoding: 'utf8', timeout: BUILD_TIMEOUT, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, log: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

function engineVersion(): string {
  const run = docker(['version', '--format', '{{.Server.Version}}']);
  const version = run.log.trim().replace(/\+.*/, '');
  if (run.status !== 0 || !/^\d+\.\d+/.test(version)) {
    throw new Error(`no engine at ${process.env.DOCKER_HOST ?? 'the default socket'}: run scripts/record-cache.sh, which starts one`);
  }
  return version;
}

/** Two base images that differ (every tag start-engine.sh makes is the same busybox image), for
 *  cases whose FROM line changes image: busybox with a file /variant saying which one it is. */
const BASE_VARIANTS = ['stagecraft-base:one', 'stagecraft-base:two'];

function ensureBaseVariants(): void {
  for (const tag of BASE_VARIANTS) {
    if (docker(['image', 'inspect', tag]).status === 0) continue;
    const folder = mkdtempSync(join(tmpdir(), 'stagecraft-base-'));
    try {
      writeFileSync(join(folder, 'variant'), `${tag}\n`);
      const name = `stagecraft-base-${tag.split(':')[1]}`;
      docker(['rm', '-f', name]);
      for (const args of [
        ['create', '--name', name, 'busybox:latest', 'sh'],
        ['cp', join(folder, 'variant'), `${name}:/variant`],
        ['commit', name, tag],
        ['rm', name],
      ]) {
        const run = docker(args);
        if (run.status !== 0) throw new Error(`could not make ${tag}: docker ${args.join(' ')}: ${run.log}`);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
}

/** Empties both caches: BuildKit's, and the images the classic builder would reuse. */
function emptyCaches(): void {
  docker(['builder', 'prune', '-af']);
  docker(['container', 'prune', '-f']);
  const keep = new Set(['busybox:latest', ...BASE_VARIANTS].map((tag) => docker(['image', 'inspect', '--format', '{{.Id}}', tag]).log.trim()));
  for (let round = 0; round < 5; round++) {
    const ids = [
      ...new Set(
        docker(['images', '-aq', '--no-trunc'])
          .log.split(/\s+/)
          .filter((id) => id !== '' && !keep.has(id)),
      ),
    ];
    if (ids.length === 0) return;
    // Children first would be tidier; removing with -f in rounds gets there too.
    docker(['rmi', '-f', ...ids]);
  }
  throw new Error('could not empty the image store');
}

function buildArgs(caseData: CacheCase, second: boolean, builder: 'buildkit' | 'classic', secretsDir: string): string[] {
  const build = second ? { ...caseData.build, ...dropUndefined({ target: caseData.change.target, buildArgs: caseData.change.buildArgs }) } : caseData.build;
  const args = ['build', '--network=none'];
  if (builder === 'buildkit') args.push('--progress=plain');
  if (build.target) args.push('--target', build.target);
  for (const [key, value] of Object.entries(build.buildArgs ?? {})) args.push('--build-arg', `${key}=${value}`);
  // The classic builder has no --secret: its build fails at the RUN --mount, which is recorded.
  if (builder === 'buildkit') for (const id of Object.keys(caseData.secrets ?? {})) args.push('--secret', `id=${id},src=${join(secretsDir, id)}`);
  if (second && caseData.change.noCache) args.push('--no-cache');
  args.push('-t', `stagecraft-cache:${second ? 'second' : 'first'}`, '.');
  return args;
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function writeFiles(folder: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), content);
  }
}

interface BuildRecord {
  ok: boolean;
  error: string;
}

export interface BuilderRecording {
  /** The first build, which fills the cache. */
  first: BuildRecord;
  /** The second build, after the change. */
  second: BuildRecord & { steps: BuildKitStep[] | ClassicStep[] };
}

function recordBuilder(name: string, caseData: CacheCase, builder: 'buildkit' | 'classic'): BuilderRecording {
  const work = mkdtempSync(join(tmpdir(), `stagecraft-cache-${name}-`));
  try {
    const context = join(work, 'context');
    const secrets = join(work, 'secrets');
    cpSync(join(FIXTURES, name, 'context'), context, { recursive: true });
    mkdirSync(secrets);
    writeFiles(secrets, caseData.secrets ?? {});
    emptyCaches();
    // A first build that fails part-way (the classic builder at a RUN --mount) still caches the
    // steps before the failure, so the second build is recorded either way.
    const first = docker(buildArgs(caseData, false, builder, secrets), { cwd: context, buildkit: builder === 'buildkit' });

    const change = caseData.change;
    writeFiles(context, { ...(change.edit ?? {}), ...(change.add ?? {}) });
    for (const path of change.remove ?? []) rmSync(join(context, path), { recursive: true, force: true });
    writeFiles(secrets, change.secrets ?? {});
    const second = docker(buildArgs(caseData, true, builder, secrets), { cwd: context, buildkit: builder === 'buildkit' });
    const steps = builder === 'buildkit' ? inFileOrder(buildKitSteps(second.log), readFileSync(join(context, 'Dockerfile'), 'utf8')) : classicSteps(second.log);
    return {
      first: { ok: first.status === 0, error: first.status === 0 ? '' : failureMessage(first.log) },
      second: { ok: second.status === 0, error: second.status === 0 ? '' : failureMessage(second.log), steps },
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
    emptyCaches();
  }
}

/** BuildKit runs stages in parallel, so its log lists them in a different order each time:
 *  sort by stage (in the Dockerfile's order: `AS name`, or `stage-N` for an unnamed one) and step. */
function inFileOrder(steps: BuildKitStep[], dockerfile: string): BuildKitStep[] {
  const labels = [...dockerfile.matchAll(/^\s*FROM\s+(?:--\S+\s+)*\S+(?:\s+AS\s+(\S+))?\s*$/gim)].map(
    (match, index) => match[1]?.toLowerCase() ?? `stage-${index}`,
  );
  const order = (stage: string | null) => (stage === null ? 0 : labels.indexOf(stage));
  return [...steps].sort((a, b) => order(a.stage) - order(b.stage) || a.step - b.step);
}

function cases(only: string[]): string[] {
  const all = readdirSync(FIXTURES)
    .filter((name) => existsSync(join(FIXTURES, name, 'case.json')))
    .sort();
  for (const name of only) if (!all.includes(name)) throw new Error(`no case ${JSON.stringify(name)} in ${FIXTURES}`);
  return only.length > 0 ? only : all;
}

function main(): void {
  const engine = engineVersion();
  ensureBaseVariants();
  const series = engine.split('.').slice(0, 2).join('.');
  for (const name of cases(process.argv.slice(2))) {
    const caseData = JSON.parse(readFileSync(join(FIXTURES, name, 'case.json'), 'utf8')) as CacheCase;
    const recording = { engine, buildkit: recordBuilder(name, caseData, 'buildkit'), classic: recordBuilder(name, caseData, 'classic') };
    const file = join(FIXTURES, name, `recording-${series}.json`);
    writeFileSync(file, `${JSON.stringify(recording, null, 2)}\n`);
    const show = (r: BuilderRecording) =>
      `${r.first.ok ? '' : '(first failed) '}${r.second.ok ? 'ok' : 'ERR'} ${r.second.steps.map((s) => (s.cached ? 'C' : 'r')).join('')}`;
    console.error(`${engine} ${name}: buildkit ${show(recording.buildkit)} | classic ${show(recording.classic)}`);
  }
}

main();
