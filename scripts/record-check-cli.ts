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

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lessonDockerfile } from '../tests/support/lesson-dockerfiles.ts';
import { fixedCheckExample } from '../tests/support/check-cli.ts';
import { docker, installStubs, plainText, serverVersion, startEngine, stopEngine } from './oracle/engine.ts';

const ROOT = join(import.meta.dirname, '..');
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
  const plain = plainText(output);
  return plain
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => (command === 'check' ? !NOISE.test(line) : KEPT.test(line)));
}

const engines = [];
for (const engine of ['26', '28'] as const) {
  const state = `/tmp/stagecraft-check-cli-${engine}`;
  const env = startEngine(engine, state);
  installStubs(env, 'golang:1.23', { go: GO_STUB });
  const version = serverVersion(env);
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
  stopEngine(state);
}
writeFileSync(OUT, `${JSON.stringify({ lesson: LESSON, engines }, null, 2)}\n`);
console.log(`wrote ${OUT}`);
