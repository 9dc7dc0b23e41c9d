// Instruction keywords as one shared (internalized) string each. A keyword cut from the file
// is a new string every time: rules compare it with `===` and look it up in tables keyed by
// keyword on every keystroke, which for such a string means comparing characters, or hashing
// and internalizing it, again and again.

const LIST = [
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
];
const KEYWORDS = new Map(LIST.map((k) => [k, k]));
/** The keywords by length, to recognise one written in upper case where it stands in the text. */
const BY_LENGTH: string[][] = [];
for (const keyword of LIST) (BY_LENGTH[keyword.length] ??= []).push(keyword);

/** The shared string for a known upper-cased keyword; anything else as it is. */
export function internKeyword(upper: string): string {
  return KEYWORDS.get(upper) ?? upper;
}

/** The shared string when text[start, end) is a keyword written in upper case (most are),
 *  without cutting it out of the text; null otherwise. */
export function upperKeywordAt(text: string, start: number, end: number): string | null {
  const candidates = BY_LENGTH[end - start];
  if (candidates === undefined) return null;
  const first = text.charCodeAt(start);
  for (const keyword of candidates) if (keyword.charCodeAt(0) === first && text.startsWith(keyword, start)) return keyword;
  return null;
}
