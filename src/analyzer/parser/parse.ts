// parse(): Dockerfile text → directives and instructions with exact source ranges.

import type { Directive, Instruction, Range } from '../model.ts';
import type { SourceMap } from '../source.ts';
import { splitCommand } from './command.ts';
import { parseJsonArgs } from './json-args.ts';
import type { RawInstruction, ScanProblem } from './scan.ts';
import { scan } from './scan.ts';
import { splitWords } from './words.ts';

/** Kept as a name for what the parser hands on; the public Instruction itself. */
export type ParsedInstruction = Instruction;

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
  const emptyLines = raw.emptyContinuations.map((offset) => source.position(offset).line);
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
    ...(emptyLines.length > 0 ? { emptyContinuationLines: emptyLines } : {}),
    stage: -1,
  };
}
