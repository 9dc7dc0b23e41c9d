// splitCommand: keyword, leading flags and arguments of one logical line.

import { extractFlags, type RawFlag } from './flags.ts';
import { parseJsonArgs } from './json-args.ts';

export interface CommandParts {
  keyword: string;
  keywordStart: number;
  keywordEnd: number;
  flags: RawFlag[];
  /** Arguments span (trimmed) within the logical line. */
  argsStart: number;
  argsEnd: number;
}

const SPACE = /[\t\v\f\r ]/;

export function splitCommand(text: string): CommandParts {
  let start = 0;
  while (start < text.length && SPACE.test(text[start]!)) start++;
  let end = text.length;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  let keywordEnd = start;
  while (keywordEnd < end && !SPACE.test(text[keywordEnd]!)) keywordEnd++;
  const { flags, argsStart } = extractFlags(text.slice(0, end), keywordEnd);
  return {
    keyword: text.slice(start, keywordEnd),
    keywordStart: start,
    keywordEnd,
    flags,
    argsStart: Math.min(argsStart, end),
    argsEnd: end,
  };
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
