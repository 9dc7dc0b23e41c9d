// The workbench proper, loaded by <dockerfile-workbench> (workbench.ts) when the exercise
// nears the viewport. It replaces the starter's code block with the editor and keeps every
// panel in step with the learner's text: the diagnostics (in the editor and as a list), the
// goals, the stage graph of the selected target, builder and Docker release, the final image,
// the hints. Saving and restoring the learner's text is workbench-persistence.ts's.
//
// Every text it writes is set with textContent or built as DOM nodes; learner text and
// stage names never go through an HTML parser.
import type { Exercise, GoalResult } from '../../lib/exercises/types.ts';
import { completedOn } from '../../lib/progress/exercise-progress.ts';
import { $progress, $progressSaved } from '../../lib/progress/store.ts';
import { dockerfileChangeEvent } from '../../lib/runner-ui/dockerfile-change.ts';
import { stageDiagramTree } from '../../lib/stage-diagram.ts';
import { countProblems, SEVERITY_WORDS, sentence, type EditorDiagnostic } from '../../lib/workbench/diagnostics.ts';
import { createEditor, type DockerfileEditor } from '../../lib/workbench/editor.ts';
import { analyseText, tooLongMessage, type Analysed } from '../../lib/workbench/analysed-text.ts';
import { prewarmAnalyzer } from '../../lib/workbench/prewarm.ts';
import { createRefreshScheduler } from '../../lib/workbench/refresh-scheduler.ts';
import { DEFAULT_SELECTION, goalChanges, goalStateText, goalTally, snapshot, type Selection, type Snapshot } from '../../lib/workbench/state.ts';
import { inlineNodes, setInlineText } from '../../lib/workbench/inline-text.ts';
import { mountHintPanel, type HintPanel } from './hint-panel.ts';
import { describeCopy, summaryRows } from '../../lib/workbench/summary.ts';
import { svgNode } from '../../lib/workbench/svg-dom.ts';
import { fitGraph } from '../../lib/workbench/graph-fit.ts';
import { element, part } from '../../lib/dom-parts.ts';
import { showTargetChoices } from '../../lib/target-chooser.ts';
import { mountPersistence } from './workbench-persistence.ts';
import { engineOf } from '../../lib/workbench/engines.ts';

/** The problems list shows at most this many; the editor marks them all. */
const MAX_LISTED_PROBLEMS = 50;

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });

interface Parts {
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

function findParts(root: HTMLElement): Parts {
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

/** Asks for confirmation in the workbench's modal <dialog>; focus returns to `opener`. */
function confirmAction(parts: Parts, opener: HTMLElement, copy: { title: string; text: string; confirm: string }): Promise<boolean> {
  const { dialog } = parts;
  if (typeof dialog.showModal !== 'function') return Promise.resolve(window.confirm(`${copy.title}\n\n${copy.text}`));
  parts.dialogTitle.textContent = copy.title;
  parts.dialogText.textContent = copy.text;
  parts.dialogConfirm.textContent = copy.confirm;
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener(
      'close',
      () => {
        const confirmed = dialog.returnValue === 'confirm';
        if (!confirmed) opener.focus();
        resolve(confirmed);
      },
      { once: true },
    );
    dialog.showModal();
  });
}

export function mountWorkbench(root: HTMLElement, exercise: Exercise): void {
  const parts = findParts(root);
  const id = exercise.id;

  let selection: Selection = { ...DEFAULT_SELECTION };
  let previousGoals: GoalResult[] | null = null;
  let hints: HintPanel | null = null;
  let current: Snapshot | null = null;

  // ---------- status line ----------
  const renderStatus = (snap: Snapshot | null = current): void => {
    const completed = completedOn($progress.get(), id);
    const sentences: string[] = [];
    if (completed) {
      sentences.push(`You completed this exercise on ${dateFormat.format(new Date(completed))}.`);
      if (snap && !snap.evaluation.complete) sentences.push('Your current Dockerfile does not meet every goal.');
    }
    sentences.push(...persistence.sentences());
    if (!$progressSaved.get()) sentences.push('This browser did not let the site save your progress, so it lasts only while this page is open.');
    parts.status.textContent = sentences.join(' ');
    root.dataset['complete'] = String(Boolean(completed));
  };

  // ---------- rendering ----------
  const announce = (messages: string[]): void => {
    if (messages.length === 0) return;
    parts.announcer.textContent = '';
    // A fresh text node in a live region, so a repeated sentence is announced again.
    requestAnimationFrame(() => {
      parts.announcer.textContent = messages.join(' ');
    });
  };

  // Each panel is rebuilt only when what it shows changed (typing inside a RUN line
  // changes none of them); the problems' positions are looked up when one is clicked.
  let shownProblems = '';
  let listedProblems: readonly EditorDiagnostic[] = [];
  let shownGraph = '';
  let shownImage = '';

  const renderProblems = (diagnostics: readonly EditorDiagnostic[]): void => {
    listedProblems = diagnostics;
    const key = JSON.stringify(diagnostics.map((d) => [d.severity, d.line, d.message, d.hint]));
    if (key === shownProblems) return;
    shownProblems = key;
    parts.problemCount.textContent = `(${countProblems(diagnostics)})`;
    const items = diagnostics.slice(0, MAX_LISTED_PROBLEMS).map((d, index) => {
      const li = element('li', `workbench__problem workbench__problem--${d.severity}`);
      const button = element('button', 'workbench__problem-button');
      button.type = 'button';
      const severity = element('span', `severity severity--${d.severity}`, SEVERITY_WORDS[d.severity]);
      const where = element('span', 'workbench__problem-line', `Line ${d.line}`);
      const message = element('span', 'workbench__problem-message');
      message.append(...inlineNodes(document, sentence(d.message)));
      button.append(severity, ' ', where, ': ', message);
      button.addEventListener('click', () => {
        const now = listedProblems[index] ?? d;
        editor.reveal(now.from, now.to);
      });
      li.append(button);
      if (d.hint) {
        const hint = element('p', 'workbench__problem-hint', 'Hint: ');
        hint.append(...inlineNodes(document, sentence(d.hint)));
        li.append(hint);
      }
      return li;
    });
    if (diagnostics.length > MAX_LISTED_PROBLEMS) items.push(element('li', 'workbench__problem', `…and ${diagnostics.length - MAX_LISTED_PROBLEMS} more, marked in the editor.`));
    parts.problems.replaceChildren(...items);
  };

  const renderGoals = (goals: GoalResult[]): void => {
    for (const item of parts.goalItems) {
      const goal = goals.find((g) => g.id === item.dataset['goal']);
      if (!goal) continue;
      item.dataset['state'] = goal.passed ? 'passed' : 'failing';
      const mark = item.querySelector<HTMLElement>('[data-goal-mark]');
      const state = item.querySelector<HTMLElement>('[data-goal-state]');
      const detail = item.querySelector<HTMLElement>('[data-goal-detail]');
      if (mark) mark.textContent = goal.passed ? '✓' : '✗';
      if (state) state.textContent = goalStateText(goal);
      if (detail) {
        setInlineText(detail, goal.passed ? '' : goal.detail);
        detail.hidden = goal.passed || goal.detail === '';
      }
    }
  };

  const renderGraph = (snap: Snapshot): void => {
    const { diagram } = snap;
    const key = JSON.stringify(diagram);
    if (key === shownGraph) return;
    shownGraph = key;
    const svg = svgNode(stageDiagramTree(diagram, `wb-${id}`));
    fitGraph(svg, diagram.width);
    parts.graph.replaceChildren(svg);
    parts.graphSummary.textContent = diagram.summary;
    parts.graphFailure.hidden = diagram.failure === null;
    parts.graphFailureText.textContent = diagram.failure ?? '';
  };

  const renderImage = (snap: Snapshot): void => {
    const summary = summaryRows(snap.image);
    const copies = snap.image.status === 'ok' ? snap.image.copies : [];
    const key = JSON.stringify([summary, copies.map(describeCopy)]);
    if (key === shownImage) return;
    shownImage = key;
    parts.summary.replaceChildren(...summary.flatMap((row) => [element('dt', '', row.term), element('dd', '', row.detail)]));
    parts.copies.replaceChildren(
      ...(copies.length > 0
        ? copies.map((copy) => element('li', '', describeCopy(copy)))
        : [element('li', 'workbench__none', snap.image.status === 'ok' ? 'Nothing: this image copies no files out of other stages or images.' : 'Nothing: there is no final image.')]),
    );
  };

  // ---------- the refresh pipeline (src/lib/workbench/refresh-scheduler.ts) ----------
  // In the frame after a keystroke: one analysis of the text, its diagnostics and colours
  // into the editor. When the browser is idle: everything else, from that same analysis.
  let analysed: Analysed = analyseText(exercise, '', selection);

  const showDiagnostics = (): void => {
    performance.mark('workbench:diagnostics-start');
    analysed = analyseText(exercise, editor.text(), selection);
    if (analysed.analysis) editor.showAnalysis(analysed.text, analysed.analysis, analysed.diagnostics);
    else editor.showDiagnostics([]);
    performance.measure('workbench:diagnostics', 'workbench:diagnostics-start');
  };

  const renderPanels = (): void => {
    performance.mark('workbench:update-start');
    const { text, analysis } = analysed;
    // The stage runner (if the exercise has one) runs the learner's current text.
    root.dispatchEvent(dockerfileChangeEvent(text));
    if (!analysis) {
      // Too long to analyse: nothing is checked, so no goal passes (and nothing completes).
      current = null;
      renderProblems([]);
      parts.problemCount.textContent = '(not analysed)';
      parts.problems.replaceChildren(element('li', 'workbench__problem', tooLongMessage(text.length)));
      shownProblems = '';
      const unchecked = exercise.goals.map((goal) => ({ id: goal.id, statement: goal.statement, passed: false, detail: tooLongMessage(text.length), hints: goal.hints }));
      renderGoals(unchecked);
      parts.goalTally.textContent = 'Goals not checked.';
      previousGoals = null;
      renderStatus(null);
      return;
    }
    const snap = snapshot(exercise, text, selection, undefined, analysis);
    current = snap;
    renderProblems(snap.diagnostics);
    renderGoals(snap.evaluation.goals);
    parts.goalTally.textContent = `${goalTally(snap.evaluation)}.`;
    hints?.update(snap.evaluation.goals);
    if (parts.next) parts.next.hidden = !snap.evaluation.complete;
    announce(goalChanges(previousGoals, snap.evaluation));
    previousGoals = snap.evaluation.goals;
    showTargetChoices(parts.target, snap.targets, selection.target);
    renderGraph(snap);
    renderImage(snap);
    if (snap.evaluation.complete && completedOn($progress.get(), id) === null) persistence.completed();
    renderStatus(snap);
    performance.measure('workbench:update', 'workbench:update-start');
  };

  const scheduler = createRefreshScheduler({ diagnostics: showDiagnostics, panels: renderPanels });
  /** The analyzer's warm-up while the page is idle (prewarm.ts), until the first edit. */
  let warmUp: { stop(): void } | null = null;
  /** Everything now: a control changed, and the learner waits for its answer. */
  const refresh = (): void => scheduler.now();

  // ---------- saving, and the editor ----------
  // eslint-disable-next-line prefer-const -- the persistence host reaches the editor made after it.
  let editor: DockerfileEditor;
  const persistence = mountPersistence({
    exercise,
    before: parts.editorBox,
    text: () => editor.text(),
    replaceText: (text) => editor.replaceText(text),
    focus: () => editor.focus(),
    changed: () => renderStatus(),
    announce: (message) => announce([message]),
  });
  editor = createEditor({
    parent: parts.editorBox,
    text: persistence.startText,
    label: 'Dockerfile editor',
    description: parts.help.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    onChange: () => {
      warmUp?.stop();
      scheduler.changed();
      persistence.edited();
    },
  });

  // ---------- controls ----------
  // The target, builder and Docker pickers: one handler reads all three.
  const picked = (radios: HTMLInputElement[]): string | undefined => radios.find((radio) => radio.checked)?.value;
  parts.controls.addEventListener('change', () => {
    selection = { target: parts.target.value, builder: picked(parts.builders) === 'classic' ? 'classic' : 'buildkit', engine: engineOf(picked(parts.engines)) };
    refresh();
  });

  parts.reset.addEventListener('click', async () => {
    const confirmed = await confirmAction(parts, parts.reset, {
      title: 'Reset to the starter?',
      text: 'The editor gets the starter Dockerfile back, and your changes are replaced. You can still undo this in the editor with Ctrl+Z (⌘+Z on a Mac).',
      confirm: 'Reset',
    });
    if (!confirmed) return;
    editor.replaceText(exercise.starter);
    refresh();
    persistence.saveNow();
    announce(['The editor holds the starter Dockerfile again.']);
    editor.focus();
  });

  // With JavaScript the solution waits behind "Show solution", next to the editor.
  parts.editorArea.append(parts.solution);
  parts.solution.hidden = true;
  parts.showSolution.addEventListener('click', async () => {
    const confirmed = await confirmAction(parts, parts.showSolution, {
      title: 'Show the solution?',
      text: 'You learn more by trying the hints first. The solution appears under the editor; your Dockerfile stays as it is.',
      confirm: 'Show solution',
    });
    if (!confirmed) return;
    parts.solution.hidden = false;
    parts.solution.open = true;
    parts.showSolution.hidden = true;
    parts.solution.querySelector('summary')?.focus();
  });

  // Hints: the failing goals' own ladders, first failing first (hint-panel.ts).
  const { hintGroups, hintProgress, hintNext } = parts;
  if (hintGroups && hintProgress && hintNext) hints = mountHintPanel({ groups: hintGroups, progress: hintProgress, next: hintNext }, exercise);

  $progress.listen(() => renderStatus());
  $progressSaved.listen(() => renderStatus());

  // ---------- switch from the static exercise to the workbench ----------
  // A keyboard user may be inside the static starter (its code block scrolls, so it takes
  // focus) when the editor arrives; hiding it would drop focus to the page's start. Their
  // place moves to the editor that replaces it.
  const focusWasInStatic = parts.statics.some((node) => node.contains(document.activeElement));
  for (const node of parts.statics) node.hidden = true;
  for (const node of parts.jsOnly) node.hidden = false;
  if (focusWasInStatic) editor.focus();
  refresh();
  warmUp = prewarmAnalyzer();
}
