// Places a stage diagram's boxes: left to right in columns by dependency depth, in file
// order within a column, every box of a column as wide as its widest, columns centred
// vertically on the tallest. Arrows are routed afterwards (arrows.ts), from these positions.
import type { BoxDraft } from './boxes.ts';
import { GEOMETRY, type DiagramNode, type StageStatus } from './model.ts';

export interface PlacedBoxes {
  nodes: DiagramNode[];
  /** The whole diagram's width, padding included. */
  width: number;
  /** The height of the tallest column, without padding (and before any arrow lanes). */
  contentHeight: number;
}

export function placeColumns(draft: readonly BoxDraft[], depth: readonly number[], status: readonly StageStatus[]): PlacedBoxes {
  const G = GEOMETRY;
  const columnCount = draft.length > 0 ? Math.max(...depth) + 1 : 0;
  const columns = Array.from({ length: columnCount }, () => [] as number[]);
  draft.forEach((_, i) => columns[depth[i]!]!.push(i));
  const columnWidths = columns.map((col) => Math.max(...col.map((i) => draft[i]!.width)));
  const maxRows = Math.max(0, ...columns.map((col) => col.length));
  const rowPitch = G.boxHeight + G.rowGap;
  const contentHeight = maxRows > 0 ? maxRows * rowPitch - G.rowGap : 0;

  const nodes: DiagramNode[] = new Array(draft.length);
  let x = G.pad;
  columns.forEach((col, c) => {
    const top = G.pad + (contentHeight - (col.length * rowPitch - G.rowGap)) / 2;
    col.forEach((i, row) => {
      const d = draft[i]!;
      nodes[i] = {
        index: i,
        label: d.label,
        base: d.base,
        baseFull: d.baseFull,
        status: status[i]!,
        target: d.target,
        statusText: d.statusText,
        depth: c,
        row,
        x,
        y: top + row * rowPitch,
        width: columnWidths[c]!,
        height: G.boxHeight,
      };
    });
    x += columnWidths[c]! + G.columnGap;
  });
  const width = columnCount > 0 ? x - G.columnGap + G.pad : 2 * G.pad;
  return { nodes, width, contentHeight };
}
