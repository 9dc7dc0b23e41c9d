// The copies this browser keeps instead of losing something (`<key>:backup`, numbered when
// taken: storage.ts keepAside), as the Progress page lists them:
//
//   stagecraft:progress:backup                 a progress record that could not be read
//   stagecraft:progress:before-import:backup   the progress an import replaced (an export)
//   stagecraft:progress:before-reset:backup    the progress a reset forgot (an export)
//   stagecraft:progress:before-restore:backup  the progress a restore replaced (an export)
//   stagecraft:exercise:<id>:backup            a text of exercise <id> another tab (or a
//                                              restore) replaced, or a damaged text record
//   stagecraft:progress:exercise:<id>:backup   a damaged exercise entry of the record
//   stagecraft:<anything else>:backup          e.g. the playground's or predictions' record
//
// Listing is cheap (the key says what it is; a date is read when the copy is JSON), so the
// page shows the list as it loads; restoring (kept-copies.ts) reads a copy in full, and is
// loaded when the learner presses Restore.
import * as v from 'valibot';
import { idKey } from './fields.ts';
import { PROGRESS_KEY } from './schema.ts';
import { EXERCISE_TEXT_PREFIX, keysWithPrefix, removeKey } from './storage-keys.ts';
import type { StorageLike } from './storage.ts';

export type CopyReason = 'import' | 'reset' | 'restore';

/** The key kept copies of the whole progress are stored under (before an import, a reset or a restore). */
export function copyKey(reason: CopyReason): string {
  return `${PROGRESS_KEY}:before-${reason}`;
}

export type KeptKind =
  | { kind: 'damaged-progress' }
  | { kind: 'replaced-progress'; by: CopyReason; at: string | null }
  | { kind: 'exercise-text'; exercise: string; at: string | null }
  | { kind: 'other'; of: string };

export type KeptCopy = KeptKind & {
  key: string;
  raw: string;
  /** Whether "Restore" can try to bring it back (else: download only). */
  restorable: boolean;
  /** Whether it is whole JSON: only then is it deleted once restored (else it stays, for what could not be read). */
  whole: boolean;
};

const BACKUP = /:backup(?::\d+)?$/;

function parsed(raw: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const dateIn = (value: Record<string, unknown> | null, field: string): string | null => (typeof value?.[field] === 'string' ? (value[field] as string) : null);

function classify(key: string, raw: string): KeptCopy {
  const base = key.replace(BACKUP, '');
  const value = parsed(raw);
  const whole = value !== null;
  if (base === PROGRESS_KEY) return { kind: 'damaged-progress', key, raw, whole, restorable: true };
  for (const by of ['import', 'reset', 'restore'] as const) {
    if (base === copyKey(by)) return { kind: 'replaced-progress', by, at: dateIn(value, 'exportedAt'), key, raw, whole, restorable: true };
  }
  const entryPrefix = `${PROGRESS_KEY}:exercise:`;
  const exercise = base.startsWith(EXERCISE_TEXT_PREFIX)
    ? base.slice(EXERCISE_TEXT_PREFIX.length)
    : base.startsWith(entryPrefix)
      ? base.slice(entryPrefix.length)
      : null;
  if (exercise !== null && v.is(idKey, exercise)) return { kind: 'exercise-text', exercise, at: dateIn(value, 'updated'), key, raw, whole, restorable: true };
  return { kind: 'other', of: base, key, raw, whole, restorable: false };
}

/** Every kept copy in this browser (empty when storage cannot be listed). */
export function listKeptCopies(storage: StorageLike | null): KeptCopy[] {
  const copies: KeptCopy[] = [];
  for (const key of keysWithPrefix(storage, 'stagecraft:')) {
    if (!BACKUP.test(key)) continue;
    let raw: string | null;
    try {
      raw = storage?.getItem(key) ?? null;
    } catch {
      raw = null;
    }
    if (raw !== null) copies.push(classify(key, raw));
  }
  return copies;
}

/** Removes a kept copy; false when storage refused. */
export function deleteKeptCopy(storage: StorageLike | null, key: string): boolean {
  return storage !== null && BACKUP.test(key) && removeKey(storage, key);
}
