// What a stage diagram is (src/lib/stage-diagram.ts makes one): its boxes, its arrows, its
// text alternative, and the geometry they are drawn with. A module of its own so each
// layout step (links.ts, boxes.ts, columns.ts, arrows.ts, text-alternative.ts) and the SVG
// can name these types without importing the whole layout.
import type { Builder, EdgeKind } from '../../analyzer/index.ts';

/** What the build does with a stage. `not-run`: the build is refused before any stage runs. */
export type StageStatus = 'runs' | 'skipped' | 'fails' | 'not-run';

export interface DiagramNode {
  index: number;
  /** The stage's name as written, or `stage N` (N = index, as BuildKit's output names it). */
  label: string;
  /** `FROM …` as Docker resolves it (after global ARG expansion), shortened to fit the box. */
  base: string;
  /** The whole `FROM …` line when `base` had to be shortened. */
  baseFull: string;
  status: StageStatus;
  target: boolean;
  /** The third line of the box, e.g. "target · runs". */
  statusText: string;
  depth: number;
  row: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One stage needing another: `from` is needed by `to`. */
export interface StageLink {
  /** The stage that is needed. */
  from: number;
  /** The stage that needs it. */
  to: number;
  kind: EdgeKind;
}

export interface DiagramEdge extends StageLink {
  /** SVG path data, from the right edge of `from` to the left edge of `to`. */
  path: string;
}

export interface StageDiagram {
  builder: Builder;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  width: number;
  height: number;
  /** "Building prod with BuildKit runs: build, prod; skips: test." */
  summary: string;
  /** Set when Docker would refuse (or stop) the build: says so, and why. */
  failure: string | null;
  /** Every error the analyzer predicts, with its line: "line 3: …". */
  errors: string[];
}

export const BUILDER_NAMES: Record<Builder, string> = { buildkit: 'BuildKit', classic: 'the classic builder' };

export const EDGE_KIND_LABELS: Record<EdgeKind, string> = {
  from: 'FROM <stage>: built on top of it',
  'copy-from': 'COPY --from: copies files out of it',
  'mount-from': 'RUN --mount from=: mounts it while a command runs',
};

// Geometry, in SVG user units (= CSS pixels: the SVG is drawn at its natural size).
export const GEOMETRY = {
  pad: 8,
  boxPadX: 12,
  boxHeight: 72,
  minBoxWidth: 128,
  maxBoxWidth: 224,
  columnGap: 56,
  rowGap: 20,
  /** Vertical distance between the lanes of arrows that skip a column. */
  laneGap: 10,
  /** Approximate advance widths, for sizing boxes without a font engine. */
  charWidth: { label: 8.6, mono: 7.3, status: 6.9 },
} as const;
