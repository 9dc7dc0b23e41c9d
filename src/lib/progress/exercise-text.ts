// The learner's Dockerfile of each exercise, in a storage record of its own:
//
//   stagecraft:exercise:<id> = { version: 1, text: string | null, updated: ISO date, rev }
//
//   text     what the editor held at the last save; null when the learner went back to the
//            starter (so a later site version's starter shows)
//   updated  when it was saved
//   rev      a token that changes with every save: a tab that saves says which rev it
//            started from, and a different one means another tab saved in between
//
// One record per exercise, so one damaged or oversized text cannot hide the others or the
// rest of the progress (they used to share the progress record, whose 1,000,000-character
// limit six long texts could pass). Texts saved in the progress record by earlier versions
// (exercises[id].text) are still read, and moved here (migrate.ts).
//
// Nothing here throws. A write checks the text against MAX_EXERCISE_TEXT first and says so
// ('too-long'), refuses to overwrite a record another tab saved since ('conflict'), keeps
// an unreadable record aside before replacing it, and reads back what it stored.
import * as v from 'valibot';
import { idKey, isoDate } from './fields.ts';
import { backupKey, decodeRecord, keepAside, MAX_BACKUPS, type StorageLike, type Validator } from './storage.ts';
import { EXERCISE_TEXT_PREFIX, removeKey, storeVerified } from './storage-keys.ts';

/** Longer texts are not saved (a 300-line Dockerfile is about 15,000 characters). */
export const MAX_EXERCISE_TEXT = 100_000;

export { EXERCISE_TEXT_PREFIX };

export function exerciseTextKey(id: string): string {
  return `${EXERCISE_TEXT_PREFIX}${id}`;
}

export interface ExerciseText {
  version: 1;
  text: string | null;
  updated: string;
  rev: string;
}

/**
 * The record's check, by hand: with valibot's nullable() and minLength() (used nowhere
 * else) every lesson's islands would carry them, since they share valibot's module.
 */
export const exerciseTextValidator: Validator<ExerciseText> = {
  safeParse(value) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { success: false };
    const { version, text, updated, rev } = value as Record<string, unknown>;
    const textOk = text === null || (typeof text === 'string' && text.length <= MAX_EXERCISE_TEXT);
    const revOk = typeof rev === 'string' && rev.length > 0 && rev.length <= 40;
    if (version !== 1 || !textOk || !v.is(isoDate, updated) || !revOk) return { success: false };
    // Fields a newer version adds are kept, as everywhere in the progress records.
    return { success: true, data: value as ExerciseText };
  },
};

export type TextRead =
  | { status: 'empty' }
  | { status: 'ok'; record: ExerciseText }
  /** The record is damaged; `text` is what could be read of it (maybe only its beginning). */
  | { status: 'recovered'; text: string; raw: string }
  /** Something is stored, and nothing of a text could be read from it. */
  | { status: 'invalid'; raw: string }
  | { status: 'unavailable' };

/** The rev a tab knows for what it read: the record's, or null when there was none (or it was damaged). */
export function revOf(read: TextRead): string | null {
  return read.status === 'ok' ? read.record.rev : null;
}

/** What can be read of a damaged record's text; set by progress-recovery.ts, which lesson pages load only when needed. */
let salvageText: ((raw: string) => string | null) | null = null;

/** Lets readExerciseText recover what it can of a damaged record (progress-recovery.ts). */
export function recoverTextsWith(salvage: (raw: string) => string | null): void {
  salvageText = salvage;
}

/** The stored text of exercise `id`. Never throws. */
export function readExerciseText(storage: StorageLike | null, id: string): TextRead {
  if (!storage || !v.is(idKey, id)) return { status: 'unavailable' };
  let raw: string | null;
  try {
    raw = storage.getItem(exerciseTextKey(id));
  } catch {
    return { status: 'unavailable' };
  }
  if (raw === null) return { status: 'empty' };
  const record = decodeRecord(raw, exerciseTextValidator);
  if (record !== null) return { status: 'ok', record };
  const text = salvageText?.(raw) ?? null;
  return text === null ? { status: 'invalid', raw } : { status: 'recovered', text, raw };
}

export type TextWriteFailure =
  /** Over MAX_EXERCISE_TEXT characters. */
  | 'too-long'
  /** Another tab saved since `expectedRev`: `other` is what it saved. */
  | 'conflict'
  /** The stored value is unreadable and could not be kept aside first. */
  | 'not-kept'
  /** Storage threw (full, blocked) or kept nothing. */
  | 'refused'
  | 'unavailable'
  | 'invalid-id';

export type TextWrite = { ok: true; record: ExerciseText } | { ok: false; reason: TextWriteFailure; other?: ExerciseText };

export interface TextWriteOptions {
  /** The rev this tab last read or wrote (null: nothing was saved); undefined skips the check. */
  expectedRev?: string | null;
  now?: Date;
  /** The new rev (tests pass their own; default: random). */
  rev?: string;
}

function newRev(): string {
  const random = globalThis.crypto?.randomUUID?.();
  return random ? random.slice(0, 18) : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Saves `text` (null: back to the starter) as exercise `id`'s text. Never throws. */
export function writeExerciseText(storage: StorageLike | null, id: string, text: string | null, options: TextWriteOptions = {}): TextWrite {
  if (!v.is(idKey, id)) return { ok: false, reason: 'invalid-id' };
  if (text !== null && text.length > MAX_EXERCISE_TEXT) return { ok: false, reason: 'too-long' };
  if (!storage) return { ok: false, reason: 'unavailable' };
  const key = exerciseTextKey(id);
  const current = readExerciseText(storage, id);
  if (current.status === 'unavailable') return { ok: false, reason: 'unavailable' };
  if (options.expectedRev !== undefined && revOf(current) !== options.expectedRev) {
    return current.status === 'ok' ? { ok: false, reason: 'conflict', other: current.record } : { ok: false, reason: 'conflict' };
  }
  if ((current.status === 'recovered' || current.status === 'invalid') && !keepAside(storage, key, current.raw)) return { ok: false, reason: 'not-kept' };
  const record: ExerciseText = { version: 1, text, updated: (options.now ?? new Date()).toISOString(), rev: options.rev ?? newRev() };
  return storeVerified(storage, key, JSON.stringify(record)) ? { ok: true, record } : { ok: false, reason: 'refused' };
}

/** Removes exercise `id`'s text record; a damaged one is kept aside first (false if it cannot be). */
export function removeExerciseText(storage: StorageLike, id: string): boolean {
  const current = readExerciseText(storage, id);
  if (current.status === 'unavailable') return false;
  if (current.status === 'empty') return true;
  if ((current.status === 'recovered' || current.status === 'invalid') && !keepAside(storage, exerciseTextKey(id), current.raw)) return false;
  return removeKey(storage, exerciseTextKey(id));
}

/** True when a kept copy of exercise `id` already holds `text`. */
function alreadyKept(storage: StorageLike, id: string, text: string): boolean {
  for (let n = 0; n < MAX_BACKUPS; n++) {
    let raw: string | null;
    try {
      raw = storage.getItem(backupKey(exerciseTextKey(id), n));
    } catch {
      return false;
    }
    if (raw === null) continue;
    try {
      if ((JSON.parse(raw) as { text?: unknown } | null)?.text === text) return true;
    } catch {
      // A damaged record kept aside: not this text.
    }
  }
  return false;
}

/** Keeps `text` as a copy of exercise `id`'s text (a text another tab replaced, say); false when storage refused. */
export function keepTextAside(storage: StorageLike | null, id: string, text: string, now = new Date()): boolean {
  if (!storage || !v.is(idKey, id)) return false;
  if (alreadyKept(storage, id, text)) return true;
  // Not cut to MAX_EXERCISE_TEXT: a kept copy is read back by kept-copies.ts, which takes any length.
  const record = { version: 1, text, updated: now.toISOString(), rev: 'kept' };
  return keepAside(storage, exerciseTextKey(id), JSON.stringify(record));
}
