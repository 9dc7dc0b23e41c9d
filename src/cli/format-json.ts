// The JSON shapes of `plan --json` and `check --json`.

import type { Analysis, Builder, Diagnostic, DiagnosticSources, Severity } from '../analyzer/index.ts';

export interface JsonDiagnostic {
  id: string;
  severity?: Severity;
  message: string;
  hint: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  builder?: Builder;
  /** The equivalent BuildKit check / hadolint rule, e.g. {"buildkit":"StageNameCasing"}; {} when none. */
  sources: DiagnosticSources;
}

export interface PlanJson {
  builder: Builder;
  target: string | null;
  stages: Array<{ index: number; name: string | null }>;
  errors: JsonDiagnostic[];
  warnings: JsonDiagnostic[];
}

export interface CheckJson {
  diagnostics: JsonDiagnostic[];
}

export function diagnosticJson(d: Diagnostic, withSeverity: boolean): JsonDiagnostic {
  return {
    id: d.id,
    ...(withSeverity ? { severity: d.severity } : {}),
    message: d.message,
    hint: d.hint,
    line: d.range.start.line,
    column: d.range.start.column,
    endLine: d.range.end.line,
    endColumn: d.range.end.column,
    ...(d.builder ? { builder: d.builder } : {}),
    sources: { ...d.sources },
  };
}

export function planJson(analysis: Analysis, target: string | null): PlanJson {
  const bySeverity = (severity: Severity) =>
    analysis.diagnostics.filter((d) => d.severity === severity).map((d) => diagnosticJson(d, false));
  return {
    builder: analysis.plan.builder,
    target,
    stages: analysis.plan.stages.map((index) => ({ index, name: analysis.stages[index]?.name ?? null })),
    errors: bySeverity('error'),
    warnings: bySeverity('warning'),
  };
}

export function checkJson(analysis: Analysis): CheckJson {
  return { diagnostics: analysis.diagnostics.map((d) => diagnosticJson(d, true)) };
}

export function stringify(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
