// Loads the recordings of the real engine (tests/fixtures/builds/*/golden.json, made by
// scripts/record-goldens.sh with ../shared/oracle) so tests can compare the analyzer with them.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Builder } from '../../src/analyzer/model.ts';

export const BUILDS_DIR = join(import.meta.dirname, '..', 'fixtures', 'builds');

export interface Outcome {
  ok: boolean;
  markers: string[];
  error: string;
}

export interface RecordedBuild {
  args: string[];
  buildkit: Outcome;
  classic: Outcome;
}

export interface Fixture {
  name: string;
  dockerfile: string;
  engine: string;
  builds: RecordedBuild[];
}

export function loadFixtures(): Fixture[] {
  return readdirSync(BUILDS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(BUILDS_DIR, entry.name, 'golden.json')))
    .map((entry) => {
      const dir = join(BUILDS_DIR, entry.name);
      const golden = JSON.parse(readFileSync(join(dir, 'golden.json'), 'utf8')) as { engine: string; builds: RecordedBuild[] };
      return { name: entry.name, dockerfile: readFileSync(join(dir, 'Dockerfile'), 'utf8'), engine: golden.engine, builds: golden.builds };
    });
}

/** `--target T --build-arg K=V` → analyze() options. */
export function optionsFromArgs(args: string[], builder: Builder): { builder: Builder; target: string | null; buildArgs: Record<string, string> } {
  const options = { builder, target: null as string | null, buildArgs: {} as Record<string, string> };
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--target') options.target = args[++i]!;
    else if (args[i] === '--build-arg') {
      const [key, ...value] = args[++i]!.split('=');
      options.buildArgs[key!] = value.join('=');
    } else throw new Error(`unexpected recorded argument ${args[i]}`);
  }
  return options;
}

let cached: Fixture[] | null = null;

/** The recording called `name` (a folder of tests/fixtures/builds/); throws when there is none. */
export function recordedFixture(name: string): Fixture {
  cached ??= loadFixtures();
  const found = cached.find((fixture) => fixture.name === name);
  if (!found) throw new Error(`no recorded fixture called ${name}`);
  return found;
}

/** The recorded build of `name` with exactly these `docker build` arguments, with the
 *  fixture's Dockerfile; throws when it was not recorded. */
export function recordedBuild(name: string, args: string[]): RecordedBuild & { dockerfile: string } {
  const fixture = recordedFixture(name);
  const build = fixture.builds.find((b) => JSON.stringify(b.args) === JSON.stringify(args));
  if (!build) throw new Error(`${name} has no recorded build with ${JSON.stringify(args)}`);
  return { dockerfile: fixture.dockerfile, ...build };
}
