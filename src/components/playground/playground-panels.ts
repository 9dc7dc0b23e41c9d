// Draws the playground's panels from a build report: the problems, the stage graph, the
// final image, every target's plans, the target chooser, the context line and the two
// engines' note. The panels come from the same view trees as the server-rendered sample
// (src/lib/playground/views.ts), as DOM nodes; each is rebuilt only when its tree changed.
import { contextLine, targetChoices, type BuildReport, type Selection } from '../../lib/playground/report.ts';
import type { TargetPlans } from '../../lib/playground/target-plans.ts';
import { formatBytes } from '../../shared/format-bytes.ts';
import { viewNode, type ViewNode } from '../../lib/playground/view-tree.ts';
import { graphView, imageView, plansView, problemsView } from '../../lib/playground/views.ts';
import { countProblems } from '../../lib/workbench/diagnostics.ts';
import { showTargetChoices } from '../../lib/dom-parts.ts';
import type { PlaygroundParts } from './playground-parts.ts';

export interface PlaygroundPanels {
  /** Every panel says the text is too long to analyse. */
  notAnalyzed(length: number, limit: number): void;
  show(build: BuildReport, plans: TargetPlans, selection: Selection): void;
}

export function playgroundPanels(parts: PlaygroundParts, base: string): PlaygroundPanels {
  const shown = new WeakMap<HTMLElement, string>();
  const renderPanel = (container: HTMLElement, tree: ViewNode): void => {
    const key = JSON.stringify(tree);
    if (shown.get(container) === key) return;
    shown.set(container, key);
    container.replaceChildren(viewNode(tree));
  };
  return {
    notAnalyzed(length, limit) {
      const note: ViewNode = {
        tag: 'p',
        attrs: [['class', 'pg-none']],
        children: [`Not analysed: the text is ${formatBytes(length)}, and the playground analyses Dockerfiles of up to ${formatBytes(limit)}.`],
      };
      parts.problemCount.textContent = '';
      for (const container of [parts.problems, parts.graph, parts.image, parts.plans]) renderPanel(container, note);
    },
    show(build, plans, selection) {
      showTargetChoices(parts.target, targetChoices(plans, selection.target), selection.target);
      parts.problemCount.textContent = `(${countProblems(build.diagnostics)})`;
      parts.context.textContent = contextLine(plans, selection.target, selection.builder, selection.engine);
      parts.engineNote.textContent = build.engines.text;
      parts.engineNote.dataset['differs'] = String(build.engines.differs);
      for (const radio of parts.engines) radio.checked = radio.value === selection.engine;
      renderPanel(parts.problems, problemsView(build.diagnostics, base));
      renderPanel(parts.graph, graphView(build.diagram));
      renderPanel(parts.image, imageView(build.image));
      renderPanel(parts.plans, plansView(plans, 'pg-plans-title'));
    },
  };
}
