// Exercise texts out of the progress record. Earlier versions kept the learner's text in
// the progress record (exercises[id].text), where together they could pass the record's
// size limit and make everything unreadable. Every write of the progress record now first
// moves such texts to their own records (exercise-text.ts), and drops a text from the
// progress record only once its own record holds it (or a newer one): a text whose move
// fails (full storage) stays where it was. A text from a tab of an older version that is
// newer than the own record replaces it, the older text being kept aside.
import { legacyText } from './exercise-progress.ts';
import { keepTextAside, readExerciseText, writeExerciseText } from './exercise-text.ts';
import type { Progress } from './schema.ts';
import type { StorageLike } from './storage.ts';

/** True when the text is safely in its own record (the same text, or one saved later). */
function moveOne(storage: StorageLike, id: string, legacy: { text: string; updated: string }): boolean {
  const own = readExerciseText(storage, id);
  if (own.status === 'unavailable' || own.status === 'invalid' || own.status === 'recovered') return false;
  if (own.status === 'ok' && (own.record.text === legacy.text || own.record.updated >= legacy.updated)) return true;
  if (own.status === 'ok' && own.record.text !== null && !keepTextAside(storage, id, own.record.text)) return false;
  const date = /^\d{4}-\d\d-\d\dT/.test(legacy.updated) ? new Date(legacy.updated) : new Date();
  return writeExerciseText(storage, id, legacy.text, { now: Number.isNaN(date.getTime()) ? new Date() : date }).ok;
}

/** `progress` without the texts that are now in their own records (see the module comment). */
export function moveLegacyTexts(storage: StorageLike | null, progress: Progress): Progress {
  if (!storage) return progress;
  let exercises: Progress['exercises'] | null = null;
  for (const [id, entry] of Object.entries(progress.exercises)) {
    if (!Object.hasOwn(entry, 'text')) continue;
    const legacy = legacyText(progress, id);
    // A damaged legacy text (not a string, too long) stays for the recovery of exercise-progress.ts.
    if (legacy === null || !moveOne(storage, id, legacy)) continue;
    exercises ??= { ...progress.exercises };
    const { text: _moved, ...rest } = entry;
    Object.defineProperty(exercises, id, { value: rest, enumerable: true, writable: true, configurable: true });
  }
  return exercises === null ? progress : { ...progress, exercises };
}
