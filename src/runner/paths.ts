// POSIX path arithmetic for the runner, which also runs in the browser (no node:path).
// Container paths (`/app/dist`) and sandbox paths (`/stages/prod/prod/app/dist`) are both
// absolute POSIX paths; cleaning is Go's path.Clean, as Docker does it.

import { cleanPath } from '../analyzer/rules/buildkit/support/dockerignore.ts';

export { cleanPath };

/** `a` joined with `b` and cleaned; `b` absolute replaces `a` (as WORKDIR and COPY
 *  destinations are resolved against the working directory). */
export function resolvePath(base: string, path: string): string {
  return cleanPath(path.startsWith('/') ? path : `${base}/${path}`);
}

/** Joins a container path onto a stage root: `/app/x` under `/stages/t/s` is
 *  `/stages/t/s/app/x`. Cleaning it as a rooted path first keeps `..` from climbing out of
 *  the root (`/../../etc` is `/etc` in the container, as in Docker). */
export function underRoot(root: string, containerPath: string): string {
  const inside = cleanPath(`/${containerPath}`);
  return inside === '/' ? root : `${root}${inside}`;
}

export function basename(path: string): string {
  const clean = cleanPath(path);
  return clean.slice(clean.lastIndexOf('/') + 1);
}

/** A relative path of the build context in its clean form (`./src//a.js` → `src/a.js`), or
 *  null when it is absolute or climbs out (`../x`): such a path cannot be in a context. */
export function contextKey(path: string): string | null {
  if (path.startsWith('/')) return null;
  const clean = cleanPath(path);
  if (clean === '..' || clean.startsWith('../')) return null;
  return clean;
}

/** True when the path has a glob character Docker expands (`*`, `?`, `[`). */
export function hasGlob(path: string): boolean {
  return /[*?[]/.test(path);
}
