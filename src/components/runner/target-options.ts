// Keeps the runner's target chooser in step with the learner's Dockerfile. A chunk of its
// own, imported by <stage-runner> when the workbench reports a change: it needs the
// analyzer, which the workbench has loaded by then (a shared chunk, fetched once).
import { analyze } from '../../analyzer/index.ts';
import { keptChoice, runTargets } from '../../lib/runner-ui/targets.ts';
import { showTargetChoices } from '../../lib/dom-parts.ts';

/** Replaces the options when the stages changed; keeps the learner's choice while it exists. */
export function renderTargetOptions(select: HTMLSelectElement, text: string): void {
  const targets = runTargets(analyze(text));
  showTargetChoices(select, targets, keptChoice(targets, select.value));
}
