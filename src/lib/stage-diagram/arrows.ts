// Routes a stage diagram's arrows between boxes already placed (columns.ts). Each box spreads
// its outgoing arrows along its right side and its incoming ones along its left, ordered by
// the other end's height (then FROM, COPY --from, RUN --mount), so arrows do not cross at a
// box. An arrow that skips a column and would pass behind a box runs instead in a lane above
// all the boxes, rising and falling in the gaps between columns; the boxes move down by the
// lanes' band, which the caller applies (routeArrows returns it).
import type { EdgeKind } from '../../analyzer/index.ts';
import { GEOMETRY, type DiagramEdge, type DiagramNode, type StageLink } from './model.ts';

/** Where an arrow leaves its box (x1, y1) and enters the other (x2, y2), before any lanes. */
export interface Port {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const KIND_ORDER: EdgeKind[] = ['from', 'copy-from', 'mount-from'];

/** One decimal place: the SVG path data stays short and stable. */
const r = (n: number): number => Math.round(n * 10) / 10;

/** The ends of each link's arrow, in the order of `links`. */
export function arrowPorts(links: readonly StageLink[], nodes: readonly DiagramNode[]): Port[] {
  const order = (a: number, b: number): number => nodes[a]!.y - nodes[b]!.y || a - b;
  const byKind = (a: EdgeKind, b: EdgeKind): number => KIND_ORDER.indexOf(a) - KIND_ORDER.indexOf(b);
  const portY = (node: DiagramNode, slot: number, count: number): number => node.y + (node.height * (slot + 1)) / (count + 1);
  const outgoing = new Map<number, StageLink[]>();
  const incoming = new Map<number, StageLink[]>();
  for (const link of links) {
    outgoing.set(link.from, [...(outgoing.get(link.from) ?? []), link]);
    incoming.set(link.to, [...(incoming.get(link.to) ?? []), link]);
  }
  for (const group of outgoing.values()) group.sort((a, b) => order(a.to, b.to) || byKind(a.kind, b.kind));
  for (const group of incoming.values()) group.sort((a, b) => order(a.from, b.from) || byKind(a.kind, b.kind));
  return links.map((link) => {
    const a = nodes[link.from]!;
    const b = nodes[link.to]!;
    const outs = outgoing.get(link.from)!;
    const ins = incoming.get(link.to)!;
    return { x1: a.x + a.width, y1: portY(a, outs.indexOf(link), outs.length), x2: b.x, y2: portY(b, ins.indexOf(link), ins.length) };
  });
}

/** The direct arrow as a cubic Bézier: start, two control points, end. */
export function curve({ x1, y1, x2, y2 }: Port): readonly [number, number, number, number, number, number, number, number] {
  const bend = Math.max(24, Math.abs(x2 - x1) / 2);
  return [x1, y1, x1 + bend, y1, x2 - bend, y2, x2, y2] as const;
}

/** Whether the direct arrow of `link`, which skips a column, passes behind a box it does not join. */
export function crossesABox(link: StageLink, port: Port, nodes: readonly DiagramNode[]): boolean {
  const depthOf = (i: number): number => nodes[i]!.depth;
  if (Math.abs(depthOf(link.to) - depthOf(link.from)) < 2) return false;
  const [x1, y1, c1x, c1y, c2x, c2y, x2, y2] = curve(port);
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
}

export interface RoutedArrows {
  edges: DiagramEdge[];
  /** The height of the lanes above the boxes (0 without lanes): the boxes move down by it. */
  laneBand: number;
}

/** The arrows of `links` between `nodes` as SVG paths, with the lanes they need. */
export function routeArrows(links: readonly StageLink[], nodes: readonly DiagramNode[]): RoutedArrows {
  const G = GEOMETRY;
  const ports = arrowPorts(links, nodes);
  const laneOf = new Map<number, number>();
  links.forEach((link, i) => {
    if (crossesABox(link, ports[i]!, nodes)) laneOf.set(i, laneOf.size);
  });
  const laneBand = laneOf.size > 0 ? laneOf.size * G.laneGap + G.laneGap / 2 : 0;
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
  return { edges, laneBand };
}
