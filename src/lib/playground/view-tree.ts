// The playground's panels are described once, as plain trees of elements and text
// (src/lib/playground/views.ts), and turned into HTML in two ways: as markup when the page is
// built (the sample's analysis, so the page is whole before and without JavaScript), and
// as DOM nodes in the browser on every edit. The browser side uses createElement and text
// nodes only: a learner's stage name such as `<img onerror=…>` is text, never markup.
//
// The stage graph's SVG tree (src/lib/stage-diagram.ts) fits in as it is.
import type { SvgElement } from '../stage-diagram.ts';

export interface ViewNode {
  tag: string;
  attrs: Array<[name: string, value: string]>;
  children: Array<ViewNode | string>;
}

type Attrs = Record<string, string | number | boolean | null | undefined>;

/** An element: `h('li', { class: 'x' }, 'text', h('a', …))`. Attributes false/null/undefined are left out. */
export function h(tag: string, attrs: Attrs = {}, ...children: Array<ViewNode | string | null | false | undefined>): ViewNode {
  const list: ViewNode['attrs'] = [];
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    list.push([name, value === true ? '' : String(value)]);
  }
  return { tag, attrs: list, children: children.filter((c): c is ViewNode | string => c !== null && c !== false && c !== undefined) };
}

/** The stage graph's SVG element tree as a view tree. */
export function fromSvg(node: SvgElement): ViewNode {
  return { tag: node.tag, attrs: node.attrs, children: node.text !== undefined ? [node.text] : node.children.map(fromSvg) };
}

/** Attribute names the trees may carry: no event handlers, nothing odd. */
const SAFE_ATTRIBUTE = /^(?!on)[a-z][a-z0-9:-]*$/i;
const SAFE_TAG = /^[a-z][a-z0-9]*$/i;

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The tree as HTML, every text and attribute value escaped (build time). */
export function viewMarkup(node: ViewNode | string): string {
  if (typeof node === 'string') return escapeText(node);
  if (!SAFE_TAG.test(node.tag)) throw new Error(`viewMarkup: unexpected tag ${node.tag}`);
  const attrs = node.attrs
    .filter(([name]) => SAFE_ATTRIBUTE.test(name))
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
  return `<${node.tag}${attrs}>${node.children.map(viewMarkup).join('')}</${node.tag}>`;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The tree as DOM nodes (browser); inside an <svg>, elements are made in the SVG namespace. */
export function viewNode(node: ViewNode | string, doc: Document = document, svg = false): Node {
  if (typeof node === 'string') return doc.createTextNode(node);
  const inSvg = svg || node.tag === 'svg';
  const element = inSvg ? doc.createElementNS(SVG_NS, node.tag) : doc.createElement(node.tag);
  for (const [name, value] of node.attrs) {
    if (name === 'xmlns' || !SAFE_ATTRIBUTE.test(name)) continue;
    element.setAttribute(name, value);
  }
  for (const child of node.children) element.append(viewNode(child, doc, inSvg));
  return element;
}
