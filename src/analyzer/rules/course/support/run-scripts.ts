// The commands a RUN instruction executes, with the source range of every word: shell
// form (continuation lines joined), exec form (`["sh", "-c", "…"]` reads the script) and
// heredoc bodies that the RUN runs as a script (`RUN <<EOF`, `RUN bash <<EOF`). Shell form
// under a non-POSIX SHELL (PowerShell, cmd) is not read.

import type { Analysis, Instruction, Range } from '../../../model.ts';
import { splitWords } from '../../../parser/words.ts';
import { sourceMapOf as sourceMap } from '../../../source.ts';
import { stageChain } from '../../support/stage-chain.ts';
import type { RuleContext } from '../../types.ts';
import { isShell, programName, simpleCommand, splitCommands, type ShellWord, type SimpleCommand } from './shell.ts';

export interface CommandWord {
  value: string;
  range: Range;
}

export interface RunCommand extends SimpleCommand<CommandWord> {
  instruction: Instruction;
}

type Source = Pick<RuleContext, 'text' | 'analysis'>;
/** Maps an offset in a script to a source offset; `end` marks the end of a span. */
type OffsetMap = (offset: number, end: boolean) => number;

/** The range from the start of `first` to the end of `last`. */
export function span(first: { range: Range }, last: { range: Range } = first): Range {
  return { start: first.range.start, end: last.range.end };
}

/**
 * Offsets in `argsText` → source offsets. The instruction's words carry source ranges
 * (continuation lines make the mapping uneven); inside a word written on one line the
 * mapping is linear.
 */
function argsOffsets(instruction: Instruction, escape: string): OffsetMap {
  const split = splitWords(instruction.argsText, escape);
  const count = Math.min(split.length, instruction.words.length);
  return (offset, end) => {
    // The first word that ends at or after `offset` (binary search: words are in order).
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (split[mid]!.end < offset || (!end && split[mid]!.end === offset)) lo = mid + 1;
      else hi = mid;
    }
    if (lo === count) return instruction.argsRange.end.offset;
    const at = split[lo]!;
    const word = instruction.words[lo]!.range;
    if (offset < at.start) return word.start.offset;
    const linear = word.end.offset - word.start.offset === at.end - at.start;
    if (linear) return word.start.offset + (offset - at.start);
    return end ? word.end.offset : word.start.offset;
  };
}

/** Positions of the string literals of a JSON array (quotes included). */
function jsonStrings(text: string): Array<{ start: number; end: number }> {
  const found: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '"') continue;
    let j = i + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    found.push({ start: i, end: j + 1 });
    i = j;
  }
  return found;
}

/** The heredoc body as written in the source (tabs of `<<-` kept), so offsets map 1:1. */
function rawBody(text: string, start: number, body: string): string {
  let end = start;
  for (let lines = body.split('\n').length - 1; lines > 0; lines--) {
    const nl = text.indexOf('\n', end);
    if (nl === -1) return text.slice(start);
    end = nl + 1;
  }
  return text.slice(start, end);
}

/** A heredoc body that starts with a shebang runs with that interpreter. */
function runsInShell(body: string): boolean {
  const shebang = /^#!\s*(\S+)(?:[ \t]+(\S+))?/.exec(body);
  if (!shebang) return true;
  return isShell(shebang[1]!) || (programName(shebang[1]!) === 'env' && isShell(shebang[2] ?? ''));
}

/** Per analysis (instructions can be shared by the analyses of one text, see
 *  parser/parsed-text.ts, and the SHELL a RUN sees depends on the stages of each). */
const cache = new WeakMap<Analysis, Map<Instruction, RunCommand[]>>();

/** The commands a RUN instruction runs (none for other instructions), read once per analysis. */
export function runCommands(source: Source, instruction: Instruction): RunCommand[] {
  if (instruction.keyword !== 'RUN') return [];
  let byInstruction = cache.get(source.analysis);
  if (!byInstruction) cache.set(source.analysis, (byInstruction = new Map()));
  let commands = byInstruction.get(instruction);
  if (!commands) {
    commands = readRun(source, instruction);
    byInstruction.set(instruction, commands);
  }
  return commands;
}

const shells = new WeakMap<Analysis, Map<Instruction, string | null>>();

/** The SHELL in effect for a shell-form RUN (inherited through FROM <stage>); null for the default `/bin/sh -c`. */
function shellOf(source: Source, instruction: Instruction): string | null {
  let byInstruction = shells.get(source.analysis);
  if (!byInstruction) shells.set(source.analysis, (byInstruction = shellsOf(source.analysis)));
  return byInstruction.get(instruction) ?? null;
}

/** The SHELL in effect at every instruction of every stage, in one pass over the file
 *  (asking the stage chain for each RUN went through the chain again each time). */
function shellsOf(analysis: Analysis): Map<Instruction, string | null> {
  const byInstruction = new Map<Instruction, string | null>();
  /** The SHELL in effect at the end of each stage, once known (stages are read in file order). */
  const finals = new Map<number, string | null>();
  const finalOf = (index: number): string | null => {
    if (finals.has(index)) return finals.get(index)!;
    // A stage built FROM another one that has not been read (not in file order): the chain read directly.
    let shell: string | null = null;
    for (const stage of stageChain(analysis, index)) {
      for (const instruction of stage.instructions) if (instruction.keyword === 'SHELL' && instruction.json?.[0]) shell = instruction.json[0];
    }
    return shell;
  };
  for (const stage of analysis.stages) {
    let shell = stage.base.kind === 'stage' && stage.base.index !== stage.index ? finalOf(stage.base.index) : null;
    for (const instruction of stage.instructions) {
      byInstruction.set(instruction, shell);
      if (instruction.keyword === 'SHELL' && instruction.json?.[0]) shell = instruction.json[0];
    }
    finals.set(stage.index, shell);
  }
  return byInstruction;
}

function readRun(source: Source, instruction: Instruction): RunCommand[] {
  const map = sourceMap(source.text);
  const args = argsOffsets(instruction, source.analysis.escape);
  const convert = (command: SimpleCommand, at: OffsetMap): RunCommand => ({
    instruction,
    assignments: command.assignments,
    words: command.words.map((word: ShellWord) => ({ value: word.value, range: map.range(at(word.start, false), at(word.end, true)) })),
  });
  const script = (text: string, at: OffsetMap) => splitCommands(text).map((command) => convert(command, at));

  if (instruction.json) {
    const values = instruction.json;
    const literals = jsonStrings(instruction.argsText).slice(0, values.length);
    if (literals.length !== values.length) return [];
    const dashC = values.indexOf('-c');
    if (values[0] !== undefined && isShell(values[0]) && dashC > 0 && dashC + 1 < values.length) {
      const literal = literals[dashC + 1]!;
      const exact = literal.end - literal.start - 2 === values[dashC + 1]!.length;
      return script(values[dashC + 1]!, (offset, end) => args(exact ? literal.start + 1 + offset : end ? literal.end : literal.start, end));
    }
    const words = literals.map((literal, i) => ({ value: values[i]!, start: literal.start + 1, end: literal.end - 1 }));
    return [convert(simpleCommand(words), args)];
  }

  // Under SHELL ["powershell", …] or ["cmd", …] the script is not POSIX shell: not read.
  const shell = shellOf(source, instruction);
  if (shell !== null && !isShell(shell)) return [];
  const commands = script(instruction.argsText, args);
  if (instruction.heredocs.length === 0) return commands;
  // `RUN <<EOF` runs the body as the script; `RUN bash <<EOF` feeds it to a shell.
  const only = commands[0];
  const bodiesRun =
    commands.length === 0 || (commands.length === 1 && only !== undefined && isShell(only.words[0]?.value ?? '') && !only.words.some((w) => w.value === '-c'));
  if (!bodiesRun) return commands;
  for (const heredoc of instruction.heredocs) {
    if (!runsInShell(heredoc.body)) continue;
    const start = heredoc.range.start.offset;
    commands.push(...script(rawBody(source.text, start, heredoc.body), (offset) => start + offset));
  }
  return commands;
}
