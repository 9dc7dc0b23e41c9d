// The playground's panels (src/lib/playground/views.ts) and their two renderers
// (view-tree.ts): markup for the build, DOM nodes in the browser. Learner text — stage
// names, image references, messages quoting the Dockerfile — is text in both: escaped in
// the markup, text nodes in the DOM, never an attribute name or an element.
import { describe, expect, it } from 'vitest';
import { parseBuildArgs } from '../../src/lib/playground/build-args.ts';
import { playgroundReport } from '../../src/lib/playground/report.ts';
import { SAMPLE_DOCKERFILE } from '../../src/lib/playground/sample.ts';
import { h, viewMarkup, viewNode, type ViewNode } from '../../src/lib/playground/view-tree.ts';
import { graphView, imageView, MAX_LISTED_PROBLEMS, plansView, problemsView, ruleHref } from '../../src/lib/playground/views.ts';

const HOSTILE = '"><img src=x onerror=alert(1)><script>alert(2)</script>';

/** Every text child and attribute value in a tree. */
function texts(node: ViewNode | string): string[] {
  if (typeof node === 'string') return [node];
  return [...node.attrs.map(([, value]) => value), ...node.children.flatMap(texts)];
}

function tags(node: ViewNode | string): string[] {
  return typeof node === 'string' ? [] : [node.tag, ...node.children.flatMap(tags)];
}

function report(text: string, target = '') {
  return playgroundReport(text, { target, builder: 'buildkit', buildArgs: {} });
}

describe('view trees as markup', () => {
  it('escapes text and attribute values', () => {
    const escaped = '&#62;&#60;img src=x onerror=alert(1)&#62;&#60;script&#62;alert(2)&#60;/script&#62;';
    expect(viewMarkup(h('p', { title: HOSTILE }, HOSTILE))).toBe(`<p title="&#34;${escaped}">"${escaped}</p>`);
  });

  it('never writes an event-handler attribute, and refuses odd tags', () => {
    expect(viewMarkup(h('a', { href: '/x', onclick: 'alert(1)', onerror: 'x' }, 'x'))).toBe('<a href="/x">x</a>');
    expect(() => viewMarkup(h('img src=x', {}))).toThrow();
  });
});

describe('view trees as DOM nodes', () => {
  /** Just enough of a Document: records what is made, fails on any HTML parsing. */
  class FakeElement {
    attributes = new Map<string, string>();
    children: Array<FakeElement | { text: string }> = [];
    readonly ns: string | null;
    readonly tag: string;
    constructor(ns: string | null, tag: string) {
      this.ns = ns;
      this.tag = tag;
    }
    setAttribute(name: string, value: string) {
      this.attributes.set(name, value);
    }
    append(...nodes: Array<FakeElement | { text: string }>) {
      this.children.push(...nodes);
    }
    set innerHTML(_: string) {
      throw new Error('innerHTML must not be used');
    }
  }
  const doc = {
    createElement: (tag: string) => new FakeElement(null, tag),
    createElementNS: (ns: string, tag: string) => new FakeElement(ns, tag),
    createTextNode: (text: string) => ({ text }),
  } as unknown as Document;

  it('makes text nodes of text, SVG elements inside <svg>, and drops handler attributes', () => {
    const tree = h('div', { class: 'x', onmouseover: 'alert(1)' }, HOSTILE, h('svg', { viewBox: '0 0 1 1' }, h('text', {}, HOSTILE)));
    const node = viewNode(tree, doc) as unknown as FakeElement;
    expect(node.ns).toBeNull();
    expect([...node.attributes.keys()]).toEqual(['class']);
    expect(node.children[0]).toEqual({ text: HOSTILE });
    const svg = node.children[1] as FakeElement;
    expect(svg.ns).toBe('http://www.w3.org/2000/svg');
    expect((svg.children[0] as FakeElement).ns).toBe('http://www.w3.org/2000/svg');
    expect((svg.children[0] as FakeElement).children[0]).toEqual({ text: HOSTILE });
  });
});

describe('the panels', () => {
  it('list each problem with line:column, severity, message, hint and its rule page', () => {
    const { build } = report('FROM node:20 as build\nRUN npm ci\n', '');
    const tree = problemsView(build.diagnostics, '/');
    const markup = viewMarkup(tree);
    const casing = build.diagnostics.find((d) => d.id === 'from-as-casing');
    expect(casing).toBeDefined();
    expect(markup).toContain(`data-from="${casing!.from}"`);
    expect(markup).toContain(`<span aria-hidden="true">1:${casing!.column}</span>`);
    expect(markup).toContain(`Go to line 1, column ${casing!.column}`);
    expect(markup).toContain(`href="/rules/from-as-casing/"`);
    expect(markup).toContain('Hint: ');
    expect(ruleHref('x', '/docs')).toBe('/docs/rules/x/');
  });

  it('links no rule page for Docker’s own errors, and says when there is no problem', () => {
    const { build } = report('FROM alpine:3.20\nRUN echo hi\n', 'missing');
    const markup = viewMarkup(problemsView(build.diagnostics, '/'));
    expect(build.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    for (const d of build.diagnostics.filter((d) => d.severity === 'error')) expect(markup).not.toContain(`/rules/${d.id}/`);
    expect(viewMarkup(problemsView([], '/'))).toBe('<p class="pg-none">No problems found for this target and builder.</p>');
  });

  it('list at most MAX_LISTED_PROBLEMS and count the rest', () => {
    const text = `FROM alpine:3.20\n${'MAINTAINER me\n'.repeat(MAX_LISTED_PROBLEMS + 20)}`;
    const { build } = report(text);
    expect(build.diagnostics.length).toBeGreaterThan(MAX_LISTED_PROBLEMS);
    const tree = problemsView(build.diagnostics, '/') as ViewNode;
    expect(tree.children).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(texts(tree).at(-1)).toMatch(/^…and \d+ more, marked in the editor\.$/);
  });

  it('draw the graph with its text alternative and only the arrows it uses in the legend', () => {
    const markup = viewMarkup(graphView(report(SAMPLE_DOCKERFILE).build.diagram));
    expect(markup).toContain('role="img"');
    expect(markup).toContain('aria-labelledby="pg-graph-summary"');
    expect(markup).toContain('id="pg-graph-summary">Building the last stage (prod) with BuildKit runs: build, prod; skips: test, debug.</p>');
    expect(markup).toContain('FROM &#60;stage&#62;: built on top of it');
    expect(markup).toContain('COPY --from: copies files out of it');
    expect(markup).not.toContain('mount-from');
  });

  it('summarise the final image, or say there is none', () => {
    const ok = viewMarkup(imageView(report(SAMPLE_DOCKERFILE).build.image));
    expect(ok).toContain('<dt>Base image</dt><dd>gcr.io/distroless/static-debian12:nonroot</dd>');
    expect(ok).toContain('/out/app → /app, from stage build (line 23)');
    const none = viewMarkup(imageView(report('FROM alpine\nRUN --mount=type=cache,target=/x true\n', 'missing').build.image));
    expect(none).toContain('none: the build fails');
    expect(none).toContain('Nothing: there is no final image.');
  });

  it('table every target with both builders, rows marked where they differ', () => {
    const markup = viewMarkup(plansView(report(SAMPLE_DOCKERFILE).plans, 'pg-plans-title'));
    expect(markup).toContain('aria-labelledby="pg-plans-title"');
    expect(markup).toContain('<th scope="col" role="columnheader">Classic builder</th>');
    expect(markup.match(/data-differs="true"/g)).toHaveLength(2);
    expect(markup).toContain(
      '<code class="pg-target__name">prod</code><span class="pg-tag">default</span><span class="pg-tag pg-tag--differs">builders differ</span>',
    );
    expect(markup).toContain('<ol class="pg-stages" aria-label="Stages run, in order"><li>build</li><li>test</li><li>debug</li><li>prod</li></ol>');
  });

  it('say why a build fails in the table, quoting Docker', () => {
    const markup = viewMarkup(plansView(report('FROM alpine:3.20 AS app\nRUN --mount=type=cache,target=/x true\n').plans, 't'));
    expect(markup).toContain('<li class="pg-stages__failed">app (fails)</li>');
    expect(markup).toContain('Error (line 2): the --mount option requires BuildKit.');
    expect(viewMarkup(plansView(report('').plans, 't'))).toContain('Nothing to build yet');
  });

  it('keep a hostile Dockerfile as text in every panel', () => {
    const text = `FROM alpine:3.20 AS ${'<img/src=x/onerror=alert(1)>'}\nRUN echo "<script>alert(3)</script>"\nFROM alpine:3.20\nCOPY --from=${'<img/src=x/onerror=alert(1)>'} /x /x\nLABEL note="${HOSTILE.replaceAll('"', "'")}"\n`;
    const { build, plans } = report(text);
    const trees = [problemsView(build.diagnostics, '/'), graphView(build.diagram), imageView(build.image), plansView(plans, 't')];
    for (const tree of trees) {
      const markup = viewMarkup(tree);
      expect(markup).not.toMatch(/<img|<script|\son\w+=/i);
      for (const tag of tags(tree)) expect(['img', 'script', 'iframe', 'object']).not.toContain(tag);
    }
    expect(trees.flatMap(texts).some((t) => t.includes('<img/src=x/onerror=alert(1)>'))).toBe(true);
  });
});

describe('build arguments', () => {
  it('reads KEY=value lines, skipping blanks and comments', () => {
    const { args, problems } = parseBuildArgs('GO_VERSION=1.23\n\n# a comment\n  VARIANT = full \nEMPTY=\nURL=http://x/?a=b\n');
    expect({ ...args }).toEqual({ GO_VERSION: '1.23', VARIANT: ' full', EMPTY: '', URL: 'http://x/?a=b' });
    expect(problems).toEqual([]);
  });

  it('reports lines it cannot use, by number, and leaves them out', () => {
    const { args, problems } = parseBuildArgs('OK=1\nNOVALUE\n1BAD=x\n=x\n<img src=x>=1\n');
    expect({ ...args }).toEqual({ OK: '1' });
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^Line 2: NOVALUE has no value/);
    expect(problems[1]).toMatch(/^Line 3: “1BAD” is not a build argument name/);
  });

  it('takes __proto__ as a plain name, never touching Object.prototype', () => {
    const { args } = parseBuildArgs('__proto__=polluted\nconstructor=x\n');
    expect(Object.getPrototypeOf(args)).toBeNull();
    expect(args['__proto__']).toBe('polluted');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('change the analysis: GO_VERSION picks the sample’s Go image', () => {
    const { args } = parseBuildArgs('GO_VERSION=1.23');
    const { build } = playgroundReport(SAMPLE_DOCKERFILE, { target: 'build', builder: 'buildkit', buildArgs: args });
    expect(build.diagram.nodes[0]?.base).toBe('FROM golang:1.23-alpine');
  });
});
