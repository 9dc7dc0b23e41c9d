// BuildKit's "did you mean" (util/suggest): the closest option by Levenshtein distance,
// below 3 edits; nothing when an option matches exactly. Used for unknown instructions
// and undefined variables.
//
// It runs once per unknown name against every name in scope, so it must stay cheap: the
// distance is computed only near the diagonal and stops as soon as it cannot come under
// the best so far, and at most
// MAX_OPTIONS names are compared (a scope with more variables than that is no Dockerfile a
// person writes, and comparing each of n undefined uses with each of n variables would
// make the analysis quadratic in the file).

/** How many options one suggestion compares at most (the first ones, in the order given). */
export const MAX_OPTIONS = 256;

/** Rows of the distance table, reused by every call (suggest never runs nested). */
let previousRow: number[] = [];
let currentRow: number[] = [];

/**
 * Levenshtein distance of `a` and `b` when it is below `limit`, else `limit`. Only the cells
 * within `limit` of the diagonal are computed (the others are at least `limit` anyway), and
 * it stops at the first row with nothing below `limit`: O(limit × length) per comparison.
 */
export function distance(a: string, b: string, limit: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) >= limit) return limit;
  let prev = previousRow;
  let cur = currentRow;
  for (let j = 0; j <= lb; j++) prev[j] = j < limit ? j : limit;
  for (let i = 1; i <= la; i++) {
    const lo = Math.max(1, i - limit + 1);
    const hi = Math.min(lb, i + limit - 1);
    cur[0] = i < limit ? i : limit;
    if (lo > 1) cur[lo - 1] = limit;
    let smallest = lo === 1 ? cur[0]! : limit;
    const ch = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      let value = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ch === b.charCodeAt(j - 1) ? 0 : 1));
      if (value > limit) value = limit;
      cur[j] = value;
      if (value < smallest) smallest = value;
    }
    if (hi < lb) cur[hi + 1] = limit;
    // Every later row is at least this row's smallest value.
    if (smallest >= limit) return limit;
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  previousRow = prev;
  currentRow = cur;
  return Math.min(prev[lb]!, limit);
}

/** The option BuildKit would suggest for `value` (case-sensitive), or null. */
export function suggest(value: string, options: Iterable<string>): string | null {
  let match: string | null = null;
  let best = 3;
  let compared = 0;
  for (const option of options) {
    if (option === value) return null;
    const d = distance(value, option, best);
    if (d < best) {
      match = option;
      best = d;
    }
    // Stop before asking for another option (reading past the first ones may cost more).
    if (++compared === MAX_OPTIONS) break;
  }
  return match;
}
