// The stage graph's side of "What re-runs if I change…": each built stage's box gets a thicker
// outline (dashed where steps re-run) and a word under it ("re-runs: 2", "all cached"), so the
// answer reads without colour. The box's own three lines are full (a long name or base fills
// them), so the word goes in the gap under the box; the SVG grows when the lowest box has none. The page redraws the SVG when the diagram changes; the marks are
// put back after every redraw (the control's refresh follows the page's). Boxes are found by
// their data-stage attribute (src/lib/stage-diagram.ts).
import type { StageMark } from './rebuild-view.ts';

const SVG = 'http://www.w3.org/2000/svg';

/** The word in a built stage's box. */
export function stageWord(mark: StageMark): string {
  return mark.runs === 0 ? 'all cached' : `re-runs: ${mark.runs}`;
}

/** Room under a box for its word. */
const WORD_GAP = 16;

export function markGraph(graph: HTMLElement, stages: readonly StageMark[]): void {
  for (const old of graph.querySelectorAll('[data-rebuild-word]')) old.remove();
  for (const box of graph.querySelectorAll('g[data-stage]')) box.classList.remove('stage-diagram__stage--rebuild-runs', 'stage-diagram__stage--rebuild-cached');
  const svg = graph.querySelector<SVGSVGElement>('svg.stage-diagram__svg');
  if (!svg) return;
  const grown = svg.dataset['rebuildGrown'];
  if (grown) {
    // Back to the height the page drew, before growing it again if needed.
    svg.setAttribute('height', grown);
    svg.setAttribute('viewBox', svg.getAttribute('viewBox')!.replace(/\S+$/, grown));
    delete svg.dataset['rebuildGrown'];
  }
  const height = Number(svg.getAttribute('height'));
  let lowest = height;
  for (const mark of stages) {
    if (!mark.built) continue;
    const box = graph.querySelector(`g[data-stage="${mark.index}"]`);
    const rect = box?.querySelector('rect');
    if (!box || !rect) continue;
    box.classList.add(mark.runs > 0 ? 'stage-diagram__stage--rebuild-runs' : 'stage-diagram__stage--rebuild-cached');
    const y = Number(rect.getAttribute('y')) + Number(rect.getAttribute('height')) + WORD_GAP - 2;
    const word = document.createElementNS(SVG, 'text');
    word.setAttribute('class', 'stage-diagram__rebuild-word');
    word.setAttribute('x', String(Number(rect.getAttribute('x')) + Number(rect.getAttribute('width'))));
    word.setAttribute('y', String(y));
    word.setAttribute('text-anchor', 'end');
    word.setAttribute('data-rebuild-word', '');
    word.textContent = stageWord(mark);
    box.append(word);
    lowest = Math.max(lowest, y + 4);
  }
  if (lowest > height && Number.isFinite(height) && height > 0) {
    svg.dataset['rebuildGrown'] = String(height);
    svg.setAttribute('height', String(lowest));
    svg.setAttribute('viewBox', svg.getAttribute('viewBox')!.replace(/\S+$/, String(lowest)));
  }
}
