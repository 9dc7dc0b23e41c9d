// Running the real engines of shared/oracle from a recording script: start one with a state of
// its own, run the docker CLI against it, give its busybox base images stand-ins for the tools a
// lesson's build calls. Used by scripts/record-check-cli.ts and scripts/record-secrets.ts; never by
// the test suite.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Engine = '26' | '28';
export type Env = Record<string, string>;

const ROOT = join(import.meta.dirname, '..', '..');
const ORACLE = process.env['STAGECRAFT_ORACLE'] ?? join(ROOT, '..', 'shared', 'oracle');

/** Starts the engine with its own state (so re-tagged images never reach other recordings); the environment for its docker CLI. */
export function startEngine(engine: Engine, state: string): Env {
  const started = spawnSync(join(ORACLE, 'start-engine.sh'), { env: { ...process.env, ENGINE: engine, ENGINE_STATE: state }, encoding: 'utf8' });
  if (started.status !== 0) throw new Error(`start-engine.sh (${engine}) failed: ${started.stderr}`);
  const env: Env = { ...(process.env as Env) };
  for (const [, key, value] of started.stdout.matchAll(/(\w+)=(\S+)/g)) env[key!] = value!.replace('$PATH', process.env['PATH'] ?? '');
  return env;
}

/** Stops the engine that startEngine started with this state (its dockerd's pid file), and waits until it has gone. */
export function stopEngine(state: string): void {
  const pidFile = join(state, 'pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  // dockerd takes a moment to shut its containers down; wait on the process, not a fixed time.
  spawnSync('sh', ['-c', `while kill -0 ${pid} 2>/dev/null; do sleep 0.2; done`], { timeout: 60_000 });
}

export function docker(env: Env, args: string[], cwd: string, extraEnv: Env = {}): { status: number; output: string } {
  const run = spawnSync('docker', args, {
    cwd,
    env: { ...env, BUILDX_NO_DEFAULT_ATTESTATIONS: '1', NO_COLOR: '1', ...extraEnv },
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { status: run.status ?? -1, output: `${run.stdout}${run.stderr}` };
}

export function serverVersion(env: Env): string {
  return docker(env, ['version', '--format', '{{.Server.Version}}'], ROOT).output.trim();
}

/**
 * Re-tags `image` as busybox plus executable stand-ins in /bin (name → shell script), so a
 * lesson's `go build` or `npm ci` runs on an offline engine and does what the script says.
 */
export function installStubs(env: Env, image: string, stubs: Record<string, string>): void {
  const dir = mkdtempSync(join(tmpdir(), 'oracle-stub-'));
  for (const [name, script] of Object.entries(stubs)) writeFileSync(join(dir, name), script, { mode: 0o755 });
  writeFileSync(join(dir, 'Dockerfile'), `FROM busybox:latest\nCOPY ${Object.keys(stubs).join(' ')} /bin/\n`);
  const built = docker(env, ['build', '--network=none', '-t', image, '.'], dir);
  rmSync(dir, { recursive: true });
  if (built.status !== 0) throw new Error(`could not build the stand-in image ${image}:\n${built.output}`);
}

/** The output without the CLI's ANSI colours. */
export function plainText(output: string): string {
  return output.replace(/\x1b\[[0-9;]*m/g, ''); // the CLI colours its summaries
}
