import type { Builder, Diagnostic, Range, Severity } from './model.ts';

/** Builds a diagnostic; `builder` is set only when one builder alone behaves this way. */
export function diagnostic(id: string, severity: Severity, message: string, hint: string, range: Range, builder?: Builder): Diagnostic {
  return builder ? { id, severity, message, hint, range, builder } : { id, severity, message, hint, range };
}
