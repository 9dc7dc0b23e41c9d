// Helpers rules share: which instructions end up in an image, and where they come from.

import type { Analysis, Instruction, Stage } from '../../model.ts';

/** The stage and the stages it is built FROM, root first (`FROM base AS prod` → [base, prod]). */
export function stageChain(analysis: Analysis, index: number): Stage[] {
  const chain: Stage[] = [];
  const seen = new Set<number>();
  let stage: Stage | undefined = analysis.stages[index];
  while (stage && !seen.has(stage.index)) {
    seen.add(stage.index);
    chain.push(stage);
    stage = stage.base.kind === 'stage' ? analysis.stages[stage.base.index] : undefined;
  }
  // Collected target first (unshift would make a long chain quadratic).
  return chain.reverse();
}

/** Every instruction that shapes the image of stage `index`, inherited ones first (FROM lines excluded). */
export function imageInstructions(analysis: Analysis, index: number): Instruction[] {
  return stageChain(analysis, index).flatMap((stage) => stage.instructions.slice(1));
}

/** The image a stage chain starts from: an image reference, or null for scratch. */
export function rootImage(analysis: Analysis, index: number): string | null {
  const root = stageChain(analysis, index)[0];
  return root && root.base.kind === 'image' ? root.base.ref : null;
}
