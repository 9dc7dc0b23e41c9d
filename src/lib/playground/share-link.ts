// Share links: the Dockerfile travels in the URL fragment, `/playground/#dockerfile=<data>`
// (and `&target=<stage>` when a target is picked, `&engine=26.1` when the older Docker is). Browsers never send the fragment to a
// server, so a shared Dockerfile stays between the people who pass the link around.
//
// <data> is `<format>.<base64url>`; the format says how to read it and carries a version, so
// a later playground can change the encoding without misreading old links:
//   z1  UTF-8, compressed with raw DEFLATE (CompressionStream('deflate-raw'))
//   t1  UTF-8 as it is (browsers without CompressionStream; or when it comes out shorter)
//
// Reading a link trusts nothing in it. Whatever is wrong (not base64url, cut-off or bogus
// compressed data, a format from the future, too long, a zip bomb, a binary file) gives a
// reason for the status line and no text; the caller keeps what the editor had. Text that
// passes is only ever put into the editor as text. Pure apart from the Compression Streams.
import { DEFAULT_ENGINE, isEngine } from '../../analyzer/engine.ts';
import type { Engine } from '../../analyzer/model.ts';
import { fromBase64url, toBase64url } from './base64url.ts';
import { formatBytes } from '../../shared/format-bytes.ts';
import { MAX_DOCKERFILE_BYTES, textFromBytes, TOO_LARGE } from './text-check.ts';

export const DOCKERFILE_PARAM = 'dockerfile';
export const TARGET_PARAM = 'target';
export const ENGINE_PARAM = 'engine';

/**
 * The longest <data> a link carries, written or read: about 40 KB of a typical Dockerfile
 * once compressed. Longer URLs survive browsers, but not every chat or mail program.
 */
export const MAX_LINK_DATA = 16 * 1024;
/** Stage names are short; a longer `target=` is not one. */
export const MAX_TARGET_LENGTH = 128;

const DEFLATE_V1 = 'z1';
const PLAIN_V1 = 't1';

/** Compression, when the browser has it (tests swap it out). */
export interface Codec {
  deflate: ((bytes: Uint8Array) => Promise<Uint8Array>) | null;
  /** The inflated bytes; null when they would exceed `maxBytes`. Rejects on damaged data. */
  inflate: ((bytes: Uint8Array, maxBytes: number) => Promise<Uint8Array | null>) | null;
}

/** Reads a stream to its end, or stops and gives null once it passed `maxBytes`. */
async function collect(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function through(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): ReadableStream<Uint8Array> {
  return new Blob([new Uint8Array(bytes)]).stream().pipeThrough(transform);
}

/** The Compression Streams API as a Codec; a side is null where the browser lacks deflate-raw. */
export function streamCodec(): Codec {
  const supports = (Stream: typeof CompressionStream | typeof DecompressionStream | undefined): boolean => {
    if (typeof Stream !== 'function') return false;
    try {
      // Browsers from before deflate-raw throw on the format name.
      new Stream('deflate-raw');
      return true;
    } catch {
      return false;
    }
  };
  return {
    deflate: supports(globalThis.CompressionStream)
      ? async (bytes) => (await collect(through(bytes, new CompressionStream('deflate-raw')), Number.POSITIVE_INFINITY))!
      : null,
    inflate: supports(globalThis.DecompressionStream) ? (bytes, maxBytes) => collect(through(bytes, new DecompressionStream('deflate-raw')), maxBytes) : null,
  };
}

export type ShareLink = { ok: true; fragment: string; compressed: boolean } | { ok: false; reason: string };

/** What a link carries besides the text: the picked target ('' = default) and Docker release. */
export interface ShareSettings {
  target?: string;
  engine?: Engine;
}

/** The fragment (`#dockerfile=…`) that carries `text`, or why it cannot. */
export async function shareFragment(
  text: string,
  { target = '', engine = DEFAULT_ENGINE }: ShareSettings = {},
  codec: Codec = streamCodec(),
): Promise<ShareLink> {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > MAX_DOCKERFILE_BYTES) return { ok: false, reason: `This Dockerfile is too big to share as a link: ${TOO_LARGE(bytes.length)}.` };
  let data = `${PLAIN_V1}.${toBase64url(bytes)}`;
  let compressed = false;
  if (codec.deflate) {
    try {
      const packed = `${DEFLATE_V1}.${toBase64url(await codec.deflate(bytes))}`;
      // Tiny texts come out longer compressed.
      if (packed.length < data.length) {
        data = packed;
        compressed = true;
      }
    } catch {
      // Compression failed: the plain form still works.
    }
  }
  if (data.length > MAX_LINK_DATA) {
    return {
      ok: false,
      reason: `This Dockerfile is too big to share as a link: it takes ${data.length.toLocaleString('en')} characters${compressed ? ' even compressed' : ''}, and a link holds up to ${MAX_LINK_DATA.toLocaleString('en')}. Share the file itself instead.`,
    };
  }
  const targetPart = target ? `&${TARGET_PARAM}=${encodeURIComponent(target)}` : '';
  // Today's engine is what the page shows anyway: links made with it stay as they were.
  const enginePart = engine === DEFAULT_ENGINE ? '' : `&${ENGINE_PARAM}=${engine}`;
  return { ok: true, fragment: `#${DOCKERFILE_PARAM}=${data}${targetPart}${enginePart}`, compressed };
}

export interface FragmentParams {
  /** The raw <data> of `dockerfile=`, or null when the fragment has none. */
  dockerfile: string | null;
  /** `target=`, decoded; null when absent or not a plausible stage name. */
  target: string | null;
  /** `engine=`, when it names a Docker release the analyzer models; null otherwise. */
  engine: Engine | null;
}

function decodeComponent(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** The playground's parameters in a fragment (`#a=1&b=2`); other fragments (`#main`) have none. */
export function fragmentParams(hash: string): FragmentParams {
  const params: FragmentParams = { dockerfile: null, target: null, engine: null };
  let sawTarget = false;
  let sawEngine = false;
  for (const part of hash.replace(/^#/, '').split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq);
    const value = part.slice(eq + 1);
    // The first of each wins, as for a form's fields.
    if (key === DOCKERFILE_PARAM && params.dockerfile === null) {
      // Base64url needs no escaping, but a mail program may have escaped it anyway.
      params.dockerfile = decodeComponent(value) ?? value;
    } else if (key === TARGET_PARAM && !sawTarget) {
      sawTarget = true;
      const target = decodeComponent(value);
      if (target !== null && target.length <= MAX_TARGET_LENGTH && /^[^\s\u0000-\u001f\u007f]+$/.test(target)) params.target = target;
    } else if (key === ENGINE_PARAM && !sawEngine) {
      sawEngine = true;
      if (isEngine(value)) params.engine = value;
    }
  }
  return params;
}

export type SharedText = { ok: true; text: string; compressed: boolean } | { ok: false; reason: string };

const damaged = (what: string): SharedText => ({ ok: false, reason: `its ${what} is damaged; it may have been cut short when it was copied` });

/** The Dockerfile a link's <data> carries, or why it cannot be read (a reason to follow "This share link could not be opened: "). */
export async function readSharedDockerfile(data: string, codec: Codec = streamCodec()): Promise<SharedText> {
  if (data.length > MAX_LINK_DATA) {
    return {
      ok: false,
      reason: `it is longer than a share link can be (${data.length.toLocaleString('en')} characters; at most ${MAX_LINK_DATA.toLocaleString('en')})`,
    };
  }
  const dot = data.indexOf('.');
  const format = dot < 0 ? '' : data.slice(0, dot);
  if (format !== DEFLATE_V1 && format !== PLAIN_V1) {
    if (/^[zt]\d{1,4}$/.test(format))
      return { ok: false, reason: `it was made by a newer version of the playground (format “${format}”), which this page cannot read` };
    return { ok: false, reason: 'it is not a Stagecraft share link (it has no format this page knows)' };
  }
  const bytes = fromBase64url(data.slice(dot + 1));
  if (!bytes) return damaged('data');
  let raw: Uint8Array = bytes;
  if (format === DEFLATE_V1) {
    if (!codec.inflate)
      return { ok: false, reason: 'this browser cannot unpack compressed share links (it has no DecompressionStream); try a current browser' };
    let inflated: Uint8Array | null;
    try {
      inflated = await codec.inflate(bytes, MAX_DOCKERFILE_BYTES);
    } catch {
      return damaged('compressed data');
    }
    if (inflated === null) return { ok: false, reason: `it unpacks to more than ${formatBytes(MAX_DOCKERFILE_BYTES)}, more than the playground opens` };
    raw = inflated;
  }
  const checked = textFromBytes(raw);
  return checked.ok ? { ok: true, text: checked.text, compressed: format === DEFLATE_V1 } : { ok: false, reason: checked.reason };
}

/** "This share link could not be opened: …" with what happens next. */
export function unreadableLinkMessage(reason: string, kept: 'kept' | 'sample'): string {
  const next = kept === 'kept' ? 'The editor shows your own Dockerfile from last time, unchanged.' : 'The editor shows the sample Dockerfile.';
  return `This share link could not be opened: ${reason}. ${next}`;
}
