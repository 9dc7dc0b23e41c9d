// Is this a Dockerfile's text? The playground takes text from two places it does not
// control, a file the learner opens or drops and a share link anyone can make up, and both
// pass through here: at most MAX_DOCKERFILE_BYTES of UTF-8 without NUL bytes or runs of
// control characters. Anything else is refused with a reason a learner can act on, and the
// editor keeps what it has. Pure: no DOM, no storage.

/** The most the playground opens from a file or a share link (no real Dockerfile comes near it). */
export const MAX_DOCKERFILE_BYTES = 256 * 1024;

import { formatBytes } from '../../shared/format-bytes.ts';

export type TextCheck = { ok: true; text: string } | { ok: false; reason: string };

export const TOO_LARGE = (bytes: number): string =>
  `it is ${formatBytes(bytes)}, and the playground opens Dockerfiles of up to ${formatBytes(MAX_DOCKERFILE_BYTES)}`;

/** Control characters a text file does not have (tab, line feed, form feed, carriage return are fine). */
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/g;

const NUL_REASON = 'it holds NUL bytes, so it is a binary file, not a Dockerfile';

/** Why `text` does not look like a text file, or null when it does. */
export function binaryReason(text: string): string | null {
  if (text.includes('\u0000')) return NUL_REASON;
  const controls = text.match(CONTROL)?.length ?? 0;
  // A stray escape character (a coloured log pasted into a comment) is fine; many are not.
  if (controls > 8 && controls * 100 > text.length) return 'it is full of control characters, so it is a binary file, not a Dockerfile';
  return null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Bytes as Dockerfile text: size, UTF-8 and "is it text" checked; a byte-order mark dropped. */
export function textFromBytes(bytes: Uint8Array): TextCheck {
  if (bytes.length > MAX_DOCKERFILE_BYTES) return { ok: false, reason: TOO_LARGE(bytes.length) };
  // NUL bytes first: a binary file is more often that than "not UTF-8".
  if (bytes.includes(0)) return { ok: false, reason: NUL_REASON };
  let text: string;
  try {
    // ignoreBOM: false removes a leading UTF-8 byte-order mark (Windows editors write one).
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, reason: 'it is not UTF-8 text (a binary file, or text in another encoding)' };
  }
  const binary = binaryReason(text);
  return binary ? { ok: false, reason: binary } : { ok: true, text };
}
