// What the stage runner's status line says about a run, and how it names the chosen target.
// Pure, so the sentences a learner reads after a build are tested alone
// (tests/runner-ui/run-sentences.test.ts); components/runner/runner-app.ts shows them.
import type { RunResult } from '../../runner/types.ts';

export type SentenceKind = 'info' | 'ok' | 'problem' | 'unavailable';

/** The chosen target for a sentence: `debug`, or `the last stage (debug)` for the default. */
export function chosenTargetLabel(optionLabel: string | null | undefined, value: string): string {
  const label = optionLabel ?? 'The last stage';
  return value === '' ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/** The status after a run ended: built (and whether its command still runs), failed and where, or stopped. */
export function finishedSentence(result: RunResult | null, error: string | null): { text: string; kind: SentenceKind } {
  if (!result) return { text: error === 'Stopped.' ? 'Stopped.' : `The run stopped: ${error ?? 'unknown error'}`, kind: 'problem' };
  if (!result.ok) {
    const failed = result.steps.find((step) => step.status === 'failed');
    return {
      text: failed
        ? `Building ${result.target} failed at line ${failed.line}: ${failed.reason ?? failed.text}`
        : `Building ${result.target} failed; the output says why.`,
      kind: 'problem',
    };
  }
  return {
    text: result.process ? `The ${result.target} image is built and its command is running.` : `The ${result.target} image is built; its command has ended.`,
    kind: 'ok',
  };
}

/** The compare button's label once two targets are built (the last two), or null before. */
export function compareLabel(done: readonly string[]): string | null {
  return done.length < 2 ? null : `Compare ${done[done.length - 2]} and ${done[done.length - 1]}`;
}
