// The site's map from lint rules to the lessons that teach them (src/lib/rule-lessons.ts):
// every rule of the catalogue has a lesson on the course path whose file exists, and the map
// names no rule the catalogue does not have. The rule pages show these links.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/analyzer/rules/index.ts';
import { LESSON_PATH } from '../../src/lib/course/lesson-path.ts';
import { ruleDoc } from '../../src/build/rule-docs.ts';
import { RULE_LESSONS, ruleLesson } from '../../src/lib/rule-lessons.ts';

const LESSONS_DIR = fileURLToPath(new URL('../../content/lessons/', import.meta.url));

describe('rule → lesson map', () => {
  it('maps every rule to a lesson on the course path whose file exists', () => {
    const unmapped = RULES.map((rule) => rule.meta.id).filter((id) => ruleLesson(id) === undefined);
    expect(unmapped).toEqual([]);
    for (const rule of RULES) {
      const slug = ruleLesson(rule.meta.id)!;
      expect(LESSON_PATH, rule.meta.id).toContain(slug);
      expect(existsSync(`${LESSONS_DIR}${slug}.mdx`), `${rule.meta.id} → content/lessons/${slug}.mdx`).toBe(true);
    }
  });

  it('names only rules of the catalogue', () => {
    const ids = new Set(RULES.map((rule) => rule.meta.id));
    expect(Object.keys(RULE_LESSONS).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('is what the rule page links', () => {
    const rule = RULES.find((r) => r.meta.id === 'unreachable-stage')!;
    const slug = RULE_LESSONS['unreachable-stage']!;
    expect(ruleDoc(rule, { lessons: new Map([[slug, 'The lesson']]) }).lesson).toEqual({ slug, title: 'The lesson', href: `/lessons/${slug}/` });
    expect(ruleLesson('no-such-rule')).toBeUndefined();
    expect(ruleLesson('constructor')).toBeUndefined();
  });
});
