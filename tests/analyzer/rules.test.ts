// Every lint rule: complete metadata, a lesson link, and its own examples checked to the
// line and column. A rule without examples, docs or a lesson fails here.

import { describe, expect, it } from 'vitest';
import { LESSON_PATH } from '../../src/course/lesson-path.ts';
import { analyze } from '../../src/analyzer/index.ts';
import { RULES } from '../../src/analyzer/rules/index.ts';
import { buildkitRules } from '../../src/analyzer/rules/buildkit/index.ts';
import { hadolintRules } from '../../src/analyzer/rules/hadolint/index.ts';
import type { Rule, RuleCase } from '../../src/analyzer/rules/types.ts';
import { loadFixtures } from '../support/goldens.ts';

/** The rule's diagnostics — its own, or one the analyzer raised at the same place,
 *  into which the rule's finding was merged (it then carries the rule's sources). */
function findingsOf(rule: Rule, example: RuleCase) {
  const { dockerignore, ...options } = example.options ?? {};
  const merged = (sources: Record<string, string> | undefined) =>
    sources !== undefined && Object.entries(rule.meta.sources).every(([key, value]) => sources[key] === value);
  return analyze(example.code, { ...options, ...(dockerignore === undefined ? {} : { dockerignore }) }).diagnostics.filter(
    (d) => d.id === rule.meta.id || (Object.keys(rule.meta.sources).length > 0 && merged(d.sources as Record<string, string>)),
  );
}

/** BuildKit build checks that can be decided from the Dockerfile (and .dockerignore) alone. */
const BUILDKIT_CHECKS = [
  'StageNameCasing',
  'FromAsCasing',
  'NoEmptyContinuation',
  'ConsistentInstructionCasing',
  'DuplicateStageName',
  'ReservedStageName',
  'JSONArgsRecommended',
  'MaintainerDeprecated',
  'UndefinedArgInFrom',
  'WorkdirRelativePath',
  'UndefinedVar',
  'MultipleInstructionsDisallowed',
  'LegacyKeyValueFormat',
  'RedundantTargetPlatform',
  'SecretsUsedInArgOrEnv',
  'InvalidDefaultArgInFrom',
  'FromPlatformFlagConstDisallowed',
  'ExposeProtoCasing',
  'ExposeInvalidFormat',
  'CopyIgnoredFile',
];

describe('rule catalogue', () => {
  it('has unique kebab-case ids', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('covers every BuildKit build check decidable from the Dockerfile', () => {
    const covered = new Set(RULES.map((r) => r.meta.sources.buildkit).filter(Boolean));
    expect(BUILDKIT_CHECKS.filter((check) => !covered.has(check))).toEqual([]);
  });

  it('names a source for every BuildKit and hadolint rule', () => {
    for (const rule of buildkitRules) expect(rule.meta.sources.buildkit, rule.meta.id).toBeTruthy();
    for (const rule of hadolintRules) expect(rule.meta.sources.hadolint, rule.meta.id).toMatch(/^DL\d{4}$/);
  });
});

const fixtures = loadFixtures();

for (const rule of RULES) {
  describe(`rule ${rule.meta.id}`, () => {
    it('has complete metadata and a lesson on the course path', () => {
      const { meta } = rule;
      for (const field of ['description', 'rationale', 'hint'] as const) expect(meta[field].trim().length, field).toBeGreaterThan(10);
      expect(['error', 'warning', 'info']).toContain(meta.severity);
      expect(LESSON_PATH).toContain(meta.lesson);
      expect(rule.examples.valid.length).toBeGreaterThan(0);
      expect(rule.examples.invalid.length).toBeGreaterThan(0);
    });

    it('stays silent on its valid examples', () => {
      for (const example of rule.examples.valid) {
        expect(findingsOf(rule, example).map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message}`), example.code).toEqual([]);
      }
    });

    it('reports its invalid examples at the exact place', () => {
      for (const example of rule.examples.invalid) {
        const found = findingsOf(rule, example);
        expect(found.map((d) => [d.range.start.line, d.range.start.column]), example.code).toEqual(
          example.findings.map((f) => [f.line, f.column]),
        );
        example.findings.forEach((expected, i) => {
          const d = found[i]!;
          if (expected.endLine !== undefined) expect(d.range.end.line).toBe(expected.endLine);
          if (expected.endColumn !== undefined) expect(d.range.end.column).toBe(expected.endColumn);
          if (expected.message !== undefined) expect(d.message).toContain(expected.message);
          expect(d.hint.length).toBeGreaterThan(10);
          expect(d.sources).toMatchObject(rule.meta.sources);
        });
      }
    });

    it('runs on every recorded fixture without throwing', () => {
      for (const fixture of fixtures) {
        const analysis = analyze(fixture.dockerfile, { rules: false });
        expect(() =>
          rule.check({ text: fixture.dockerfile, analysis, options: { builder: 'buildkit' }, dockerignore: null, finalStage: analysis.stages.at(-1) ?? null, targetLabel: 'the default target' }),
        ).not.toThrow();
      }
    });
  });
}
