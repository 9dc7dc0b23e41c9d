// Keeps the runner's target chooser in step with the learner's Dockerfile. A chunk of its
// own, imported by <stage-runner> when the workbench reports a change: it needs the
// analyzer, which the workbench has loaded by then (a shared chunk, fetched once).
import { analyze } from '../../analyzer/index.ts';
import { keptChoice, runTargets } from '../../lib/runner-ui/targets.ts';
import { showTargetChoices } from '../../lib/dom-parts.ts';
import { MAX_DOCKERFILE_BYTES } from '../../lib/playground/text-check.ts';

/**
 * Replaces the options when the stages changed; keeps the learner's choice while it exists.
 * A text over the workbench's limit is not analysed here either (it once cost a 0.4–0.9 s
 * task per change): the chooser keeps the options it had, and the workbench says why.
 */
export function renderTargetOptions(select: HTMLSelectElement, text: string): void {
  if (text.length > MAX_DOCKERFILE_BYTES) return;
  const targets = runTargets(analyze(text));
  showTargetChoices(select, targets, keptChoice(targets, select.value));
}
