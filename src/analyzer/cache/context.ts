// The build context as each of the two builds saw it: which files were sent (after
// .dockerignore) and which version of each. A COPY's cache key follows the files its sources
// select, so comparing the two views says which of those files changed.

import { matchEnds, tokenize } from '../glob.ts';
import { cleanPath, ignoreMatcher } from '../rules/buildkit/support/dockerignore.ts';
import type { CacheChange, CacheContext } from './types.ts';

/** The files one build sent, path → a token that changes when the file's contents do. */
export interface ContextView {
  readonly files: ReadonlyMap<string, string>;
}

/** Paths as the model keeps them: relative, cleaned (`./src//a.js` → `src/a.js`). */
export function contextPath(path: string): string {
  return cleanPath(`/${path.replace(/\\/g, '/')}`).slice(1) || '.';
}

function ignoring(dockerignore: string | undefined): (path: string) => boolean {
  if (dockerignore === undefined) return () => false;
  // A pattern Docker rejects fails the build; the plan reports that, so read the file as empty.
  const matcher = ignoreMatcher(dockerignore.split(/\r?\n/));
  return matcher ? (path) => matcher.excludes(path) : () => false;
}

/** The context of the previous build and of this one. */
export function contextViews(context: CacheContext, change: CacheChange, dockerfileChanged: boolean): { previous: ContextView; current: ContextView } {
  const edited = new Set((change.edited ?? []).map(contextPath));
  const added = new Set((change.added ?? []).map(contextPath));
  const removed = new Set((change.removed ?? []).map(contextPath));
  const dockerfilePath = context.dockerfilePath === undefined ? 'Dockerfile' : context.dockerfilePath === null ? null : contextPath(context.dockerfilePath);
  if (dockerfilePath !== null && dockerfileChanged) edited.add(dockerfilePath);
  const previousIgnore = change.previousDockerignore ?? context.dockerignore;
  if (previousIgnore !== context.dockerignore) edited.add('.dockerignore');

  const now = new Set(context.files.map(contextPath));
  for (const path of added) now.add(path);
  for (const path of removed) now.delete(path);
  const before = new Set(now);
  for (const path of added) before.delete(path);
  for (const path of removed) before.add(path);

  const view = (paths: Set<string>, ignored: (path: string) => boolean, version: (path: string) => string): ContextView => {
    const files = new Map<string, string>();
    for (const path of [...paths].sort()) if (!ignored(path)) files.set(path, version(path));
    return { files };
  };
  return {
    previous: view(before, ignoring(previousIgnore), () => 'before'),
    current: view(now, ignoring(context.dockerignore), (path) => (edited.has(path) || added.has(path) ? 'after' : 'before')),
  };
}

function segmentMatches(pattern: string, name: string): boolean {
  return matchEnds(tokenize(pattern), name, 0)[name.length] === true;
}

/** The context files a COPY/ADD source (or a bind mount's source) selects: a file, everything
 *  under a folder (`.` is the whole context), or what a pattern matches (`*` within one segment,
 *  a matched folder bringing everything under it). */
export function selectFiles(view: ContextView, source: string): string[] {
  const path = contextPath(source);
  const selected: string[] = [];
  if (path === '.') return [...view.files.keys()];
  if (!/[*?[]/.test(path)) {
    const folder = `${path}/`;
    for (const file of view.files.keys()) if (file === path || file.startsWith(folder)) selected.push(file);
    return selected;
  }
  const pattern = path.split('/');
  for (const file of view.files.keys()) {
    const parts = file.split('/');
    if (parts.length >= pattern.length && pattern.every((segment, i) => segmentMatches(segment, parts[i]!))) selected.push(file);
  }
  return selected;
}

/** Path → version of the selected files, as one string for a key. */
export function filesPart(view: ContextView, paths: readonly string[]): string {
  return paths.map((path) => `${path}\u0000${view.files.get(path)}`).join('\u0001');
}

/** The sources' paths whose presence or version differs between the two views. */
export function changedFiles(previous: ContextView, current: ContextView, sources: readonly string[]): string[] {
  const paths = new Set<string>();
  for (const source of sources) {
    for (const path of selectFiles(previous, source)) paths.add(path);
    for (const path of selectFiles(current, source)) paths.add(path);
  }
  return [...paths].filter((path) => previous.files.get(path) !== current.files.get(path)).sort();
}
