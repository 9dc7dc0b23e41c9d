// BuildKit's "did you mean" (util/suggest): the closest option by Levenshtein distance,
// below 3 edits; nothing when an option matches exactly. Used for unknown instructions
// and undefined variables.

/** Levenshtein distance: the fewest single-character edits that turn a into b. */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** The option BuildKit would suggest for `value` (case-sensitive), or null. */
export function suggest(value: string, options: Iterable<string>): string | null {
  let match: string | null = null;
  let best = 3;
  for (const option of options) {
    if (option === value) return null;
    const d = distance(value, option);
    if (d < best) {
      match = option;
      best = d;
    }
  }
  return match;
}
