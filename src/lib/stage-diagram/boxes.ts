// A stage diagram's boxes, before they are placed: the three lines each box shows (name,
// `FROM …`, status), shortened to fit the widest box, and the width the longest line needs.
// Sized from approximate character widths (GEOMETRY.charWidth): the layout runs at build
// time and in the browser alike, without a font engine.
import type { Analysis } from '../../analyzer/index.ts';
import { GEOMETRY, type StageStatus } from './model.ts';

const STATUS_WORDS: Record<StageStatus, string> = {
  runs: 'runs',
  skipped: 'skipped',
  fails: 'fails here',
  'not-run': 'not run',
};

/** One box's text and its own width (its column may make it wider). */
export interface BoxDraft {
  index: number;
  label: string;
  base: string;
  baseFull: string;
  target: boolean;
  statusText: string;
  width: number;
}

export function ellipsize(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, Math.max(1, maxChars - 1))}…`;
}

/** The boxes of `analysis`'s stages, labelled `labels`, with what the build does with each. */
export function draftBoxes(analysis: Pick<Analysis, 'stages' | 'target'>, labels: readonly string[], status: readonly StageStatus[]): BoxDraft[] {
  const G = GEOMETRY;
  const maxBaseChars = Math.floor((G.maxBoxWidth - 2 * G.boxPadX) / G.charWidth.mono);
  const maxLabelChars = Math.floor((G.maxBoxWidth - 2 * G.boxPadX) / G.charWidth.label);
  return analysis.stages.map((stage, i) => {
    const target = analysis.target.index === i;
    const baseFull = `FROM ${stage.baseText}`;
    const base = ellipsize(baseFull, maxBaseChars);
    const label = ellipsize(labels[i]!, maxLabelChars);
    const statusText = [target ? 'target' : null, STATUS_WORDS[status[i]!]].filter(Boolean).join(' · ');
    const textWidth = Math.max(label.length * G.charWidth.label, base.length * G.charWidth.mono, statusText.length * G.charWidth.status);
    const width = Math.min(G.maxBoxWidth, Math.max(G.minBoxWidth, Math.ceil(2 * G.boxPadX + textWidth)));
    return { index: i, label, base, baseFull, target, statusText, width };
  });
}
