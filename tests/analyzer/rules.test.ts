// Every lint rule, tested as ESLint's RuleTester tests a rule: complete metadata, declared
// message ids, and at least three valid and three invalid cases, each invalid one with the
// exact start, end and message id of every finding. (Which lesson teaches a rule is the
// site's business: tests/course/rule-lessons.test.ts.)

import { describe, expect, it, vi } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { RULES } from '../../src/analyzer/rules/index.ts';
import { buildkitRules } from '../../src/analyzer/rules/buildkit/index.ts';
import { hadolintRules } from '../../src/analyzer/rules/hadolint/index.ts';
import type { Range } from '../../src/analyzer/model.ts';
import type { Finding, Rule, RuleCase } from '../../src/analyzer/rules/types.ts';
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

/** A finding as a case states it: where it starts and ends, and its message id. */
function placed(range: Range, messageId: string) {
  return { line: range.start.line, column: range.start.column, endLine: range.end.line, endColumn: range.end.column, messageId };
}

/** What the rule's own check returned while analyze() ran the case (in reading order), as
 *  ESLint's RuleTester sees a rule's reports: the exact range and message id of each. */
function ownFindings(rule: Rule, example: RuleCase): Finding[] {
  const spy = vi.spyOn(rule, 'check');
  try {
    findingsOf(rule, example);
    return spy.mock.results.flatMap((r) => (r.type === 'return' ? (r.value as Finding[]) : [])).sort((a, b) => a.range.start.offset - b.range.start.offset);
  } finally {
    spy.mockRestore();
  }
}

for (const rule of RULES) {
  describe(`rule ${rule.meta.id}`, () => {
    it('has complete metadata, message ids and at least three valid and three invalid cases', () => {
      const { meta } = rule;
      for (const field of ['description', 'rationale', 'hint'] as const) expect(meta[field].trim().length, field).toBeGreaterThan(10);
      expect(['error', 'warning', 'info']).toContain(meta.severity);
      expect(Object.keys(meta.messages).length).toBeGreaterThan(0);
      for (const [id, text] of Object.entries(meta.messages)) {
        expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
        expect(text.trim().length, id).toBeGreaterThan(10);
      }
      expect(rule.examples.valid.length).toBeGreaterThanOrEqual(3);
      expect(rule.examples.invalid.length).toBeGreaterThanOrEqual(3);
    });

    it('exercises every message id it declares in some invalid case', () => {
      const used = new Set(rule.examples.invalid.flatMap((example) => example.findings.map((f) => f.messageId)));
      expect(Object.keys(rule.meta.messages).filter((id) => !used.has(id))).toEqual([]);
      expect([...used].filter((id) => !(id in rule.meta.messages))).toEqual([]);
    });

    it('stays silent on its valid examples', () => {
      for (const example of rule.examples.valid) {
        expect(
          ownFindings(rule, example).map((f) => `${f.range.start.line}:${f.range.start.column} ${f.message}`),
          example.code,
        ).toEqual([]);
        expect(
          findingsOf(rule, example).map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message}`),
          example.code,
        ).toEqual([]);
      }
    });

    it('reports its invalid examples with the exact range and message id', () => {
      for (const example of rule.examples.invalid) {
        const own = ownFindings(rule, example);
        expect(
          own.map((f) => placed(f.range, f.messageId)),
          example.code,
        ).toEqual(example.findings.map(({ line, column, endLine, endColumn, messageId }) => ({ line, column, endLine, endColumn, messageId })));
        for (const f of own) expect(Object.keys(rule.meta.messages), f.message).toContain(f.messageId);
        // Each finding reaches the learner: as the rule's diagnostic, or merged into the
        // diagnostic the analyzer raised at the same place (which then names the rule's sources).
        const shown = findingsOf(rule, example);
        expect(
          shown.map((d) => [d.range.start.line, d.range.start.column]),
          example.code,
        ).toEqual(example.findings.map((f) => [f.line, f.column]));
        example.findings.forEach((expected, i) => {
          // What the learner reads: the rule's own text, or the error it was merged into.
          if (expected.message !== undefined) expect(shown[i]!.message, example.code).toContain(expected.message);
        });
        for (const d of shown) {
          expect(d.hint.length).toBeGreaterThan(10);
          expect(d.sources).toMatchObject(rule.meta.sources);
        }
      }
    });

    it('runs on every recorded fixture without throwing, naming a declared message id for each finding', () => {
      for (const fixture of fixtures) {
        const analysis = analyze(fixture.dockerfile, { rules: false });
        const run = () =>
          rule.check({
            text: fixture.dockerfile,
            analysis,
            options: { builder: 'buildkit' },
            dockerignore: null,
            finalStage: analysis.stages.at(-1) ?? null,
            targetLabel: 'the default target',
          });
        expect(run).not.toThrow();
        for (const finding of run()) expect(Object.keys(rule.meta.messages), finding.message).toContain(finding.messageId);
      }
    });
  });
}
