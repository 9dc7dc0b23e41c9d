// The rule catalogue and the runner that turns findings into diagnostics.

import type { Diagnostic } from '../model.ts';
import { buildkitRules } from './buildkit/index.ts';
import { courseRules } from './course/index.ts';
import { hadolintRules } from './hadolint/index.ts';
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
  const added: Diagnostic[] = [];
  for (const rule of RULES) {
    let findings;
    try {
      findings = rule.check(context);
    } catch {
      // A broken rule must not take the analysis down with it; the rules test catches it.
      continue;
    }
    for (const finding of findings) {
      const same = existing.find((d) => d.range.start.offset === finding.range.start.offset);
      if (same) {
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
