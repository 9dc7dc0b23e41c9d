// Loads the recordings of the real engines (tests/fixtures/builds/*/golden-<engine>.json, made
// by scripts/record-goldens.sh with ../shared/oracle) so tests can compare the analyzer with them.
// One file per engine: golden-26.1.json (Docker 26.1) and golden-28.5.json (Docker 28.5).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_ENGINE } from '../../src/analyzer/engine.ts';
import type { Builder, Engine } from '../../src/analyzer/model.ts';

export const BUILDS_DIR = join(import.meta.dirname, '..', 'fixtures', 'builds');

export interface Outcome {
  ok: boolean;
  markers: string[];
  error: string;
}

/** What `docker buildx build --call=check` reported (Docker 27+ only). */
export interface CheckOutcome {
  ok: boolean;
  warnings: Array<{ rule: string; line: number | null; message: string }>;
  error: string;
}

export interface RecordedBuild {
  args: string[];
  buildkit: Outcome;
  classic: Outcome;
  checks?: CheckOutcome;
}

export interface Fixture {
  name: string;
  dockerfile: string;
  /** Which engine's recording this is. */
  engine: Engine;
  /** The version the engine reported, e.g. `28.5.2+dfsg4`. */
  version: string;
  builds: RecordedBuild[];
  /** Builds builds.json lists that were never sent to this engine, with the reason. */
  notRecorded: Array<{ args: string[]; reason: string }>;
}

interface GoldenFile {
  engine: string;
  builds: Array<RecordedBuild | { args: string[]; notRecorded: string }>;
}

export function goldenFile(name: string, engine: Engine): string {
  return join(BUILDS_DIR, name, `golden-${engine}.json`);
}

/** Every fixture recorded on `engine` (default: today's engine). */
export function loadFixtures(engine: Engine = DEFAULT_ENGINE): Fixture[] {
  return readdirSync(BUILDS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(goldenFile(entry.name, engine)))
    .map((entry) => {
      const golden = JSON.parse(readFileSync(goldenFile(entry.name, engine), 'utf8')) as GoldenFile;
      const builds: RecordedBuild[] = [];
      const notRecorded: Fixture['notRecorded'] = [];
      for (const build of golden.builds) {
        if ('notRecorded' in build) notRecorded.push({ args: build.args, reason: build.notRecorded });
        else builds.push(build);
      }
      const dockerfile = readFileSync(join(BUILDS_DIR, entry.name, 'Dockerfile'), 'utf8');
      return { name: entry.name, dockerfile, engine, version: golden.engine, builds, notRecorded };
    });
}

/** `--target T --build-arg K=V` → analyze() options. */
export function optionsFromArgs(
  args: string[],
  builder: Builder,
  engine: Engine = DEFAULT_ENGINE,
): { builder: Builder; engine: Engine; target: string | null; buildArgs: Record<string, string> } {
  const options = { builder, engine, target: null as string | null, buildArgs: {} as Record<string, string> };
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--target') options.target = args[++i]!;
    else if (args[i] === '--build-arg') {
      const [key, ...value] = args[++i]!.split('=');
      options.buildArgs[key!] = value.join('=');
    } else throw new Error(`unexpected recorded argument ${args[i]}`);
  }
  return options;
}

const cached = new Map<Engine, Fixture[]>();

/** The recording called `name` (a folder of tests/fixtures/builds/) on `engine` (default:
 *  today's engine); throws when there is none. */
export function recordedFixture(name: string, engine: Engine = DEFAULT_ENGINE): Fixture {
  let fixtures = cached.get(engine);
  if (!fixtures) cached.set(engine, (fixtures = loadFixtures(engine)));
  const found = fixtures.find((fixture) => fixture.name === name);
  if (!found) throw new Error(`no fixture called ${name} recorded on Docker ${engine}`);
  return found;
}

/** The recorded build of `name` with exactly these `docker build` arguments, with the
 *  fixture's Dockerfile; throws when it was not recorded. */
export function recordedBuild(name: string, args: string[], engine: Engine = DEFAULT_ENGINE): RecordedBuild & { dockerfile: string } {
  const fixture = recordedFixture(name, engine);
  const build = fixture.builds.find((b) => JSON.stringify(b.args) === JSON.stringify(args));
  if (!build) throw new Error(`${name} has no build with ${JSON.stringify(args)} recorded on Docker ${engine}`);
  return { dockerfile: fixture.dockerfile, ...build };
}
