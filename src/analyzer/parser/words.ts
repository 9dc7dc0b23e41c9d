// Shell-like word splitting as BuildKit's lexer does it (frontend/dockerfile/shell):
// whitespace separates words outside quotes, single quotes are literal, double quotes
// allow escaping `"`, `$` and the escape character, and the escape character outside
// quotes takes the next character literally. Variables are not expanded here.

export interface SplitWord {
  /** The word with quotes removed and escapes applied. */
  value: string;
  /** The word exactly as written. */
  raw: string;
  start: number;
  end: number;
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\v' || ch === '\f';
}

export function splitWords(text: string, escape = '\\'): SplitWord[] {
  const words: SplitWord[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isSpace(text[i]!)) i++;
    if (i >= text.length) break;
    const start = i;
    let value = '';
    while (i < text.length && !isSpace(text[i]!)) {
      const ch = text[i]!;
      if (ch === "'") {
        const close = text.indexOf("'", i + 1);
        const stop = close === -1 ? text.length : close;
        value += text.slice(i + 1, stop);
        i = stop + 1;
      } else if (ch === '"') {
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === escape && i + 1 < text.length && '"$'.concat(escape).includes(text[i + 1]!)) i++;
          value += text[i];
          i++;
        }
        i++;
      } else if (ch === escape) {
        if (i + 1 < text.length) value += text[i + 1];
        i += 2;
      } else {
        value += ch;
        i++;
      }
    }
    const end = Math.min(i, text.length);
    words.push({ value, raw: text.slice(start, end), start, end });
  }
  return words;
}
