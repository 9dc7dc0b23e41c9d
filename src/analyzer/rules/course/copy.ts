// Reading COPY/ADD instructions: their sources, and the stage a COPY --from names.

import type { Instruction, Stage } from '../../model.ts';
import { isHeredocOpener } from '../../parser/heredoc-openers.ts';
import { stageIndexOf } from '../../references.ts';
import type { RuleContext } from '../types.ts';

/** COPY/ADD sources as written (flags and heredoc openers excluded; the last word is the destination). */
export function copySources(instruction: Instruction): string[] {
  if (instruction.json) return instruction.json.slice(0, -1);
  const values: string[] = [];
  for (const word of instruction.words) if (!isHeredocOpener(word.value)) values.push(word.value);
  values.pop();
  return values;
}

/** The stage a COPY --from refers to, as the build plan resolved it; null for an image or none. */
export function copyFromStage(context: Pick<RuleContext, 'analysis'>, instruction: Instruction): Stage | null {
  const flag = instruction.flags.find((f) => f.name === 'from');
  if (instruction.keyword !== 'COPY' || !flag?.value) return null;
  const { analysis } = context;
  const edge = analysis.edges.find((e) => e.kind === 'copy-from' && e.range.start.offset === flag.range.start.offset);
  if (edge) return edge.target.kind === 'stage' ? (analysis.stages[edge.target.index] ?? null) : null;
  // No build plan (the file does not parse): resolve the reference the simple way.
  const text = flag.value;
  const index = stageIndexOf(text);
  if (index !== null) return analysis.stages[index] ?? null;
  return analysis.stages.findLast((s) => s.name === text.toLowerCase()) ?? null;
}
