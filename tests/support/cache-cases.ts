// The recorded cache cases in tests/fixtures/cache (see its README): each is a build context,
// a change, and what Docker 26.1 and 28.5 took from the cache when building again after it.
// Written by scripts/record-cache.sh; read by the cache model's tests.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const CACHE_DIR = join(import.meta.dirname, '..', 'fixtures', 'cache');

export interface CacheCase {
  /** What the case shows, in a sentence. */
  about: string;
  /** The first build, which fills the cache. */
  build: { target?: string; buildArgs?: Record<string, string> };
  /** What differs in the second build. */
  change: {
    /** Files of the context rewritten (the Dockerfile and .dockerignore included). */
    edit?: Record<string, string>;
    /** Files added to the context. */
    add?: Record<string, string>;
    /** Files or folders removed from the context. */
    remove?: string[];
    /** The second build's build arguments (all of them; default: the first build's). */
    buildArgs?: Record<string, string>;
    /** The second build's --target (default: the first build's). */
    target?: string;
    noCache?: boolean;
    /** New contents of secrets. */
    secrets?: Record<string, string>;
  };
  /** `--secret id=<id>` files, by id (BuildKit only). */
  secrets?: Record<string, string>;
}

export interface RecordedBuildKitStep {
  stage: string | null;
  step: number;
  of: number;
  text: string;
  cached: boolean;
}

export interface RecordedClassicStep {
  step: number;
  of: number;
  text: string;
  cached: boolean;
}

export interface BuilderRecording<Step> {
  /** The first build, which fills the cache. */
  first: { ok: boolean; error: string };
  /** The second build, after the change (recorded even when the first build failed part-way). */
  second: { ok: boolean; error: string; steps: Step[] };
}

export interface CacheRecording {
  engine: string;
  buildkit: BuilderRecording<RecordedBuildKitStep>;
  classic: BuilderRecording<RecordedClassicStep>;
}

export interface LoadedCacheCase {
  name: string;
  case: CacheCase;
  /** The context before the change: relative POSIX path → text. */
  files: Record<string, string>;
  /** By engine series: `26.1`, `28.5`. */
  recordings: Record<string, CacheRecording>;
}

function readTree(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(folder, path).split('\\').join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(folder);
  return files;
}

export function loadCacheCases(): LoadedCacheCase[] {
  return readdirSync(CACHE_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(CACHE_DIR, entry.name, 'case.json')))
    .map((entry) => {
      const dir = join(CACHE_DIR, entry.name);
      const recordings: Record<string, CacheRecording> = {};
      for (const file of readdirSync(dir)) {
        const series = /^recording-(\d+\.\d+)\.json$/.exec(file)?.[1];
        if (series) recordings[series] = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CacheRecording;
      }
      return {
        name: entry.name,
        case: JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as CacheCase,
        files: readTree(join(dir, 'context')),
        recordings,
      };
    });
}
