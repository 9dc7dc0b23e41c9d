// Every Dockerfile a lesson shows is analyzed: it builds on both builders unless its block says
// expect-error. What each lesson says about its Dockerfiles is in tests/content/lessons/<slug>.test.ts.

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
