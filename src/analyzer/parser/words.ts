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

/** ' ', \t, \n, \v, \f, \r. */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/** Makes the object for one word (the parser builds its model words directly, with no
 *  intermediate object per word). */
export interface WordMaker<T> {
  word(value: string, raw: string, start: number, end: number): T;
}

const SPLIT_WORD: WordMaker<SplitWord> = { word: (value, raw, start, end) => ({ value, raw, start, end }) };

export function splitWords(text: string, escape = '\\'): SplitWord[] {
  return splitWordsAs(text, escape, SPLIT_WORD);
}

/** splitWords, handing each word to `maker`. */
// Runs on every instruction's arguments on every keystroke, so it reads character codes and
// copies literal runs with one slice each instead of growing the value a character at a time.
export function splitWordsAs<T>(text: string, escape: string, maker: WordMaker<T>): T[] {
  const words: T[] = [];
  const esc = escape.charCodeAt(0);
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    // `value` holds what precedes `run`; text[run, i) is a literal run not yet copied.
    let value = '';
    let run = i;
    let plain = true;
    while (i < n) {
      const ch = text.charCodeAt(i);
      if (isSpace(ch)) break;
      if (ch === 39 /* ' */) {
        plain = false;
        value += text.slice(run, i);
        const close = text.indexOf("'", i + 1);
        const stop = close === -1 ? n : close;
        value += text.slice(i + 1, stop);
        i = stop + 1;
        run = i;
      } else if (ch === 34 /* " */) {
        plain = false;
        value += text.slice(run, i);
        i++;
        run = i;
        while (i < n && text.charCodeAt(i) !== 34) {
          if (text.charCodeAt(i) === esc && i + 1 < n) {
            const next = text.charCodeAt(i + 1);
            if (next === 34 || next === 36 /* $ */ || next === esc) {
              // Drop the escape character; the escaped one is copied with the run, never read as the closing quote.
              value += text.slice(run, i);
              i++;
              run = i;
            }
          }
          i++;
        }
        value += text.slice(run, Math.min(i, n));
        i++;
        run = i;
      } else if (ch === esc) {
        plain = false;
        value += text.slice(run, i);
        if (i + 1 < n) value += text[i + 1];
        i += 2;
        run = i;
      } else i++;
    }
    const end = Math.min(i, n);
    const raw = text.slice(start, end);
    words.push(maker.word(plain ? raw : run < end ? value + text.slice(run, end) : value, raw, start, end));
  }
  return words;
}
