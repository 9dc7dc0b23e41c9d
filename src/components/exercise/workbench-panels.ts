// Draws the workbench's panels from a snapshot of the learner's text (src/lib/workbench/
// state.ts): the problems list, the goals, the stage graph and the final image, and the live
// region that announces goals passing or failing. Each panel is rebuilt only when what it
// shows changed (typing inside a RUN line changes none of them). Every text is set with
// textContent or built as DOM nodes: learner text and stage names never go through an HTML parser.
import type { GoalResult } from '../../exercises/types.ts';
import { stageDiagramTree } from '../../lib/stage-diagram.ts';
import { countProblems, SEVERITY_WORDS, sentence, type EditorDiagnostic } from '../../lib/workbench/diagnostics.ts';
import { goalStateText, type Snapshot } from '../../lib/workbench/state.ts';
import { inlineNodes, setInlineText } from '../../lib/workbench/inline-text.ts';
import { describeCopy, summaryRows } from '../../lib/workbench/summary.ts';
import { svgNode } from '../../lib/workbench/svg-dom.ts';
import { fitGraph } from '../../lib/workbench/graph-fit.ts';
import { element } from '../../lib/dom-parts.ts';
import type { Parts } from './workbench-parts.ts';

/** The problems list shows at most this many; the editor marks them all. */
const MAX_LISTED_PROBLEMS = 50;

export interface WorkbenchPanels {
  announce(messages: string[]): void;
  problems(diagnostics: readonly EditorDiagnostic[]): void;
  /** The text is too long to analyse: the problems list says so instead. */
  notAnalysed(message: string): void;
  goals(goals: GoalResult[]): void;
  graph(snap: Snapshot): void;
  image(snap: Snapshot): void;
}

/** `reveal` selects a problem's text in the editor when its button is pressed. */
export function workbenchPanels(parts: Parts, graphId: string, reveal: (from: number, to: number) => void): WorkbenchPanels {
  // The problems' positions are looked up when one is clicked.
  let shownProblems = '';
  let listedProblems: readonly EditorDiagnostic[] = [];
  let shownGraph = '';
  let shownImage = '';

  const problemItem = (d: EditorDiagnostic, index: number): HTMLLIElement => {
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

  const problems = (diagnostics: readonly EditorDiagnostic[]): void => {
    listedProblems = diagnostics;
    const key = JSON.stringify(diagnostics.map((d) => [d.severity, d.line, d.message, d.hint]));
    if (key === shownProblems) return;
    shownProblems = key;
    parts.problemCount.textContent = `(${countProblems(diagnostics)})`;
    const items = diagnostics.slice(0, MAX_LISTED_PROBLEMS).map(problemItem);
    if (diagnostics.length > MAX_LISTED_PROBLEMS)
      items.push(element('li', 'workbench__problem', `…and ${diagnostics.length - MAX_LISTED_PROBLEMS} more, marked in the editor.`));
    parts.problems.replaceChildren(...items);
  };

  return {
    announce(messages) {
      if (messages.length === 0) return;
      parts.announcer.textContent = '';
      // A fresh text node in a live region, so a repeated sentence is announced again.
      requestAnimationFrame(() => {
        parts.announcer.textContent = messages.join(' ');
      });
    },
    problems,
    notAnalysed(message) {
      problems([]);
      parts.problemCount.textContent = '(not analysed)';
      parts.problems.replaceChildren(element('li', 'workbench__problem', message));
      shownProblems = '';
    },
    goals(goals) {
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
    },
    graph({ diagram }) {
      const key = JSON.stringify(diagram);
      if (key === shownGraph) return;
      shownGraph = key;
      const svg = svgNode(stageDiagramTree(diagram, graphId));
      fitGraph(svg, diagram.width);
      parts.graph.replaceChildren(svg);
      parts.graphSummary.textContent = diagram.summary;
      parts.graphFailure.hidden = diagram.failure === null;
      parts.graphFailureText.textContent = diagram.failure ?? '';
    },
    image(snap) {
      const summary = summaryRows(snap.image);
      const copies = snap.image.status === 'ok' ? snap.image.copies : [];
      const key = JSON.stringify([summary, copies.map(describeCopy)]);
      if (key === shownImage) return;
      shownImage = key;
      parts.summary.replaceChildren(...summary.flatMap((row) => [element('dt', '', row.term), element('dd', '', row.detail)]));
      parts.copies.replaceChildren(
        ...(copies.length > 0
          ? copies.map((copy) => element('li', '', describeCopy(copy)))
          : [
              element(
                'li',
                'workbench__none',
                snap.image.status === 'ok' ? 'Nothing: this image copies no files out of other stages or images.' : 'Nothing: there is no final image.',
              ),
            ]),
      );
    },
  };
}
