// What `stagecraft rebuild` needs of the build context folder: the paths of its files (not their
// contents: the changes are given with --changed), its .dockerignore, and where the Dockerfile
// and each changed path sit inside it. Node-only.

import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { CacheContext } from '../analyzer/cache/index.ts';
import { ignoreMatcher } from '../analyzer/rules/buildkit/support/dockerignore.ts';
import { CliError } from './errors.ts';

/** Past this many files the folder is probably not a build context (a home folder, a disk). */
const MAX_FILES = 200_000;

/** A path inside `folder` as a context path (`src/app.py`), or null when it is outside. */
function inside(folder: string, path: string): string | null {
  const rel = relative(folder, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return rel.split(sep).join('/');
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function readCacheContext(folder: string, dockerfile: string | null): Promise<CacheContext> {
  let info;
  try {
    info = await stat(folder);
  } catch {
    throw new CliError(`no such build context folder: ${JSON.stringify(folder)}`, null);
  }
  if (!info.isDirectory()) throw new CliError(`the build context ${JSON.stringify(folder)} is not a folder`, null);

  let dockerignore: string | undefined;
  try {
    dockerignore = await readFile(join(folder, '.dockerignore'), 'utf8');
  } catch {
    // No .dockerignore: every file is sent.
  }
  const lines = dockerignore?.split(/\r?\n/) ?? [];
  const matcher = ignoreMatcher(lines);
  if (matcher === null) throw new CliError(`${join(folder, '.dockerignore')} has a pattern Docker rejects (an unclosed [ or a lone !)`, null);
  // Without exceptions (`!pattern`) nothing under an excluded folder comes back: skip it whole.
  const skipIgnored = !lines.some((line) => line.trim().startsWith('!'));

  const files: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(rel === '' ? folder : join(folder, rel), { withFileTypes: true });
    for (const entry of entries) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!(skipIgnored && matcher.excludes(path))) await walk(path);
      } else {
        files.push(path);
        if (files.length > MAX_FILES) throw new CliError(`the build context ${folder} has over ${MAX_FILES} files; add a .dockerignore`, null);
      }
    }
  };
  await walk('');
  files.sort();
  const dockerfilePath = dockerfile === null ? null : inside(resolve(folder), resolve(dockerfile));
  return { files, ...(dockerignore === undefined ? {} : { dockerignore }), dockerfilePath };
}

/** A --changed path as a context path: relative to the current folder, or else to the context. */
export async function contextPathOf(folder: string, path: string): Promise<{ path: string; exists: boolean }> {
  const fromHere = inside(resolve(folder), resolve(path));
  if (fromHere !== null && (await exists(resolve(path)))) return { path: fromHere, exists: true };
  const inContext = isAbsolute(path) ? null : inside(resolve(folder), resolve(folder, path));
  if (inContext !== null && (await exists(resolve(folder, path)))) return { path: inContext, exists: true };
  // Gone: removed since the last build. Read it as the user most likely meant it.
  const gone = fromHere ?? inContext;
  if (gone === null) throw new CliError(`--changed ${path} is not in the build context ${folder}`, null);
  return { path: gone, exists: false };
}
