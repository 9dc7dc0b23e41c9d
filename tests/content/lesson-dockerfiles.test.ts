// Every Dockerfile a lesson shows is analyzed, and what the lesson says about it holds.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { lessonDockerfiles } from '../support/lesson-dockerfiles.ts';

const blocks = lessonDockerfiles();

describe('Dockerfiles shown in lessons', () => {
  it('finds the lessons’ Dockerfiles', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  for (const block of blocks) {
    it(`${block.lesson} #${block.index} builds on both builders unless marked expect-error`, () => {
      // A StageDiagram's Dockerfile is checked with the target and build args it draws.
      const { target, buildArgs } = block.options;
      const errors = Object.fromEntries(
        (['buildkit', 'classic'] as const).map((builder) => [
          builder,
          analyze(block.text, { builder, target, buildArgs }).diagnostics.filter((d) => d.severity === 'error').map((e) => e.message),
        ]),
      );
      // expect-error: Docker refuses it on at least one builder (docs/lesson-authoring.md).
      if (/\bexpect-error\b/.test(block.meta)) expect(errors['buildkit']!.length + errors['classic']!.length, 'errors on either builder').toBeGreaterThan(0);
      else expect(errors).toEqual({ buildkit: [], classic: [] });
    });
  }
});

describe('what-is-a-stage', () => {
  const [goBuild] = blocks.filter((b) => b.lesson === 'what-is-a-stage');

  it('shows two stages: a named build stage and an unnamed final one on alpine', () => {
    const a = analyze(goBuild!.text);
    expect(a.stages.map((s) => [s.name, s.base])).toEqual([
      ['build', { kind: 'image', ref: 'golang:1.23' }],
      [null, { kind: 'image', ref: 'alpine:3.20' }],
    ]);
  });

  it('builds the last stage by default, which copies only from build', () => {
    const a = analyze(goBuild!.text);
    expect(a.target.index).toBe(1);
    expect(a.edges.filter((e) => e.kind === 'copy-from').map((e) => [e.stage, e.target])).toEqual([[1, { kind: 'stage', index: 0 }]]);
    expect(a.plan.stages).toEqual([0, 1]);
  });

  it('can name the build stage by index, --from=0, as the lesson says', () => {
    const byIndex = goBuild!.text.replace('--from=build', '--from=0');
    expect(analyze(byIndex).edges.find((e) => e.kind === 'copy-from')!.target).toEqual({ kind: 'stage', index: 0 });
  });
});
