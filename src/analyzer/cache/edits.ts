// Which instructions an edit touched: for a previous and a current Dockerfile with the same
// instructions in the same order, the lines (in the current file) of those whose text changed.

import { analyze } from '../index.ts';
import type { Instruction } from '../model.ts';

function written(instruction: Instruction): string {
  return [instruction.keyword, instruction.argsText, ...instruction.flags.map((f) => `${f.name}=${f.value}`), ...instruction.heredocs.map((h) => h.body)].join(
    '\u0000',
  );
}

/** Lines of the current file's edited instructions; null when instructions were added or removed
 *  (then give the model the previous Dockerfile itself). */
export function editedLines(previous: string, current: string): number[] | null {
  const before = analyze(previous, { rules: false }).instructions;
  const after = analyze(current, { rules: false }).instructions;
  if (before.length !== after.length) return null;
  const lines: number[] = [];
  after.forEach((instruction, i) => {
    if (written(instruction) !== written(before[i]!)) lines.push(instruction.range.start.line);
  });
  return lines;
}
