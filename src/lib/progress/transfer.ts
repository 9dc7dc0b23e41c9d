// Moving the learner's progress between browsers: export it as a file, import it from one,
// or reset it. Pure TypeScript (no DOM), so the rules are unit-tested
// (tests/progress/progress-transfer.test.ts); the /progress/ page only reads the file and
// offers the download.
//
// An export is a small envelope around the learner's progress, each exercise's text in its
// entry (as format 1 always had it, although the browser keeps texts in records of their
// own, exercise-text.ts):
//
//   { "format": "stagecraft-progress", "exportedAt": ISO date, "progress": { version: 1, … },
//     "review": { version: 1, cards: { … } } }
//
// `review` holds the questions due for review (src/lib/review/schema.ts). An export made before
// the review existed has none: importing it leaves this browser's review cards as they are (the
// file has nothing to replace them with); a reset forgets them with the rest.
//
// Importing is all or nothing. A file is refused, with a one-sentence reason, when it is too
// large, not JSON, carries keys that could reach an object's prototype, is not a Stagecraft
// export, comes from a newer version of the site, or fails the progress schema. A refused
// file changes nothing; an accepted one replaces the progress stored in this browser, and
// so does a reset; before either, the page keeps a copy of what they replace
// (keepProgressCopy: in this browser, or as a download when it has no room), which the
// Progress page offers back.
import { copyKey, type CopyReason } from './kept-list.ts';
import { EXERCISE_TEXT_PREFIX, MAX_EXERCISE_TEXT, readExerciseText, removeExerciseText, writeExerciseText } from './exercise-text.ts';
import { emptyProgress, progressValidator, PROGRESS_VERSION, type Progress } from './schema.ts';
import { readProgress, updateProgress } from './progress.ts';
import './progress-recovery.ts';
import type { StorageLike } from './storage.ts';
import { REVIEW_VERSION, reviewValidator, emptyReview, type Review } from '../review/schema.ts';
import { readReview, replaceReview } from '../review/store.ts';
import { keysWithPrefix, keepAsideAt } from './storage-keys.ts';

/** What the `format` field of an export says. */
export const EXPORT_FORMAT = 'stagecraft-progress';

/**
 * Files larger than this are refused before they are read as JSON. An export holds up to
 * one text of MAX_EXERCISE_TEXT characters per exercise (a few times that once escaped):
 * this leaves room for all of them, and no more than a browser's storage holds.
 */
export const MAX_IMPORT_BYTES = 5_000_000;

export interface ProgressExport {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  progress: Progress;
  review?: Review;
}

export type ImportResult = { ok: true; progress: Progress; review?: Review } | { ok: false; reason: string };

/** Keys that could reach an object's prototype if the data were ever merged naively. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const pad = (n: number) => String(n).padStart(2, '0');

/** `stagecraft-progress-YYYY-MM-DD.json`, with the learner's local date. */
export function exportFileName(now = new Date()): string {
  return `stagecraft-progress-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}

/** The export file's text: the envelope, indented for people who open it. */
export function serializeExport(progress: Progress, now = new Date(), review?: Review): string {
  const envelope: ProgressExport = { format: EXPORT_FORMAT, exportedAt: now.toISOString(), progress, ...(review ? { review } : {}) };
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
    return refuse(`This file is larger than ${MAX_IMPORT_BYTES / 1_000_000} MB, far more than any Stagecraft export, so it was not read.`);
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
  for (const entry of Object.values(checked.data.exercises)) {
    const text = entry['text'];
    if (text !== undefined && (typeof text !== 'string' || text.length > MAX_EXERCISE_TEXT)) {
      return refuse(`This export is damaged: an exercise's text in it is not text of at most ${MAX_EXERCISE_TEXT.toLocaleString('en')} characters.`);
    }
  }
  if (!Object.hasOwn(value, 'review')) return { ok: true, progress: checked.data };
  const review = value['review'];
  if (isObject(review) && typeof review['version'] === 'number' && review['version'] > REVIEW_VERSION) {
    return refuse(
      `This export's review cards were written by a newer version of Stagecraft (format ${review['version']}), and this site reads format ${REVIEW_VERSION}.`,
    );
  }
  const cards = reviewValidator.safeParse(review);
  if (!cards.success) return refuse('This export is damaged: its questions due for review are not valid review data.');
  return { ok: true, progress: checked.data, review: cards.data as Review };
}

/** The whole export of this browser: the progress with its texts, and the review cards. */
export function exportText(storage: StorageLike | null, now = new Date()): string {
  return serializeExport(progressWithTexts(storage), now, readReview(storage).value);
}

/** The ids of the exercises that have a text record of their own. */
function textIds(storage: StorageLike | null): string[] {
  return keysWithPrefix(storage, EXERCISE_TEXT_PREFIX)
    .map((key) => key.slice(EXERCISE_TEXT_PREFIX.length))
    .filter((id) => !/:backup(?::\d+)?$/.test(id));
}

/** The learner's whole progress, as an export holds it: each exercise's text in its entry. */
export function progressWithTexts(storage: StorageLike | null): Progress {
  const progress = readProgress(storage).value;
  const exercises: Progress['exercises'] = { ...progress.exercises };
  for (const id of textIds(storage)) {
    const read = readExerciseText(storage, id);
    if (read.status !== 'ok' && read.status !== 'recovered') continue;
    const text = read.status === 'ok' ? read.record.text : read.text;
    const entry: Record<string, unknown> = { ...(Object.hasOwn(exercises, id) ? exercises[id] : {}) };
    if (text === null) delete entry['text'];
    else entry['text'] = text;
    if (read.status === 'ok') entry['updated'] = read.record.updated;
    Object.defineProperty(exercises, id, { value: entry, enumerable: true, writable: true, configurable: true });
  }
  return { ...progress, exercises };
}

export { copyKey, type CopyReason };

export interface KeptProgress {
  /** False: there was no room in this browser, so the page should offer `text` as a download. */
  kept: boolean;
  /** Where it is kept (for "Undo"), or null. */
  key: string | null;
  /** An export of the progress as it was. */
  text: string;
  fileName: string;
}

/** Keeps a copy of the whole progress before an import or a reset replaces it. */
export function keepProgressCopy(storage: StorageLike | null, reason: CopyReason, now = new Date()): KeptProgress {
  const text = exportText(storage, now);
  const key = storage === null ? null : keepAsideAt(storage, copyKey(reason), text);
  return { kept: key !== null, key, text, fileName: exportFileName(now).replace('stagecraft-progress-', `stagecraft-progress-before-${reason}-`) };
}

/**
 * Makes `progress` (texts in its entries) the progress of this browser: the texts first,
 * then the record. 'partly' when a write failed after others were made.
 */
function replaceProgress(storage: StorageLike | null, progress: Progress, review?: Review): 'done' | 'nothing' | 'partly' {
  let made = 0;
  const step = (ok: boolean): boolean => {
    if (ok) made++;
    return ok;
  };
  const exercises: Progress['exercises'] = {};
  const withText = new Set<string>();
  const writes: Array<() => boolean> = [];
  for (const [id, entry] of Object.entries(progress.exercises)) {
    const { text, ...rest } = entry;
    if (typeof text === 'string') {
      withText.add(id);
      const updated = typeof rest['updated'] === 'string' ? new Date(rest['updated']) : new Date();
      writes.push(() => writeExerciseText(storage, id, text, { now: Number.isNaN(updated.getTime()) ? new Date() : updated }).ok);
    }
    Object.defineProperty(exercises, id, { value: rest, enumerable: true, writable: true, configurable: true });
  }
  for (const id of textIds(storage)) if (!withText.has(id)) writes.push(() => storage !== null && removeExerciseText(storage, id));
  if (review) writes.push(() => replaceReview(storage, review).ok);
  writes.push(() => updateProgress(storage, () => ({ ...progress, exercises })).ok);
  for (const write of writes) if (!step(write())) return made === 0 ? 'nothing' : 'partly';
  return 'done';
}

export type ApplyResult = { ok: true; progress: Progress } | { ok: false; reason: string; progress: Progress };

const NOT_SAVED = 'This browser did not let the site save progress, so nothing was changed.';
const PARTLY_SAVED =
  'This browser did not let the site save all of it, so your progress is only partly replaced; the copy kept before is listed under Kept copies.';

function applied(storage: StorageLike | null, outcome: 'done' | 'nothing' | 'partly'): ApplyResult {
  const progress = currentProgress(storage);
  if (outcome === 'done') return { ok: true, progress };
  return { ok: false, reason: outcome === 'nothing' ? NOT_SAVED : PARTLY_SAVED, progress };
}

/**
 * Imports an export file's text: replaces the stored progress when the file is valid, and
 * changes nothing otherwise. The returned progress is what the page should show. (The page
 * keeps a copy of what it replaces first: keepProgressCopy.)
 */
export function importProgress(storage: StorageLike | null, text: string, size?: number): ApplyResult {
  const parsed = parseImport(text, size);
  if (!parsed.ok) return { ok: false, reason: parsed.reason, progress: currentProgress(storage) };
  return applied(storage, replaceProgress(storage, parsed.progress, parsed.review));
}

/** Forgets every lesson, exercise, text, quiz score and review card stored in this browser (the page keeps a copy first). */
export function resetProgress(storage: StorageLike | null): ApplyResult {
  return applied(storage, replaceProgress(storage, emptyProgress(), emptyReview()));
}

function currentProgress(storage: StorageLike | null): Progress {
  return readProgress(storage).value;
}
