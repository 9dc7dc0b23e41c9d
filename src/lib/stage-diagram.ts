// The stage diagram of a Dockerfile, computed at build time by the analyzer: which stages
// exist, which depend on which (FROM <stage>, COPY --from, RUN --mount from=), which ones a
// build with a given target and builder runs, and a text alternative that says the same.
// Pure TypeScript: src/components/lesson/StageDiagram.astro only renders what this returns.
//
// Layout: stages are placed left to right in columns by dependency depth (a stage that
// needs nothing is in column 0; otherwise one column right of its deepest dependency),
// in file order within a column, columns centred vertically.

import { analyze } from '../analyzer/index.ts';
import type { Analysis, Builder, Diagnostic, EdgeKind } from '../analyzer/index.ts';
import { ruleById } from '../analyzer/rules/index.ts';
import { stageLabel } from './workbench/summary.ts';

export interface StageDiagramOptions {
  /** `--target`; default: the last stage. */
  target?: string | null;
  /** Default: buildkit. */
  builder?: Builder;
  buildArgs?: Record<string, string>;
}

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

export interface DiagramEdge {
  /** The stage that is needed. */
  from: number;
  /** The stage that needs it. */
  to: number;
  kind: EdgeKind;
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

const STATUS_WORDS: Record<StageStatus, string> = {
  runs: 'runs',
  skipped: 'skipped',
  fails: 'fails here',
  'not-run': 'not run',
};

function ellipsize(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, Math.max(1, maxChars - 1))}…`;
}

function list(labels: string[]): string {
  return labels.length > 0 ? labels.join(', ') : 'nothing';
}

/** Depth of each stage: 0 without stage dependencies, else 1 + the deepest dependency. */
export function stageDepths(stageCount: number, deps: Array<[from: number, to: number]>): number[] {
  const needs = Array.from({ length: stageCount }, () => [] as number[]);
  for (const [from, to] of deps) needs[to]?.push(from);
  const depth = new Array<number>(stageCount).fill(-1);
  const visiting = new Set<number>();
  const visit = (i: number): number => {
    if (depth[i]! >= 0) return depth[i]!;
    if (visiting.has(i)) return 0; // a cycle (Docker rejects it); do not loop
    visiting.add(i);
    let d = 0;
    for (const dep of needs[i]!) d = Math.max(d, visit(dep) + 1);
    visiting.delete(i);
    depth[i] = d;
    return d;
  };
  for (let i = 0; i < stageCount; i++) visit(i);
  return depth;
}

function statuses(analysis: Analysis): StageStatus[] {
  const { plan, stages } = analysis;
  const ran = new Set(plan.stages);
  return stages.map((stage) => {
    if (!plan.fails) return ran.has(stage.index) ? 'runs' : 'skipped';
    if (plan.stoppedAt?.stage === stage.index) return 'fails';
    return plan.stoppedAt && ran.has(stage.index) ? 'runs' : 'not-run';
  });
}

function describeTarget(analysis: Analysis, labels: string[]): string {
  const requested = analysis.target.requested;
  const index = analysis.target.index;
  if (requested !== null) return index >= 0 ? labels[index]! : `--target ${requested}`;
  const last = labels[labels.length - 1];
  return last ? `the last stage (${last})` : 'the last stage';
}

function lineOf(diagnostic: Diagnostic): string {
  return `line ${diagnostic.range.start.line}: ${diagnostic.message}`;
}

/**
 * The Dockerfile a StageDiagram analyzes: its `dockerfile` prop without the line break that
 * follows an opening backtick on a line of its own, so line numbers match what is written.
 */
export function normalizeDockerfile(dockerfile: string): string {
  return dockerfile.replace(/^[ \t]*\r?\n/, '');
}

/** Analyzes `dockerfile` and lays out its stage diagram. */
export function stageDiagram(dockerfile: string, options: StageDiagramOptions = {}): StageDiagram {
  const analysis = analyze(normalizeDockerfile(dockerfile), {
    target: options.target ?? null,
    builder: options.builder ?? 'buildkit',
    buildArgs: options.buildArgs ?? {},
    rules: false,
  });
  return layoutStageDiagram(analysis);
}

/**
 * Lays out the stage diagram of an analysis that has already been made (the workbench
 * analyzes once per edit and reuses the result). Only Docker's own errors count here:
 * findings of the lint rules, when the analysis ran them, do not make a build fail.
 */
export function layoutStageDiagram(analysis: Analysis): StageDiagram {
  const builder = analysis.plan.builder;
  const { stages } = analysis;
  const labels = stages.map(stageLabel);
  const status = statuses(analysis);
  const G = GEOMETRY;

  // Edges between stages (references to images or unresolved names are not drawn).
  const seen = new Set<string>();
  const links: Array<{ from: number; to: number; kind: EdgeKind }> = [];
  for (const edge of analysis.edges) {
    if (edge.target.kind !== 'stage' || edge.target.index === edge.stage) continue;
    const key = `${edge.target.index}>${edge.stage}:${edge.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    links.push({ from: edge.target.index, to: edge.stage, kind: edge.kind });
  }
  const depth = stageDepths(stages.length, links.map((l) => [l.from, l.to]));

  // Box contents and sizes.
  const maxBaseChars = Math.floor((G.maxBoxWidth - 2 * G.boxPadX) / G.charWidth.mono);
  const maxLabelChars = Math.floor((G.maxBoxWidth - 2 * G.boxPadX) / G.charWidth.label);
  const draft = stages.map((stage, i) => {
    const target = analysis.target.index === i;
    const baseFull = `FROM ${stage.baseText}`;
    const base = ellipsize(baseFull, maxBaseChars);
    const label = ellipsize(labels[i]!, maxLabelChars);
    const statusText = [target ? 'target' : null, STATUS_WORDS[status[i]!]].filter(Boolean).join(' · ');
    const width = Math.min(
      G.maxBoxWidth,
      Math.max(
        G.minBoxWidth,
        Math.ceil(
          2 * G.boxPadX +
            Math.max(label.length * G.charWidth.label, base.length * G.charWidth.mono, statusText.length * G.charWidth.status),
        ),
      ),
    );
    return { index: i, label, base, baseFull, target, statusText, width };
  });

  // Columns: stages by depth, in file order.
  const columnCount = stages.length > 0 ? Math.max(...depth) + 1 : 0;
  const columns = Array.from({ length: columnCount }, () => [] as number[]);
  stages.forEach((_, i) => columns[depth[i]!]!.push(i));
  const columnWidths = columns.map((col) => Math.max(...col.map((i) => draft[i]!.width)));
  const maxRows = Math.max(0, ...columns.map((col) => col.length));
  const rowPitch = G.boxHeight + G.rowGap;
  const contentHeight = maxRows > 0 ? maxRows * rowPitch - G.rowGap : 0;

  const nodes: DiagramNode[] = new Array(stages.length);
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

  // Ports: spread each box's outgoing (right side) and incoming (left side) arrows.
  const order = (a: number, b: number) => nodes[a]!.y - nodes[b]!.y || a - b;
  const kindOrder: EdgeKind[] = ['from', 'copy-from', 'mount-from'];
  const byKind = (a: EdgeKind, b: EdgeKind) => kindOrder.indexOf(a) - kindOrder.indexOf(b);
  const portY = (node: DiagramNode, slot: number, count: number) => node.y + (node.height * (slot + 1)) / (count + 1);
  const outgoing = new Map<number, typeof links>();
  const incoming = new Map<number, typeof links>();
  for (const link of links) {
    outgoing.set(link.from, [...(outgoing.get(link.from) ?? []), link]);
    incoming.set(link.to, [...(incoming.get(link.to) ?? []), link]);
  }
  for (const group of outgoing.values()) group.sort((a, b) => order(a.to, b.to) || byKind(a.kind, b.kind));
  for (const group of incoming.values()) group.sort((a, b) => order(a.from, b.from) || byKind(a.kind, b.kind));

  const r = (n: number) => Math.round(n * 10) / 10;
  const ports = links.map((link) => {
    const a = nodes[link.from]!;
    const b = nodes[link.to]!;
    const outs = outgoing.get(link.from)!;
    const ins = incoming.get(link.to)!;
    return { x1: a.x + a.width, y1: portY(a, outs.indexOf(link), outs.length), x2: b.x, y2: portY(b, ins.indexOf(link), ins.length) };
  });
  const curve = ({ x1, y1, x2, y2 }: (typeof ports)[number]) => {
    const bend = Math.max(24, Math.abs(x2 - x1) / 2);
    return [x1, y1, x1 + bend, y1, x2 - bend, y2, x2, y2] as const;
  };

  // An arrow that skips a column would be hidden behind the boxes it crosses: those run in
  // lanes above all the boxes instead (rising and falling in the gaps between columns).
  const crossesABox = (link: (typeof links)[number], i: number): boolean => {
    if (Math.abs(depth[link.to]! - depth[link.from]!) < 2) return false;
    const [x1, y1, c1x, c1y, c2x, c2y, x2, y2] = curve(ports[i]!);
    for (let step = 1; step < 40; step++) {
      const t = step / 40;
      const u = 1 - t;
      const x = u * u * u * x1 + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * x2;
      const y = u * u * u * y1 + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * y2;
      const hit = nodes.some(
        (n) => n.index !== link.from && n.index !== link.to && x > n.x - 2 && x < n.x + n.width + 2 && y > n.y - 2 && y < n.y + n.height + 2,
      );
      if (hit) return true;
    }
    return false;
  };
  const laneOf = new Map<number, number>();
  links.forEach((link, i) => {
    if (crossesABox(link, i)) laneOf.set(i, laneOf.size);
  });
  const laneBand = laneOf.size > 0 ? laneOf.size * G.laneGap + G.laneGap / 2 : 0;
  for (const node of nodes) node.y += laneBand;

  const edges: DiagramEdge[] = links.map((link, i) => {
    const p = ports[i]!;
    const y1 = p.y1 + laneBand;
    const y2 = p.y2 + laneBand;
    const lane = laneOf.get(i);
    if (lane === undefined) {
      const [x1, , c1x, , c2x, , x2] = curve(p);
      return { ...link, path: `M${r(x1)} ${r(y1)} C${r(c1x)} ${r(y1)} ${r(c2x)} ${r(y2)} ${r(x2)} ${r(y2)}` };
    }
    const y = G.pad + G.laneGap / 2 + lane * G.laneGap;
    const q = G.columnGap / 3;
    return {
      ...link,
      path:
        `M${r(p.x1)} ${r(y1)} C${r(p.x1 + q)} ${r(y1)} ${r(p.x1 + q)} ${r(y)} ${r(p.x1 + 2 * q)} ${r(y)} ` +
        `L${r(p.x2 - 2 * q)} ${r(y)} C${r(p.x2 - q)} ${r(y)} ${r(p.x2 - q)} ${r(y2)} ${r(p.x2)} ${r(y2)}`,
    };
  });

  const height = contentHeight + 2 * G.pad + laneBand;

  // The text alternative.
  const builderName = BUILDER_NAMES[builder];
  const what = describeTarget(analysis, labels);
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error' && ruleById(d.id) === undefined);
  const runs = stages.filter((_, i) => status[i] === 'runs').map((s) => labels[s.index]!);
  const skips = stages.filter((_, i) => status[i] === 'skipped').map((s) => labels[s.index]!);
  let summary: string;
  let failure: string | null = null;
  if (!analysis.plan.fails) {
    summary = `Building ${what} with ${builderName} runs: ${list(runs)}; skips: ${list(skips)}.`;
  } else {
    const first = errors[0]?.message ?? 'the analyzer predicts an error';
    const stopped = analysis.plan.stoppedAt;
    if (stopped && runs.length > 0) {
      const at = labels[stopped.stage]!;
      summary = `Building ${what} with ${builderName} runs: ${list(runs)}, then fails in ${at}.`;
      failure = `Docker stops the build in ${at} (line ${stopped.range.start.line}): ${first}`;
    } else {
      summary = `Building ${what} with ${builderName} runs nothing: Docker refuses the build.`;
      failure = `Docker refuses this build with ${builderName}: ${first}`;
    }
  }

  return { builder, nodes, edges, width, height, summary, failure, errors: errors.map(lineOf) };
}

// ---------- SVG ----------

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A prefix for ids inside one SVG (markers), safe in an id and unique per diagram id. */
export function svgIdPrefix(id: string): string {
  return `sd-${id.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
}

/**
 * One SVG element: its tag, attributes in order, and either child elements or text. The
 * diagram is built as this plain tree once, then written out as a string at build time
 * (stageDiagramSvg) or turned into DOM nodes in the browser (src/lib/workbench/svg-dom.ts),
 * where no text ever goes through an HTML parser.
 */
export interface SvgElement {
  tag: string;
  attrs: Array<[name: string, value: string]>;
  children: SvgElement[];
  text?: string;
}

function el(tag: string, attrs: Record<string, string | number>, children: SvgElement[] = [], text?: string): SvgElement {
  const node: SvgElement = { tag, attrs: Object.entries(attrs).map(([k, v]) => [k, String(v)]), children };
  if (text !== undefined) node.text = text;
  return node;
}

/**
 * The diagram as an SVG element tree. Colours come from CSS classes (src/styles/global.css
 * defines them with the site's light/dark variables); line styles, not colours, tell the
 * kinds of arrow apart, and words, not colours, say which stages run. The SVG is
 * aria-hidden: the figure's caption carries the same information as text.
 */
export function stageDiagramTree(diagram: StageDiagram, id: string): SvgElement {
  const prefix = svgIdPrefix(id);
  const G = GEOMETRY;
  const markers = (['active', 'inactive'] as const).map((state) =>
    el(
      'marker',
      {
        id: `${prefix}-arrow-${state}`,
        class: `stage-diagram__arrowhead stage-diagram__arrowhead--${state}`,
        viewBox: '0 0 10 10',
        refX: 9,
        refY: 5,
        markerWidth: 7,
        markerHeight: 7,
        orient: 'auto-start-reverse',
      },
      [el('path', { d: 'M0 0L10 5L0 10z' })],
    ),
  );
  const edges = diagram.edges.map((edge) => {
    const statusClass = diagram.nodes[edge.to]?.status === 'runs' || diagram.nodes[edge.to]?.status === 'fails' ? 'active' : 'inactive';
    const title = `${diagram.nodes[edge.to]!.label} ← ${diagram.nodes[edge.from]!.label}: ${EDGE_KIND_LABELS[edge.kind]}`;
    return el(
      'path',
      {
        class: `stage-diagram__edge stage-diagram__edge--${edge.kind} stage-diagram__edge--${statusClass}`,
        d: edge.path,
        'marker-end': `url(#${prefix}-arrow-${statusClass})`,
      },
      [el('title', {}, [], title)],
    );
  });
  const boxes = diagram.nodes.map((node) => {
    const cls = ['stage-diagram__stage', `stage-diagram__stage--${node.status}`, node.target ? 'stage-diagram__stage--target' : '']
      .filter(Boolean)
      .join(' ');
    const tx = node.x + G.boxPadX;
    return el('g', { class: cls }, [
      ...(node.base !== node.baseFull ? [el('title', {}, [], node.baseFull)] : []),
      el('rect', { x: node.x, y: node.y, width: node.width, height: node.height, rx: 6 }),
      el('text', { class: 'stage-diagram__name', x: tx, y: node.y + 24 }, [], node.label),
      el('text', { class: 'stage-diagram__base', x: tx, y: node.y + 44 }, [], node.base),
      el('text', { class: 'stage-diagram__status', x: tx, y: node.y + 62 }, [], node.statusText),
    ]);
  });
  return el(
    'svg',
    {
      class: 'stage-diagram__svg',
      xmlns: 'http://www.w3.org/2000/svg',
      width: diagram.width,
      height: diagram.height,
      viewBox: `0 0 ${diagram.width} ${diagram.height}`,
      'aria-hidden': 'true',
      focusable: 'false',
    },
    [el('defs', {}, markers), el('g', { class: 'stage-diagram__edges' }, edges), ...boxes],
  );
}

const SHAPES = new Set(['path', 'rect', 'line']);

/** An SVG element tree as markup; every text and attribute value is escaped. */
export function svgMarkup(node: SvgElement): string {
  const attrs = node.attrs.map(([name, value]) => ` ${name}="${escapeXml(value)}"`).join('');
  if (node.children.length === 0 && node.text === undefined && SHAPES.has(node.tag)) return `<${node.tag}${attrs}/>`;
  return `<${node.tag}${attrs}>${node.text !== undefined ? escapeXml(node.text) : ''}${node.children.map(svgMarkup).join('')}</${node.tag}>`;
}

/** The diagram as an inline SVG string (see stageDiagramTree). */
export function stageDiagramSvg(diagram: StageDiagram, id: string): string {
  return svgMarkup(stageDiagramTree(diagram, id));
}
