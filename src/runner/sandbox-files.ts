// File operations the runner needs on top of the Sandbox interface: "is it a folder", and a
// recursive copy that uses the sandbox's own copy() when it has one (it keeps symlinks)
// and readdir/readFile/writeFile otherwise.

import type { Sandbox } from './types.ts';

export async function isDirectory(sandbox: Sandbox, path: string): Promise<boolean> {
  try {
    await sandbox.readdir(path);
    return true;
  } catch {
    return false;
  }
}

/** Relative path (POSIX) → whether to copy it; for COPY --exclude. */
export type CopyFilter = (relative: string) => boolean;

/**
 * Copies a file to `to`, or a folder's contents into the folder `to` (merged, files
 * replaced). Returns the symlinks it had to leave out (only without sandbox.copy, for links
 * to folders).
 */
export async function copyTree(sandbox: Sandbox, from: string, to: string, filter?: CopyFilter): Promise<string[]> {
  if (!filter && sandbox.copy) {
    await sandbox.copy(from, to);
    return [];
  }
  if (!(await isDirectory(sandbox, from))) {
    await sandbox.writeFile(to, await sandbox.readFile(from));
    return [];
  }
  const left: string[] = [];
  await sandbox.mkdir(to);
  const walk = async (relative: string): Promise<void> => {
    const source = relative === '' ? from : `${from}/${relative}`;
    for (const entry of await sandbox.readdir(source)) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (filter && !filter(path)) continue;
      if (entry.kind === 'directory') {
        await sandbox.mkdir(`${to}/${path}`);
        await walk(path);
      } else if (entry.kind === 'file') {
        await sandbox.writeFile(`${to}/${path}`, await sandbox.readFile(`${from}/${path}`));
      } else {
        // A symlink: copy what it points to when that is a file.
        try {
          await sandbox.writeFile(`${to}/${path}`, await sandbox.readFile(`${from}/${path}`));
        } catch {
          left.push(path);
        }
      }
    }
  };
  await walk('');
  return left;
}
