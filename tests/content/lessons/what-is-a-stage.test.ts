// What content/lessons/what-is-a-stage.mdx says about its Dockerfile (the block "go-build"):
// two stages, the last one built by default, copying only from the first, which it can also
// name by index.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/index.ts';
import { lessonDockerfile } from '../../support/lesson-dockerfiles.ts';

const goBuild = lessonDockerfile('what-is-a-stage', 'go-build');

describe('what-is-a-stage', () => {
  it('shows two stages: a named build stage and an unnamed final one on alpine', () => {
    const a = analyze(goBuild.text);
    expect(a.stages.map((s) => [s.name, s.base])).toEqual([
      ['build', { kind: 'image', ref: 'golang:1.23' }],
      [null, { kind: 'image', ref: 'alpine:3.20' }],
    ]);
  });

  it('builds the last stage by default, which copies only from build', () => {
    const a = analyze(goBuild.text);
    expect(a.target.index).toBe(1);
    expect(a.edges.filter((e) => e.kind === 'copy-from').map((e) => [e.stage, e.target])).toEqual([[1, { kind: 'stage', index: 0 }]]);
    expect(a.plan.stages).toEqual([0, 1]);
  });

  it('can name the build stage by index, --from=0, as the lesson says', () => {
    const byIndex = goBuild.text.replace('--from=build', '--from=0');
    expect(byIndex).not.toBe(goBuild.text);
    expect(analyze(byIndex).edges.find((e) => e.kind === 'copy-from')!.target).toEqual({ kind: 'stage', index: 0 });
  });
});
