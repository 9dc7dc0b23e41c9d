// The two lists every exercise's workbench keeps in step with the learner's text, whatever file
// it edits (the Dockerfile workbench, workbench-panels.ts; the bake workbench,
// src/components/bake-exercise/): the problems (each a button that selects its text in the editor,
// with its hint) and the goals (mark, state in words, and why a failing one fails). Each is
// redrawn only when what it shows changed. Text only: learner text never goes through an HTML parser.
import type { GoalResult } from '../../exercises/types.ts';
import { countProblems, SEVERITY_WORDS, sentence, type EditorDiagnostic } from '../../lib/workbench/diagnostics.ts';
import { inlineNodes, setInlineText } from '../../lib/workbench/inline-text.ts';
import { goalStateText } from '../../lib/workbench/state.ts';
import { element } from '../../lib/dom-parts.ts';

/** The problems list shows at most this many; the editor marks them all. */
const MAX_LISTED_PROBLEMS = 50;

export interface ProblemList {
  show(diagnostics: readonly EditorDiagnostic[]): void;
  /** Nothing was checked: the list says why instead. */
  notChecked(message: string): void;
}

/** `reveal` selects a problem's text in the editor when its button is pressed. */
export function problemList(list: HTMLElement, count: HTMLElement, reveal: (from: number, to: number) => void): ProblemList {
  let shown = '';
  // The problems' positions are looked up when one is clicked.
  let listed: readonly EditorDiagnostic[] = [];

  const item = (d: EditorDiagnostic, index: number): HTMLLIElement => {
    const li = element('li', `workbench__problem workbench__problem--${d.severity}`);
    const button = element('button', 'workbench__problem-button');
    button.type = 'button';
    const severity = element('span', `severity severity--${d.severity}`, SEVERITY_WORDS[d.severity]);
    const where = element('span', 'workbench__problem-line', `Line ${d.line}`);
    const message = element('span', 'workbench__problem-message');
    message.append(...inlineNodes(document, sentence(d.message)));
    button.append(severity, ' ', where, ': ', message);
    button.addEventListener('click', () => {
      const now = listed[index] ?? d;
      reveal(now.from, now.to);
    });
    li.append(button);
    if (d.hint) {
      const hint = element('p', 'workbench__problem-hint', 'Hint: ');
      hint.append(...inlineNodes(document, sentence(d.hint)));
      li.append(hint);
    }
    return li;
  };

  const show = (diagnostics: readonly EditorDiagnostic[]): void => {
    listed = diagnostics;
    const key = JSON.stringify(diagnostics.map((d) => [d.severity, d.line, d.message, d.hint]));
    if (key === shown) return;
    shown = key;
    count.textContent = `(${countProblems(diagnostics)})`;
    const items = diagnostics.slice(0, MAX_LISTED_PROBLEMS).map(item);
    if (diagnostics.length > MAX_LISTED_PROBLEMS)
      items.push(element('li', 'workbench__problem', `…and ${diagnostics.length - MAX_LISTED_PROBLEMS} more, marked in the editor.`));
    list.replaceChildren(...items);
  };

  return {
    show,
    notChecked(message) {
      show([]);
      count.textContent = '(not analysed)';
      list.replaceChildren(element('li', 'workbench__problem', message));
      shown = '';
    },
  };
}

/** Marks each goal item (`data-goal="<id>"`) passed or failing, with why. */
export function drawGoals(items: readonly HTMLElement[], goals: readonly GoalResult[]): void {
  for (const item of items) {
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
}
