// The learner's drill score, kept in this browser only: the current streak of right answers,
// the best streak, and how many drills were answered and answered right. Read and written
// through the progress store's record functions (src/lib/progress/storage.ts), so storage
// that is missing, full or holds something else (a hand edit, another version) never breaks
// the page: it starts from zero, and an unreadable value is copied aside before the first write.
import * as v from 'valibot';
import { count, entry, validator } from '../progress/fields.ts';
import { readRecord, writeRecord, type ReadStatus, type StorageLike } from '../progress/storage.ts';

export const SCORE_KEY = 'stagecraft:drills';

export interface DrillScore {
  version: 1;
  streak: number;
  best: number;
  answered: number;
  right: number;
}

const schema = validator<DrillScore>(
  v.pipe(
    entry({ version: v.literal(1), streak: count(0, 1_000_000), best: count(0, 1_000_000), answered: count(0, 1_000_000), right: count(0, 1_000_000) }),
    v.check((s) => s.right <= s.answered && s.streak <= s.best && s.best <= s.right),
    v.transform((s): DrillScore => ({ version: 1, streak: s.streak, best: s.best, answered: s.answered, right: s.right })),
  ),
);

export const emptyScore = (): DrillScore => ({ version: 1, streak: 0, best: 0, answered: 0, right: 0 });

export function readScore(storage: StorageLike | null): { score: DrillScore; status: ReadStatus } {
  const { value, status } = readRecord(storage, SCORE_KEY, schema, emptyScore);
  return { score: value, status };
}

/** The score after one more answer. */
export function scored(score: DrillScore, right: boolean): DrillScore {
  const cap = (n: number) => Math.min(n, 1_000_000);
  const streak = right ? cap(score.streak + 1) : 0;
  return { version: 1, streak, best: Math.max(score.best, streak), answered: cap(score.answered + 1), right: cap(score.right + (right ? 1 : 0)) };
}

/** Records one answer; `saved` is false when this browser would not keep it (the score still shows). */
export function recordAnswer(storage: StorageLike | null, right: boolean): { score: DrillScore; saved: boolean } {
  const written = writeRecord(storage, SCORE_KEY, schema, emptyScore, (current) => scored(current, right));
  return { score: written.value, saved: written.ok };
}

export function scoreText(score: DrillScore): string {
  if (score.answered === 0) return 'No drills answered yet in this browser.';
  return `Streak: ${score.streak} (best ${score.best}). Right: ${score.right} of ${score.answered}.`;
}
