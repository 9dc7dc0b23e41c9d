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

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\v' || ch === '\f';
}

export function extractFlags(text: string, from: number): FlagSplit {
  const flags: RawFlag[] = [];
  let pos = from;
  for (;;) {
    while (pos < text.length && isSpace(text[pos]!)) pos++;
    if (!text.startsWith('--', pos)) return { flags, argsStart: pos };
    const start = pos;
    let word = '';
    let quote = '';
    while (pos < text.length && (quote || !isSpace(text[pos]!))) {
      const ch = text[pos]!;
      if (quote) {
        if (ch === quote) quote = '';
        else if (ch === '\\' && pos + 1 < text.length) word += text[++pos];
        else word += ch;
      } else if (ch === "'" || ch === '"') {
        quote = ch;
      } else if (ch === '\\') {
        if (pos + 1 < text.length) word += text[++pos];
      } else {
        word += ch;
      }
      pos++;
    }
    if (word === '--') {
      while (pos < text.length && isSpace(text[pos]!)) pos++;
      return { flags, argsStart: pos };
    }
    const body = word.slice(2);
    const eq = body.indexOf('=');
    flags.push({
      name: eq === -1 ? body : body.slice(0, eq),
      value: eq === -1 ? null : body.slice(eq + 1),
      start,
      end: pos,
    });
  }
}
