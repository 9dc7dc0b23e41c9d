// The progress store with everything: damaged records recovered (the progress record entry
// by entry, an exercise's text from what is left of its record), and exercise texts of the
// old single-record format moved to their own records. These hook into progress.ts and
// exercise-text.ts: the modules that write outside a lesson's islands import this one; the
// islands of lessons and /progress/ load it only when stored progress does not read as it is
// (progress-store.ts), since it weighs more than the rest of the store.
import { MAX_EXERCISE_TEXT, recoverTextsWith } from './exercise-text.ts';
import { moveLegacyTexts } from './migrate.ts';
import { hookProgress } from './progress.ts';
import { recoverProgressRecord } from './recover.ts';
import { salvageJson } from './salvage.ts';
import { progressValidator, PROGRESS_KEY } from './schema.ts';
import { decodeRecord, keepAside, type StorageLike } from './storage.ts';

/** What can be read of a damaged text record: its text, or the beginning of it. */
function salvagedText(raw: string): string | null {
  const value = salvageJson(raw)?.value;
  if (typeof value !== 'object' || value === null) return null;
  const text = (value as Record<string, unknown>)['text'];
  return typeof text === 'string' && text !== '' ? text.slice(0, MAX_EXERCISE_TEXT) : null;
}

/** The stored progress record when it does not decode as it is (damaged, or over the read limit). */
function damaged(storage: StorageLike | null): string | null {
  try {
    const raw = storage?.getItem(PROGRESS_KEY) ?? null;
    return raw !== null && decodeRecord(raw, progressValidator) === null ? raw : null;
  } catch {
    return null;
  }
}

hookProgress({
  read(storage) {
    const raw = damaged(storage);
    const found = raw === null ? null : recoverProgressRecord(raw);
    // Lossless: a valid record an earlier version wrote over the read limit (texts inside).
    return found && { value: found.value, status: found.lossless ? 'ok' : 'recovered' };
  },
  repair(storage) {
    const raw = damaged(storage);
    const found = raw === null ? null : recoverProgressRecord(raw);
    if (!storage || raw === null || found === null) return;
    // The original is kept first (unless nothing of it is lost), then what was recovered
    // replaces it, texts of the old format moved out so that it fits. If either fails, the
    // write that follows keeps the original aside itself, or leaves it (storage.ts).
    if (!found.lossless && !keepAside(storage, PROGRESS_KEY, raw)) return;
    const serialized = JSON.stringify(moveLegacyTexts(storage, found.value));
    if (decodeRecord(serialized, progressValidator) === null) return;
    try {
      storage.setItem(PROGRESS_KEY, serialized);
    } catch {
      // Full: the write that follows says so.
    }
  },
  migrate: moveLegacyTexts,
});
recoverTextsWith(salvagedText);
