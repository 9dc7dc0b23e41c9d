// parse(): Dockerfile text → directives and instructions with exact source ranges.

import type { Directive, Instruction, Range } from '../model.ts';
import type { SourceMap } from '../source.ts';
import { splitCommand } from './command.ts';
import { parseJsonArgs } from './json-args.ts';
import type { RawInstruction, ScanProblem } from './scan.ts';
import { scan } from './scan.ts';
import { splitWords } from './words.ts';

export interface ParsedInstruction extends Instruction {
  /** `["a", 1]`: a JSON array holding something other than strings (an error in BuildKit). */
  jsonNotStrings: boolean;
  /** Ranges of empty lines inside the instruction's continuation (BuildKit warns). */
  emptyContinuations: Range[];
}

export interface ParseResult {
  directives: Directive[];
  escape: string;
  instructions: ParsedInstruction[];
  problems: ScanProblem[];
}

export function parse(text: string, source: SourceMap): ParseResult {
  const scanned = scan(text, source);
  return {
    directives: scanned.directives,
    escape: scanned.escape,
    instructions: scanned.instructions.map((raw) => toInstruction(raw, source, scanned.escape)),
    problems: scanned.problems,
  };
}

function toInstruction(raw: RawInstruction, source: SourceMap, escape: string): ParsedInstruction {
  const { line } = raw;
  const span = (from: number, to: number): Range => source.range(line.sourceOffset(from), line.sourceEnd(to));
  const parts = splitCommand(line.text);
  const argsText = line.text.slice(parts.argsStart, parts.argsEnd);
  const json = parseJsonArgs(argsText);
  return {
    keyword: parts.keyword.toUpperCase(),
    keywordText: parts.keyword,
    keywordRange: span(parts.keywordStart, parts.keywordEnd),
    range: source.range(raw.start, raw.end),
    flags: parts.flags.map((flag) => ({ name: flag.name, value: flag.value, range: span(flag.start, flag.end) })),
    argsText,
    argsRange: span(parts.argsStart, parts.argsEnd),
    words: splitWords(argsText, escape).map((word) => ({
      value: word.value,
      raw: word.raw,
      range: span(parts.argsStart + word.start, parts.argsStart + word.end),
    })),
    json: json.kind === 'exec' ? json.values : null,
    heredocs: raw.heredocs,
    stage: -1,
    jsonNotStrings: json.kind === 'not-strings',
    emptyContinuations: raw.emptyContinuations.map((offset) => source.range(offset, offset)),
  };
}
