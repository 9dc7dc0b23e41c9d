// The rule catalogue and the runner that turns findings into diagnostics.

import type { Diagnostic } from '../model.ts';
import { buildkitRules } from './buildkit/index.ts';
import { courseRules } from './course/index.ts';
import { hadolintRules } from './hadolint/index.ts';
import { releaseMemo } from './memo.ts';
import type { Rule, RuleContext } from './types.ts';

export const RULES: readonly Rule[] = [...buildkitRules, ...hadolintRules, ...courseRules];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}

/**
 * Runs every rule. A finding at the very place where the analyzer already reports a
 * problem (an error Docker raises, or what a builder does with it) is not repeated: its
 * sources are added to that diagnostic instead, so a learner reads one message per problem.
 */
export function runRules(context: RuleContext, existing: Diagnostic[]): Diagnostic[] {
  try {
    return findingsOf(context, existing);
  } finally {
    releaseMemo(context);
  }
}

function findingsOf(context: RuleContext, existing: Diagnostic[]): Diagnostic[] {
  const added: Diagnostic[] = [];
  // The first existing diagnostic at each offset, looked up once per finding instead of
  // searching the list each time (a file with many problems has many of both).
  let byOffset: Map<number, Diagnostic> | null = null;
  for (const rule of RULES) {
    let findings;
    try {
      findings = rule.check(context);
    } catch {
      // A broken rule must not take the analysis down with it; the rules test catches it.
      continue;
    }
    for (const finding of findings) {
      if (byOffset === null) {
        byOffset = new Map();
        for (const d of existing) if (!byOffset.has(d.range.start.offset)) byOffset.set(d.range.start.offset, d);
      }
      const same = byOffset.get(finding.range.start.offset);
      // One diagnostic names one BuildKit check: a second check at the same place stays apart.
      if (same && !(same.sources?.buildkit && rule.meta.sources.buildkit && same.sources.buildkit !== rule.meta.sources.buildkit)) {
        same.sources = { ...rule.meta.sources, ...same.sources };
        continue;
      }
      added.push({
        id: rule.meta.id,
        severity: rule.meta.severity,
        message: finding.message,
        hint: finding.hint ?? rule.meta.hint,
        range: finding.range,
        sources: rule.meta.sources,
      });
    }
  }
  return added.sort((a, b) => a.range.start.offset - b.range.start.offset);
}
