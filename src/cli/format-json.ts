// The JSON shapes of `plan --json` and `check --json`.

import type { Analysis, Builder, Diagnostic, DiagnosticSources, Engine, Severity } from '../analyzer/index.ts';

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
  /** For a BuildKit check: whether this engine and builder report it themselves (false: the
   *  analyzer's advice, e.g. on Docker 26.1, which has no build checks). */
  engineReports?: boolean;
}

export interface PlanJson {
  /** The Docker release modelled: "28.5" or "26.1". */
  engine: Engine;
  builder: Builder;
  target: string | null;
  stages: Array<{ index: number; name: string | null }>;
  errors: JsonDiagnostic[];
  warnings: JsonDiagnostic[];
}

export interface CheckJson {
  engine: Engine;
  builder: Builder;
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
    ...(d.engineReports !== undefined ? { engineReports: d.engineReports } : {}),
  };
}

export function planJson(analysis: Analysis, target: string | null): PlanJson {
  const bySeverity = (severity: Severity) => analysis.diagnostics.filter((d) => d.severity === severity).map((d) => diagnosticJson(d, false));
  return {
    engine: analysis.plan.engine,
    builder: analysis.plan.builder,
    target,
    stages: analysis.plan.stages.map((index) => ({ index, name: analysis.stages[index]?.name ?? null })),
    errors: bySeverity('error'),
    warnings: bySeverity('warning'),
  };
}

export function checkJson(analysis: Analysis): CheckJson {
  return { engine: analysis.plan.engine, builder: analysis.plan.builder, diagnostics: analysis.diagnostics.map((d) => diagnosticJson(d, true)) };
}

export function stringify(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
