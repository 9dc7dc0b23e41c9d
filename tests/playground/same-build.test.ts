// src/lib/playground/same-build.ts: the playground analyses again only when the build asked for changed.
import { describe, expect, it } from 'vitest';
import type { Selection } from '../../src/lib/playground/report.ts';
import { sameBuild } from '../../src/lib/playground/same-build.ts';

const base: Selection = { target: 'prod', builder: 'buildkit', engine: '28.5', buildArgs: { A: '1' } };

describe('sameBuild', () => {
  it('is true for equal selections, build arguments compared by value', () => {
    expect(sameBuild(base, { ...base, buildArgs: { A: '1' } })).toBe(true);
  });

  it('is false when the target, builder, engine or a build argument differs', () => {
    expect(sameBuild(base, { ...base, target: '' })).toBe(false);
    expect(sameBuild(base, { ...base, builder: 'classic' })).toBe(false);
    expect(sameBuild(base, { ...base, engine: '26.1' })).toBe(false);
    expect(sameBuild(base, { ...base, buildArgs: { A: '2' } })).toBe(false);
  });
});
