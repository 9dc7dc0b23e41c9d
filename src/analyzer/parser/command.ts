// splitCommand: keyword, leading flags and arguments of one logical line.

import { extractFlags, type RawFlag } from './flags.ts';
import { parseJsonArgs } from './json-args.ts';
import { upperKeywordAt } from './keywords.ts';

export interface CommandParts {
  keyword: string;
  keywordStart: number;
  keywordEnd: number;
  flags: RawFlag[];
  /** Arguments span (trimmed) within the logical line. */
  argsStart: number;
  argsEnd: number;
}

/** Go's reWhitespace: [\t\v\f\r ]. */
function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 11 || code === 12 || code === 13;
}

/** Shared by every instruction without flags (read only). */
const NO_FLAGS: RawFlag[] = [];

export function splitCommand(text: string): CommandParts {
  let start = 0;
  while (start < text.length && isSpace(text.charCodeAt(start))) start++;
  let end = text.length;
  while (end > start && (isSpace(text.charCodeAt(end - 1)) || text.charCodeAt(end - 1) === 10)) end--;
  let keywordEnd = start;
  while (keywordEnd < end && !isSpace(text.charCodeAt(keywordEnd))) keywordEnd++;
  const { flags, argsStart } =
    keywordEnd < end && text.startsWith('--', nextWord(text, keywordEnd, end))
      ? extractFlags(text, keywordEnd, end)
      : { flags: NO_FLAGS, argsStart: nextWord(text, keywordEnd, end) };
  return {
    keyword: upperKeywordAt(text, start, keywordEnd) ?? text.slice(start, keywordEnd),
    keywordStart: start,
    keywordEnd,
    flags,
    argsStart: Math.min(argsStart, end),
    argsEnd: end,
  };
}

function nextWord(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && (isSpace(text.charCodeAt(i)) || text.charCodeAt(i) === 10)) i++;
  return i;
}

const HEREDOC_KEYWORDS = new Set(['run', 'copy', 'add']);

/** BuildKit's canContainHeredoc: RUN/COPY/ADD (also under ONBUILD) in shell form. */
export function canContainHeredoc(text: string): boolean {
  let parts = splitCommand(text);
  let args = text.slice(parts.argsStart, parts.argsEnd);
  if (parts.keyword.toLowerCase() === 'onbuild') {
    parts = splitCommand(args);
    args = args.slice(parts.argsStart, parts.argsEnd);
  }
  if (!HEREDOC_KEYWORDS.has(parts.keyword.toLowerCase())) return false;
  return parseJsonArgs(args).kind !== 'exec';
}
