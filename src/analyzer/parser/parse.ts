// parse(): Dockerfile text → directives and instructions with exact source ranges.

import type { Directive, Flag, Heredoc, Instruction, Position, Range, Word } from '../model.ts';
import type { SourceMap } from '../source.ts';
import { splitCommand } from './command.ts';
import { parseJsonArgs } from './json-args.ts';
import { internKeyword } from './keywords.ts';
import type { LogicalLine } from './logical-line.ts';
import type { RawInstruction, ScanProblem } from './scan.ts';
import { scan } from './scan.ts';
import { splitWordsAs, type WordMaker } from './words.ts';

/** Kept as a name for what the parser hands on; the public Instruction itself. */
export type ParsedInstruction = Instruction;

export interface ParseResult {
  directives: Directive[];
  escape: string;
  instructions: ParsedInstruction[];
  problems: ScanProblem[];
}

/** Parses `text`; `onInstruction` sees each instruction as soon as it is made (with the
 *  escape character in effect), so callers can do their own per-instruction work while the
 *  instruction is still in the processor's cache. `directiveNames`: the parser directives the
 *  engine knows (see engine.ts). */
export function parse(
  text: string,
  source: SourceMap,
  onInstruction?: (instruction: ParsedInstruction, escape: string) => void,
  directiveNames?: ReadonlySet<string>,
): ParseResult {
  const builder = new InstructionBuilder(source);
  const instructions: ParsedInstruction[] = [];
  const scanned = scan(
    text,
    source,
    (raw, escape) => {
      const instruction = builder.build(raw, escape);
      instructions.push(instruction);
      onInstruction?.(instruction, escape);
    },
    directiveNames,
  );
  return {
    directives: scanned.directives,
    escape: scanned.escape,
    instructions,
    problems: scanned.problems,
  };
}

/**
 * Turns scanned instructions into model instructions. One builder serves a whole parse (no
 * closures per instruction), and it makes the model's words itself as they are split.
 *
 * Positions are made in source order, and one Position serves every range that starts or
 * ends at the same offset (the instruction and its keyword, the arguments and their first
 * and last words …): about a third fewer objects to make and collect on every keystroke.
 * Positions are plain values that nothing changes after parsing, so sharing is safe.
 */
class InstructionBuilder implements WordMaker<Word> {
  private readonly source: SourceMap;
  private lastOffset = -1;
  private last: Position | null = null;
  /** The instruction being built: its logical line, and where its arguments start in it. */
  private line: LogicalLine | null = null;
  private argsStart = 0;

  constructor(source: SourceMap) {
    this.source = source;
  }

  private at(offset: number): Position {
    if (offset !== this.lastOffset || this.last === null) {
      this.last = this.source.position(offset);
      this.lastOffset = offset;
    }
    return this.last;
  }

  /** The range of logical indices [from, to) in the source (as SourceMap.range, end never before start). */
  private span(from: number, to: number): Range {
    const line = this.line!;
    const start = line.sourceOffset(from);
    const first = this.at(start);
    return { start: first, end: this.at(Math.max(start, line.sourceEnd(to))) };
  }

  word(value: string, raw: string, start: number, end: number): Word {
    return { value, raw, range: this.span(this.argsStart + start, this.argsStart + end) };
  }

  build(raw: RawInstruction, escape: string): ParsedInstruction {
    const line = raw.line;
    this.line = line;
    const parts = splitCommand(line.text);
    const argsText = line.text.slice(parts.argsStart, parts.argsEnd);
    const json = parseJsonArgs(argsText);
    const instructionStart = this.at(raw.start);
    const keywordRange = this.span(parts.keywordStart, parts.keywordEnd);
    const flags: Flag[] = new Array(parts.flags.length);
    for (let i = 0; i < flags.length; i++) {
      const flag = parts.flags[i]!;
      flags[i] = { name: flag.name, value: flag.value, range: this.span(flag.start, flag.end) };
    }
    const argsFrom = line.sourceOffset(parts.argsStart);
    const argsStart = this.at(argsFrom);
    this.argsStart = parts.argsStart;
    const words = splitWordsAs(argsText, escape, this);
    const argsRange = { start: argsStart, end: this.at(Math.max(argsFrom, line.sourceEnd(parts.argsEnd))) };
    const range = { start: instructionStart, end: this.at(Math.max(raw.start, raw.end)) };
    return instruction(
      internKeyword(isUpperCase(parts.keyword) ? parts.keyword : parts.keyword.toUpperCase()),
      parts.keyword,
      keywordRange,
      range,
      flags,
      argsText,
      argsRange,
      words,
      json.kind === 'exec' ? json.values : null,
      raw.heredocs,
      raw.emptyContinuations === null ? null : raw.emptyContinuations.map((offset) => this.source.position(offset).line),
    );
  }
}

/** The model object, its fields in the order the model has always listed them. */
function instruction(
  keyword: string,
  keywordText: string,
  keywordRange: Range,
  range: Range,
  flags: Flag[],
  argsText: string,
  argsRange: Range,
  words: Word[],
  json: string[] | null,
  heredocs: Heredoc[],
  emptyContinuationLines: number[] | null,
): ParsedInstruction {
  if (emptyContinuationLines === null) return { keyword, keywordText, keywordRange, range, flags, argsText, argsRange, words, json, heredocs, stage: -1 };
  return { keyword, keywordText, keywordRange, range, flags, argsText, argsRange, words, json, heredocs, emptyContinuationLines, stage: -1 };
}

/** text === text.toUpperCase() for ASCII text without making the copy (most keywords are
 *  written upper case already); anything else takes the exact route. */
function isUpperCase(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128) return text === text.toUpperCase();
    if (code >= 97 && code <= 122) return false;
  }
  return true;
}
