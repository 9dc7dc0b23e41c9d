// The stage graph's side of "What re-runs if I change…": each built stage's box gets a thicker
// outline (dashed where steps re-run) and a word in its corner ("re-runs: 2", "all cached"), so the
// answer reads without colour. The page redraws the SVG when the diagram changes; the marks are
// put back after every redraw (the control's refresh follows the page's). Boxes are found by
// their data-stage attribute (src/lib/stage-diagram.ts).
import type { StageMark } from './rebuild-view.ts';

const SVG = 'http://www.w3.org/2000/svg';

/** The word in a built stage's box. */
export function stageWord(mark: StageMark): string {
  return mark.runs === 0 ? 'all cached' : `re-runs: ${mark.runs}`;
}

export function markGraph(graph: HTMLElement, stages: readonly StageMark[]): void {
  for (const old of graph.querySelectorAll('[data-rebuild-word]')) old.remove();
  for (const box of graph.querySelectorAll('g[data-stage]')) box.classList.remove('stage-diagram__stage--rebuild-runs', 'stage-diagram__stage--rebuild-cached');
  for (const mark of stages) {
    if (!mark.built) continue;
    const box = graph.querySelector(`g[data-stage="${mark.index}"]`);
    const rect = box?.querySelector('rect');
    if (!box || !rect) continue;
    box.classList.add(mark.runs > 0 ? 'stage-diagram__stage--rebuild-runs' : 'stage-diagram__stage--rebuild-cached');
    const x = Number(rect.getAttribute('x')) + Number(rect.getAttribute('width')) - 8;
    const y = Number(rect.getAttribute('y')) + Number(rect.getAttribute('height')) - 10;
    const word = document.createElementNS(SVG, 'text');
    word.setAttribute('class', 'stage-diagram__rebuild-word');
    word.setAttribute('x', String(x));
    word.setAttribute('y', String(y));
    word.setAttribute('text-anchor', 'end');
    word.setAttribute('data-rebuild-word', '');
    word.textContent = stageWord(mark);
    box.append(word);
  }
}
