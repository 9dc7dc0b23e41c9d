// Storage operations beyond one record's read and write (storage.ts): storing a value and
// reading it back, removing a key, listing keys. A module of their own because only the
// per-exercise records, kept copies and transfers use them, not the islands of every lesson.
import { backupKey, keepAside, type StorageLike } from './storage.ts';

/** Exercise `id`'s text is stored under this prefix + id (exercise-text.ts). */
export const EXERCISE_TEXT_PREFIX = 'stagecraft:exercise:';

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

/** keepAside, also saying under which backup key the copy is (null when it could not be kept). */
export function keepAsideAt(storage: StorageLike, key: string, raw: string): string | null {
  if (!keepAside(storage, key, raw)) return null;
  for (let n = 0; ; n++) {
    const candidate = backupKey(key, n);
    const existing = storage.getItem(candidate);
    if (existing === raw || existing === null) return existing === raw ? candidate : null;
  }
}
