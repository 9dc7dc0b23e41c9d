// Versioned, validated records in localStorage that never throw and never lose data.
//
// Reading: a missing key gives the empty record; anything that is not valid JSON, is too
// large, carries prototype-polluting keys or fails the schema (another app's value, an old
// or future version, a hand edit) is ignored, and the empty record is used instead (status
// 'invalid'; progress.ts recovers what it can of its own record).
// Writing: the update is applied to what is stored *now* (another tab may have written
// since this page read it), validated, serialized, and read back the way a read would read
// it: a value a read would refuse (over MAX_RECORD_LENGTH, say) is never stored. If the
// stored value was unreadable it is first copied to a backup key, and if that copy fails
// nothing is overwritten: the learner's data is never silently lost. Storage that is missing
// or throws (private mode, blocked cookies, a full quota) makes reads return the empty
// record and writes return ok: false with the reason.
//
// Pure TypeScript without DOM types beyond the Storage shape, so tests pass a fake.

/** The part of the Web Storage API used here (a fake in tests). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  /** Listing and removing keys (kept copies, per-exercise records); a Storage has them. */
  removeItem?(key: string): void;
  key?(index: number): string | null;
  readonly length?: number;
}

/** A validator in Zod's `safeParse` shape: a valibot schema through validator() (fields.ts), a Zod schema, or a hand-written one. */
export interface Validator<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

/** Values longer than this are not parsed (no learner's progress comes near it). */
export const MAX_RECORD_LENGTH = 1_000_000;

/** Keys that could reach an object's prototype if a value were ever spread or merged naively. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type ReadStatus =
  /** Nothing stored yet. */
  | 'empty'
  /** A valid record. */
  | 'ok'
  /** Something is stored under the key, but not a record this version can use. */
  | 'invalid'
  /** The stored record is damaged; `value` is what could be recovered from it. */
  | 'recovered'
  /** localStorage is missing or refused access. */
  | 'unavailable';

export interface ReadResult<T> {
  value: T;
  status: ReadStatus;
}

/** localStorage when the page may use it, otherwise null (never throws). */
export function browserStorage(): StorageLike | null {
  try {
    const storage = globalThis.localStorage;
    return storage ?? null;
  } catch {
    // Accessing localStorage itself throws when cookies are blocked.
    return null;
  }
}

class ForbiddenKey extends Error {}

/** JSON.parse that refuses prototype-polluting keys; null when the text is not acceptable. */
export function parseJson(raw: string): { value: unknown } | null {
  if (raw.length > MAX_RECORD_LENGTH) return null;
  try {
    const value: unknown = JSON.parse(raw, (key, inner: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKey(key);
      return inner;
    });
    return { value };
  } catch {
    return null;
  }
}

function getRaw(storage: StorageLike | null, key: string): { raw: string | null } | null {
  if (!storage) return null;
  try {
    return { raw: storage.getItem(key) };
  } catch {
    return null;
  }
}

/** The value `raw` holds, as a read accepts it; null when a read would refuse it. */
export function decodeRecord<T>(raw: string, schema: Validator<T>): T | null {
  const parsed = parseJson(raw);
  const result = parsed && schema.safeParse(parsed.value);
  return result?.success ? result.data : null;
}

const decode = decodeRecord;

/** The record under `key`, or `empty()` when there is none or it cannot be used. Never throws. */
export function readRecord<T>(storage: StorageLike | null, key: string, schema: Validator<T>, empty: () => T): ReadResult<T> {
  const got = getRaw(storage, key);
  if (!got) return { value: empty(), status: 'unavailable' };
  if (got.raw === null) return { value: empty(), status: 'empty' };
  const value = decode(got.raw, schema);
  return value === null ? { value: empty(), status: 'invalid' } : { value, status: 'ok' };
}

/** Where an unreadable value under `key` is kept: `<key>:backup`, or a numbered key when that is taken. */
export function backupKey(key: string, n = 0): string {
  return n === 0 ? `${key}:backup` : `${key}:backup:${n}`;
}

/** Kept copies per key: past this many, keepAside fails and the write it guards does not happen. */
export const MAX_BACKUPS = 20;

/** Copies `raw` to a free backup key (or one that already holds the same text). False if it could not. */
export function keepAside(storage: StorageLike, key: string, raw: string): boolean {
  try {
    for (let n = 0; n < MAX_BACKUPS; n++) {
      const candidate = backupKey(key, n);
      const existing = storage.getItem(candidate);
      if (existing === raw) return true;
      if (existing === null) {
        storage.setItem(candidate, raw);
        return storage.getItem(candidate) === raw;
      }
    }
  } catch {
    // Quota exceeded or storage refused: report failure, so the caller keeps the original.
  }
  return false;
}

/** Why a write was not stored. */
export type WriteFailure =
  /** The update threw or gave a value the schema refuses (an invalid id, a text over its limit). */
  | 'invalid'
  /** The value would be longer than a read accepts (MAX_RECORD_LENGTH). */
  | 'too-large'
  /** The stored value is unreadable and could not be copied aside, so it was left as it is. */
  | 'not-kept'
  /** Storage threw (full quota, blocked) or does not keep what it is given. */
  | 'refused'
  /** There is no storage (private mode, blocked cookies). */
  | 'unavailable';

export type WriteResult<T> = { ok: true; value: T } | { ok: false; value: T; reason: WriteFailure };

/**
 * Applies `update` to the record stored now and stores the result. Returns the new value
 * with ok: true, or ok: false with the value this page should show (the update applied in
 * memory when storage refused; the unchanged record when the update was invalid).
 * Never throws.
 */
export function writeRecord<T>(storage: StorageLike | null, key: string, schema: Validator<T>, empty: () => T, update: (current: T) => T): WriteResult<T> {
  const got = getRaw(storage, key);
  const current = got?.raw != null ? (decode(got.raw, schema) ?? null) : null;
  const base = current ?? empty();
  // The stored form is what counts: a value a read would refuse (too large, say) is never stored.
  let serialized: string;
  try {
    serialized = JSON.stringify(update(base)) ?? '';
  } catch {
    return { ok: false, value: base, reason: 'invalid' };
  }
  const next = decode(serialized, schema);
  if (next === null) return { ok: false, value: base, reason: serialized.length > MAX_RECORD_LENGTH ? 'too-large' : 'invalid' };
  if (!storage || !got) return { ok: false, value: next, reason: 'unavailable' };

  if (got.raw !== null && current === null && !keepAside(storage, key, got.raw)) {
    // The stored value is unreadable and could not be copied aside: leave it as it is.
    return { ok: false, value: next, reason: 'not-kept' };
  }
  try {
    // Read back: some browsers' storage accepts a write and keeps nothing.
    storage.setItem(key, serialized);
    if (storage.getItem(key) === serialized) return { ok: true, value: next };
  } catch {
    // Quota exceeded or storage refused.
  }
  return { ok: false, value: next, reason: 'refused' };
}
