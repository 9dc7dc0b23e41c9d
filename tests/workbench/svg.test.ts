// The live stage graph is built as DOM nodes from the same element tree as the build-time
// SVG (src/lib/stage-diagram.ts, src/lib/workbench/svg-dom.ts): names are text, never markup.

import { describe, expect, it } from 'vitest';
import { layoutStageDiagram, stageDiagram, stageDiagramSvg, stageDiagramTree } from '../../src/lib/stage-diagram.ts';
import { analyze } from '../../src/analyzer/index.ts';
import { svgNode } from '../../src/lib/workbench/svg-dom.ts';

/** Just enough of a Document for svgNode: records what it is asked to do. */
class FakeNode {
  attributes = new Map<string, string>();
  children: FakeNode[] = [];
  text: string | null = null;
  readonly ns: string;
  readonly tag: string;
  constructor(ns: string, tag: string) {
    this.ns = ns;
    this.tag = tag;
  }
  setAttribute(name: string, value: string) {
    this.attributes.set(name, value);
  }
  set textContent(value: string) {
    this.text = value;
  }
  set innerHTML(_: string) {
    throw new Error('innerHTML must not be used');
  }
  append(...nodes: FakeNode[]) {
    this.children.push(...nodes);
  }
}
const fakeDocument = { createElementNS: (ns: string, tag: string) => new FakeNode(ns, tag) } as unknown as Document;

const HOSTILE = 'FROM alpine AS a\nFROM "x<img src=y>" AS b\nCOPY --from=a / /\n';

describe('the stage graph as nodes', () => {
  it('builds SVG elements with attributes and text, never markup', () => {
    const tree = stageDiagramTree(stageDiagram(HOSTILE), 'wb-x');
    const root = svgNode(tree, fakeDocument) as unknown as FakeNode;
    expect(root.ns).toBe('http://www.w3.org/2000/svg');
    expect(root.tag).toBe('svg');
    expect(root.attributes.has('xmlns')).toBe(false);
    const texts: string[] = [];
    const walk = (node: FakeNode) => {
      if (node.text !== null) texts.push(node.text);
      node.children.forEach(walk);
    };
    walk(root);
    expect(texts).toContain('FROM x<img src=y>');
  });

  it('writes the same tree as escaped markup at build time', () => {
    const diagram = stageDiagram(HOSTILE);
    const svg = stageDiagramSvg(diagram, 'x');
    // The live graph (DOM nodes) and the build-time markup come from one tree by two
    // writers: written out here independently, the nodes must give the same markup.
    const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    const markupOf = (node: FakeNode): string => {
      const attributes = [...node.attributes].map(([name, value]) => ` ${name}="${escape(value)}"`).join('');
      const inner = (node.text === null ? '' : escape(node.text)) + node.children.map(markupOf).join('');
      return inner === '' && ['path', 'rect', 'line'].includes(node.tag) ? `<${node.tag}${attributes}/>` : `<${node.tag}${attributes}>${inner}</${node.tag}>`;
    };
    const nodes = svgNode(stageDiagramTree(diagram, 'x'), fakeDocument) as unknown as FakeNode;
    // The markup names its namespace; createElementNS gives the nodes theirs.
    expect(svg).toMatch(/^<svg [^>]*\bxmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg.replace(' xmlns="http://www.w3.org/2000/svg"', '')).toBe(markupOf(nodes));
    // Both stages are drawn, the hostile name as text.
    expect(svg.match(/<g class="stage-diagram__stage[ "]/g)).toHaveLength(2);
    expect(svg).toContain('FROM x&#60;img src=y&#62;');
    expect(svg).not.toContain('<img');
  });

  it('lays out an analysis made with the lint rules as one made without them', () => {
    const text = 'FROM node:22 AS build\nRUN npm ci\nFROM build AS test\nRUN npm test\nFROM node:22-alpine\nCOPY --from=build /app /app\n';
    const withRules = layoutStageDiagram(analyze(text));
    expect(withRules).toEqual(stageDiagram(text));
  });
});
