// Reading COPY/ADD instructions: their sources, and the stage a COPY --from names.

import type { Edge, Instruction, Stage } from '../../../model.ts';
import { isHeredocOpener } from '../../../parser/heredoc-openers.ts';
import { stageIndexOf } from '../../../references.ts';
import { memo } from '../../support/memo.ts';
import type { RuleContext } from '../../types.ts';

/** COPY/ADD sources as written (flags and heredoc openers excluded; the last word is the destination). */
export function copySources(instruction: Instruction): string[] {
  if (instruction.json) return instruction.json.slice(0, -1);
  const values: string[] = [];
  for (const word of instruction.words) if (!isHeredocOpener(word.value)) values.push(word.value);
  values.pop();
  return values;
}

/** The build plan's COPY --from edges by where they start (the first at each offset), read
 *  once per analysis instead of searching every edge for each COPY. */
function copyFromEdges(context: Pick<RuleContext, 'analysis'>): ReadonlyMap<number, Edge> {
  return memo(context, 'copy-from-edges', () => {
    const byOffset = new Map<number, Edge>();
    for (const edge of context.analysis.edges) {
      if (edge.kind === 'copy-from' && !byOffset.has(edge.range.start.offset)) byOffset.set(edge.range.start.offset, edge);
    }
    return byOffset;
  });
}

/** The stage a COPY --from refers to, as the build plan resolved it; null for an image or none. */
export function copyFromStage(context: Pick<RuleContext, 'analysis'>, instruction: Instruction): Stage | null {
  const flag = instruction.flags.find((f) => f.name === 'from');
  if (instruction.keyword !== 'COPY' || !flag?.value) return null;
  const { analysis } = context;
  const edge = copyFromEdges(context).get(flag.range.start.offset);
  if (edge) return edge.target.kind === 'stage' ? (analysis.stages[edge.target.index] ?? null) : null;
  // No build plan (the file does not parse): resolve the reference the simple way.
  const text = flag.value;
  const index = stageIndexOf(text);
  if (index !== null) return analysis.stages[index] ?? null;
  return analysis.stages.findLast((s) => s.name === text.toLowerCase()) ?? null;
}
