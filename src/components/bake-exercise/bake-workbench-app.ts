// The bake exercise's workbench, loaded by <bake-workbench> when the exercise nears the viewport:
// a docker-bake.hcl editor (src/lib/workbench/hcl-editor.ts) checked as the learner types by the
// bake goal engine (src/exercises/bake/goals.ts), with the problems, the goals, the hints and
// what each command the goals name builds. Saving and restoring the text, the goal lists and the
// hint ladder are the Dockerfile workbench's own (src/components/exercise/).
import { evaluateBakeGoals, MAX_BAKE_TEXT, type BakeEvaluation, type BakeRun } from '../../exercises/bake/goals.ts';
import type { BakeExercise } from '../../exercises/bake/types.ts';
import type { GoalResult } from '../../exercises/types.ts';
import { element, part } from '../../lib/dom-parts.ts';
import { completedOn } from '../../lib/progress/exercise-progress.ts';
import { $progress, $progressSaved } from '../../lib/progress/progress-store-with-exercises.ts';
import { toEditorDiagnostics } from '../../lib/workbench/diagnostics.ts';
import { createHclEditor, type HclEditor } from '../../lib/workbench/hcl-editor.ts';
import { goalChanges, goalTally } from '../../lib/workbench/state.ts';
import { statusSentences } from '../../lib/workbench/status-sentences.ts';
import { drawGoals, problemList } from '../exercise/check-lists.ts';
import { wireReset, wireSolution } from '../exercise/confirm-dialog.ts';
import { mountHintPanel } from '../exercise/hint-panel.ts';
import { mountPersistence } from '../exercise/workbench-persistence.ts';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });
const NOUN = 'bake file';

const tooLong = (length: number) =>
  `This bake file is ${length.toLocaleString('en')} characters, over the ${MAX_BAKE_TEXT.toLocaleString('en')} this exercise checks, so nothing is checked. Your text is kept; shorten it to check it.`;

/** One command's line in "What bake builds": its targets, the stages each runs and what it leaves. */
function runItem(run: BakeRun): HTMLElement {
  const box = element('div', 'bake-run');
  const command = element('p', 'bake-run__command');
  command.append(element('code', '', run.command));
  box.append(command);
  if (run.failure !== null) {
    box.append(element('p', 'bake-run__failure', `Fails: ${run.failure}.`));
    return box;
  }
  const list = element('ul', 'bake-run__targets');
  for (const target of run.targets) {
    const image = !target.exportsImage ? 'no image (type=cacheonly)' : target.tags.length > 0 ? `image ${target.tags.join(', ')}` : 'an image with no tag';
    const item = element('li', '');
    item.append(element('code', '', target.name), ` builds stage ${target.stage ?? '?'}: runs ${target.stages.join(', ')}; ${image}.`);
    list.append(item);
  }
  box.append(list);
  return box;
}

export function mountBakeWorkbench(root: HTMLElement, exercise: BakeExercise): void {
  const find = <T extends HTMLElement>(selector: string) => part<T>(root, selector);
  const parts = {
    status: find('[data-status]'),
    editorBox: find('[data-editor]'),
    help: find('.workbench__help'),
    reset: find<HTMLButtonElement>('[data-reset]'),
    showSolution: find<HTMLButtonElement>('[data-show-solution]'),
    editorArea: find('.workbench__editor-area'),
    goalTally: find('[data-goal-tally]'),
    announcer: find('[data-announcer]'),
    runs: find('[data-runs]'),
    solution: find<HTMLDetailsElement>('[data-solution]'),
    dialog: find<HTMLDialogElement>('[data-dialog]'),
    dialogTitle: find('[data-dialog-title]'),
    dialogText: find('[data-dialog-text]'),
    dialogConfirm: find<HTMLButtonElement>('[data-dialog-confirm]'),
  };
  const goalItems = [...root.querySelectorAll<HTMLElement>('[data-goals] > li')];
  const problems = problemList(find('[data-problems]'), find('[data-problem-count]'), (from, to) => editor.reveal(from, to));
  const hintGroups = root.querySelector<HTMLElement>('[data-hint-groups]');
  const hintProgress = root.querySelector<HTMLElement>('[data-hint-progress]');
  const hintNext = root.querySelector<HTMLButtonElement>('[data-hint-next]');
  const hints = hintGroups && hintProgress && hintNext ? mountHintPanel({ groups: hintGroups, progress: hintProgress, next: hintNext }, exercise) : null;

  let previousGoals: GoalResult[] | null = null;
  let meetsGoals: boolean | null = null;
  let shownRuns = '';

  const announce = (messages: string[]): void => {
    if (messages.length === 0) return;
    parts.announcer.textContent = '';
    requestAnimationFrame(() => (parts.announcer.textContent = messages.join(' ')));
  };

  const renderStatus = (): void => {
    const completed = completedOn($progress.get(), exercise.id);
    const facts = { completed, meetsGoals, saving: persistence.sentences(), progressSaved: $progressSaved.get(), noun: NOUN };
    parts.status.textContent = statusSentences(facts, (date) => dateFormat.format(date)).join(' ');
    root.dataset['complete'] = String(Boolean(completed));
  };

  const showRuns = (runs: readonly BakeRun[]): void => {
    const key = JSON.stringify(runs);
    if (key === shownRuns) return;
    shownRuns = key;
    parts.runs.replaceChildren(...runs.map(runItem));
  };

  /** Too long to check: nothing passes, and the reason is said at once. */
  const showUnchecked = (length: number): void => {
    editor.showDiagnostics([]);
    problems.notChecked(tooLong(length));
    drawGoals(
      goalItems,
      exercise.goals.map((goal) => ({ id: goal.id, statement: goal.statement, passed: false, detail: tooLong(length), hints: goal.hints })),
    );
    parts.goalTally.textContent = 'Goals not checked.';
    showRuns([]);
    previousGoals = null;
    meetsGoals = null;
  };

  const showEvaluation = (text: string, evaluation: BakeEvaluation): void => {
    const diagnostics = toEditorDiagnostics(evaluation.diagnostics, text.length, text);
    editor.showDiagnostics(diagnostics);
    problems.show(diagnostics);
    drawGoals(goalItems, evaluation.goals);
    parts.goalTally.textContent = `${goalTally(evaluation)}.`;
    hints?.update(evaluation.goals);
    showRuns(evaluation.runs);
    announce(goalChanges(previousGoals, evaluation));
    previousGoals = evaluation.goals;
    meetsGoals = evaluation.complete;
    if (evaluation.complete && completedOn($progress.get(), exercise.id) === null) persistence.completed();
  };

  // One check per frame at most: a burst of keystrokes (or a paste) is checked once, after it.
  let frame = 0;
  const check = (): void => {
    frame = 0;
    const text = editor.text();
    if (text.length > MAX_BAKE_TEXT) showUnchecked(text.length);
    else showEvaluation(text, evaluateBakeGoals(exercise, text));
    renderStatus();
  };
  const schedule = (): void => {
    if (frame === 0) frame = requestAnimationFrame(check);
  };

  // eslint-disable-next-line prefer-const -- the persistence host reaches the editor made after it.
  let editor: HclEditor;
  const persistence = mountPersistence({
    exercise,
    noun: NOUN,
    before: parts.editorBox,
    text: () => editor.text(),
    replaceText: (text) => editor.replaceText(text),
    focus: () => editor.focus(),
    changed: () => renderStatus(),
    announce: (message) => announce([message]),
  });
  editor = createHclEditor({
    parent: parts.editorBox,
    text: persistence.startText,
    label: `${exercise.file} editor`,
    description: parts.help.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    onChange: () => {
      persistence.edited();
      schedule();
    },
  });

  wireReset(parts, NOUN, () => {
    editor.replaceText(exercise.starter);
    persistence.saveNow();
    announce([`The editor holds the starter ${NOUN} again.`]);
    editor.focus();
  });

  wireSolution(parts, NOUN);

  $progress.listen(() => renderStatus());
  $progressSaved.listen(() => renderStatus());

  const statics = [...root.querySelectorAll<HTMLElement>('[data-static]')];
  const focusWasInStatic = statics.some((node) => node.contains(document.activeElement));
  for (const node of statics) node.hidden = true;
  for (const node of root.querySelectorAll<HTMLElement>('[data-js-only]')) node.hidden = false;
  if (focusWasInStatic) editor.focus();
  check();
}
