// The course path (src/lib/course/lesson-path.ts) is the order of the lessons: every slug on it
// has its lesson file, every lesson file is on it, and the file's frontmatter `order` is its
// 1-based position there; every lesson has its claims test, tests/content/lessons/<slug>.test.ts.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { LESSON_PATH } from '../../src/lib/course/lesson-path.ts';

const LESSONS_DIR = fileURLToPath(new URL('../../content/lessons/', import.meta.url));

const lessons = readdirSync(LESSONS_DIR)
  .filter((name) => name.endsWith('.mdx'))
  .sort()
  .map((name) => {
    const source = readFileSync(new URL(name, `file://${LESSONS_DIR}`), 'utf8');
    const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source);
    const data = (match ? load(match[1] ?? '') : {}) as { order?: unknown };
    return { slug: name.replace(/\.mdx$/, ''), order: data.order };
  });

describe('the course path', () => {
  it('lists each slug once, in kebab-case', () => {
    expect(new Set(LESSON_PATH).size).toBe(LESSON_PATH.length);
    for (const slug of LESSON_PATH) expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('has a lesson file for every slug: the path is the whole course, none of it missing', () => {
    expect(lessons.map((lesson) => lesson.slug).sort()).toEqual([...LESSON_PATH].sort());
  });

  it('has a test of what each lesson says about its Dockerfiles (tests/content/lessons/<slug>.test.ts)', () => {
    const missing = LESSON_PATH.filter((slug) => !existsSync(fileURLToPath(new URL(`../content/lessons/${slug}.test.ts`, import.meta.url))));
    expect(missing).toEqual([]);
  });

  it.each(lessons.map((lesson) => [lesson.slug, lesson] as const))('has %s on it, with order = its position', (slug, lesson) => {
    const position = (LESSON_PATH as readonly string[]).indexOf(slug) + 1;
    expect(position, `content/lessons/${slug}.mdx is not in src/lib/course/lesson-path.ts`).toBeGreaterThan(0);
    expect(lesson.order, `content/lessons/${slug}.mdx: order should be ${position}, its place on the course path`).toBe(position);
  });
});

describe('ids of lesson components', () => {
  const sources = readdirSync(LESSONS_DIR)
    .filter((name) => name.endsWith('.mdx'))
    .map((name) => ({ slug: name.replace(/\.mdx$/, ''), source: readFileSync(new URL(name, `file://${LESSONS_DIR}`), 'utf8') }));
  const idsOf = (component: string, source: string) => [...source.matchAll(new RegExp(`<${component}\\b[^>]*?\\sid=["']([^"']+)["']`, 'g'))].map((m) => m[1]!);

  it('gives every PredictReveal a site-unique id (it keys the remembered choice)', () => {
    const seen = new Map<string, string>();
    for (const { slug, source } of sources) {
      for (const id of idsOf('PredictReveal', source)) {
        expect(seen.get(id), `PredictReveal id "${id}" is used in ${seen.get(id)} and ${slug}`).toBeUndefined();
        seen.set(id, slug);
      }
    }
  });

  it('gives every StageDiagram an id unique on its page', () => {
    for (const { slug, source } of sources) {
      const ids = idsOf('StageDiagram', source);
      expect(new Set(ids).size, `${slug}: StageDiagram ids ${ids.join(', ')}`).toBe(ids.length);
    }
  });
});
