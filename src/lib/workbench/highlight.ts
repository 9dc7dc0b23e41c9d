// Syntax colours for the editor, taken from the analyzer's own parse of the text.
//
// The editor used CodeMirror's legacy Dockerfile mode before. That mode guesses from one
// line at a time: it colours a heredoc body as instructions, misses parser directives and
// does not know BuildKit's rules for comments inside continuations. The analyzer already
// parses the text exactly as BuildKit does (in well under a millisecond for a few hundred
// lines), so the colours now follow the same parse the diagnostics come from; and the
// editor no longer ships @codemirror/language's stream parser and the legacy mode
// (measured: about 5 KB of gzip JavaScript on every page with a workbench).
//
// Pure: text and analysis in, sorted non-overlapping ranges out. src/lib/workbench/editor.ts
// turns them into CodeMirror marks, for the part of the text the editor has drawn (a long
// file's colours cost a pass over every word otherwise: 10–20 ms at 3,000 lines, on every
// keystroke).
import type { Analysis } from '../../analyzer/index.ts';

export type TokenKind = 'keyword' | 'comment' | 'directive' | 'flag' | 'string' | 'variable' | 'stage-name' | 'heredoc';

export interface Token {
  from: number;
  to: number;
  kind: TokenKind;
}

const VARIABLE = /\$(?:\{[^}\s]*\}?|[A-Za-z_][A-Za-z0-9_]*)/g;

/** Lines that start with `#` (after spaces) outside heredoc bodies: comments for BuildKit,
 *  also inside an instruction's continuation lines, where BuildKit drops them. The lines
 *  from the one holding `from` to the one holding `to`. */
function commentTokens(text: string, skip: ReadonlyArray<readonly [number, number]>, tokens: Token[], from: number, to: number): void {
  // Lines come in order, so one pass over the ranges to skip (sorted) serves them all.
  const ranges = [...skip].sort((a, b) => a[0] - b[0]);
  let next = 0;
  let start = text.lastIndexOf('\n', from - 1) + 1;
  while (start <= to) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    let first = start;
    while (first < end && (text[first] === ' ' || text[first] === '\t')) first++;
    while (next < ranges.length && ranges[next]![1] <= first) next++;
    const skipped = next < ranges.length && ranges[next]![0] <= first;
    if (text[first] === '#' && !skipped) tokens.push({ from: first, to: end, kind: 'comment' });
    if (newline === -1) break;
    start = newline + 1;
  }
}

/** `$NAME` and `${NAME…}` inside `from`–`to` (a word that is not single-quoted). */
function variableTokens(text: string, from: number, to: number, tokens: Token[]): void {
  VARIABLE.lastIndex = 0;
  const slice = text.slice(from, to);
  for (let match = VARIABLE.exec(slice); match; match = VARIABLE.exec(slice)) {
    tokens.push({ from: from + match.index, to: from + match.index + match[0].length, kind: 'variable' });
  }
}

/** The colours of the whole text. */
export function highlightTokens(text: string, analysis: Analysis): Token[] {
  return highlightTokensIn(text, analysis, 0, text.length);
}

/** The colours of the instructions and lines that meet `from`–`to` (whole tokens: one that
 *  starts before `from` or ends after `to` is not cut), `to` at most the text's length. */
export function highlightTokensIn(text: string, analysis: Analysis, from: number, to: number): Token[] {
  const tokens: Token[] = [];
  const heredocBodies: Array<readonly [number, number]> = [];
  for (const directive of analysis.directives) tokens.push({ from: directive.range.start.offset, to: directive.range.end.offset, kind: 'directive' });
  for (const instruction of analysis.instructions) {
    // In source order: those before the part are passed over, the first after it ends the loop.
    if (instruction.range.end.offset < from) continue;
    if (instruction.range.start.offset > to) break;
    tokens.push({ from: instruction.keywordRange.start.offset, to: instruction.keywordRange.end.offset, kind: 'keyword' });
    for (const flag of instruction.flags) tokens.push({ from: flag.range.start.offset, to: flag.range.end.offset, kind: 'flag' });
    for (const heredoc of instruction.heredocs) {
      heredocBodies.push([heredoc.range.start.offset, heredoc.range.end.offset]);
      tokens.push({ from: heredoc.range.start.offset, to: heredoc.range.end.offset, kind: 'heredoc' });
    }
    // Exec form (a JSON array of strings): the whole array reads as one string.
    if (instruction.json) {
      tokens.push({ from: instruction.argsRange.start.offset, to: instruction.argsRange.end.offset, kind: 'string' });
      continue;
    }
    const isFrom = instruction.keyword === 'FROM';
    instruction.words.forEach((word, index) => {
      const { start, end } = word.range;
      // FROM image AS name: `AS` reads as a keyword; the name gets its own colour below.
      if (isFrom && index === 1 && word.value.toLowerCase() === 'as') {
        tokens.push({ from: start.offset, to: end.offset, kind: 'keyword' });
        return;
      }
      if (/^["']/.test(word.raw)) tokens.push({ from: start.offset, to: end.offset, kind: 'string' });
      else if (!word.raw.startsWith("'")) variableTokens(text, start.offset, end.offset, tokens);
    });
  }
  // Every stage's name (a few dozen at most), wherever the part is: the ones outside it are
  // marks where the editor has drawn nothing.
  for (const stage of analysis.stages) {
    if (stage.nameRange) tokens.push({ from: stage.nameRange.start.offset, to: stage.nameRange.end.offset, kind: 'stage-name' });
  }
  commentTokens(text, [...heredocBodies, ...analysis.directives.map((d) => [d.range.start.offset, d.range.end.offset] as const)], tokens, from, to);
  return nonOverlapping(tokens, text.length);
}

/** Sorted by position; where two overlap the first one wins (marks must not cross). */
function nonOverlapping(tokens: Token[], length: number): Token[] {
  tokens.sort((a, b) => a.from - b.from || b.to - a.to);
  const out: Token[] = [];
  let end = 0;
  for (const token of tokens) {
    const to = Math.min(token.to, length);
    if (token.from < end || to <= token.from) continue;
    out.push(to === token.to ? token : { ...token, to });
    end = to;
  }
  return out;
}
