// Moving the learner's progress between browsers: export it as a file, import it from one,
// or reset it. Pure TypeScript (no DOM), so the rules are unit-tested
// (tests/site/progress-transfer.test.ts); the /progress/ page only reads the file and
// offers the download.
//
// An export is a small envelope around the stored record:
//
//   { "format": "stagecraft-progress", "exportedAt": ISO date, "progress": { version: 1, … } }
//
// Importing is all or nothing. A file is refused, with a one-sentence reason, when it is too
// large, not JSON, carries keys that could reach an object's prototype, is not a Stagecraft
// export, comes from a newer version of the site, or fails the progress schema. A refused
// file changes nothing; an accepted one replaces the progress stored in this browser.
import { emptyProgress, progressValidator, PROGRESS_KEY, PROGRESS_VERSION, type Progress } from './schema.ts';
import { readProgress } from './progress.ts';
import { writeRecord, type StorageLike } from './storage.ts';

/** What the `format` field of an export says. */
export const EXPORT_FORMAT = 'stagecraft-progress';

/** Files larger than this are refused before they are read as JSON (no real export comes near it). */
export const MAX_IMPORT_BYTES = 1_000_000;

export interface ProgressExport {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  progress: Progress;
}

export type ImportResult = { ok: true; progress: Progress } | { ok: false; reason: string };

/** Keys that could reach an object's prototype if the data were ever merged naively. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const pad = (n: number) => String(n).padStart(2, '0');

/** `stagecraft-progress-YYYY-MM-DD.json`, with the learner's local date. */
export function exportFileName(now = new Date()): string {
  return `stagecraft-progress-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}

/** The export file's text: the envelope, indented for people who open it. */
export function serializeExport(progress: Progress, now = new Date()): string {
  const envelope: ProgressExport = { format: EXPORT_FORMAT, exportedAt: now.toISOString(), progress };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

/** UTF-8 size of a string, without TextEncoder (so any JavaScript runtime can count it). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

class ForbiddenKey extends Error {}

const refuse = (reason: string): ImportResult => ({ ok: false, reason });

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads an export file's text into a progress record, or says in one sentence why not.
 * `size` is the file's size in bytes when the caller knows it (File#size), so a huge file
 * is refused before it is read. Never throws.
 */
export function parseImport(text: string, size?: number): ImportResult {
  if ((size ?? 0) > MAX_IMPORT_BYTES || text.length > MAX_IMPORT_BYTES || utf8Length(text) > MAX_IMPORT_BYTES) {
    return refuse('This file is larger than 1 MB, far more than any Stagecraft export, so it was not read.');
  }
  if (text.trim() === '') return refuse('This file is empty.');

  let value: unknown;
  try {
    value = JSON.parse(text, (key, inner: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKey(key);
      return inner;
    });
  } catch (error) {
    return error instanceof ForbiddenKey
      ? refuse(`This file contains a key that is not allowed ("${error.message}"), so it was refused.`)
      : refuse('This file is not valid JSON, so it cannot be a Stagecraft export.');
  }

  if (!isObject(value) || value['format'] !== EXPORT_FORMAT || !Object.hasOwn(value, 'progress')) {
    return refuse('This file is not a Stagecraft progress export (it has no "format": "stagecraft-progress" field).');
  }
  const progress = value['progress'];
  if (!isObject(progress)) return refuse('This export holds no progress record.');

  const version = progress['version'];
  if (typeof version === 'number' && Number.isInteger(version) && version > PROGRESS_VERSION) {
    return refuse(`This export was made by a newer version of Stagecraft (progress format ${version}), and this site reads format ${PROGRESS_VERSION}.`);
  }
  if (version !== PROGRESS_VERSION) {
    return refuse(`This export's progress format (${JSON.stringify(version ?? null).slice(0, 20)}) is not one this site can read.`);
  }

  const checked = progressValidator.safeParse(progress);
  if (!checked.success) {
    return refuse('This export is damaged: some lessons, exercises or quiz scores in it are not valid progress data.');
  }
  return { ok: true, progress: checked.data };
}

export type ApplyResult = { ok: true; progress: Progress } | { ok: false; reason: string; progress: Progress };

const NOT_SAVED = 'This browser did not let the site save progress, so nothing was changed.';

/**
 * Imports an export file's text: replaces the stored progress when the file is valid, and
 * changes nothing otherwise. The returned progress is what the page should show.
 */
export function importProgress(storage: StorageLike | null, text: string, size?: number): ApplyResult {
  const parsed = parseImport(text, size);
  if (!parsed.ok) return { ok: false, reason: parsed.reason, progress: currentProgress(storage) };
  const written = writeRecord(storage, PROGRESS_KEY, progressValidator, emptyProgress, () => parsed.progress);
  return written.ok ? { ok: true, progress: written.value } : { ok: false, reason: NOT_SAVED, progress: currentProgress(storage) };
}

/** Forgets every lesson, exercise and quiz score stored in this browser. */
export function resetProgress(storage: StorageLike | null): ApplyResult {
  const written = writeRecord(storage, PROGRESS_KEY, progressValidator, emptyProgress, () => emptyProgress());
  return written.ok ? { ok: true, progress: written.value } : { ok: false, reason: NOT_SAVED, progress: currentProgress(storage) };
}

function currentProgress(storage: StorageLike | null): Progress {
  return readProgress(storage).value;
}
