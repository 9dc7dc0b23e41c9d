// What `docker build --check` and a plain `docker build` printed on Docker 26.1 and 28.5 for the
// pitfalls lesson's build-checks section (tests/fixtures/checks/cli.json, written by
// scripts/record-check-cli.ts). The lesson test quotes it; the script and the test share the fix.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CheckCliRun {
  dockerfile: string;
  /** The Dockerfile as recorded: the test compares it with the lesson's. */
  text: string;
  command: 'check' | 'build';
  args: string[];
  status: number;
  /** The lines worth quoting (ANSI colours removed; progress and file snippets left out). */
  lines: string[];
}

const FILE = join(import.meta.dirname, '..', 'fixtures', 'checks', 'cli.json');

/** The lesson's fix, said in words: line 1's stage named in lower case, with `AS` in capitals. */
export function fixedCheckExample(warned: string): string {
  const fixed = warned.replace(/^FROM golang:1\.23 as Build$/m, 'FROM golang:1.23 AS build');
  if (fixed === warned) throw new Error('the lesson changed: checks-warned no longer starts with "FROM golang:1.23 as Build"');
  return fixed;
}

/** The recorded run of `command` on the lesson's `dockerfile`, on the engine whose version starts with `engine`. */
export function checkCliRun(engine: '26.1' | '28.5', dockerfile: string, command: 'check' | 'build'): CheckCliRun {
  const recording = JSON.parse(readFileSync(FILE, 'utf8')) as { engines: Array<{ engine: string; runs: CheckCliRun[] }> };
  const runs = recording.engines.find((e) => e.engine.startsWith(engine))?.runs ?? [];
  const run = runs.find((r) => r.dockerfile === dockerfile && r.command === command);
  if (!run) throw new Error(`no ${command} run of ${dockerfile} on Docker ${engine} in ${FILE}: node scripts/record-check-cli.ts`);
  return run;
}
