// The rule catalogue and the runner that turns findings into diagnostics.

import { type CheckConfig, checkRuns, checkSkipped } from '../check-config.ts';
import type { Diagnostic } from '../model.ts';
import { buildkitRules } from './buildkit/index.ts';
import { courseRules } from './course/index.ts';
import { hadolintRules } from './hadolint/index.ts';
import { releaseMemo } from './support/memo.ts';
import type { Rule, RuleContext } from './types.ts';

export const RULES: readonly Rule[] = [...buildkitRules, ...hadolintRules, ...courseRules];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}

/** How the build checks are configured for this analysis (see check-config.ts). */
export interface CheckSetting {
  /** The configuration the author wrote (directive or build argument); null when it does not
   *  parse (the build fails on that instead). Checks it skips are not reported at all. */
  config: CheckConfig | null;
  /** Whether the build being modelled runs build checks: BuildKit on Docker 27+. */
  engineRunsChecks: boolean;
  /** Run only the BuildKit checks (to learn whether `error=true` fails the build when the
   *  caller asked for Docker's own errors only). */
  onlyBuildChecks?: boolean;
}

export interface RuleResults {
  diagnostics: Diagnostic[];
  /** The build checks the engine reports, each once, in the order they are first found in the
   *  file (BuildKit lists them in no fixed order): with
   *  `error=true` these fail the build. */
  reportedChecks: string[];
}

/**
 * Runs every rule. A finding at the very place where the analyzer already reports a
 * problem (an error Docker raises, or what a builder does with it) is not repeated: its
 * sources are added to that diagnostic instead, so a learner reads one message per problem.
 * A BuildKit check the author skipped is not reported; the others say whether the engine
 * itself reports them (`engineReports`).
 */
export function runRules(context: RuleContext, existing: Diagnostic[], checks: CheckSetting): RuleResults {
  try {
    return findingsOf(context, existing, checks);
  } finally {
    releaseMemo(context);
  }
}

function findingsOf(context: RuleContext, existing: Diagnostic[], checks: CheckSetting): RuleResults {
  const added: Diagnostic[] = [];
  // Each reported check with where it is first found.
  const reported = new Map<string, number>();
  // The first existing diagnostic at each offset, looked up once per finding instead of
  // searching the list each time (a file with many problems has many of both).
  let byOffset: Map<number, Diagnostic> | null = null;
  for (const rule of RULES) {
    const check = rule.meta.sources.buildkit;
    if (checks.onlyBuildChecks && !check) continue;
    if (check && checks.config && checkSkipped(check, checks.config)) continue;
    const engineReports = check ? checks.engineRunsChecks && checks.config !== null && checkRuns(check, checks.config) : undefined;
    let findings;
    try {
      findings = rule.check(context);
    } catch {
      // A broken rule must not take the analysis down with it; the rules test catches it.
      continue;
    }
    if (engineReports) for (const f of findings) reported.set(check!, Math.min(reported.get(check!) ?? Infinity, f.range.start.offset));
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
      const d: Diagnostic = {
        id: rule.meta.id,
        severity: rule.meta.severity,
        message: finding.message,
        hint: finding.hint ?? rule.meta.hint,
        range: finding.range,
        sources: rule.meta.sources,
      };
      if (engineReports !== undefined) d.engineReports = engineReports;
      added.push(d);
    }
  }
  return {
    diagnostics: added.sort((a, b) => a.range.start.offset - b.range.start.offset),
    reportedChecks: [...reported].sort((a, b) => a[1] - b[1]).map(([name]) => name),
  };
}
