// The runner's target chooser: the stages of the learner's current Dockerfile that
// `docker build --target` accepts (named ones), after "the last stage" (no --target).
// Labels are shown as text; a stage name can be anything the learner typed.
import type { Analysis } from '../../analyzer/model.ts';

export interface RunTarget {
  /** The runner's `target` ('' = the default, the last stage). */
  value: string;
  label: string;
}

export function runTargets(analysis: Pick<Analysis, 'stages'>): RunTarget[] {
  const { stages } = analysis;
  const last = stages[stages.length - 1];
  const lastName = last ? (last.nameAsWritten ?? `stage ${last.index}`) : null;
  const targets: RunTarget[] = [{ value: '', label: lastName ? `The last stage (${lastName})` : 'The last stage' }];
  const seen = new Set<string>();
  for (const stage of stages) {
    if (stage.name === null || seen.has(stage.name)) continue;
    seen.add(stage.name);
    targets.push({ value: stage.name, label: stage.nameAsWritten ?? stage.name });
  }
  return targets;
}

/** The choice to keep selected after the list changed: the same value if it is still there, else the default. */
export function keptChoice(targets: readonly RunTarget[], previous: string): string {
  return targets.some((target) => target.value === previous) ? previous : '';
}
