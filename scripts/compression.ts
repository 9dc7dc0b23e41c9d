// Compressed responses for `npm start` (scripts/serve.ts): brotli or gzip, whichever the
// browser accepts (Accept-Encoding, q-values honoured; brotli first), for text files of at
// least 1 KB. A lesson page goes out at a sixth to a tenth of its size (138 KB → 14 KB
// with brotli), the largest quiz page 184 KB → 12 KB.
//
// Each file is compressed once, at the best settings (brotli quality 11, gzip level 9), on
// the zlib thread pool so the server keeps answering meanwhile; the result is kept in
// memory (at most MAX_CACHE_BYTES, least recently used dropped first) until the file
// changes (its size or modification time). Responses that vary with Accept-Encoding say so
// (Vary), so caches between the server and the browser keep the versions apart.
//
// The types compressed are src/security-headers.ts's COMPRESSIBLE_TYPES, which the nginx
// configuration of docs/hosting.md uses too (gzip, and brotli with Debian's module).
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { COMPRESSIBLE_TYPES } from '../src/security-headers.ts';

/** Smaller files gain less than the headers cost. */
export const MIN_BYTES = 1024;
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

export type Encoding = 'br' | 'gzip';

export interface Encoded {
  encoding: Encoding;
  body: Buffer;
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** True for a Content-Type (parameters allowed) whose responses are compressed. */
export function isCompressible(contentType: string): boolean {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return COMPRESSIBLE_TYPES.includes(type);
}

/**
 * The encoding to answer with for an Accept-Encoding header: br, else gzip, when accepted
 * with a q-value above 0 (directly or through `*`); null for the file as it is.
 */
export function negotiate(acceptEncoding: string | string[] | undefined): Encoding | null {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '');
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.trim().split('=');
      if (key === 'q') q = Number(value);
    }
    weights.set(name, Number.isFinite(q) ? q : 0);
  }
  const weight = (name: Encoding): number => weights.get(name) ?? weights.get('*') ?? 0;
  const br = weight('br');
  const gz = weight('gzip');
  if (br > 0 && br >= gz) return 'br';
  if (gz > 0) return 'gzip';
  return null;
}

interface CacheEntry {
  key: string;
  encoded: Promise<Buffer>;
  bytes: number;
}

/** By path and encoding; a Map iterates in insertion order, so the first entry is the least recently used. */
const cache = new Map<string, CacheEntry>();
let cachedBytes = 0;

function remember(id: string, entry: CacheEntry): void {
  cache.set(id, entry);
  cachedBytes += entry.bytes;
  for (const [oldest, old] of cache) {
    if (cachedBytes <= MAX_CACHE_BYTES || oldest === id) break;
    cache.delete(oldest);
    cachedBytes -= old.bytes;
  }
}

function compress(data: Buffer, encoding: Encoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(data, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      })
    : gzipAsync(data, { level: 9 });
}

/**
 * The file at `path`, compressed for this request, or null when it goes out as it is (a
 * type not worth it, a small file, a browser that accepts neither).
 */
export async function encodedFile(path: string, contentType: string, acceptEncoding: string | string[] | undefined): Promise<Encoded | null> {
  if (!isCompressible(contentType)) return null;
  const encoding = negotiate(acceptEncoding);
  if (encoding === null) return null;
  const info = await stat(path);
  if (info.size < MIN_BYTES) return null;
  const id = `${encoding}:${path}`;
  const key = `${info.size}:${info.mtimeMs}`;
  let entry = cache.get(id);
  if (entry && entry.key === key) {
    // Most recently used: to the end.
    cache.delete(id);
    cache.set(id, entry);
  } else {
    if (entry) {
      cache.delete(id);
      cachedBytes -= entry.bytes;
    }
    entry = { key, encoded: readFile(path).then((data) => compress(data, encoding)), bytes: info.size };
    remember(id, entry);
    entry.encoded.catch(() => {
      // A failure is not kept: the next request tries again.
      if (cache.get(id) === entry) {
        cache.delete(id);
        cachedBytes -= entry!.bytes;
      }
    });
  }
  return { encoding, body: await entry.encoded };
}

/** Headers for a response of `contentType`: Content-Encoding when encoded, and Vary for
 *  every type that may be encoded (the answer depends on Accept-Encoding). */
export function encodingHeaders(contentType: string, encoded: Encoded | null): Record<string, string> {
  if (!isCompressible(contentType)) return {};
  return encoded ? { 'Content-Encoding': encoded.encoding, Vary: 'Accept-Encoding' } : { Vary: 'Accept-Encoding' };
}
