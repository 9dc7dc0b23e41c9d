// Leading `--flag[=value]` words of an instruction, as BuildKit's extractBuilderFlags
// reads them: flags end at the first word that does not start with `--` (or at a bare `--`).

export interface RawFlag {
  name: string;
  value: string | null;
  start: number;
  end: number;
}

export interface FlagSplit {
  flags: RawFlag[];
  /** Index in the text where the arguments begin (after the flags and spaces). */
  argsStart: number;
}

/** ' ', \t, \n, \v, \f, \r. */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/** Flags from `from` on, reading no further than `limit` (the end of the text by default). */
export function extractFlags(text: string, from: number, limit = text.length): FlagSplit {
  const flags: RawFlag[] = [];
  const n = Math.min(limit, text.length);
  let pos = from;
  for (;;) {
    while (pos < n && isSpace(text.charCodeAt(pos))) pos++;
    if (pos + 1 >= n || text.charCodeAt(pos) !== 45 || text.charCodeAt(pos + 1) !== 45) return { flags, argsStart: pos };
    const start = pos;
    // Literal runs are copied with one slice each: text[run, pos) is not yet in `word`.
    let word = '';
    let run = pos;
    let quote = 0;
    while (pos < n) {
      const ch = text.charCodeAt(pos);
      if (quote !== 0) {
        if (ch === quote) {
          word += text.slice(run, pos);
          quote = 0;
          run = pos + 1;
        } else if (ch === 92 /* \ */ && pos + 1 < n) {
          // The escaped character is kept as it is (skipped here, copied with the run).
          word += text.slice(run, pos);
          run = ++pos;
        }
      } else if (isSpace(ch)) break;
      else if (ch === 39 || ch === 34) {
        word += text.slice(run, pos);
        quote = ch;
        run = pos + 1;
      } else if (ch === 92) {
        // A trailing escape character is dropped.
        word += text.slice(run, pos);
        run = pos + 1 < n ? ++pos : pos + 1;
      }
      pos++;
    }
    if (run < pos) word += text.slice(run, pos);
    if (word === '--') {
      while (pos < n && isSpace(text.charCodeAt(pos))) pos++;
      return { flags, argsStart: pos };
    }
    const eq = word.indexOf('=', 2);
    flags.push({
      name: eq === -1 ? word.slice(2) : word.slice(2, eq),
      value: eq === -1 ? null : word.slice(eq + 1),
      start,
      end: pos,
    });
  }
}
