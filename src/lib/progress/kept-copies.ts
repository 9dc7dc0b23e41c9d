// Restoring a kept copy (kept-list.ts lists them), loaded when the learner presses
// Restore on the Progress page. Restoring never loses anything: what a restore replaces is
// kept aside first; a replaced progress replaces the current one again, a damaged record's
// contents are merged in (entries this browser lacks are added, texts go to their
// exercises, the current ones kept aside when they differ), an exercise's text goes back to
// its exercise. A copy is deleted once restored, unless parts of it could not be read.
import { keepTextAside, readExerciseText, writeExerciseText } from './exercise-text.ts';
import { deleteKeptCopy, listKeptCopies } from './kept-list.ts';
import { updateProgress } from './progress.ts';
import './progress-recovery.ts';
import { recoverProgress } from './recover.ts';
import { salvageJson } from './salvage.ts';
import type { Progress } from './schema.ts';
import type { StorageLike } from './storage.ts';
import { importProgress, keepProgressCopy, parseImport } from './transfer.ts';

export { deleteKeptCopy, listKeptCopies } from './kept-list.ts';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "3 lessons, 2 exercise texts, 1 quiz score" */
export function describeProgress(progress: Progress): string {
  const texts = Object.values(progress.exercises).filter((entry) => typeof entry['text'] === 'string').length;
  const parts = [
    plural(Object.keys(progress.lessons).length, 'lesson'),
    plural(texts, 'exercise text'),
    plural(Object.keys(progress.quizzes).length, 'quiz score'),
  ];
  return parts.join(', ');
}

/** The text of an exercise copy: a text record, or a damaged entry that held a text. */
function copiedText(raw: string): string | null {
  const value = salvageJson(raw)?.value;
  if (typeof value !== 'object' || value === null) return null;
  const text = (value as Record<string, unknown>)['text'];
  return typeof text === 'string' ? text : null;
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
        if (!Object.hasOwn(merged, id))
          Object.defineProperty(merged, id, { value: strip ? strip(entry) : entry, enumerable: true, writable: true, configurable: true });
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
      if (!kept.kept)
        return {
          ok: false,
          message:
            'There is no room in this browser to keep a copy of your current progress first, so nothing was restored: delete other kept copies, or export your progress, and try again.',
        };
      const parsed = parseImport(copy.raw, 0);
      if (!parsed.ok) return { ok: false, message: `This copy cannot be restored: ${parsed.reason.charAt(0).toLowerCase()}${parsed.reason.slice(1)}` };
      ok = importProgress(storage, copy.raw, 0).ok;
      message = `Restored ${describeProgress(parsed.progress)}: your progress is the copy’s again. What it replaced is kept below.`;
      break;
    }
    case 'damaged-progress': {
      const recovered = recoverProgress(copy.raw);
      if (recovered === null) return { ok: false, message: 'Nothing of this copy can be read as progress; download it to look at it.' };
      ok = mergeDamaged(storage, recovered.progress);
      message = `Restored what could be read of the damaged copy (${describeProgress(recovered.progress)}) into your progress.`;
      break;
    }
    case 'exercise-text': {
      const text = copiedText(copy.raw);
      if (text === null) return { ok: false, message: 'Nothing of this copy can be read as a Dockerfile; download it to look at it.' };
      ok = restoreText(storage, copy.exercise, text);
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
