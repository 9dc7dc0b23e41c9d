// The learner's drill score, kept in this browser only: the current streak of right answers,
// the best streak, and how many drills were answered and answered right. Storage that is
// missing, full, throws or holds something else (a hand edit, another version) never breaks
// the page: the score starts from zero, and an unreadable value is copied to `<key>:backup`
// before the first write replaces it (as the progress store does, src/lib/progress/storage.ts).
//
// Written by hand rather than with the progress store's valibot records: five counters need no
// schema library, and importing the store's modules here made the bundler split the chunk
// every lesson loads (the lessons' shell grew past its budget).

/** The part of the Web Storage API used here (a fake in tests). */
export interface ScoreStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const SCORE_KEY = 'stagecraft:drills';
export const SCORE_BACKUP_KEY = `${SCORE_KEY}:backup`;
const MAX = 1_000_000;

export interface DrillScore {
  version: 1;
  streak: number;
  best: number;
  answered: number;
  right: number;
}

export type ScoreStatus = 'empty' | 'ok' | 'invalid' | 'unavailable';

export const emptyScore = (): DrillScore => ({ version: 1, streak: 0, best: 0, answered: 0, right: 0 });

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX;

/** The score `raw` holds, or null when it is not one (any other JSON, damaged text, impossible counts). */
export function decodeScore(raw: string): DrillScore | null {
  if (raw.length > 1000) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { version, streak, best, answered, right } = value as Record<string, unknown>;
  if (version !== 1 || !isCount(streak) || !isCount(best) || !isCount(answered) || !isCount(right)) return null;
  if (right > answered || streak > best || best > right) return null;
  return { version: 1, streak, best, answered, right };
}

/** localStorage when the page may use it, otherwise null (reading it throws when cookies are blocked). */
export function browserScoreStorage(): ScoreStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function getRaw(storage: ScoreStorage | null): { raw: string | null } | null {
  if (!storage) return null;
  try {
    return { raw: storage.getItem(SCORE_KEY) };
  } catch {
    return null;
  }
}

export function readScore(storage: ScoreStorage | null): { score: DrillScore; status: ScoreStatus } {
  const got = getRaw(storage);
  if (!got) return { score: emptyScore(), status: 'unavailable' };
  if (got.raw === null) return { score: emptyScore(), status: 'empty' };
  const score = decodeScore(got.raw);
  return score ? { score, status: 'ok' } : { score: emptyScore(), status: 'invalid' };
}

/** The score after one more answer. */
export function scored(score: DrillScore, right: boolean): DrillScore {
  const cap = (n: number) => Math.min(n, MAX);
  const streak = right ? cap(score.streak + 1) : 0;
  return { version: 1, streak, best: Math.max(score.best, streak), answered: cap(score.answered + 1), right: cap(score.right + (right ? 1 : 0)) };
}

/**
 * Records one answer on top of what is stored now (another tab may have answered since).
 * `saved` is false when this browser did not keep it; the score returned still counts it.
 */
export function recordAnswer(storage: ScoreStorage | null, right: boolean): { score: DrillScore; saved: boolean } {
  const got = getRaw(storage);
  const current = got?.raw != null ? decodeScore(got.raw) : null;
  const score = scored(current ?? emptyScore(), right);
  if (!storage || !got) return { score, saved: false };
  try {
    // An unreadable value is kept aside first; if that fails, it is left as it is.
    if (got.raw !== null && current === null) {
      if (storage.getItem(SCORE_BACKUP_KEY) === null) storage.setItem(SCORE_BACKUP_KEY, got.raw);
      if (storage.getItem(SCORE_BACKUP_KEY) !== got.raw) return { score, saved: false };
    }
    const text = JSON.stringify(score);
    storage.setItem(SCORE_KEY, text);
    return { score, saved: storage.getItem(SCORE_KEY) === text };
  } catch {
    return { score, saved: false };
  }
}

export function scoreText(score: DrillScore): string {
  if (score.answered === 0) return 'No drills answered yet in this browser.';
  return `Streak: ${score.streak} (best ${score.best}). Right: ${score.right} of ${score.answered}.`;
}

/** Where the drill on screen is kept (its `?level=&seed=`), so a visit without a link resumes it. */
export const LAST_DRILL_KEY = 'stagecraft:drills:last';

/** The link of the last drill shown in this browser, or null (never throws). */
export function readLastDrill(storage: ScoreStorage | null): string | null {
  try {
    const raw = storage?.getItem(LAST_DRILL_KEY) ?? null;
    return raw !== null && raw.length <= 100 ? raw : null;
  } catch {
    return null;
  }
}

export function keepLastDrill(storage: ScoreStorage | null, search: string): void {
  try {
    storage?.setItem(LAST_DRILL_KEY, search);
  } catch {
    // Not kept: the next visit without a link starts from the first drill.
  }
}
