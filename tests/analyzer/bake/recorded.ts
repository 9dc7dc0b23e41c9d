// The bake recording (tests/fixtures/bake/recording.json, written by scripts/record-bake.ts) and the
// fixtures it was recorded on, for the bake analyzer's tests.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_BAKE_FILES, type BakeFile, type ReadFile } from '../../../src/analyzer/bake/index.ts';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'bake');

export interface RecordedRun {
  id: string;
  args: string[];
  env: Record<string, string>;
  fresh: boolean;
  print: { ok: boolean; config: { group: Record<string, { targets: string[] }>; target: Record<string, Record<string, unknown>> } | null; error: string };
  build: { ok: boolean; markers: string[]; images: string[]; error: string };
}

export interface RecordedEngine {
  engine: string;
  buildx: string;
  cases: Record<string, RecordedRun[]>;
}

export const recording = JSON.parse(readFileSync(join(FIXTURES, 'recording.json'), 'utf8')) as { engines: Record<'26' | '28', RecordedEngine> };

/** The bake files bake finds in a case's folder, in its order. */
export function bakeFiles(name: string): BakeFile[] {
  return DEFAULT_BAKE_FILES.filter((file) => existsSync(join(FIXTURES, name, file))).map((file) => ({
    name: file,
    text: readFileSync(join(FIXTURES, name, file), 'utf8'),
  }));
}

export function reader(name: string): ReadFile {
  return (path) => {
    const full = join(FIXTURES, name, path);
    return existsSync(full) ? readFileSync(full, 'utf8') : null;
  };
}
