// node scripts/record-check-cli.ts — what `docker build --check` and a plain `docker build` print
// about build checks on Docker 26.1 and 28.5, for the Dockerfiles of the pitfalls lesson's
// build-checks section. Writes tests/fixtures/checks/cli.json; tests/content/lessons/pitfalls.test.ts
// holds the lesson's quoted output, exit statuses and engine differences to it. Needs both
// engines of shared/oracle (see its README); the test suite never does.
//
// The lesson's file is a Go build, and the engines' `golang:1.23` is busybox without Go. So each
// engine runs with its own state (ENGINE_STATE=/tmp/stagecraft-check-cli-<engine>), where
// `golang:1.23` is re-tagged as busybox plus a stub `go` that writes the file `go build -o`
// names: the build then runs to the end, as it would with the real toolchain, and prints its
// summary of warnings. The shared engines' images are not touched.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lessonDockerfile } from '../tests/support/lesson-dockerfiles.ts';
import { fixedCheckExample } from '../tests/support/check-cli.ts';

const ROOT = join(import.meta.dirname, '..');
const ORACLE = process.env['STAGECRAFT_ORACLE'] ?? join(ROOT, '..', 'shared', 'oracle');
const OUT = join(ROOT, 'tests', 'fixtures', 'checks', 'cli.json');
const LESSON = 'pitfalls';
/** The lesson's two files, and the fix it describes in words (line 1 spelled `AS build`). */
const DOCKERFILES: Array<{ id: string; text: () => string }> = [
  { id: 'checks-warned', text: () => lessonDockerfile(LESSON, 'checks-warned').text },
  { id: 'checks-error', text: () => lessonDockerfile(LESSON, 'checks-error').text },
  { id: 'checks-fixed', text: () => fixedCheckExample(lessonDockerfile(LESSON, 'checks-warned').text) },
];
const COMMANDS: Array<{ id: string; args: string[] }> = [
  { id: 'check', args: ['build', '--check', '.'] },
  { id: 'build', args: ['build', '--network=none', '--no-cache', '--progress=plain', '.'] },
];
/** A build's lines worth quoting: the summary of warnings, errors, unknown flags. */
const KEPT = /^\s*(\d+ warnings? found|- \w+: |ERROR: |unknown flag)/;
/** What `--check` prints besides its findings: BuildKit's progress lines and the snippets of the file. */
const NOISE = /^(#\d+ |\s*$|\s*\d+ \| |-+$)/;

const GO_STUB = `#!/bin/sh
# A stand-in for the Go toolchain: "go build -o PATH" writes PATH; anything else succeeds.
out=""
while [ $# -gt 0 ]; do [ "$1" = "-o" ] && out="$2"; shift; done
[ -n "$out" ] && mkdir -p "$(dirname "$out")" && echo api > "$out"
exit 0
`;

type Env = Record<string, string>;

function startEngine(engine: '26' | '28'): Env {
  const state = `/tmp/stagecraft-check-cli-${engine}`;
  const started = spawnSync(join(ORACLE, 'start-engine.sh'), { env: { ...process.env, ENGINE: engine, ENGINE_STATE: state }, encoding: 'utf8' });
  if (started.status !== 0) throw new Error(`start-engine.sh (${engine}) failed: ${started.stderr}`);
  const env: Env = { ...(process.env as Env) };
  for (const [, key, value] of started.stdout.matchAll(/(\w+)=(\S+)/g)) env[key!] = value!.replace('$PATH', process.env['PATH'] ?? '');
  return env;
}

function docker(env: Env, args: string[], cwd: string): { status: number; output: string } {
  const run = spawnSync('docker', args, { cwd, env: { ...env, BUILDX_NO_DEFAULT_ATTESTATIONS: '1', NO_COLOR: '1' }, encoding: 'utf8', timeout: 300_000 });
  return { status: run.status ?? -1, output: `${run.stdout}${run.stderr}` };
}

function installGoStub(env: Env): void {
  const dir = mkdtempSync(join(tmpdir(), 'go-stub-'));
  writeFileSync(join(dir, 'go'), GO_STUB, { mode: 0o755 });
  writeFileSync(join(dir, 'Dockerfile'), 'FROM busybox:latest\nCOPY go /bin/go\n');
  const built = docker(env, ['build', '--network=none', '-t', 'golang:1.23', '.'], dir);
  rmSync(dir, { recursive: true });
  if (built.status !== 0) throw new Error(`could not build the go stub image:\n${built.output}`);
}

function context(dockerfile: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'check-cli-'));
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  writeFileSync(join(dir, 'go.mod'), 'module example.com/api\n\ngo 1.23\n');
  writeFileSync(join(dir, 'go.sum'), '');
  mkdirSync(join(dir, 'cmd', 'api'), { recursive: true });
  writeFileSync(join(dir, 'cmd', 'api', 'main.go'), 'package main\n\nfunc main() {}\n');
  return dir;
}

function keptLines(output: string, command: string): string[] {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, ''); // the CLI colours its summary with ANSI escapes
  return plain
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => (command === 'check' ? !NOISE.test(line) : KEPT.test(line)));
}

const engines = [];
for (const engine of ['26', '28'] as const) {
  const env = startEngine(engine);
  installGoStub(env);
  const version = docker(env, ['version', '--format', '{{.Server.Version}}'], ROOT).output.trim();
  const runs = [];
  for (const { id, text } of DOCKERFILES) {
    const dockerfileText = text();
    const dir = context(dockerfileText);
    for (const command of COMMANDS) {
      const result = docker(env, command.args, dir);
      runs.push({
        dockerfile: id,
        text: dockerfileText,
        command: command.id,
        args: command.args,
        status: result.status,
        lines: keptLines(result.output, command.id),
      });
      console.log(`${version} ${id} docker ${command.args.join(' ')}: exit ${result.status}`);
    }
    rmSync(dir, { recursive: true });
  }
  engines.push({ engine: version, runs });
}
writeFileSync(OUT, `${JSON.stringify({ lesson: LESSON, engines }, null, 2)}\n`);
console.log(`wrote ${OUT}`);
