// Splits a Dockerfile into directives and raw instructions exactly as BuildKit's
// parser (frontend/dockerfile/parser/parser.go) does: continuation lines joined with the
// escape character, comment and blank lines inside continuations skipped, heredoc bodies
// consumed after the line that opens them (their lines are never instructions).
//
// Written by hand rather than taken from dockerfile-ast: that library deviates from
// BuildKit on directives and substitution forms and is too slow to run per keystroke
// (see `npm run bench`). For the same reason lines are read by offset from the source
// map's line starts, with no object, slice or regular expression per line.

import type { Directive, Heredoc } from '../model.ts';
import type { SourceMap } from '../source.ts';
import { DirectiveReader } from './directives.ts';
import { canContainHeredoc } from './command.ts';
import { heredocsOnLine, type HeredocOpener } from './heredoc-openers.ts';
import { LogicalLine } from './logical-line.ts';

/** One instruction as the scanner hands it on. The object (and its line) is reused for the
 *  next instruction: read it during the call, keep only what you copy out (its heredocs). */
export interface RawInstruction {
  line: LogicalLine;
  /** Source offsets of the whole instruction, continuation lines and heredoc bodies included. */
  start: number;
  end: number;
  heredocs: Heredoc[];
  /** Offsets of empty continuation lines (BuildKit warns about them); null when there are none. */
  emptyContinuations: number[] | null;
}

export interface ScanProblem {
  id: string;
  message: string;
  start: number;
  end: number;
}

export interface ScanResult {
  directives: Directive[];
  /** The escape character in effect; directives come first, so it is known by the first instruction. */
  escape: string;
  problems: ScanProblem[];
}

/** The physical lines of a text: each from its start to the end of its content (before \r?\n). */
class Lines {
  readonly count: number;
  private readonly text: string;
  private readonly starts: readonly number[];

  constructor(text: string, starts: readonly number[]) {
    this.text = text;
    this.starts = starts;
    // A trailing newline does not start another line.
    this.count = starts.length > 1 && starts[starts.length - 1] === text.length ? starts.length - 1 : starts.length;
  }

  start(i: number): number {
    return this.starts[i]!;
  }

  end(i: number): number {
    const start = this.starts[i]!;
    let end = i + 1 < this.starts.length ? this.starts[i + 1]! - 1 : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}

function leftTrimmedStart(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && isBlank(text.charCodeAt(i))) i++;
  return i;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 11 || code === 12 || code === 13;
}

/** Where the escape character that continues the line sits (it may be followed by spaces
 *  and tabs only), or -1: what the pattern `\\[ \t]*$` finds, without building a match. */
function continuationAt(text: string, start: number, end: number, escape: number): number {
  let i = end - 1;
  while (i >= start && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i--;
  return i >= start && text.charCodeAt(i) === escape ? i : -1;
}

/** Scans `text`, handing each instruction to `onInstruction` (with the escape character in
 *  effect) as soon as it is read: nothing per instruction is kept here. `directiveNames`: the
 *  parser directives the engine knows (DirectiveReader's default otherwise). */
export function scan(
  text: string,
  source: SourceMap,
  onInstruction: (raw: RawInstruction, escape: string) => void,
  directiveNames?: ReadonlySet<string>,
): ScanResult {
  const lines = new Lines(text, source.lineStarts);
  const directives: Directive[] = [];
  const problems: ScanProblem[] = [];
  const logical = new LogicalLine();
  const instruction: RawInstruction = { line: logical, start: 0, end: 0, heredocs: [], emptyContinuations: null };
  const reader = new DirectiveReader(directiveNames);
  let escape = '\\';
  let escapeCode = 92;

  // BuildKit strips a UTF-8 byte-order mark from the first line.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  let i = 0;
  while (i < lines.count) {
    const lineStart = lines.start(i);
    const lineEnd = lines.end(i);
    const trimmedStart = leftTrimmedStart(text, lineStart, lineEnd);
    const contentStart = i === 0 ? Math.max(lineStart + bom, trimmedStart) : trimmedStart;
    i++;

    const directive = reader.finished ? null : reader.read(text.slice(contentStart, lineEnd));
    if (directive && 'duplicate' in directive) {
      problems.push({
        id: 'duplicate-directive',
        message: `only one ${directive.duplicate} parser directive can be used`,
        start: contentStart,
        end: lineEnd,
      });
    } else if (directive) {
      const valueStart = contentStart + directive.valueStart;
      directives.push({
        name: directive.name,
        value: directive.value,
        range: source.range(contentStart, lineEnd),
      });
      if (directive.name === 'escape') {
        if (directive.value === '\\' || directive.value === '`') {
          escape = directive.value;
          escapeCode = escape.charCodeAt(0);
        } else {
          problems.push({
            id: 'invalid-escape-directive',
            message: `invalid escape token '${directive.value}' does not match ^[\\\\\`]$`,
            start: valueStart,
            end: valueStart + directive.value.length,
          });
        }
      }
    }

    // A comment or a blank line (the BOM was trimmed on the first line only).
    if (contentStart >= lineEnd || text.charCodeAt(contentStart) === 35 /* # */) continue;

    logical.reset();
    let emptyContinuations: number[] | null = null;
    let cut = continuationAt(text, contentStart, lineEnd, escapeCode);
    logical.append(text, contentStart, cut !== -1 ? cut : lineEnd);
    let end = lineEnd;
    while (cut !== -1 && i < lines.count) {
      const nextStart = lines.start(i);
      const nextEnd = lines.end(i);
      i++;
      end = nextEnd;
      const nextTrimmedStart = leftTrimmedStart(text, nextStart, nextEnd);
      if (text.charCodeAt(nextTrimmedStart) === 35 /* # */) continue;
      if (nextTrimmedStart === nextEnd) {
        (emptyContinuations ??= []).push(nextStart);
        continue;
      }
      cut = continuationAt(text, nextStart, nextEnd, escapeCode);
      logical.append(text, nextStart, cut !== -1 ? cut : nextEnd);
    }
    logical.finish();

    instruction.start = contentStart;
    instruction.end = end;
    instruction.heredocs = [];
    instruction.emptyContinuations = emptyContinuations;
    if (logical.text.includes('<<') && canContainHeredoc(logical.text)) {
      for (const opener of heredocsOnLine(logical.text)) {
        const consumed = readHeredoc(text, lines, i, opener, source);
        i = consumed.nextLine;
        if (!consumed.heredoc) {
          problems.push({ id: 'unterminated-heredoc', message: 'unterminated heredoc', start: contentStart, end: text.length });
          instruction.end = text.length;
          break;
        }
        instruction.heredocs.push(consumed.heredoc);
        instruction.end = consumed.end;
      }
    }
    onInstruction(instruction, escape);
  }

  return { directives, escape, problems };
}

function readHeredoc(
  text: string,
  lines: Lines,
  from: number,
  opener: HeredocOpener,
  source: SourceMap,
): { heredoc: Heredoc | null; nextLine: number; end: number } {
  let body = '';
  for (let i = from; i < lines.count; i++) {
    const start = lines.start(i);
    const end = lines.end(i);
    let candidate = text.slice(start, end);
    if (opener.chomp) candidate = candidate.replace(/^\t+/, '');
    if (candidate === opener.name) {
      const bodyStart = from < lines.count ? lines.start(from) : start;
      return {
        heredoc: {
          name: opener.name,
          quoted: opener.quoted,
          chomp: opener.chomp,
          body: opener.chomp ? body.replace(/^\t+/gm, '') : body,
          range: source.range(bodyStart, end),
        },
        nextLine: i + 1,
        end,
      };
    }
    const nl = end < text.length && text.charCodeAt(end) === 13 ? '\r\n' : '\n';
    body += text.slice(start, end) + (end < text.length ? nl : '');
  }
  return { heredoc: null, nextLine: lines.count, end: text.length };
}
