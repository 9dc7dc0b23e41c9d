// Turns the stage diagram's SVG element tree (src/lib/stage-diagram.ts) into DOM nodes:
// createElementNS and textContent only, so a stage name such as `a<b` is text, never markup.
import type { SvgElement } from '../stage-diagram.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svgNode(tree: SvgElement, doc: Document = document): SVGElement {
  const node = doc.createElementNS(SVG_NS, tree.tag) as SVGElement;
  for (const [name, value] of tree.attrs) {
    if (name === 'xmlns') continue; // implied by createElementNS
    node.setAttribute(name, value);
  }
  if (tree.text !== undefined) node.textContent = tree.text;
  for (const child of tree.children) node.append(svgNode(child, doc));
  return node;
}
