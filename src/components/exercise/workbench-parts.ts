// The parts of the server-rendered exercise (Workbench.astro) the workbench drives, found
// once. A missing required part throws MissingPart and the exercise stays static; the hint
// ladder and the "next" link are optional (not every exercise has them).
import { part } from '../../lib/dom-parts.ts';

export interface Parts {
  status: HTMLElement;
  statics: HTMLElement[];
  jsOnly: HTMLElement[];
  editorArea: HTMLElement;
  editorBox: HTMLElement;
  help: HTMLElement;
  reset: HTMLButtonElement;
  showSolution: HTMLButtonElement;
  problems: HTMLElement;
  problemCount: HTMLElement;
  goalTally: HTMLElement;
  goalItems: HTMLElement[];
  announcer: HTMLElement;
  controls: HTMLElement;
  target: HTMLSelectElement;
  builders: HTMLInputElement[];
  engines: HTMLInputElement[];
  graph: HTMLElement;
  graphSummary: HTMLElement;
  graphFailure: HTMLElement;
  graphFailureText: HTMLElement;
  summary: HTMLElement;
  copies: HTMLElement;
  hintGroups: HTMLElement | null;
  hintProgress: HTMLElement | null;
  hintNext: HTMLButtonElement | null;
  next: HTMLElement | null;
  solution: HTMLDetailsElement;
  dialog: HTMLDialogElement;
  dialogTitle: HTMLElement;
  dialogText: HTMLElement;
  dialogConfirm: HTMLButtonElement;
}

export function findParts(root: HTMLElement): Parts {
  return {
    status: part(root, '[data-status]'),
    statics: [...root.querySelectorAll<HTMLElement>('[data-static]')],
    jsOnly: [...root.querySelectorAll<HTMLElement>('[data-js-only]')],
    editorArea: part(root, '.workbench__editor-area'),
    editorBox: part(root, '[data-editor]'),
    help: part(root, '.workbench__help'),
    reset: part(root, '[data-reset]'),
    showSolution: part(root, '[data-show-solution]'),
    problems: part(root, '[data-problems]'),
    problemCount: part(root, '[data-problem-count]'),
    goalTally: part(root, '[data-goal-tally]'),
    goalItems: [...root.querySelectorAll<HTMLElement>('[data-goals] > li')],
    announcer: part(root, '[data-announcer]'),
    controls: part(root, '.workbench__controls'),
    target: part(root, '[data-target]'),
    builders: [...root.querySelectorAll<HTMLInputElement>('.workbench__builder input[type="radio"]')],
    engines: [...root.querySelectorAll<HTMLInputElement>('.workbench__engine input[type="radio"]')],
    graph: part(root, '[data-graph]'),
    graphSummary: part(root, '[data-graph-summary]'),
    graphFailure: part(root, '[data-graph-failure]'),
    graphFailureText: part(root, '[data-graph-failure-text]'),
    summary: part(root, '[data-summary]'),
    copies: part(root, '[data-copies]'),
    hintGroups: root.querySelector('[data-hint-groups]'),
    hintProgress: root.querySelector('[data-hint-progress]'),
    hintNext: root.querySelector('[data-hint-next]'),
    next: root.querySelector('[data-next]'),
    solution: part(root, '[data-solution]'),
    dialog: part(root, '[data-dialog]'),
    dialogTitle: part(root, '[data-dialog-title]'),
    dialogText: part(root, '[data-dialog-text]'),
    dialogConfirm: part(root, '[data-dialog-confirm]'),
  };
}
