// The data behind /rules/ and /rules/<id>/ (src/build/rule-docs.ts), for every rule the
// catalogue holds: examples whose findings the analyzer computes, links to BuildKit and
// hadolint docs, and lesson links only to lessons that are published.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import astroConfig from '../../astro.config.mjs';
import { RULES } from '../../src/analyzer/rules/index.ts';
import { CODE_DEFAULT_COLOR, CODE_THEMES } from '../../src/build/code-themes.ts';
import { textParts } from '../../src/lib/code-spans.ts';
import { RULE_GROUPS, ruleDoc, ruleDocs } from '../../src/build/rule-docs.ts';
import { RULE_LESSONS } from '../../src/lib/rule-lessons.ts';
import { buildkitCheckUrl, hadolintRuleUrl, kebabCase, sourceLinks } from '../../src/analyzer/rules/sources.ts';

const LESSONS_DIR = fileURLToPath(new URL('../../content/lessons/', import.meta.url));

/** Published lessons, as the site builds them: slug → title, drafts left out. */
function publishedLessons(): Map<string, string> {
  const lessons = new Map<string, string>();
  for (const name of readdirSync(LESSONS_DIR)) {
    if (!name.endsWith('.mdx')) continue;
    const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(join(LESSONS_DIR, name), 'utf8'));
    const data = (match ? load(match[1] ?? '') : {}) as { title?: string; draft?: boolean };
    if (!data.draft) lessons.set(name.replace(/\.mdx$/, ''), data.title ?? name);
  }
  return lessons;
}

const lessons = publishedLessons();
const docs = ruleDocs({ lessons });

describe('rule pages', () => {
  it('has a page for every rule in the catalogue, in one of the groups', () => {
    expect(docs.map((doc) => doc.id)).toEqual(RULES.map((rule) => rule.meta.id));
    for (const doc of docs) {
      expect(RULE_GROUPS.map((g) => g.id)).toContain(doc.group);
      expect(doc.href).toBe(`/rules/${doc.id}/`);
    }
    expect(docs.find((doc) => doc.id === 'stage-name-casing')?.group).toBe('buildkit');
  });

  describe.each(docs.map((doc) => [doc.id, doc] as const))('%s', (_id, doc) => {
    it('shows at least one invalid example, with the findings analyze() computes for it', () => {
      expect(doc.invalid.length).toBeGreaterThan(0);
      for (const example of doc.invalid) {
        expect(example.findings.length, example.code).toBeGreaterThan(0);
        for (const f of example.findings) {
          expect(f.line).toBeGreaterThan(0);
          expect(f.column).toBeGreaterThan(0);
          expect(f.message.trim()).not.toBe('');
        }
      }
      expect(doc.valid.length).toBeGreaterThan(0);
    });

    it('links its sources: BuildKit checks by kebab-case name, hadolint rules by DL number', () => {
      const rule = RULES.find((r) => r.meta.id === doc.id)!;
      const { buildkit, hadolint } = rule.meta.sources;
      const bk = doc.sources.find((s) => s.kind === 'buildkit');
      const hl = doc.sources.find((s) => s.kind === 'hadolint');
      if (buildkit) {
        expect(bk?.name).toBe(buildkit);
        expect(bk?.url).toMatch(/^https:\/\/docs\.docker\.com\/reference\/build-checks\/[a-z0-9]+(?:-[a-z0-9]+)*\/$/);
        // The same words as the check name, lower-cased and joined with hyphens.
        const slug = bk!.url.split('/').at(-2)!;
        expect(slug.replace(/-/g, '')).toBe(buildkit.toLowerCase());
      } else expect(bk).toBeUndefined();
      if (hadolint) {
        expect(hadolint).toMatch(/^DL\d{4}$/);
        expect(hl?.url).toBe(`https://github.com/hadolint/hadolint/wiki/${hadolint}`);
      } else expect(hl).toBeUndefined();
    });

    it('links its lesson only when that lesson is published', () => {
      const file = join(LESSONS_DIR, `${doc.lessonSlug}.mdx`);
      if (doc.lesson) {
        expect(existsSync(file)).toBe(true);
        expect(lessons.has(doc.lesson.slug)).toBe(true);
        expect(doc.lesson.href).toBe(`/lessons/${doc.lessonSlug}/`);
      } else {
        expect(lessons.has(doc.lessonSlug)).toBe(false);
      }
    });
  });
});

describe('rule page data', () => {
  const stageNameCasing = RULES.find((rule) => rule.meta.id === 'stage-name-casing')!;

  it('shows the line and column the analyzer reports', () => {
    const doc = ruleDoc(stageNameCasing, { lessons });
    expect(doc.invalid[0]!.findings).toEqual([
      {
        id: 'stage-name-casing',
        severity: 'warning',
        line: 1,
        column: 21,
        endLine: 1,
        endColumn: 26,
        message: "Stage name 'Build' should be lowercase",
        href: '/rules/stage-name-casing/',
      },
    ]);
    expect(doc.severityLabel).toBe('Warning');
  });

  it('shows each example with the note that says what it shows', () => {
    const doc = ruleDoc(stageNameCasing, { lessons });
    const noted = stageNameCasing.examples.invalid.findIndex((example) => example.note !== undefined);
    expect(noted).toBeGreaterThanOrEqual(0);
    expect(doc.invalid[noted]!.note).toBe(stageNameCasing.examples.invalid[noted]!.note);
    expect(doc.invalid.filter((_, i) => stageNameCasing.examples.invalid[i]!.note === undefined).map((example) => example.note)).toEqual(
      stageNameCasing.examples.invalid.filter((example) => example.note === undefined).map(() => null),
    );
  });

  it('links a lesson that exists, under the base path, and no lesson that does not', () => {
    const slug = RULE_LESSONS['stage-name-casing']!;
    expect(ruleDoc(stageNameCasing, { lessons: new Map() }).lesson).toBeNull();
    expect(ruleDoc(stageNameCasing, { lessons: new Map([[slug, 'Named stages']]), base: '/course/' }).lesson).toEqual({
      slug,
      title: 'Named stages',
      href: `/course/lessons/${slug}/`,
    });
    expect(ruleDoc(stageNameCasing, { lessons: new Map(), base: '/course/' }).href).toBe('/course/rules/stage-name-casing/');
  });

  it('turns check names into the kebab-case of Docker’s URLs', () => {
    expect(kebabCase('StageNameCasing')).toBe('stage-name-casing');
    expect(kebabCase('JSONArgsRecommended')).toBe('json-args-recommended');
    expect(kebabCase('FromPlatformFlagConstDisallowed')).toBe('from-platform-flag-const-disallowed');
    expect(kebabCase('UndefinedArgInFrom')).toBe('undefined-arg-in-from');
    expect(buildkitCheckUrl('StageNameCasing')).toBe('https://docs.docker.com/reference/build-checks/stage-name-casing/');
    expect(hadolintRuleUrl('DL3006')).toBe('https://github.com/hadolint/hadolint/wiki/DL3006');
    expect(sourceLinks({ hadolint: 'DL3022', buildkit: 'CopyIgnoredFile' }).map((s) => s.kind)).toEqual(['buildkit', 'hadolint']);
    expect(sourceLinks({})).toEqual([]);
  });

  it('splits prose into text and `code`', () => {
    expect(textParts('Write `AS build`, not `AS Build`.')).toEqual([
      { code: false, text: 'Write ' },
      { code: true, text: 'AS build' },
      { code: false, text: ', not ' },
      { code: true, text: 'AS Build' },
      { code: false, text: '.' },
    ]);
    expect(textParts('a ` b')).toEqual([{ code: false, text: 'a ` b' }]);
  });

  it('highlights code with the same Shiki themes as Markdown', () => {
    const shiki = astroConfig.markdown?.shikiConfig;
    expect(shiki?.themes).toEqual(CODE_THEMES);
    expect(shiki?.defaultColor).toBe(CODE_DEFAULT_COLOR);
  });
});
