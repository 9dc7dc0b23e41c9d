// The workbench proper, loaded by <dockerfile-workbench> (workbench.ts) when the exercise
// nears the viewport. It replaces the starter's code block with the editor and keeps every
// panel in step with the learner's text: the diagnostics (in the editor and as a list), the
// goals, the stage graph of the selected target, builder and Docker release, the final image,
// the hints. This file holds the state (the selection, the last analysis, the goals as last
// announced) and the refresh pipeline, and wires the controls; drawing the panels is
// workbench-panels.ts's, saving and restoring the learner's text workbench-persistence.ts's,
// the status line's sentences src/lib/workbench/status-sentences.ts's.
import { evaluateGoals, type CacheGoalChecker } from '../../exercises/goal-engine.ts';
import type { Exercise, GoalResult } from '../../exercises/types.ts';
import type { BlankTools } from '../../lib/workbench/blank-diagnostics.ts';
import { completedOn } from '../../lib/progress/exercise-progress.ts';
import { $progress, $progressSaved } from '../../lib/progress/progress-store-with-exercises.ts';
import { dockerfileChangeEvent } from '../../lib/runner-ui/dockerfile-change.ts';
import { createEditor, type DockerfileEditor } from '../../lib/workbench/editor.ts';
import { analyseText, tooLongMessage, type Analysed } from '../../lib/workbench/analysed-text.ts';
import { prewarmAnalyzer } from '../../lib/workbench/prewarm.ts';
import { createRefreshScheduler } from '../../lib/workbench/refresh-scheduler.ts';
import { DEFAULT_SELECTION, goalChanges, goalTally, snapshot, type Selection, type Snapshot } from '../../lib/workbench/state.ts';
import { statusSentences } from '../../lib/workbench/status-sentences.ts';
import { mountHintPanel, type HintPanel } from './hint-panel.ts';
import { showTargetChoices } from '../../lib/dom-parts.ts';
import { wireReset, wireSolution } from './confirm-dialog.ts';
import { mountPersistence } from './workbench-persistence.ts';
import { workbenchPanels } from './workbench-panels.ts';
import { findParts } from './workbench-parts.ts';
import { engineOf } from '../../lib/workbench/engines.ts';
import { rebuildControl } from '../rebuild/rebuild-hosts.ts';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });

/** `checkCache`: the cache goals' checker, loaded by workbench.ts when the exercise has cache
 *  goals; `blanks`: a faded example's blanks' checker and editor marks, when it has blanks. */
export function mountWorkbench(root: HTMLElement, exercise: Exercise, checkCache: CacheGoalChecker | null, blanks: BlankTools | null = null): void {
  const evaluate = (goalsOf: Exercise, text: string) => evaluateGoals(goalsOf, text, checkCache, blanks?.checkNoBlanks ?? null);
  const marks = blanks?.marks ?? null;
  const parts = findParts(root);
  const id = exercise.id;
  const panels = workbenchPanels(parts, `wb-${id}`, (from, to) => editor.reveal(from, to));
  const { announce } = panels;

  let selection: Selection = { ...DEFAULT_SELECTION };
  let previousGoals: GoalResult[] | null = null;
  let hints: HintPanel | null = null;
  let current: Snapshot | null = null;

  // ---------- status line ----------
  const renderStatus = (snap: Snapshot | null = current): void => {
    const completed = completedOn($progress.get(), id);
    const facts = { completed, meetsGoals: snap ? snap.evaluation.complete : null, saving: persistence.sentences(), progressSaved: $progressSaved.get() };
    parts.status.textContent = statusSentences(facts, (date) => dateFormat.format(date)).join(' ');
    root.dataset['complete'] = String(Boolean(completed));
  };

  // ---------- the refresh pipeline (src/lib/workbench/refresh-scheduler.ts) ----------
  // In the frame after a keystroke: one analysis of the text, its diagnostics and colours
  // into the editor. When the browser is idle: everything else, from that same analysis.
  let analysed: Analysed = analyseText(exercise, '', selection, marks);

  const showDiagnostics = (): void => {
    const start = performance.now();
    analysed = analyseText(exercise, editor.text(), selection, marks);
    // The analysis alone (scripts/bench-browser.ts reads it: the first ones in a page are
    // cold). Timed from a number, not a mark: no entry piles up per keystroke but this one.
    performance.measure('workbench:analyse', { start });
    if (analysed.analysis) editor.showAnalysis(analysed.text, analysed.analysis, analysed.diagnostics);
    else {
      // Refused at once, with the reason (not when the browser is next idle).
      editor.showDiagnostics([]);
      renderUnchecked(analysed.text);
    }
  };

  /** Too long to analyse: nothing is checked, so no goal passes (and nothing completes). */
  const renderUnchecked = (text: string): void => {
    current = null;
    panels.notAnalysed(tooLongMessage(text.length));
    const unchecked = exercise.goals.map((goal) => ({
      id: goal.id,
      statement: goal.statement,
      passed: false,
      detail: tooLongMessage(text.length),
      hints: goal.hints,
    }));
    panels.goals(unchecked);
    parts.goalTally.textContent = 'Goals not checked.';
    rebuild?.pause(tooLongMessage(text.length));
    previousGoals = null;
    renderStatus(null);
  };

  // Steps (src/lib/workbench/refresh-scheduler.ts), so a long file's panels never block a
  // keystroke for long: the goals' analyses, then each panel. A keystroke drops the rest,
  // and with it the completion check (it is for the text the steps started from).
  const renderPanels = function* (): Generator<void, void, unknown> {
    const { text, analysis } = analysed;
    // The stage runner (if the exercise has one) runs the learner's current text.
    root.dispatchEvent(dockerfileChangeEvent(text, analysis !== null));
    if (!analysis) {
      renderUnchecked(text);
      return;
    }
    yield;
    const snap = snapshot(exercise, text, selection, evaluate, analysis);
    yield;
    current = snap;
    panels.problems(marks ? marks(text, snap.diagnostics) : snap.diagnostics);
    panels.goals(snap.evaluation.goals);
    parts.goalTally.textContent = `${goalTally(snap.evaluation)}.`;
    hints?.update(snap.evaluation.goals);
    if (parts.next) parts.next.hidden = !snap.evaluation.complete;
    announce(goalChanges(previousGoals, snap.evaluation));
    previousGoals = snap.evaluation.goals;
    showTargetChoices(parts.target, snap.targets, selection.target);
    yield;
    panels.graph(snap);
    yield;
    panels.image(snap);
    if (snap.evaluation.complete && completedOn($progress.get(), id) === null) persistence.completed();
    renderStatus(snap);
    rebuild?.refresh();
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

  // "What re-runs if I change…" (src/components/rebuild/), before the stage graph.
  const rebuild = rebuildControl({
    id: `wb-${id}`,
    view: editor.view,
    text: () => editor.text(),
    graph: parts.graph,
    before: parts.graph.closest('figure') ?? parts.graph,
    files: exercise.files,
    selection: () => selection,
  });

  // ---------- controls ----------
  // The target, builder and Docker pickers: one handler reads all three.
  const picked = (radios: HTMLInputElement[]): string | undefined => radios.find((radio) => radio.checked)?.value;
  parts.controls.addEventListener('change', () => {
    selection = { target: parts.target.value, builder: picked(parts.builders) === 'classic' ? 'classic' : 'buildkit', engine: engineOf(picked(parts.engines)) };
    refresh();
  });

  wireReset(parts, 'Dockerfile', () => {
    editor.replaceText(exercise.starter);
    refresh();
    persistence.saveNow();
    announce(['The editor holds the starter Dockerfile again.']);
    editor.focus();
  });

  wireSolution(parts, 'Dockerfile');

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
