// The stage diagram of a Dockerfile, computed at build time by the analyzer: which stages
// exist, which depend on which (FROM <stage>, COPY --from, RUN --mount from=), which ones a
// build with a given target and builder runs, and a text alternative that says the same.
// Pure TypeScript: src/components/lesson/StageDiagram.astro only renders what this returns.
//
// Layout, one step per module in src/lib/stage-diagram/: the links between stages and each
// stage's depth and status (links.ts); the boxes' text and widths (boxes.ts); stages placed
// left to right in columns by dependency depth (a stage that needs nothing is in column 0;
// otherwise one column right of its deepest dependency), in file order within a column,
// columns centred vertically (columns.ts); the arrows, with lanes for those that skip a
// column (arrows.ts); the text alternative (text-alternative.ts). This file composes them and
// draws the result as SVG.

import { analyze } from '../analyzer/index.ts';
import type { Analysis, Builder } from '../analyzer/index.ts';
import { stageLabel } from './workbench/summary.ts';
import { routeArrows } from './stage-diagram/arrows.ts';
import { draftBoxes } from './stage-diagram/boxes.ts';
import { placeColumns } from './stage-diagram/columns.ts';
import { stageDepths, stageLinks, stageStatuses } from './stage-diagram/links.ts';
import { EDGE_KIND_LABELS, GEOMETRY, type StageDiagram } from './stage-diagram/model.ts';
import { textAlternative } from './stage-diagram/text-alternative.ts';

export { BUILDER_NAMES, EDGE_KIND_LABELS, GEOMETRY } from './stage-diagram/model.ts';
export type { DiagramEdge, DiagramNode, StageDiagram, StageStatus } from './stage-diagram/model.ts';
export { stageDepths } from './stage-diagram/links.ts';

export interface StageDiagramOptions {
  /** `--target`; default: the last stage. */
  target?: string | null;
  /** Default: buildkit. */
  builder?: Builder;
  buildArgs?: Record<string, string>;
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
  const labels = analysis.stages.map(stageLabel);
  const status = stageStatuses(analysis);
  const links = stageLinks(analysis);
  const depth = stageDepths(
    analysis.stages.length,
    links.map((l) => [l.from, l.to]),
  );
  const { nodes, width, contentHeight } = placeColumns(draftBoxes(analysis, labels, status), depth, status);
  const { edges, laneBand } = routeArrows(links, nodes);
  for (const node of nodes) node.y += laneBand;
  const height = contentHeight + 2 * GEOMETRY.pad + laneBand;
  return { builder: analysis.plan.builder, nodes, edges, width, height, ...textAlternative(analysis, labels, status) };
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
    const cls = ['stage-diagram__stage', `stage-diagram__stage--${node.status}`, node.target ? 'stage-diagram__stage--target' : ''].filter(Boolean).join(' ');
    const tx = node.x + G.boxPadX;
    return el('g', { class: cls, 'data-stage': node.index }, [
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
