// Where a rule lives: one rule per module, directly in its family's folder
// (src/analyzer/rules/<family>/<rule-id>.ts), and nothing else there but the family's index;
// helpers go in <family>/support/ or rules/support/. So a maintainer reads a family's folder
// as its list of rules, and a helper never passes for one (issue 15).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/analyzer/rules/index.ts';
import type { Rule } from '../../src/analyzer/rules/types.ts';

const RULES_DIR = join(import.meta.dirname, '..', '..', 'src', 'analyzer', 'rules');
const FAMILIES = ['buildkit', 'course', 'hadolint'] as const;

const isRule = (value: unknown): value is Rule => typeof value === 'object' && value !== null && 'meta' in value && 'check' in value && 'examples' in value;

describe('the rules folders', () => {
  for (const family of FAMILIES) {
    it(`${family}/ holds its index and one module per rule, named after the rule, and nothing else`, async () => {
      const modules = readdirSync(join(RULES_DIR, family), { withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name !== 'index.ts')
        .map((entry) => entry.name);
      for (const name of modules) {
        const exported = Object.values(await import(join(RULES_DIR, family, name))).filter(isRule);
        expect(
          exported.map((rule) => `${rule.meta.id}.ts`),
          `${family}/${name}`,
        ).toEqual([name]);
      }
    });
  }

  it('every registered rule has its module in a family folder', () => {
    const files = FAMILIES.flatMap((family) => readdirSync(join(RULES_DIR, family)));
    expect(RULES.map((rule) => `${rule.meta.id}.ts`).filter((name) => !files.includes(name))).toEqual([]);
  });
});
