// Code highlighting without style attributes (the CSP allows no inline style): every class
// transformerStyleToClasses() writes has a rule in codeColorsCss(), for every language the
// site highlights, and no style attribute is left.
import { codeToHtml } from 'shiki';
import { describe, expect, it } from 'vitest';
import { CODE_THEMES } from '../../src/build/code-themes.ts';
import { codeColorsCss, codeTransformers, transformerStyleToClasses } from '../../src/build/code-transformers.ts';

const SAMPLES: Record<string, string> = {
  dockerfile:
    '# syntax=docker/dockerfile:1\nFROM golang:1.23 AS build\nARG VERSION=1\nRUN --mount=type=cache,target=/root/.cache go build -o /out/app ./cmd/app\nCOPY --from=build /out/app /app\nCMD ["/app", "--port=8080"]\n',
  yaml: 'services:\n  app:\n    build:\n      target: dev # comment\n    ports: ["8080:8080"]\n',
  sh: 'docker build --target test -t app:test . && echo "done" # ok\n',
  json: '{ "a": [1, true, null, "x"] }\n',
  ts: 'export const x: number = 1; // c\nclass A { #p = `t${x}`; }\n',
  python: 'def f(x):\n    """doc"""\n    return x * 2  # c\n',
  go: 'package main\nfunc main() { println("hi") }\n',
  diff: '- old\n+ new\n',
  plaintext: 'just text\n',
};

describe('code colours as classes', () => {
  it.each(Object.entries(SAMPLES))('%s: no style attribute, and every class has a rule', async (lang, code) => {
    const html = await codeToHtml(code, { lang, themes: CODE_THEMES, defaultColor: false, transformers: [transformerStyleToClasses()] });
    expect(html).not.toMatch(/\sstyle=/);
    const css = await codeColorsCss();
    const classes = new Set([...html.matchAll(/class="([^"]*)"/g)].flatMap((m) => m[1]!.split(/\s+/)).filter((name) => name.startsWith('sk-')));
    expect(classes.size).toBeGreaterThan(0);
    for (const name of classes) expect(css, name).toContain(`.${name}{`);
  });

  it('is one of the transformers every Markdown code block goes through', () => {
    expect(codeTransformers().map((t) => t.name)).toContain('stagecraft:style-to-classes');
  });

  it('refuses a style it cannot turn into a class', async () => {
    const transformer = transformerStyleToClasses();
    const root = { type: 'root', children: [{ type: 'element', tagName: 'span', properties: { style: 'color: red' }, children: [] }] };
    expect(() => (transformer.root as (this: unknown, node: unknown) => void).call({}, root)).toThrow(/no class for the style "color: red"/);
  });
});
