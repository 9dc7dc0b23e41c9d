// The build context as the runner reads it: every path in its clean form, and the folders
// those paths imply (a BuildContext lists files only). A path that is absolute or climbs
// out of the context (`../x`) is refused: it could make COPY write outside a stage's root.

import { contextKey } from './paths.ts';
import type { BuildContext } from './types.ts';

export interface BuildContextIndex {
  files: ReadonlyMap<string, string | Uint8Array>;
  folders: ReadonlySet<string>;
}

export function indexContext(context: BuildContext): { ok: true; index: BuildContextIndex } | { ok: false; path: string } {
  const files = new Map<string, string | Uint8Array>();
  const folders = new Set<string>();
  for (const [path, data] of Object.entries(context)) {
    const key = contextKey(path);
    if (key === null || key === '.') return { ok: false, path };
    files.set(key, data);
    for (let slash = key.indexOf('/'); slash !== -1; slash = key.indexOf('/', slash + 1)) folders.add(key.slice(0, slash));
  }
  // Sorted, so copies and their output come in the same order every time.
  return { ok: true, index: { files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), folders } };
}
