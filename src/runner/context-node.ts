// Reading a folder into a BuildContext, as `docker build <folder>` sends it: every file
// (relative POSIX path → bytes) except what .dockerignore excludes, matched with the
// analyzer's .dockerignore rules. Symlinks are left out (the runner copies files only;
// docker build sends them as links) and reported through `onLink`, never silently dropped.
// Node-only.

import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ignoreMatcher } from '../analyzer/rules/buildkit/support/dockerignore.ts';
import type { BuildContext } from './types.ts';

/** Past this many bytes the folder is probably not a build context (a home folder, a disk). */
const MAX_CONTEXT_BYTES = 200 * 1024 * 1024;

export class ContextError extends Error {
  override name = 'ContextError';
}

export interface ReadContextOptions {
  /** Called for each symlink the context leaves out (not those .dockerignore excludes). */
  onLink?(path: string, target: string): void;
}

export async function readBuildContext(folder: string, options: ReadContextOptions = {}): Promise<BuildContext> {
  let ignoreLines: string[] = [];
  try {
    ignoreLines = (await readFile(join(folder, '.dockerignore'), 'utf8')).split(/\r?\n/);
  } catch {
    // No .dockerignore: everything is sent.
  }
  const matcher = ignoreMatcher(ignoreLines);
  if (matcher === null) throw new ContextError(`${join(folder, '.dockerignore')} has a pattern Docker rejects (an unclosed [ or a lone !)`);
  // Without exceptions (`!pattern`) nothing under an excluded folder can come back: skip it whole.
  const hasExceptions = ignoreLines.some((line) => line.trim().startsWith('!'));

  const context: BuildContext = {};
  let total = 0;
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(relative === '' ? folder : join(folder, relative), { withFileTypes: true });
    entries.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    for (const entry of entries) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!hasExceptions && matcher.excludes(path)) continue;
        await walk(path);
      } else if (entry.isFile() && !matcher.excludes(path)) {
        const data = new Uint8Array(await readFile(join(folder, path)));
        total += data.byteLength;
        if (total > MAX_CONTEXT_BYTES) throw new ContextError(`the build context ${folder} is over ${MAX_CONTEXT_BYTES / 1024 / 1024} MB; add a .dockerignore`);
        context[path] = data;
      } else if (entry.isSymbolicLink() && !matcher.excludes(path)) {
        options.onLink?.(path, await readlink(join(folder, path)));
      }
    }
  };
  const stats = await lstat(folder);
  if (!stats.isDirectory()) throw new ContextError(`the build context ${folder} is not a folder`);
  await walk('');
  return context;
}
