import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { lessonSchema } from '../../src/content/schemas.ts';

const LESSONS_DIR = fileURLToPath(new URL('../../content/lessons/', import.meta.url));

function mdxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.mdx'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** The YAML between the leading `---` fences, parsed. */
function frontmatter(source: string): unknown {
  const match = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(source);
  if (!match) throw new Error('no frontmatter block at the top of the file');
  return load(match[1] ?? '');
}

/** Same id the glob loader gives an entry: its path under content/lessons without extension. */
function slugOf(file: string): string {
  return relative(LESSONS_DIR, file)
    .replace(/\\/g, '/')
    .replace(/\.mdx$/, '');
}

const files = mdxFiles(LESSONS_DIR);
const lessons = files.map((file) => ({
  file,
  slug: slugOf(file),
  result: lessonSchema.safeParse(frontmatter(readFileSync(file, 'utf8'))),
}));

const validFrontmatter = {
  title: 'What is a stage?',
  summary: 'Each FROM starts a stage.',
  order: 1,
  minutes: 5,
  objectives: ['Say what a stage is.'],
  recap: ['Each FROM starts a stage.', 'The last stage is the image.'],
};

describe('lessons collection content', () => {
  it('has at least one lesson', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(lessons.map((l) => [l.slug, l] as const))('%s has valid frontmatter', (_slug, lesson) => {
    const { result } = lesson;
    expect(result.success, result.success ? '' : result.error.message).toBe(true);
  });

  it('gives every lesson a distinct order', () => {
    const orders = lessons.flatMap((l) => (l.result.success ? [l.result.data.order] : []));
    expect(new Set(orders).size).toBe(orders.length);
  });

  it('keeps inline code short enough for one phone-width line', () => {
    // global.css sets `white-space: nowrap` on inline code; longer snippets go in a code block.
    const MAX = 34;
    for (const { file, slug } of lessons) {
      const body = readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
      for (const [, code] of body.matchAll(/`([^`\n]+)`/g)) {
        expect(code?.length ?? 0, `${slug}: inline code \`${code}\` is longer than ${MAX} characters`).toBeLessThanOrEqual(MAX);
      }
    }
  });

  it('only lists existing lessons as prerequisites', () => {
    const slugs = new Set(lessons.map((l) => l.slug));
    for (const lesson of lessons) {
      if (!lesson.result.success) continue;
      for (const prerequisite of lesson.result.data.prerequisites) {
        expect(slugs.has(prerequisite), `${lesson.slug} needs unknown lesson "${prerequisite}"`).toBe(true);
        expect(prerequisite, `${lesson.slug} lists itself as a prerequisite`).not.toBe(lesson.slug);
      }
    }
  });
});

describe('lessonSchema', () => {
  it('accepts minimal frontmatter and applies defaults', () => {
    const data = lessonSchema.parse(validFrontmatter);
    expect(data.prerequisites).toEqual([]);
    expect(data.draft).toBe(false);
  });

  it('rejects a missing title and order 0, naming both fields', () => {
    const { title: _omitted, ...withoutTitle } = validFrontmatter;
    const result = lessonSchema.safeParse({ ...withoutTitle, order: 0 });
    expect(result.success).toBe(false);
    if (result.success) return;

    const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'title', message: expect.stringMatching(/^title is required/) },
        { path: 'order', message: expect.stringMatching(/^order must be a positive whole number/) },
      ]),
    );
    // The messages themselves name the field, so Astro's build error is readable on its own.
    expect(result.error.message).toContain('title is required');
    expect(result.error.message).toContain('order must be');
  });

  it('rejects empty objectives, bad prerequisite slugs and non-integer minutes', () => {
    const result = lessonSchema.safeParse({
      ...validFrontmatter,
      objectives: [],
      prerequisites: ['Not A Slug'],
      minutes: 2.5,
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    const paths = result.error.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['objectives', 'prerequisites.0', 'minutes']));
    const messages = result.error.issues.map((issue) => issue.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'objectives must list at least one objective',
        expect.stringMatching(/^"Not A Slug" is not a lesson slug/),
        'minutes must be a whole number',
      ]),
    );
  });

  it('requires a recap of 2 to 5 non-empty sentences, naming the field', () => {
    const messages = (recap: unknown) => {
      const result = lessonSchema.safeParse({ ...validFrontmatter, recap });
      return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    };
    const { recap: _omitted, ...withoutRecap } = validFrontmatter;
    const missing = lessonSchema.safeParse(withoutRecap);
    expect(missing.success ? [] : missing.error.issues.map((issue) => issue.message)).toEqual(['recap is required']);
    expect(messages(['Only one.'])).toEqual(['recap: recap must list at least 2 sentences']);
    expect(messages(['1', '2', '3', '4', '5', '6'])).toEqual(['recap: recap must list at most 5 sentences']);
    expect(messages(['One.', '   '])).toEqual(['recap.1: each recap sentence must not be empty']);
    expect(messages('One sentence.')[0]).toBe('recap: recap must be a list of 2 to 5 sentences');
    expect(messages(['One.', 2])).toEqual(['recap.1: each recap sentence must be a string']);
    expect(lessonSchema.parse({ ...validFrontmatter, recap: ['  a  ', 'b'] }).recap).toEqual(['a', 'b']);
  });

  it('says "must be a number" rather than "is required" for a wrongly typed field', () => {
    const result = lessonSchema.safeParse({ ...validFrontmatter, order: 'first' });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.issues[0]?.message).toBe('order must be a number');
  });
});
