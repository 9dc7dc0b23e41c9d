// Splits a Dockerfile into directives and raw instructions exactly as BuildKit's
// parser (frontend/dockerfile/parser/parser.go) does: continuation lines joined with the
// escape character, comment and blank lines inside continuations skipped, heredoc bodies
// consumed after the line that opens them (their lines are never instructions).
//
// Written by hand rather than taken from dockerfile-ast: that library deviates from
// BuildKit on directives and substitution forms and is too slow to run per keystroke
// (see `npm run bench`).

import type { Directive, Heredoc } from '../model.ts';
import type { SourceMap } from '../source.ts';
import { DirectiveReader } from './directives.ts';
import { canContainHeredoc } from './command.ts';
import { heredocsOnLine, type HeredocOpener } from './heredoc-openers.ts';
import { LogicalLine } from './logical-line.ts';

export interface RawInstruction {
  line: LogicalLine;
  /** Source offsets of the whole instruction, continuation lines and heredoc bodies included. */
  start: number;
  end: number;
  heredocs: Heredoc[];
  /** Offsets of empty continuation lines (BuildKit warns about them). */
  emptyContinuations: number[];
}

export interface ScanProblem {
  id: string;
  message: string;
  start: number;
  end: number;
}

export interface ScanResult {
  directives: Directive[];
  escape: string;
  instructions: RawInstruction[];
  problems: ScanProblem[];
}

interface SourceLine {
  /** Offset of the first character and of the end of the content (before \r?\n). */
  start: number;
  end: number;
}

function splitLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let start = 0;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = text.length;
    let end = nl;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    lines.push({ start, end });
    start = nl + 1;
  }
  // A trailing newline does not start another line.
  if (lines.length > 1 && lines[lines.length - 1]!.start === text.length) lines.pop();
  return lines;
}

function leftTrimmedStart(text: string, line: SourceLine): number {
  let i = line.start;
  while (i < line.end && isBlank(text.charCodeAt(i))) i++;
  return i;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 11 || code === 12 || code === 13;
}

export function scan(text: string, source: SourceMap): ScanResult {
  const lines = splitLines(text);
  const directives: Directive[] = [];
  const instructions: RawInstruction[] = [];
  const problems: ScanProblem[] = [];
  const reader = new DirectiveReader();
  let escape = '\\';
  let continuation = continuationPattern(escape);

  // BuildKit strips a UTF-8 byte-order mark from the first line.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const contentStart = i === 0 ? Math.max(line.start + bom, leftTrimmedStart(text, line)) : leftTrimmedStart(text, line);
    const trimmed = text.slice(contentStart, line.end);
    i++;

    const directive = reader.read(trimmed);
    if (directive && 'duplicate' in directive) {
      problems.push({
        id: 'duplicate-directive',
        message: `only one ${directive.duplicate} parser directive can be used`,
        start: contentStart,
        end: line.end,
      });
    } else if (directive) {
      const valueStart = contentStart + directive.valueStart;
      directives.push({
        name: directive.name,
        value: directive.value,
        range: source.range(contentStart, line.end),
      });
      if (directive.name === 'escape') {
        if (directive.value === '\\' || directive.value === '`') {
          escape = directive.value;
          continuation = continuationPattern(escape);
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

    if (trimmed.startsWith('#') || trimmed.length === 0) continue;

    const logical = new LogicalLine();
    const emptyContinuations: number[] = [];
    let cut = continuation.exec(trimmed);
    logical.append(text, contentStart, cut ? contentStart + cut.index : line.end);
    let end = line.end;
    while (cut && i < lines.length) {
      const next = lines[i]!;
      i++;
      end = next.end;
      const nextTrimmedStart = leftTrimmedStart(text, next);
      if (text.charCodeAt(nextTrimmedStart) === 35 /* # */) continue;
      if (nextTrimmedStart === next.end) {
        emptyContinuations.push(next.start);
        continue;
      }
      const raw = text.slice(next.start, next.end);
      cut = continuation.exec(raw);
      logical.append(text, next.start, cut ? next.start + cut.index : next.end);
    }

    const instruction: RawInstruction = { line: logical, start: contentStart, end, heredocs: [], emptyContinuations };
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
    instructions.push(instruction);
  }

  return { directives, escape, instructions, problems };
}

function continuationPattern(escape: string): RegExp {
  return new RegExp(`\\${escape}[ \\t]*$`);
}

function readHeredoc(
  text: string,
  lines: SourceLine[],
  from: number,
  opener: HeredocOpener,
  source: SourceMap,
): { heredoc: Heredoc | null; nextLine: number; end: number } {
  let body = '';
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    let candidate = text.slice(line.start, line.end);
    if (opener.chomp) candidate = candidate.replace(/^\t+/, '');
    if (candidate === opener.name) {
      const bodyStart = from < lines.length ? lines[from]!.start : line.start;
      return {
        heredoc: {
          name: opener.name,
          quoted: opener.quoted,
          chomp: opener.chomp,
          body: opener.chomp ? body.replace(/^\t+/gm, '') : body,
          range: source.range(bodyStart, line.end),
        },
        nextLine: i + 1,
        end: line.end,
      };
    }
    const nl = line.end < text.length && text.charCodeAt(line.end) === 13 ? '\r\n' : '\n';
    body += text.slice(line.start, line.end) + (line.end < text.length ? nl : '');
  }
  return { heredoc: null, nextLine: lines.length, end: text.length };
}
