// The StageDiagram's layout and text alternative (src/lib/stage-diagram.ts), computed by
// the analyzer at build time.

import { describe, expect, it } from 'vitest';
import { GEOMETRY, stageDepths, stageDiagram, stageDiagramSvg, svgIdPrefix } from '../../src/lib/stage-diagram.ts';

const THREE_STAGES = `FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app .

FROM build AS test
RUN go test ./...

FROM alpine:3.20 AS prod
COPY --from=build /out/app /usr/local/bin/app
`;

const UNNAMED = `FROM golang:1.23 AS build
RUN go build -o /out/app .
FROM alpine:3.20
COPY --from=build /out/app /app
`;

describe('stage diagram layout', () => {
  const d = stageDiagram(THREE_STAGES, { target: 'prod' });

  it('puts stages in columns by dependency depth, left to right', () => {
    expect(d.nodes.map((n) => [n.label, n.depth, n.row])).toEqual([
      ['build', 0, 0],
      ['test', 1, 0],
      ['prod', 1, 1],
    ]);
    const [build, test, prod] = d.nodes;
    expect(test!.x).toBeGreaterThan(build!.x + build!.width);
    expect(prod!.x).toBe(test!.x);
    expect(prod!.y).toBeGreaterThan(test!.y + test!.height);
    // The single box of column 0 is centred on the two of column 1.
    expect(build!.y + build!.height / 2).toBeCloseTo((test!.y + prod!.y + prod!.height) / 2);
    // Everything fits inside the drawing.
    for (const n of d.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(GEOMETRY.pad);
      expect(n.x + n.width).toBeLessThanOrEqual(d.width - GEOMETRY.pad);
      expect(n.y + n.height).toBeLessThanOrEqual(d.height - GEOMETRY.pad);
    }
  });

  it('draws FROM-stage and COPY --from edges from the needed stage to the one that needs it', () => {
    expect(d.edges.map((e) => [e.from, e.to, e.kind])).toEqual([
      [0, 1, 'from'],
      [0, 2, 'copy-from'],
    ]);
    const edge = d.edges[0]!;
    const build = d.nodes[0]!;
    expect(edge.path.startsWith(`M${build.x + build.width} `)).toBe(true);
  });

  it('draws RUN --mount from= edges, once per kind', () => {
    const withMount = stageDiagram(
      `FROM alpine AS deps\nRUN true\nFROM alpine\nRUN --mount=type=bind,from=deps,target=/d true\nRUN --mount=type=bind,from=deps,target=/e true\nCOPY --from=deps /a /b\n`,
    );
    expect(withMount.edges.map((e) => [e.from, e.to, e.kind])).toEqual([
      [0, 1, 'mount-from'],
      [0, 1, 'copy-from'],
    ]);
    // Two arrows between the same boxes leave and arrive at different heights.
    expect(withMount.edges[0]!.path).not.toBe(withMount.edges[1]!.path);
  });

  it('routes an arrow that skips a column above the boxes instead of behind them', () => {
    const d = stageDiagram('FROM alpine AS a\nRUN true\nFROM a AS b\nFROM b AS c\nCOPY --from=a /x /x\n');
    expect(d.nodes.map((n) => n.depth)).toEqual([0, 1, 2]);
    const skip = d.edges.find((e) => e.kind === 'copy-from')!;
    expect(skip.path).toContain(' L');
    const laneY = Number(/ L[\d.]+ ([\d.]+)/.exec(skip.path)![1]);
    for (const n of d.nodes) expect(laneY).toBeLessThan(n.y);
    // Neighbouring columns keep a plain curve.
    expect(d.edges.filter((e) => e.kind === 'from').every((e) => !e.path.includes(' L'))).toBe(true);
    for (const n of d.nodes) expect(n.y + n.height).toBeLessThanOrEqual(d.height - GEOMETRY.pad);
    // Without a box in the way there is no lane.
    expect(stageDiagram(THREE_STAGES).edges.some((e) => e.path.includes(' L'))).toBe(false);
  });

  it('layers a chain of stages one column each', () => {
    expect(
      stageDepths(4, [
        [0, 1],
        [1, 2],
        [0, 3],
      ]),
    ).toEqual([0, 1, 2, 1]);
    expect(
      stageDepths(2, [
        [0, 1],
        [1, 0],
      ]),
    ).toHaveLength(2); // a cycle does not hang
  });

  it('labels unnamed stages "stage N" with BuildKit’s index', () => {
    expect(stageDiagram(UNNAMED).nodes.map((n) => n.label)).toEqual(['build', 'stage 1']);
  });

  it('shortens a long base image in the box and keeps it whole elsewhere', () => {
    const long = stageDiagram('FROM registry.example.com/team/very-long-image-name:1.2.3-bookworm-slim AS x\n');
    const node = long.nodes[0]!;
    expect(node.base.endsWith('…')).toBe(true);
    expect(node.baseFull).toBe('FROM registry.example.com/team/very-long-image-name:1.2.3-bookworm-slim');
    expect(node.width).toBeLessThanOrEqual(GEOMETRY.maxBoxWidth);
    expect(node.width).toBeGreaterThan(GEOMETRY.maxBoxWidth - 10);
    expect(stageDiagramSvg(long, 'x')).toContain('<title>FROM registry.example.com/team/very-long-image-name:1.2.3-bookworm-slim</title>');
  });
});

describe('stages the build runs', () => {
  it('marks the target and greys out what BuildKit skips, in words too', () => {
    const d = stageDiagram(THREE_STAGES, { target: 'prod' });
    expect(d.nodes.map((n) => [n.label, n.status, n.target, n.statusText])).toEqual([
      ['build', 'runs', false, 'runs'],
      ['test', 'skipped', false, 'skipped'],
      ['prod', 'runs', true, 'target · runs'],
    ]);
  });

  it('runs every stage up to the target with the classic builder', () => {
    const d = stageDiagram(THREE_STAGES, { target: 'prod', builder: 'classic' });
    expect(d.nodes.map((n) => n.status)).toEqual(['runs', 'runs', 'runs']);
  });

  it('renders status and edge kinds as classes the stylesheet draws', () => {
    const svg = stageDiagramSvg(stageDiagram(THREE_STAGES, { target: 'prod' }), 'three stages');
    expect(svg).toContain('class="stage-diagram__stage stage-diagram__stage--skipped"');
    expect(svg).toContain('class="stage-diagram__stage stage-diagram__stage--runs stage-diagram__stage--target"');
    expect(svg).toContain('stage-diagram__edge--from');
    expect(svg).toContain('stage-diagram__edge--copy-from');
    expect(svg).toContain(`marker-end="url(#${svgIdPrefix('three stages')}-arrow-active)"`);
    expect(svg).toContain(`marker-end="url(#${svgIdPrefix('three stages')}-arrow-inactive)"`);
    expect(svgIdPrefix('three stages')).toBe('sd-three_stages');
    expect(svg).toContain('aria-hidden="true"');
    expect(svg).toContain('>skipped</text>');
    expect(svg).not.toMatch(/#[0-9a-f]{3,6}\b(?!-)/i); // no fixed colours
  });

  it('escapes names in the SVG', () => {
    const svg = stageDiagramSvg(stageDiagram('ARG IMG="a&b"\nFROM alpine AS x\n'), 'e');
    expect(svg).not.toMatch(/&(?!#\d+;)/);
  });
});

describe('text alternative', () => {
  it('says what BuildKit runs and skips for the same file', () => {
    expect(stageDiagram(THREE_STAGES, { target: 'prod' }).summary).toBe('Building prod with BuildKit runs: build, prod; skips: test.');
    expect(stageDiagram(THREE_STAGES, { target: 'prod', builder: 'classic' }).summary).toBe(
      'Building prod with the classic builder runs: build, test, prod; skips: nothing.',
    );
  });

  it('names the default target as the last stage', () => {
    expect(stageDiagram(THREE_STAGES).summary).toBe('Building the last stage (prod) with BuildKit runs: build, prod; skips: test.');
    expect(stageDiagram(UNNAMED, { builder: 'classic' }).summary).toBe(
      'Building the last stage (stage 1) with the classic builder runs: build, stage 1; skips: nothing.',
    );
  });

  it('says Docker refuses the build, and why, when the analysis fails', () => {
    const d = stageDiagram(THREE_STAGES, { target: 'release' });
    expect(d.summary).toBe('Building --target release with BuildKit runs nothing: Docker refuses the build.');
    expect(d.failure).toBe('Docker refuses this build with BuildKit: target stage "release" could not be found');
    expect(d.errors).toEqual(['line 9: target stage "release" could not be found']);
    expect(d.nodes.map((n) => n.status)).toEqual(['not-run', 'not-run', 'not-run']);
    expect(d.nodes.some((n) => n.target)).toBe(false);
  });

  it('says where the classic builder stops when it fails part-way, and that BuildKit builds it', () => {
    const mount = `FROM alpine:3.20 AS deps
RUN echo deps > /deps
FROM alpine:3.20
RUN --mount=type=bind,from=deps,target=/d cat /d/deps
`;
    const classic = stageDiagram(mount, { builder: 'classic' });
    expect(classic.nodes.map((n) => n.status)).toEqual(['runs', 'fails']);
    expect(classic.summary).toBe('Building the last stage (stage 1) with the classic builder runs: deps, then fails in stage 1.');
    expect(classic.failure).toMatch(/^Docker stops the build in stage 1 \(line 4\): the --mount option requires BuildKit/);
    const buildkit = stageDiagram(mount);
    expect(buildkit.failure).toBeNull();
    expect(buildkit.errors).toEqual([]);
    expect(buildkit.summary).toBe('Building the last stage (stage 1) with BuildKit runs: deps, stage 1; skips: nothing.');
  });

  it('passes build arguments to the analysis', () => {
    const df = 'ARG BASE=alpine:3.20\nFROM ${BASE} AS app\n';
    expect(stageDiagram(df).nodes[0]!.base).toBe('FROM alpine:3.20');
    expect(stageDiagram(df, { buildArgs: { BASE: 'debian:12' } }).nodes[0]!.base).toBe('FROM debian:12');
  });
});

describe('flags in plain text', () => {
  it('keeps --flags whole and leaves other hyphens alone', async () => {
    const { flagParts } = await import('../../src/lib/no-break.ts');
    expect(flagParts('Named stages and --target')).toEqual([
      { text: 'Named stages and ', flag: false },
      { text: '--target', flag: true },
    ]);
    expect(
      flagParts('COPY --from=build copies; multi-stage builds, -t app')
        .filter((p) => p.flag)
        .map((p) => p.text),
    ).toEqual(['--from=build', '-t']);
    expect(flagParts('no flags here')).toEqual([{ text: 'no flags here', flag: false }]);
  });
});
