// The shape of a lint rule: metadata (which also generates its reference page at
// /rules/<id>), a pure check over the analysis, and its own valid/invalid test cases.

import type { Analysis, AnalyzeOptions, DiagnosticSources, Range, Severity, Stage } from '../model.ts';

export interface RuleMeta {
  /** Stable kebab-case id, used in diagnostics, URLs and the CLI. */
  id: string;
  severity: Severity;
  /** One line: what the rule looks for. */
  description: string;
  /** A short paragraph for the reference page: why it matters. */
  rationale: string;
  /** Default fix, when a finding has none of its own. */
  hint: string;
  /** What each kind of finding says, by message id (every Finding names one). The finding's
   *  own text fills in the names; this is the kind, for the rules test and the reference. */
  messages: Readonly<Record<string, string>>;
  /** The equivalent BuildKit build check and/or hadolint rule. */
  sources: DiagnosticSources;
  /** True when the finding depends on the build target (its message names the target). */
  perTarget?: boolean;
}

export interface RuleContext {
  text: string;
  analysis: Analysis;
  options: Required<Pick<AnalyzeOptions, 'builder'>> & AnalyzeOptions;
  /** Lines of the build context's .dockerignore, when one is given. */
  dockerignore: string[] | null;
  /** The stage that becomes the image (the resolved target), when the target resolves. */
  finalStage: Stage | null;
  /** How to name the target in messages: `prod` or `the default target (stage 2)`. */
  targetLabel: string;
}

export interface Finding {
  range: Range;
  /** One of the rule's `meta.messages`. */
  messageId: string;
  message: string;
  hint?: string;
}

export interface RuleCase {
  /** What the case shows, in a sentence (`code` spans allowed): printed above it on the rule's page. */
  note?: string;
  /** Dockerfile text. */
  code: string;
  options?: AnalyzeOptions & { dockerignore?: string };
}

/** A finding as the rules test expects it, like ESLint's RuleTester: exact start and end
 *  (1-based lines and columns, the end exclusive, as in Range) and the message id. */
export interface ExpectedFinding {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  messageId: string;
  /** Substring of the message, when a case shows what the text names. */
  message?: string;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): Finding[];
  /** Shown on the reference page and run by the rules test. */
  examples: { valid: RuleCase[]; invalid: Array<RuleCase & { findings: ExpectedFinding[] }> };
}
