// The parts of the server-rendered stage runner (StageRunner.astro) its panel drives, found
// once when the learner first presses Run.
import { part } from '../../lib/dom-parts.ts';

export function findParts(root: HTMLElement) {
  return {
    target: part<HTMLSelectElement>(root, '[data-runner-target]'),
    run: part<HTMLButtonElement>(root, '[data-runner-run]'),
    stop: part<HTMLButtonElement>(root, '[data-runner-stop]'),
    compare: part<HTMLButtonElement>(root, '[data-runner-compare]'),
    status: part<HTMLElement>(root, '[data-runner-status]'),
    stepsSection: part<HTMLElement>(root, '[data-runner-steps-section]'),
    stepsTitle: part<HTMLElement>(root, '[data-runner-steps-title]'),
    planError: part<HTMLElement>(root, '[data-runner-plan-error]'),
    steps: part<HTMLOListElement>(root, '[data-runner-steps]'),
    logSection: part<HTMLElement>(root, '[data-runner-log-section]'),
    log: part<HTMLPreElement>(root, '[data-runner-log]'),
    previewSection: part<HTMLElement>(root, '[data-runner-preview-section]'),
    preview: part<HTMLElement>(root, '[data-runner-preview]'),
    compareSection: part<HTMLElement>(root, '[data-runner-compare-section]'),
    compareTitle: part<HTMLElement>(root, '[data-runner-compare-title]'),
    comparison: part<HTMLElement>(root, '[data-runner-comparison]'),
  };
}

export type RunnerParts = ReturnType<typeof findParts>;
