// Code blocks in lessons: title="…" header, {2,4-5} marked lines, id="…" not rendered, and
// every language the lessons use highlighted with the site's dual themes.

import { codeToHtml } from 'shiki';
import { describe, expect, it } from 'vitest';
import astroConfig from '../../astro.config.mjs';
import { CODE_DEFAULT_COLOR, CODE_THEMES } from '../../src/build/code-themes.ts';
import { codeTransformers, metaAttribute } from '../../src/build/code-transformers.ts';

function render(code: string, lang: string, meta?: string): Promise<string> {
  return codeToHtml(code, {
    lang,
    themes: CODE_THEMES,
    defaultColor: CODE_DEFAULT_COLOR,
    meta: meta ? { __raw: meta } : undefined,
    transformers: codeTransformers(),
    // Shiki stops colouring a line after 500 ms by default; the first line of a language
    // compiles its grammar, which took longer than that on a busy 2-core machine.
    tokenizeTimeLimit: 60_000,
  });
}

const DOCKERFILE = 'FROM golang:1.23 AS build\nRUN go build\nFROM alpine\nCOPY --from=build /a /a\nCMD ["/a"]';

describe('code block meta', () => {
  it('is wired into Markdown and MDX through astro.config.mjs', () => {
    const names = (astroConfig.markdown?.shikiConfig?.transformers ?? []).map((t) => t.name);
    expect(names).toEqual(codeTransformers().map((t) => t.name));
  });

  it('puts a title="…" header above the block', async () => {
    const html = await render(DOCKERFILE, 'dockerfile', 'title="Dockerfile" id="go-build"');
    expect(html).toMatch(/^<figure class="code-block"><figcaption class="code-block__title">Dockerfile<\/figcaption><pre /);
    expect(html).toMatch(/<\/pre><\/figure>$/);
  });

  it('escapes the title and leaves blocks without one alone', async () => {
    expect(await render('x', 'sh', `title='<b>&'`)).toContain('<figcaption class="code-block__title">&#x3C;b>&#x26;</figcaption>');
    expect(await render('x', 'sh', '{1}')).toMatch(/^<pre /);
  });

  it('marks the lines {2,4-5} names', async () => {
    const html = await render(DOCKERFILE, 'dockerfile', 'title="Dockerfile" {2,4-5}');
    const lines = [...html.matchAll(/<span class="line( highlighted)?">/g)].map((m) => Boolean(m[1]));
    expect(lines).toEqual([false, true, false, true, true]);
  });

  it('does not render id="…" or test-only words', async () => {
    const html = await render(DOCKERFILE, 'dockerfile', 'id="go-build" expect-error');
    expect(html).not.toContain('go-build');
    expect(html).not.toContain('expect-error');
  });

  it('reads meta attributes', () => {
    expect(metaAttribute('title="Dockerfile" id="x" {2}', 'title')).toBe('Dockerfile');
    expect(metaAttribute("id='x'", 'id')).toBe('x');
    expect(metaAttribute('subtitle="no"', 'title')).toBeNull();
    expect(metaAttribute(undefined, 'title')).toBeNull();
  });
});

describe('languages', () => {
  const samples: Array<[string, string]> = [
    ['dockerfile', 'FROM alpine:3.20\nRUN echo hi'],
    ['yaml', 'services:\n  app:\n    build: .'],
    ['sh', 'docker build --target prod -t app .'],
    ['bash', 'if [ -f x ]; then echo "yes"; fi'],
    ['js', 'const x = require("y");'],
    ['ts', 'const x: number = 1;'],
    ['python', 'def main():\n    return 1'],
    ['go', 'package main\nfunc main() {}'],
    ['json', '{ "name": "app", "private": true }'],
  ];

  it.each(samples)('highlights %s in both themes', async (lang, code) => {
    const html = await render(code, lang);
    expect(html).toContain('class="shiki');
    // Colours are classes (sk-l-0550ae sets --shiki-light), not style attributes: see
    // transformerStyleToClasses in src/build/code-transformers.ts and code-colors.test.ts.
    expect(html).not.toMatch(/\sstyle=/);
    // Tokens (spans) in at least two colours per theme: the text colour and a highlight.
    const spanClasses = [...html.matchAll(/<span class="([^"]*)"/g)].flatMap((m) => m[1]!.split(' '));
    const tokens = (prefix: string) => new Set(spanClasses.filter((name) => name.startsWith(`${prefix}-`)));
    expect(tokens('sk-l').size, 'distinct light token colours').toBeGreaterThanOrEqual(2);
    expect(tokens('sk-d').size, 'distinct dark token colours').toBeGreaterThanOrEqual(2);
  });
});
