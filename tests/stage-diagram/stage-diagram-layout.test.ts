// The stage diagram's layout steps (src/lib/stage-diagram/*.ts), each alone: the links and
// statuses read from an analysis, the boxes' text and widths, the columns, the arrows and
// their lanes, the text alternative. tests/stage-diagram/stage-diagram.test.ts checks the whole.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { arrowPorts, crossesABox, routeArrows } from '../../src/lib/stage-diagram/arrows.ts';
import { draftBoxes, ellipsize, type BoxDraft } from '../../src/lib/stage-diagram/boxes.ts';
import { placeColumns } from '../../src/lib/stage-diagram/columns.ts';
import { stageLinks, stageStatuses } from '../../src/lib/stage-diagram/links.ts';
import { GEOMETRY, type DiagramNode } from '../../src/lib/stage-diagram/model.ts';
import { describeTarget, textAlternative } from '../../src/lib/stage-diagram/text-alternative.ts';

const THREE_STAGES = `FROM golang:1.23 AS build
RUN go build -o /out/app .
FROM build AS test
RUN go test ./...
FROM alpine:3.20 AS prod
COPY --from=build /out/app /usr/local/bin/app
COPY --from=build /out/app /usr/local/bin/app2
COPY --from=alpine:3.20 /etc/os-release /os-release
`;

const analysed = (text: string, target: string | null = null) => analyze(text, { target, builder: 'buildkit', rules: false });

const box = (index: number, width: number): BoxDraft => ({
  index,
  label: `s${index}`,
  base: 'FROM x',
  baseFull: 'FROM x',
  target: false,
  statusText: 'runs',
  width,
});

describe('stageLinks', () => {
  it('draws one arrow per needed stage and kind, and none to an image', () => {
    expect(stageLinks(analysed(THREE_STAGES))).toEqual([
      { from: 0, to: 1, kind: 'from' },
      { from: 0, to: 2, kind: 'copy-from' },
    ]);
  });
});

describe('stageStatuses', () => {
  it('says which stages BuildKit runs and skips for a target', () => {
    expect(stageStatuses(analysed(THREE_STAGES, 'prod'))).toEqual(['runs', 'skipped', 'runs']);
  });

  it('marks the stage a build stops in, and the ones that did not get to run', () => {
    const failing = analysed('FROM alpine:3.20 AS a\nRUN true\nFROM a AS b\nCOPY --from=nope /x /x\n');
    const statuses = stageStatuses(failing);
    expect(statuses).toHaveLength(2);
    expect(statuses.every((s) => s === 'runs' || s === 'fails' || s === 'not-run')).toBe(true);
    expect(statuses).not.toContain('skipped');
  });
});

describe('draftBoxes', () => {
  it('writes each box its name, its FROM line and what the build does, target first', () => {
    const analysis = analysed(THREE_STAGES, 'prod');
    const boxes = draftBoxes(analysis, ['build', 'test', 'prod'], stageStatuses(analysis));
    expect(boxes.map((b) => [b.label, b.base, b.statusText, b.target])).toEqual([
      ['build', 'FROM golang:1.23', 'runs', false],
      ['test', 'FROM build', 'skipped', false],
      ['prod', 'FROM alpine:3.20', 'target · runs', true],
    ]);
    // Sized by the longest line: `FROM golang:1.23` (16 monospace characters) and padding;
    // the shorter `FROM build` box gets the minimum width.
    expect(boxes[0]!.width).toBe(Math.ceil(2 * GEOMETRY.boxPadX + 16 * GEOMETRY.charWidth.mono));
    expect(boxes[1]!.width).toBe(GEOMETRY.minBoxWidth);
  });

  it('shortens a long base to fit the widest box, keeping the whole line aside', () => {
    const long = `FROM registry.example.com/a/very/long/path/to/an/image/that/goes/on:1.2.3\n`;
    const analysis = analysed(long);
    const [only] = draftBoxes(analysis, ['stage 0'], stageStatuses(analysis));
    const maxChars = Math.floor((GEOMETRY.maxBoxWidth - 2 * GEOMETRY.boxPadX) / GEOMETRY.charWidth.mono);
    expect(only!.base).toHaveLength(maxChars);
    expect(only!.base.endsWith('…')).toBe(true);
    expect(only!.width).toBeLessThanOrEqual(GEOMETRY.maxBoxWidth);
    expect(only!.width).toBeGreaterThan(GEOMETRY.maxBoxWidth - 2 * GEOMETRY.charWidth.mono);
    expect(only!.baseFull).toBe('FROM registry.example.com/a/very/long/path/to/an/image/that/goes/on:1.2.3');
  });

  it('ellipsize leaves a short text alone and cuts a long one to the limit', () => {
    expect(ellipsize('build', 10)).toBe('build');
    expect(ellipsize('abcdefghijkl', 5)).toBe('abcd…');
  });
});

describe('placeColumns', () => {
  it('places columns left to right, each as wide as its widest box, and centres the shorter column', () => {
    const { nodes, width, contentHeight } = placeColumns([box(0, 150), box(1, 130), box(2, 200)], [0, 1, 1], ['runs', 'runs', 'runs']);
    const pitch = GEOMETRY.boxHeight + GEOMETRY.rowGap;
    expect(contentHeight).toBe(2 * pitch - GEOMETRY.rowGap);
    expect(nodes.map((n) => [n.depth, n.row, n.x, n.width])).toEqual([
      [0, 0, GEOMETRY.pad, 150],
      [1, 0, GEOMETRY.pad + 150 + GEOMETRY.columnGap, 200],
      [1, 1, GEOMETRY.pad + 150 + GEOMETRY.columnGap, 200],
    ]);
    expect(nodes[0]!.y + GEOMETRY.boxHeight / 2).toBeCloseTo(GEOMETRY.pad + contentHeight / 2);
    expect(width).toBe(GEOMETRY.pad + 150 + GEOMETRY.columnGap + 200 + GEOMETRY.pad);
  });

  it('is only padding without stages', () => {
    expect(placeColumns([], [], [])).toEqual({ nodes: [], width: 2 * GEOMETRY.pad, contentHeight: 0 });
  });
});

describe('arrows', () => {
  // Three columns, the middle one two boxes tall: 0 -> 1 -> 3, and 0 -> 3 skipping a column.
  const placed = (): DiagramNode[] => placeColumns([box(0, 128), box(1, 128), box(2, 128), box(3, 128)], [0, 1, 1, 2], ['runs', 'runs', 'runs', 'runs']).nodes;

  it('spreads two arrows leaving one box along its right side, the higher target first', () => {
    const nodes = placed();
    const ports = arrowPorts(
      [
        { from: 0, to: 2, kind: 'from' },
        { from: 0, to: 1, kind: 'from' },
      ],
      nodes,
    );
    const box0 = nodes[0]!;
    expect(ports.map((p) => p.x1)).toEqual([box0.x + box0.width, box0.x + box0.width]);
    expect(ports[1]!.y1).toBeCloseTo(box0.y + box0.height / 3);
    expect(ports[0]!.y1).toBeCloseTo(box0.y + (2 * box0.height) / 3);
  });

  it('sends an arrow that would pass behind a box through a lane above the boxes', () => {
    const nodes = placed();
    // Boxes 0 and 3 in line with box 1: the direct arrow 0 -> 3 would run through box 1.
    nodes[0]!.y = nodes[1]!.y;
    nodes[3]!.y = nodes[1]!.y;
    const skip = { from: 0, to: 3, kind: 'copy-from' as const };
    const [port] = arrowPorts([skip], nodes);
    expect(crossesABox(skip, port!, nodes)).toBe(true);
    const { edges, laneBand } = routeArrows([skip], nodes);
    expect(laneBand).toBe(GEOMETRY.laneGap + GEOMETRY.laneGap / 2);
    // The lane's horizontal run is at the top, above every box once they move down by laneBand.
    expect(edges[0]!.path).toContain(` L`);
    expect(edges[0]!.path).toMatch(new RegExp(`L[\\d.]+ ${GEOMETRY.pad + GEOMETRY.laneGap / 2} `));
  });

  it('draws an arrow between neighbouring columns directly, with no lane', () => {
    const nodes = placed();
    const { edges, laneBand } = routeArrows([{ from: 0, to: 1, kind: 'from' }], nodes);
    expect(laneBand).toBe(0);
    expect(edges[0]!.path).toMatch(/^M[\d.]+ [\d.]+ C/);
    expect(edges[0]!.path).not.toContain('L');
  });
});

describe('textAlternative', () => {
  it('says what a build of the target runs and skips', () => {
    const analysis = analysed(THREE_STAGES, 'prod');
    const text = textAlternative(analysis, ['build', 'test', 'prod'], stageStatuses(analysis));
    expect(text).toEqual({ summary: 'Building prod with BuildKit runs: build, prod; skips: test.', failure: null, errors: [] });
  });

  it('names the default target as the last stage, and a missing one as written', () => {
    expect(describeTarget(analysed(THREE_STAGES), ['build', 'test', 'prod'])).toBe('the last stage (prod)');
    expect(describeTarget(analysed(THREE_STAGES, 'nope'), ['build', 'test', 'prod'])).toBe('--target nope');
  });

  it('says Docker refuses a build whose target does not exist, with the error and its line', () => {
    const analysis = analysed(THREE_STAGES, 'nope');
    const text = textAlternative(analysis, ['build', 'test', 'prod'], stageStatuses(analysis));
    expect(text.summary).toBe('Building --target nope with BuildKit runs nothing: Docker refuses the build.');
    expect(text.failure).toMatch(/^Docker refuses this build with BuildKit: /);
    expect(text.errors.length).toBeGreaterThan(0);
    expect(text.errors[0]).toMatch(/^line \d+: /);
  });
});
