// Draws the workbench's panels from a snapshot of the learner's text (src/lib/workbench/
// state.ts): the problems list, the goals, the stage graph and the final image, and the live
// region that announces goals passing or failing. Each panel is rebuilt only when what it
// shows changed (typing inside a RUN line changes none of them). Every text is set with
// textContent or built as DOM nodes: learner text and stage names never go through an HTML parser.
import type { GoalResult } from '../../exercises/types.ts';
import { stageDiagramTree } from '../../lib/stage-diagram.ts';
import type { EditorDiagnostic } from '../../lib/workbench/diagnostics.ts';
import type { Snapshot } from '../../lib/workbench/state.ts';
import { describeCopy, summaryRows } from '../../lib/workbench/summary.ts';
import { svgNode } from '../../lib/workbench/svg-dom.ts';
import { fitGraph } from '../../lib/workbench/graph-fit.ts';
import { element } from '../../lib/dom-parts.ts';
import type { Parts } from './workbench-parts.ts';
import { drawGoals, problemList } from './check-lists.ts';

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
  const problemsList = problemList(parts.problems, parts.problemCount, reveal);
  let shownGraph = '';
  let shownImage = '';

  return {
    announce(messages) {
      if (messages.length === 0) return;
      parts.announcer.textContent = '';
      // A fresh text node in a live region, so a repeated sentence is announced again.
      requestAnimationFrame(() => {
        parts.announcer.textContent = messages.join(' ');
      });
    },
    problems: problemsList.show,
    notAnalysed: problemsList.notChecked,
    goals(goals) {
      drawGoals(parts.goalItems, goals);
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
