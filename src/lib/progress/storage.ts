// Versioned, validated records in localStorage that never throw and never lose data.
//
// Reading: a missing key gives the empty record; anything that is not valid JSON, is too
// large, carries prototype-polluting keys or fails the schema (another app's value, an old
// or future version, a hand edit) is not used as it is: a `recover` function (when the
// caller has one) keeps what is still valid (status 'recovered'), else the empty record is
// used (status 'invalid').
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

/**
 * What can be recovered from a stored value that does not decode, or null (recover.ts for
 * progress). `lossless`: nothing of it was lost (a valid record over the read limit, say),
 * so it need not be kept aside before it is replaced.
 */
export type Recover<T> = (raw: string) => { value: T; lossless: boolean } | null;

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

function decode<T>(raw: string, schema: Validator<T>): T | null {
  const parsed = parseJson(raw);
  if (!parsed) return null;
  const result = schema.safeParse(parsed.value);
  return result.success ? result.data : null;
}

/** The value `raw` holds, as a read accepts it; null when a read would refuse it. */
export function decodeRecord<T>(raw: string, schema: Validator<T>): T | null {
  return decode(raw, schema);
}

function recovered<T>(raw: string, schema: Validator<T>, recover: Recover<T> | undefined): { value: T; lossless: boolean } | null {
  if (!recover) return null;
  try {
    const found = recover(raw);
    const checked = found === null ? null : schema.safeParse(found.value);
    return found !== null && checked?.success ? { value: checked.data, lossless: found.lossless } : null;
  } catch {
    return null;
  }
}

/** The record under `key`, or `empty()` when there is none or it cannot be used. Never throws. */
export function readRecord<T>(storage: StorageLike | null, key: string, schema: Validator<T>, empty: () => T, recover?: Recover<T>): ReadResult<T> {
  const got = getRaw(storage, key);
  if (!got) return { value: empty(), status: 'unavailable' };
  if (got.raw === null) return { value: empty(), status: 'empty' };
  const value = decode(got.raw, schema);
  if (value !== null) return { value, status: 'ok' };
  const saved = recovered(got.raw, schema, recover);
  if (saved === null) return { value: empty(), status: 'invalid' };
  return { value: saved.value, status: saved.lossless ? 'ok' : 'recovered' };
}

/** Where an unreadable value under `key` is kept: `<key>:backup`, or a numbered key when that is taken. */
export function backupKey(key: string, n = 0): string {
  return n === 0 ? `${key}:backup` : `${key}:backup:${n}`;
}

/** Kept copies per key: past this many, keepAside fails and the write it guards does not happen. */
export const MAX_BACKUPS = 20;

/** Copies `raw` to a free backup key (or one that already holds the same text). False if it could not. */
export function keepAside(storage: StorageLike, key: string, raw: string): boolean {
  return keepAsideAt(storage, key, raw) !== null;
}

/** keepAside, returning the backup key the copy is under (null when it could not be kept). */
export function keepAsideAt(storage: StorageLike, key: string, raw: string): string | null {
  try {
    for (let n = 0; n < MAX_BACKUPS; n++) {
      const candidate = backupKey(key, n);
      const existing = storage.getItem(candidate);
      if (existing === raw) return candidate;
      if (existing === null) {
        storage.setItem(candidate, raw);
        return storage.getItem(candidate) === raw ? candidate : null;
      }
    }
  } catch {
    // Quota exceeded or storage refused: report failure, so the caller keeps the original.
  }
  return null;
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
export function writeRecord<T>(
  storage: StorageLike | null,
  key: string,
  schema: Validator<T>,
  empty: () => T,
  update: (current: T) => T,
  recover?: Recover<T>,
): WriteResult<T> {
  const got = getRaw(storage, key);
  const current = got?.raw != null ? (decode(got.raw, schema) ?? null) : null;
  // A damaged record: the update applies to what could be recovered of it, not to nothing.
  const saved = current === null && got?.raw != null ? recovered(got.raw, schema, recover) : null;
  const base = current ?? saved?.value ?? empty();
  let next: T;
  try {
    next = update(base);
  } catch {
    return { ok: false, value: base, reason: 'invalid' };
  }
  const checked = schema.safeParse(next);
  if (!checked.success) return { ok: false, value: base, reason: 'invalid' };
  next = checked.data;
  const serialized = JSON.stringify(next);
  // Never store what a read would refuse: it would hide everything in the record.
  if (decode(serialized, schema) === null) return { ok: false, value: next, reason: serialized.length > MAX_RECORD_LENGTH ? 'too-large' : 'invalid' };
  if (!storage || !got) return { ok: false, value: next, reason: 'unavailable' };

  if (got.raw !== null && current === null && !saved?.lossless && !keepAside(storage, key, got.raw)) {
    // The stored value is unreadable and could not be copied aside: leave it as it is.
    return { ok: false, value: next, reason: 'not-kept' };
  }
  return storeVerified(storage, key, serialized) ? { ok: true, value: next } : { ok: false, value: next, reason: 'refused' };
}

/** Stores `value` and reads it back: some browsers' storage accepts a write and keeps nothing. */
export function storeVerified(storage: StorageLike, key: string, value: string): boolean {
  try {
    storage.setItem(key, value);
    return storage.getItem(key) === value;
  } catch {
    return false;
  }
}

/** Removes `key`; false when storage refused. */
export function removeKey(storage: StorageLike, key: string): boolean {
  try {
    if (storage.removeItem) storage.removeItem(key);
    else return false;
    return storage.getItem(key) === null;
  } catch {
    return false;
  }
}

/** Every key in storage that starts with `prefix`, sorted (empty when storage cannot list). */
export function keysWithPrefix(storage: StorageLike | null, prefix: string): string[] {
  const keys: string[] = [];
  try {
    const count = storage?.length ?? 0;
    for (let i = 0; i < count; i++) {
      const key = storage?.key?.(i) ?? null;
      if (key !== null && key.startsWith(prefix)) keys.push(key);
    }
  } catch {
    // Storage refused: nothing to list.
  }
  return keys.sort();
}
