// The drills' generator (src/lib/drills/generate.ts): the same file for the same level and
// seed, files the analyzer reads without an error on either engine, and each level's shapes.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import type { Analysis, Engine } from '../../src/analyzer/model.ts';
import { generateDrill, LEVELS, type Level } from '../../src/lib/drills/generate.ts';

const SEEDS = Array.from({ length: 120 }, (_, i) => (i * 2654435761) >>> 0);
const ENGINES: Engine[] = ['28.5', '26.1'];

const drills = (level: Level) => SEEDS.map((seed) => generateDrill(level, seed));
const stageNamed = (analysis: Analysis, name: string) => analysis.stages.filter((s) => s.name === name);

describe('generateDrill', () => {
  it('gives the same Dockerfile for the same level and seed, and varies with the seed', () => {
    for (const level of LEVELS) {
      expect(generateDrill(level, 12345)).toEqual(generateDrill(level, 12345));
      const texts = new Set(SEEDS.slice(0, 30).map((seed) => generateDrill(level, seed).dockerfile));
      expect(texts.size, `level ${level}`).toBeGreaterThan(5);
    }
    expect(generateDrill(1, 7).dockerfile).not.toBe(generateDrill(2, 7).dockerfile);
  });

  it('rarely repeats a file: at least three in four of 200 seeds give a Dockerfile of their own at every level', () => {
    for (const level of LEVELS) {
      const texts = new Set(Array.from({ length: 200 }, (_, seed) => generateDrill(level, seed).dockerfile));
      expect(texts.size, `level ${level}`).toBeGreaterThanOrEqual(150);
    }
  });

  it('draws from five toolchains, and a Node runtime has what its command needs', () => {
    const images = new Set(LEVELS.flatMap((level) => SEEDS.map((seed) => generateDrill(level, seed).dockerfile.match(/^FROM (\S+)/m)![1])));
    expect([...images].sort()).toEqual(['golang:1.23-bookworm', 'maven:3.9-eclipse-temurin-21', 'node:22-alpine', 'python:3.12-slim', 'rust:1.83-bookworm']);
    for (const level of LEVELS) {
      for (const drill of drills(level).filter((d) => d.dockerfile.includes('node:22-alpine'))) {
        // `node dist/server.js` runs from /app (set in the stage or a stage it builds on), beside the
        // production node_modules.
        const analysis = analyze(drill.dockerfile, { rules: false });
        const runtime = analysis.instructions.find((i) => i.keyword === 'CMD' && i.argsText.startsWith('["node"'))!;
        const lines: string[] = [];
        for (let stage: number | null = runtime.stage; stage !== null;) {
          const own = analysis.instructions.filter((i) => i.stage === stage);
          lines.push(...own.map((i) => [i.keyword, ...i.flags.map((f) => `--${f.name}=${f.value}`), i.argsText].join(' ')));
          const base: Analysis['stages'][number]['base'] = analysis.stages[stage]!.base;
          stage = base.kind === 'stage' ? base.index : null;
        }
        expect(lines, drill.dockerfile).toContain('WORKDIR /app');
        expect(
          lines.some((l) => /^COPY --from=\S+ \/app\/node_modules \/app\/node_modules$/.test(l)),
          drill.dockerfile,
        ).toBe(true);
      }
    }
  });

  it('makes files that BuildKit builds by default without an error on Docker 28.5 and 26.1', () => {
    for (const level of LEVELS) {
      for (const drill of drills(level)) {
        for (const engine of ENGINES) {
          const analysis = analyze(drill.dockerfile, { engine, rules: false });
          const errors = analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
          expect(errors, `level ${level} seed ${drill.seed} on ${engine}:\n${drill.dockerfile}`).toEqual([]);
          expect(analysis.plan.stages.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('uses no step the classic builder refuses or drops (RUN flags, heredocs)', () => {
    for (const level of LEVELS) {
      for (const drill of drills(level)) {
        expect(drill.dockerfile).not.toMatch(/RUN --|<</);
      }
    }
  });

  it('level 1: a chain of named stages, the runtime copying from build; sometimes a test stage last', () => {
    const all = drills(1);
    for (const drill of all) {
      const analysis = analyze(drill.dockerfile, { rules: false });
      const build = stageNamed(analysis, 'build')[0]!;
      expect(build.base).toEqual({ kind: 'stage', index: stageNamed(analysis, 'deps')[0]!.index });
      expect(analysis.edges.some((e) => e.kind === 'copy-from' && e.target.kind === 'stage' && e.target.index === build.index)).toBe(true);
      expect(drill.shapes).toContain('chain');
    }
    expect(all.some((d) => d.shapes.includes('last-stage-not-runtime'))).toBe(true);
    expect(all.some((d) => !d.shapes.includes('last-stage-not-runtime'))).toBe(true);
  });

  it('level 2: two stages built on one base, both copied into the last stage', () => {
    const all = drills(2);
    for (const drill of all) {
      const analysis = analyze(drill.dockerfile, { rules: false });
      const last = analysis.stages[analysis.stages.length - 1]!;
      // Distinct stages: a Node runtime copies dist and node_modules from the same one.
      const copied = [
        ...new Set(analysis.edges.flatMap((e) => (e.stage === last.index && e.kind === 'copy-from' && e.target.kind === 'stage' ? [e.target.index] : []))),
      ];
      expect(copied).toHaveLength(2);
      const bases = copied.map((i) => JSON.stringify(analysis.stages[i]!.base));
      expect(bases[0]).toBe(bases[1]);
      expect(JSON.parse(bases[0]!)).toMatchObject({ kind: 'stage' });
    }
    expect(all.some((d) => d.shapes.includes('unused-stage'))).toBe(true);
  });

  it('level 3: a global ARG picks the stage the last one is built FROM, by default and with --build-arg', () => {
    for (const drill of drills(3)) {
      const arg = drill.variantArg!;
      expect(drill.dockerfile).toContain(`ARG ${arg.name}=${arg.default}`);
      for (const [value, buildArgs] of [
        [arg.default, {}],
        [arg.others[0]!, { [arg.name]: arg.others[0]! }],
      ] as const) {
        const analysis = analyze(drill.dockerfile, { buildArgs, rules: false });
        const last = analysis.stages[analysis.stages.length - 1]!;
        expect(last.base.kind).toBe('stage');
        const base = analysis.stages[(last.base as { index: number }).index]!;
        expect(base.name?.endsWith(`-${value}`), drill.dockerfile).toBe(true);
      }
    }
  });

  it('level 4: duplicate stage names, a COPY --from a later stage that the default build skips, unused stages', () => {
    const all = drills(4);
    let duplicates = 0;
    let forwards = 0;
    for (const drill of all) {
      const analysis = analyze(drill.dockerfile, { rules: false });
      const names = analysis.stages.map((s) => s.name);
      const duplicated = names.some((n, i) => names.indexOf(n) !== i);
      const forward = analysis.diagnostics.some((d) => d.id === 'copy-from-later-stage-not-built');
      expect(duplicated).toBe(drill.shapes.includes('duplicate-name'));
      expect(forward).toBe(drill.shapes.includes('forward-reference'));
      expect(duplicated || forward).toBe(true);
      if (duplicated) duplicates++;
      if (forward) forwards++;
      // Some stages are built by no default build: the forward reference's, the debug stage, a test.
      expect(analysis.plan.stages.length).toBeLessThan(analysis.stages.length);
    }
    expect(duplicates).toBeGreaterThan(10);
    expect(forwards).toBeGreaterThan(10);
  });
});
