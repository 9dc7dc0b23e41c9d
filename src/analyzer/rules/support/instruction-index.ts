// The file's instructions by keyword, from one pass shared by the rules of an analysis: most
// rules look at one or two kinds of instruction, and on a large file a pass over every
// instruction for each rule costs more than the checks themselves.

import type { Instruction } from '../../model.ts';
import { memo } from './memo.ts';
import type { RuleContext } from '../types.ts';

const NONE: readonly Instruction[] = [];

/** Every instruction with this (upper-cased) keyword, in file order (before the first FROM too). */
export function instructionsWith(context: Pick<RuleContext, 'analysis'>, keyword: string): readonly Instruction[] {
  const byKeyword = memo(context, 'instructions-by-keyword', () => {
    const map = new Map<string, Instruction[]>();
    for (const instruction of context.analysis.instructions) {
      const list = map.get(instruction.keyword);
      if (list) list.push(instruction);
      else map.set(instruction.keyword, [instruction]);
    }
    return map;
  });
  return byKeyword.get(keyword) ?? NONE;
}
