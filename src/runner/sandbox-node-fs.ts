// The Node sandbox's file operations, which never leave its folder. Node-only.
//
// The rules, because steps of the build (RUN) can plant symbolic links anywhere in it:
// - reading follows links, and refuses where they lead outside the sandbox;
// - writing resolves the folder it writes in one part at a time (each link on the way must
//   lead to a folder inside; a link that leads nowhere is refused, never created through),
//   then refuses to write a file *through* a link: the last part must not be one, and the
//   file is opened with O_NOFOLLOW (or created with O_EXCL), so a link planted in between
//   is not followed either;
// - copying folders walks them itself (no fs.cp), with the same rules for every entry, and
//   copies links as links.
// Errors are SandboxErrors carrying the sandbox path, never the host path behind it.

import { constants } from 'node:fs';
import { copyFile, lstat, mkdir, open, readdir, readlink, realpath, rm, stat, symlink, unlink } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { sandboxError, SandboxPathError } from './sandbox-errors.ts';

/** A sandbox path split into parts, with `..` and relative paths refused. */
export function pathParts(path: string): string[] {
  if (!path.startsWith('/')) throw new SandboxPathError(`not an absolute sandbox path: ${path}`, path);
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) throw new SandboxPathError(`path leaves the sandbox: ${path}`, path);
  return parts;
}

const sandboxPath = (parts: readonly string[]) => `/${parts.join('/')}`;

/** Host folder `files` is the sandbox's `/`. */
export class SandboxFiles {
  readonly files: string;

  constructor(files: string) {
    this.files = files;
  }

  #inside(real: string): boolean {
    return real === this.files || real.startsWith(this.files + sep);
  }

  /** Where a link at `parts` leads: a real path inside the sandbox, or a refusal. */
  async #follow(link: string, parts: readonly string[], whole: readonly string[]): Promise<string> {
    const at = sandboxPath(parts);
    let target: string;
    try {
      target = await realpath(link);
    } catch {
      throw new SandboxPathError(`${at} is a symbolic link that leads nowhere in the sandbox`, sandboxPath(whole), 'link');
    }
    if (!this.#inside(target)) throw new SandboxPathError(`path leaves the sandbox through a symlink: ${at}`, sandboxPath(whole));
    return target;
  }

  /** The real path of an existing sandbox path, following links that stay inside. */
  async resolve(path: string): Promise<string> {
    const parts = pathParts(path);
    const lexical = join(this.files, ...parts);
    let real: string;
    try {
      real = await realpath(lexical);
    } catch (error) {
      // Missing, or a link that leads nowhere: say which part was missing, if a link leads out first.
      await this.#checkExistingPrefix(parts);
      throw sandboxError(error, path);
    }
    if (!this.#inside(real)) throw new SandboxPathError(`path leaves the sandbox through a symlink: ${path}`, path);
    return real;
  }

  /** Refuses a path whose existing beginning leads outside through a link. */
  async #checkExistingPrefix(parts: readonly string[]): Promise<void> {
    let current = this.files;
    for (let i = 0; i < parts.length; i++) {
      const next = join(current, parts[i]!);
      let info;
      try {
        info = await lstat(next);
      } catch {
        return;
      }
      if (info.isSymbolicLink()) {
        const target = await realpath(next).catch(() => null);
        if (target === null) return;
        if (!this.#inside(target))
          throw new SandboxPathError(`path leaves the sandbox through a symlink: ${sandboxPath(parts.slice(0, i + 1))}`, sandboxPath(parts));
        current = target;
      } else current = next;
    }
  }

  /**
   * The real folder at `parts`, made when missing, one part at a time: a link on the way
   * must lead to a folder inside the sandbox (it is never created through).
   */
  async folder(parts: readonly string[], whole: readonly string[] = parts): Promise<string> {
    let current = this.files;
    for (let i = 0; i < parts.length; i++) {
      const upTo = parts.slice(0, i + 1);
      const next = join(current, parts[i]!);
      let info;
      try {
        info = await lstat(next);
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'ENOENT') throw sandboxError(error, sandboxPath(upTo));
        try {
          await mkdir(next);
        } catch (made) {
          if ((made as { code?: unknown }).code !== 'EEXIST') throw sandboxError(made, sandboxPath(upTo));
          // Made in between by a process of the sandbox: look again.
          i--;
          continue;
        }
        current = next;
        continue;
      }
      if (info.isSymbolicLink()) {
        const target = await this.#follow(next, upTo, whole);
        if (!(await stat(target)).isDirectory()) throw sandboxError({ code: 'ENOTDIR' }, sandboxPath(upTo));
        current = target;
      } else if (info.isDirectory()) current = next;
      else throw sandboxError({ code: 'ENOTDIR' }, sandboxPath(upTo));
    }
    return current;
  }

  /** The real folder a path's last part is in (made when missing), and that last part. */
  async #place(path: string): Promise<{ folder: string; name: string; parts: string[] }> {
    const parts = pathParts(path);
    if (parts.length === 0) throw sandboxError({ code: 'EISDIR' }, '/');
    return { folder: await this.folder(parts.slice(0, -1), parts), name: parts.at(-1)!, parts };
  }

  /** What is at `real` now, without following a link. */
  async #kind(real: string): Promise<'none' | 'link' | 'folder' | 'file'> {
    try {
      const info = await lstat(real);
      return info.isSymbolicLink() ? 'link' : info.isDirectory() ? 'folder' : 'file';
    } catch {
      return 'none';
    }
  }

  /** Refuses to write at `real` when it is a link or a folder. */
  async #writable(real: string, path: string): Promise<'none' | 'file'> {
    const kind = await this.#kind(real);
    if (kind === 'link') throw new SandboxPathError(`refusing to write through the symbolic link ${path}`, path, 'link');
    if (kind === 'folder') throw sandboxError({ code: 'EISDIR' }, path);
    return kind;
  }

  async mkdir(path: string): Promise<void> {
    await this.folder(pathParts(path));
  }

  async writeFile(path: string, data: Uint8Array | string): Promise<void> {
    const { folder, name } = await this.#place(path);
    const real = join(folder, name);
    await this.#writable(real, path);
    let handle;
    try {
      handle = await open(real, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o644);
    } catch (error) {
      throw (error as { code?: unknown }).code === 'ELOOP'
        ? new SandboxPathError(`refusing to write through the symbolic link ${path}`, path, 'link')
        : sandboxError(error, path);
    }
    try {
      await handle.writeFile(data);
    } catch (error) {
      throw sandboxError(error, path);
    } finally {
      await handle.close();
    }
  }

  /** Removes the path itself (a link, not what it points to); nothing when it is missing. */
  async rm(path: string): Promise<void> {
    const parts = pathParts(path);
    if (parts.length === 0) throw new SandboxPathError('refusing to remove the whole sandbox', path);
    let folder: string;
    try {
      folder = await this.resolve(sandboxPath(parts.slice(0, -1)));
    } catch (error) {
      if (error instanceof SandboxPathError) throw error;
      return; // Its folder is not there: neither is it.
    }
    try {
      await rm(join(folder, parts.at(-1)!), { recursive: true, force: true });
    } catch (error) {
      throw sandboxError(error, path);
    }
  }

  /** True when something (a link too) is at the path. */
  async exists(path: string): Promise<boolean> {
    const parts = pathParts(path);
    if (parts.length === 0) return true;
    let folder: string;
    try {
      folder = await this.resolve(sandboxPath(parts.slice(0, -1)));
    } catch (error) {
      if (error instanceof SandboxPathError) throw error;
      return false;
    }
    return (await this.#kind(join(folder, parts.at(-1)!))) !== 'none';
  }

  /**
   * Copies `from` (followed if it is a link) to `to`: a file is written at `to`, a folder's
   * contents are merged into the folder `to`. Links inside a folder are copied as links.
   */
  async copy(from: string, to: string): Promise<void> {
    const source = await this.resolve(from);
    const info = await stat(source);
    if (info.isDirectory()) {
      const target = await this.folder(pathParts(to));
      await this.#copyContents(source, target, to);
      return;
    }
    const { folder, name } = await this.#place(to);
    await this.#copyFile(source, join(folder, name), to);
  }

  async #copyFile(source: string, target: string, path: string): Promise<void> {
    if ((await this.#writable(target, path)) === 'file') await unlink(target).catch((error: unknown) => Promise.reject(sandboxError(error, path)));
    try {
      // COPYFILE_EXCL: creating fails if anything (a link planted since) is there; the mode is kept.
      await copyFile(source, target, constants.COPYFILE_EXCL);
    } catch (error) {
      throw (error as { code?: unknown }).code === 'EEXIST'
        ? new SandboxPathError(`refusing to write through the symbolic link ${path}`, path, 'link')
        : sandboxError(error, path);
    }
  }

  async #copyContents(source: string, target: string, path: string): Promise<void> {
    for (const entry of await readdir(source, { withFileTypes: true })) {
      const from = join(source, entry.name);
      const to = join(target, entry.name);
      const entryPath = `${path.replace(/\/+$/, '')}/${entry.name}`;
      if (entry.isDirectory()) {
        const kind = await this.#kind(to);
        if (kind === 'link') throw new SandboxPathError(`refusing to copy a folder through the symbolic link ${entryPath}`, entryPath, 'link');
        if (kind === 'file') throw sandboxError({ code: 'ENOTDIR' }, entryPath);
        if (kind === 'none') await mkdir(to).catch((error: unknown) => Promise.reject(sandboxError(error, entryPath)));
        await this.#copyContents(from, to, entryPath);
      } else if (entry.isSymbolicLink()) {
        // A link replaces what is there (a file or a link): nothing is written through it.
        const kind = await this.#kind(to);
        if (kind === 'folder') throw sandboxError({ code: 'EISDIR' }, entryPath);
        if (kind !== 'none') await unlink(to);
        await symlink(await readlink(from), to).catch((error: unknown) => Promise.reject(sandboxError(error, entryPath)));
      } else if (entry.isFile()) {
        await this.#copyFile(from, to, entryPath);
      }
      // Sockets and FIFOs a process left behind are not part of an image's files.
    }
  }
}
