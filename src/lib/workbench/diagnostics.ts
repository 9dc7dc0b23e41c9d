// The analyzer's diagnostics as the editor shows them. Pure: the CodeMirror side
// (src/lib/workbench/editor.ts) adds only the DOM rendering of the tooltip.
//
// The analyzer's offsets are UTF-16 indices into the text it was given, as CodeMirror's
// positions are, so they map one to one; they are clamped to the document in case the
// text changed since, and an empty range is widened to one character where there is one
// (CodeMirror draws an empty range as a small widget that is easy to miss).
import type { Diagnostic, Severity } from '../../analyzer/model.ts';

export interface EditorDiagnostic {
  from: number;
  to: number;
  severity: Severity;
  /** The analyzer's message (what is wrong). */
  message: string;
  /** How to fix it. */
  hint: string;
  /** The diagnostic id, e.g. `unknown-target` (its rule page when it is a rule). */
  id: string;
  /** 1-based line of the start, as shown in the problems list. */
  line: number;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export const SEVERITY_WORDS: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };

export function toEditorDiagnostics(diagnostics: readonly Diagnostic[], docLength: number, text?: string): EditorDiagnostic[] {
  const clamp = (n: number) => Math.max(0, Math.min(docLength, Number.isFinite(n) ? Math.trunc(n) : 0));
  const seen = new Set<string>();
  const out: EditorDiagnostic[] = [];
  for (const d of diagnostics) {
    let from = clamp(d.range.start.offset);
    let to = clamp(d.range.end.offset);
    if (to < from) [from, to] = [to, from];
    if (to === from) {
      // Widen to the next character unless it is a line break (or the end of the text).
      const next = text?.charAt(from);
      if (from < docLength && next !== '\n' && next !== '\r') to = from + 1;
    }
    const key = `${d.id}\u0000${from}\u0000${to}\u0000${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ from, to, severity: d.severity, message: d.message, hint: d.hint, id: d.id, line: d.range.start.line });
  }
  return out.sort((a, b) => a.from - b.from || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.to - b.to);
}

/** One line of plain text for a diagnostic: "Line 3, error: message. Hint: …" */
export function describeDiagnostic(d: EditorDiagnostic): string {
  const hint = d.hint ? ` Hint: ${sentence(d.hint)}` : '';
  return `Line ${d.line}, ${SEVERITY_WORDS[d.severity].toLowerCase()}: ${sentence(d.message)}${hint}`;
}

/** The text with a full stop at the end unless it already ends a sentence. A `code` span
 *  that ends with a full stop (`COPY . .`) ends it too: a second one would read as part of it. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?:]`?$/.test(trimmed) || trimmed === '' ? trimmed : `${trimmed}.`;
}

/** "2 errors, 1 warning" / "No problems found". */
export function countProblems(diagnostics: readonly EditorDiagnostic[]): string {
  const count = (severity: Severity) => diagnostics.filter((d) => d.severity === severity).length;
  const parts: string[] = [];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (count('error')) parts.push(plural(count('error'), 'error'));
  if (count('warning')) parts.push(plural(count('warning'), 'warning'));
  if (count('info')) parts.push(plural(count('info'), 'note'));
  return parts.length ? parts.join(', ') : 'No problems found';
}
