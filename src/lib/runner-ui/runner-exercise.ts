// Which exercises get the stage runner ("Run in your browser"): those whose solution builds
// only on Node images. WebContainer runs Node.js and npm, not apt-get, Go or Python, so a
// Dockerfile on other images would show little but skipped steps. Decided at build time
// (Workbench.astro) from the solution's analysis; src/security-headers.ts lists the
// lessons that embed these exercises (ISOLATED_PATHS), checked by tests/runner-ui/runner-pages.test.ts.
import { analyze } from '../../analyzer/index.ts';
// What the runner itself counts as a Node image (it skips the steps of other stages).
import { isNodeImage } from '../../runner/plan-from-analysis.ts';
import type { Exercise } from '../../exercises/types.ts';

/** True when the Dockerfile has stages and each one builds on a Node image (directly or through its base stage). */
export function runsOnNodeImages(dockerfile: string): boolean {
  const { stages } = analyze(dockerfile);
  if (stages.length === 0) return false;
  const onNode = (index: number, seen: Set<number>): boolean => {
    const stage = stages[index];
    if (!stage || seen.has(index)) return false;
    seen.add(index);
    const { base } = stage;
    if (base.kind === 'image') return isNodeImage(base.ref);
    if (base.kind === 'stage') return onNode(base.index, seen);
    return false;
  };
  return stages.every((stage) => onNode(stage.index, new Set()));
}

export function exerciseHasRunner(exercise: Pick<Exercise, 'solution'>): boolean {
  return runsOnNodeImages(exercise.solution);
}
