// tests/support/lesson-dockerfiles.ts: finds every Dockerfile a lesson shows, in fences and
// in <StageDiagram dockerfile={`…`} />, and looks one up by id.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { cookTemplate, dockerfilesIn, lessonDockerfile, lessonDockerfiles } from '../support/lesson-dockerfiles.ts';

const MDX = `---
title: x
---

import StageDiagram from '../../src/components/lesson/StageDiagram.astro';

\`\`\`dockerfile title="Dockerfile" id="first" {2}
FROM alpine AS a
RUN true
\`\`\`

<StageDiagram
  id="diagram-one"
  caption="Two stages, {braces} and 'quotes'"
  target="prod"
  builder="classic"
  buildArgs={{ VERSION: '1.23', "OTHER": "x" }}
  dockerfile={\`
ARG VERSION
FROM golang:\\\${VERSION} AS build
RUN echo "a \\\\
  b"
FROM alpine AS prod
COPY --from=build /a /a
\`}
/>

<Compare>
  <CompareItem title="Indented">
    \`\`\`dockerfile id="indented" expect-error
    FROM
    \`\`\`
  </CompareItem>
</Compare>

<StageDiagram id="plain" caption="c" dockerfile="FROM alpine" />
`;

describe('lesson Dockerfiles', () => {
  const blocks = dockerfilesIn('demo', MDX);

  it('finds fences and StageDiagrams in file order', () => {
    expect(blocks.map((b) => [b.index, b.kind, b.id])).toEqual([
      [1, 'fence', 'first'],
      [2, 'diagram', 'diagram-one'],
      [3, 'fence', 'indented'],
      [4, 'diagram', 'plain'],
    ]);
    expect(blocks[0]!.meta).toBe('title="Dockerfile" id="first" {2}');
    expect(blocks[0]!.text).toBe('FROM alpine AS a\nRUN true\n');
    expect(blocks[2]!.text).toBe('FROM\n');
    expect(blocks[2]!.meta).toContain('expect-error');
  });

  it('reads a StageDiagram’s props as the component receives them', () => {
    const diagram = blocks[1]!;
    expect(diagram.meta).toBe('target="prod" builder="classic"');
    expect(diagram.options).toEqual({ target: 'prod', builder: 'classic', buildArgs: { VERSION: '1.23', OTHER: 'x' } });
    // The template literal is evaluated like JavaScript: \${ is ${, \\ is \, and the line
    // break after the opening backtick is dropped, so line numbers match.
    expect(diagram.text).toBe('ARG VERSION\nFROM golang:${VERSION} AS build\nRUN echo "a \\\n  b"\nFROM alpine AS prod\nCOPY --from=build /a /a\n');
    expect(analyze(diagram.text, { ...diagram.options }).stages[0]!.baseText).toBe('golang:1.23');
    expect(blocks[3]!.text).toBe('FROM alpine');
  });

  it('refuses an unescaped ${ in a dockerfile template literal', () => {
    expect(() => dockerfilesIn('demo', '<StageDiagram id="x" dockerfile={`FROM ${IMG}`} />')).toThrow(/contains \$\{/);
    expect(cookTemplate('a\\`b\\nc\\\nd', 't')).toBe('a`b\ncd');
  });

  it('looks a Dockerfile up by id, and says clearly when it is missing', () => {
    expect(lessonDockerfile('what-is-a-stage', 'go-build').kind).toBe('fence');
    expect(lessonDockerfile('what-is-a-stage', 'go-build-stages').kind).toBe('diagram');
    expect(() => lessonDockerfile('what-is-a-stage', 'nope')).toThrow(/has no Dockerfile with id "nope" \(ids there: "go-build", "go-build-stages", "rust-worked", "rust-worked-stages"\)/);
    expect(() => lessonDockerfile('no-such-lesson', 'x')).toThrow(/there is no lesson content\/lessons\/no-such-lesson\.mdx/);
  });

  it('numbers every lesson’s Dockerfiles from 1', () => {
    const all = lessonDockerfiles();
    const lessons = new Set(all.map((b) => b.lesson));
    expect(lessons.size, 'lessons with Dockerfiles').toBeGreaterThanOrEqual(10);
    for (const lesson of lessons) {
      expect(all.filter((b) => b.lesson === lesson).map((b) => b.index)[0]).toBe(1);
    }
  });
});
