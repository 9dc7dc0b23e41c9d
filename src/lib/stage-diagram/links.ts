// The first step of laying out a stage diagram: which stages need which (the arrows), how
// deep each stage sits in that graph (its column), and what the build does with each stage
// (the word in its box). Pure functions of an analysis, tested alone in
// tests/stage-diagram/stage-diagram-layout.test.ts.
import type { Analysis } from '../../analyzer/index.ts';
import type { StageLink, StageStatus } from './model.ts';

/**
 * The arrows between stages, once per (needed stage, needing stage, kind). References to
 * images or to names that resolve to nothing are not drawn, nor a stage's reference to itself.
 */
export function stageLinks(analysis: Pick<Analysis, 'edges'>): StageLink[] {
  const seen = new Set<string>();
  const links: StageLink[] = [];
  for (const edge of analysis.edges) {
    if (edge.target.kind !== 'stage' || edge.target.index === edge.stage) continue;
    const key = `${edge.target.index}>${edge.stage}:${edge.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    links.push({ from: edge.target.index, to: edge.stage, kind: edge.kind });
  }
  return links;
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

/** What the build does with each stage, in stage order. */
export function stageStatuses(analysis: Pick<Analysis, 'plan' | 'stages'>): StageStatus[] {
  const { plan, stages } = analysis;
  const ran = new Set(plan.stages);
  return stages.map((stage) => {
    if (!plan.fails) return ran.has(stage.index) ? 'runs' : 'skipped';
    if (plan.stoppedAt?.stage === stage.index) return 'fails';
    return plan.stoppedAt && ran.has(stage.index) ? 'runs' : 'not-run';
  });
}
