// Ranges the BuildKit rules point at: a line, the start of a word, the place a variable is used.

import type { Range } from '../../../model.ts';
import { sourceMapOf as sourceMap } from '../../../source.ts';

export function rangeOf(text: string, start: number, end: number): Range {
  return sourceMap(text).range(start, end);
}

/** Line `line` (1-based), from its first character to its end (before the line break). */
export function lineRange(text: string, line: number): Range {
  const starts = sourceMap(text).lineStarts;
  const start = starts[line - 1] ?? text.length;
  let end = (starts[line] ?? text.length + 1) - 1;
  if (end > start && text[end - 1] === '\r') end--;
  return rangeOf(text, start, Math.max(start, end));
}

/** The first `length` characters of `range` (a key inside `KEY=value`), or all of it when the
 *  text there does not read `expected` (a word broken over continuation lines). */
export function prefixRange(text: string, range: Range, expected: string): Range {
  const start = range.start.offset;
  return text.startsWith(expected, start) && expected.length > 0 ? rangeOf(text, start, start + expected.length) : range;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where `$NAME` or `${NAME…` first appears inside `within`; null when it cannot be found. */
export function variableRange(text: string, within: Range, name: string): Range | null {
  const pattern = new RegExp(`\\$(?:\\{${escapeRegExp(name)}|${escapeRegExp(name)})(?![\\p{L}\\p{N}_])`, 'u');
  const slice = text.slice(within.start.offset, within.end.offset);
  const match = pattern.exec(slice);
  if (!match) return null;
  const start = within.start.offset + match.index;
  let end = start + match[0].length;
  // `${NAME}` is shown whole; `${NAME:-x}` up to the name.
  if (match[0].startsWith('${') && text[end] === '}') end++;
  return rangeOf(text, start, end);
}

/**
 * `range`, made to start on the first line of `instruction` when it starts on a later one (a
 * word on a continuation line, a variable in a heredoc body): Docker reports every build
 * check but NoEmptyContinuation on the instruction's first line, and a diagnostic's line is
 * where its range starts.
 */
export function onFirstLine(instruction: { range: Range }, range: Range): Range {
  return range.start.line > instruction.range.start.line ? { start: instruction.range.start, end: range.end } : range;
}
