// The copies this browser keeps instead of losing something (`<key>:backup`, numbered when
// taken: storage.ts keepAside), as the Progress page lists and offers them back:
//
//   stagecraft:progress:backup                 a progress record that could not be read
//   stagecraft:progress:before-import:backup   the progress an import replaced (an export)
//   stagecraft:progress:before-reset:backup    the progress a reset forgot (an export)
//   stagecraft:exercise:<id>:backup            a text of exercise <id> another tab (or a
//                                              restore) replaced, or a damaged text record
//   stagecraft:progress:exercise:<id>:backup   a damaged exercise entry of the record
//   stagecraft:<anything else>:backup          e.g. the playground's or predictions' record
//
// Each can be downloaded as it is and deleted; the progress and exercise ones can also be
// restored. Restoring never loses anything either: what a restore replaces is kept aside
// first, and a damaged record's contents are merged in (entries this browser lacks are
// added, texts go to their exercises, the current ones kept aside when they differ).
import * as v from 'valibot';
import { EXERCISE_TEXT_PREFIX, keepTextAside, readExerciseText, writeExerciseText } from './exercise-text.ts';
import { exerciseBackupKey } from './exercise-progress.ts';
import { idKey } from './fields.ts';
import { updateProgress } from './progress.ts';
import { recoverProgress, recoverProgressValue } from './recover.ts';
import { salvageJson } from './salvage.ts';
import { PROGRESS_KEY, type Progress } from './schema.ts';
import { keysWithPrefix, removeKey, type StorageLike } from './storage.ts';
import { copyKey, EXPORT_FORMAT, importProgress, keepProgressCopy, type CopyReason } from './transfer.ts';

export type KeptKind =
  | { kind: 'damaged-progress' }
  | { kind: 'replaced-progress'; by: CopyReason; at: string | null }
  | { kind: 'exercise-text'; exercise: string; at: string | null }
  | { kind: 'other'; of: string };

export type KeptCopy = KeptKind & {
  key: string;
  raw: string;
  /** Whether "Restore" can bring it back (else: download only). */
  restorable: boolean;
  /** Whether all of it can be read: only then is it deleted once restored (else it stays, for what could not be read). */
  whole: boolean;
  /** What it holds, in a few words ("3 lessons, 2 exercise texts, 1 quiz score"). */
  holds: string;
};

const BACKUP = /:backup(?::\d+)?$/;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "3 lessons, 2 exercise texts, 1 quiz score" */
export function describeProgress(progress: Progress): string {
  const texts = Object.values(progress.exercises).filter((entry) => typeof entry['text'] === 'string').length;
  const parts = [plural(Object.keys(progress.lessons).length, 'lesson'), plural(texts, 'exercise text'), plural(Object.keys(progress.quizzes).length, 'quiz score')];
  return parts.join(', ');
}

/** The text of an exercise copy: a text record, or a damaged entry that held a text. */
function copiedText(raw: string): { text: string; at: string | null } | null {
  const value = salvageJson(raw)?.value;
  if (typeof value !== 'object' || value === null) return null;
  const { text, updated } = value as Record<string, unknown>;
  return typeof text === 'string' ? { text, at: typeof updated === 'string' ? updated : null } : null;
}

/** An export kept before an import or reset: its progress and date, or null. */
function keptExport(raw: string): { progress: Progress; at: string | null } | null {
  const value = salvageJson(raw)?.value;
  if (typeof value !== 'object' || value === null || (value as Record<string, unknown>)['format'] !== EXPORT_FORMAT) return null;
  const recovered = recoverProgressValue((value as Record<string, unknown>)['progress']);
  const at = (value as Record<string, unknown>)['exportedAt'];
  return recovered ? { progress: recovered.progress, at: typeof at === 'string' ? at : null } : null;
}

function parsesWhole(raw: string): boolean {
  try {
    JSON.parse(raw);
    return true;
  } catch {
    return false;
  }
}

function classify(key: string, raw: string): KeptCopy {
  const whole = parsesWhole(raw);
  const base = key.replace(BACKUP, '');
  if (base === PROGRESS_KEY) {
    const recovered = recoverProgress(raw);
    return { kind: 'damaged-progress', key, raw, whole: recovered?.dropped === 0, restorable: recovered !== null, holds: recovered ? describeProgress(recovered.progress) : 'nothing that can be read' };
  }
  for (const by of ['import', 'reset', 'restore'] as const) {
    if (base !== copyKey(by)) continue;
    const kept = keptExport(raw);
    return { kind: 'replaced-progress', by, at: kept?.at ?? null, key, raw, whole, restorable: kept !== null, holds: kept ? describeProgress(kept.progress) : 'nothing that can be read' };
  }
  const exercise = base.startsWith(EXERCISE_TEXT_PREFIX) ? base.slice(EXERCISE_TEXT_PREFIX.length) : base.startsWith(exerciseBackupKey('')) ? base.slice(exerciseBackupKey('').length) : null;
  if (exercise !== null && v.is(idKey, exercise)) {
    const text = copiedText(raw);
    return {
      kind: 'exercise-text',
      exercise,
      at: text?.at ?? null,
      key,
      raw,
      whole,
      restorable: text !== null,
      holds: text ? plural(text.text.split('\n').filter((line) => line.trim() !== '').length, 'line') : 'nothing that can be read',
    };
  }
  return { kind: 'other', of: base, key, raw, whole, restorable: false, holds: plural(raw.length, 'character') };
}

/** Every kept copy in this browser (empty when storage cannot be listed). */
export function listKeptCopies(storage: StorageLike | null): KeptCopy[] {
  const copies: KeptCopy[] = [];
  for (const key of keysWithPrefix(storage, 'stagecraft:')) {
    if (!BACKUP.test(key)) continue;
    let raw: string | null = null;
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

export type RestoreResult = { ok: true; message: string } | { ok: false; message: string };

/** Puts `text` back as exercise `id`'s text, keeping the current one aside when it differs. */
function restoreText(storage: StorageLike, id: string, text: string): boolean {
  const current = readExerciseText(storage, id);
  const now = current.status === 'ok' ? current.record.text : current.status === 'recovered' ? current.text : null;
  if (now === text) return true;
  if (now !== null && !keepTextAside(storage, id, now)) return false;
  return writeExerciseText(storage, id, text).ok;
}

/** Adds what `recovered` has and this browser lacks; texts go to their exercises (restoreText). */
function mergeDamaged(storage: StorageLike, recovered: Progress): boolean {
  let ok = true;
  for (const [id, entry] of Object.entries(recovered.exercises)) {
    if (typeof entry['text'] === 'string') ok = restoreText(storage, id, entry['text']) && ok;
  }
  if (!ok) return false;
  return updateProgress(storage, (current) => {
    const add = <T>(mine: Record<string, T>, theirs: Record<string, T>, strip?: (entry: T) => T): Record<string, T> => {
      const merged: Record<string, T> = { ...mine };
      for (const [id, entry] of Object.entries(theirs)) {
        if (!Object.hasOwn(merged, id)) Object.defineProperty(merged, id, { value: strip ? strip(entry) : entry, enumerable: true, writable: true, configurable: true });
      }
      return merged;
    };
    const withoutText = (entry: Record<string, unknown>) => {
      const { text: _text, ...rest } = entry;
      return rest;
    };
    return {
      ...current,
      lessons: add(current.lessons, recovered.lessons),
      exercises: add(current.exercises, recovered.exercises, withoutText),
      quizzes: add(current.quizzes, recovered.quizzes),
    };
  }).ok;
}

/**
 * Restores a kept copy: a replaced progress replaces the current one again (which is kept
 * first), a damaged record is merged in, an exercise text goes back to its exercise. The
 * copy is deleted once it is restored.
 */
export function restoreKeptCopy(storage: StorageLike | null, key: string): RestoreResult {
  const copy = listKeptCopies(storage).find((found) => found.key === key);
  if (!storage || !copy || !copy.restorable) return { ok: false, message: 'This copy cannot be restored; download it instead.' };
  let ok = false;
  let message = '';
  switch (copy.kind) {
    case 'replaced-progress': {
      const kept = keepProgressCopy(storage, 'restore');
      if (!kept.kept) return { ok: false, message: 'There is no room in this browser to keep a copy of your current progress first, so nothing was restored: delete other kept copies, or export your progress, and try again.' };
      ok = importProgress(storage, copy.raw, 0).ok;
      message = 'Restored: your progress is the copy’s again. What it replaced is kept below.';
      break;
    }
    case 'damaged-progress': {
      const recovered = recoverProgress(copy.raw);
      ok = recovered !== null && mergeDamaged(storage, recovered.progress);
      message = 'Restored: what could be read of the damaged copy is back in your progress.';
      break;
    }
    case 'exercise-text': {
      const text = copiedText(copy.raw);
      ok = text !== null && restoreText(storage, copy.exercise, text.text);
      message = 'Restored: the exercise opens with this text; the one it had is kept below.';
      break;
    }
    case 'other':
      return { ok: false, message: 'This copy cannot be restored; download it instead.' };
  }
  if (!ok) return { ok: false, message: 'This browser did not let the site save the restored progress; the copy is still kept.' };
  if (copy.whole) deleteKeptCopy(storage, key);
  else message += ' Parts of the copy could not be read, so it is still kept: download it to look at them.';
  return { ok: true, message };
}
