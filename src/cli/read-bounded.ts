// Reading a Dockerfile from a path without ever hanging or filling memory. Node-only.
//
// - Nothing larger than MAX_INPUT_BYTES is read: a regular file is refused by its size
//   before it is read; anything else (a FIFO, /dev/stdin, a device) is read up to one byte
//   past the limit and refused then, so `stagecraft check /dev/zero` ends at once.
// - A FIFO is read like any pipe, because `stagecraft check <(generate-dockerfile)` (process
//   substitution) and /dev/stdin are FIFOs people pass on purpose; refusing non-regular
//   files would refuse those. What must not happen is waiting forever for a writer that
//   never comes (open() of a FIFO blocks until one does): after FIFO_WAIT_MS the wait is
//   ended (by opening the FIFO for writing ourselves, which releases the blocked open) and
//   the read is refused with a message. Once a writer is there, it is read until it closes,
//   as cat would.

import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { formatBytes } from '../shared/format-bytes.ts';
import { CliError } from './errors.ts';

/** The largest Dockerfile the CLI reads (documented in --help and the README). */
export const MAX_INPUT_BYTES = 1024 * 1024;

/** How long to wait for something to write to a FIFO given as the Dockerfile. */
export const FIFO_WAIT_MS = 5000;

const ABOUT = 'the most stagecraft reads (no real Dockerfile comes near it)';
const LIMIT = `${MAX_INPUT_BYTES / 1024 / 1024} MB`;

/** "… is 1.1 MB, over 1 MB, the most stagecraft reads …" */
export function tooLarge(name: string, bytes: number | null): CliError {
  const size = bytes === null ? `is larger than ${LIMIT}` : `is ${formatBytes(bytes)}, over ${LIMIT}`;
  return new CliError(`${name} ${size}, ${ABOUT}`, null);
}

/** Collects chunks up to the limit; null once past it. */
export class BoundedBytes {
  readonly #chunks: Uint8Array[] = [];
  #length = 0;

  /** False when the total went past MAX_INPUT_BYTES (the caller stops reading). */
  add(chunk: Uint8Array): boolean {
    this.#length += chunk.byteLength;
    if (this.#length > MAX_INPUT_BYTES) return false;
    this.#chunks.push(chunk);
    return true;
  }

  bytes(): Uint8Array {
    return Buffer.concat(this.#chunks);
  }
}

/** Reads the file at `path` (see the module comment); errors keep their code (ENOENT …). */
export async function readBounded(path: string): Promise<Uint8Array> {
  const info = await stat(path);
  const name = JSON.stringify(path);
  if (info.isFile() && info.size > MAX_INPUT_BYTES) throw tooLarge(name, info.size);
  const handle = info.isFIFO() ? await openFifo(path) : await open(path, 'r');
  try {
    const bytes = new BoundedBytes();
    const buffer = Buffer.alloc(64 * 1024);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return bytes.bytes();
      if (!bytes.add(Uint8Array.prototype.slice.call(buffer, 0, bytesRead))) throw tooLarge(name, info.isFile() ? info.size : null);
    }
  } finally {
    await handle.close();
  }
}

/** Opens a FIFO for reading, waiting at most FIFO_WAIT_MS for a writer. */
async function openFifo(path: string): Promise<FileHandle> {
  const opening = open(path, constants.O_RDONLY);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waited = new Promise<'waited'>((resolve) => (timer = setTimeout(() => resolve('waited'), FIFO_WAIT_MS)));
  const first = await Promise.race([opening, waited]);
  clearTimeout(timer);
  if (first !== 'waited') return first;
  // Nobody came: open it for writing without blocking (we are its reader, so this works),
  // which lets our own open() return, then close both.
  try {
    const writer = await open(path, constants.O_WRONLY | constants.O_NONBLOCK);
    await writer.close();
  } catch {
    // ENXIO: our open() has just returned after all.
  }
  const reader = await opening;
  await reader.close();
  throw new CliError(`nothing wrote to the FIFO ${JSON.stringify(path)} within ${FIFO_WAIT_MS / 1000} seconds, so there is no Dockerfile to read`, null);
}
