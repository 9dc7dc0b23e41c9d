// The analyzer's diagnostics as the editor marks them (src/lib/workbench/diagnostics.ts and
// the CodeMirror adapter in src/lib/workbench/editor.ts).

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import type { Diagnostic } from '../../src/analyzer/model.ts';
import { countProblems, describeDiagnostic, sentence, toEditorDiagnostics } from '../../src/lib/workbench/diagnostics.ts';
import { toCodeMirror } from '../../src/lib/workbench/editor.ts';

const diag = (id: string, severity: Diagnostic['severity'], start: number, end: number, line = 1): Diagnostic => ({
  id,
  severity,
  message: `${id} message`,
  hint: `${id} hint`,
  range: { start: { line, column: 1, offset: start }, end: { line, column: 1, offset: end } },
});

describe('toEditorDiagnostics', () => {
  it('keeps the analyzer offsets: they are UTF-16 indices, as CodeMirror positions are', () => {
    // An astral character before the problem: two UTF-16 units, one code point.
    const text = '# 🐳 whale\nFROM alpine AS Build\nFROM build\n';
    const analysis = analyze(text);
    const mapped = toEditorDiagnostics(analysis.diagnostics, text.length, text);
    expect(mapped.length).toBeGreaterThan(0);
    for (const d of mapped) {
      const source = analysis.diagnostics.find((a) => a.id === d.id)!;
      expect(d.from).toBe(source.range.start.offset);
      expect(d.line).toBe(source.range.start.line);
    }
    // After the astral character: the range still covers exactly the stage name.
    const casing = mapped.find((d) => d.id === 'stage-name-casing');
    expect(casing, 'the stage-name-casing warning on "Build"').toBeDefined();
    expect(text.slice(casing!.from, casing!.to)).toBe('Build');
  });

  it('clamps ranges to the document and orders them', () => {
    const mapped = toEditorDiagnostics([diag('b', 'warning', 5, 999), diag('a', 'error', -3, 2), diag('c', 'info', 7, 4)], 10, '0123456789');
    expect(mapped.map((d) => [d.id, d.from, d.to])).toEqual([
      ['a', 0, 2],
      ['c', 4, 7],
      ['b', 5, 10],
    ]);
  });

  it('widens an empty range to one character, but not over a line break or past the end', () => {
    const text = 'ab\ncd';
    expect(toEditorDiagnostics([diag('x', 'error', 1, 1)], text.length, text)[0]).toMatchObject({ from: 1, to: 2 });
    expect(toEditorDiagnostics([diag('x', 'error', 2, 2)], text.length, text)[0]).toMatchObject({ from: 2, to: 2 });
    expect(toEditorDiagnostics([diag('x', 'error', 5, 5)], text.length, text)[0]).toMatchObject({ from: 5, to: 5 });
  });

  it('drops exact duplicates and puts errors first at the same place', () => {
    const mapped = toEditorDiagnostics([diag('w', 'warning', 0, 3), diag('e', 'error', 0, 3), diag('w', 'warning', 0, 3)], 10);
    expect(mapped.map((d) => d.id)).toEqual(['e', 'w']);
  });
});

describe('the words around a diagnostic', () => {
  it('ends sentences once', () => {
    expect(sentence('no stop')).toBe('no stop.');
    expect(sentence('a stop.')).toBe('a stop.');
    expect(sentence('asks?')).toBe('asks?');
    // A code span ending with a full stop ends the sentence: no "COPY . .." after it.
    expect(sentence('then `COPY . .`')).toBe('then `COPY . .`');
    expect(sentence('run `npm ci`')).toBe('run `npm ci`.');
  });

  it('describes a diagnostic with its line, severity, message and hint', () => {
    const [d] = toEditorDiagnostics([diag('unknown-target', 'error', 0, 4, 3)], 10);
    expect(describeDiagnostic(d!)).toBe('Line 3, error: unknown-target message. Hint: unknown-target hint.');
  });

  it('counts problems by severity', () => {
    expect(countProblems([])).toBe('No problems found');
    const list = toEditorDiagnostics([diag('a', 'error', 0, 1), diag('b', 'error', 2, 3), diag('c', 'warning', 4, 5), diag('d', 'info', 6, 7)], 10);
    expect(countProblems(list)).toBe('2 errors, 1 warning, 1 note');
  });
});

describe('the CodeMirror diagnostic', () => {
  it('carries the position, severity and both message and hint as plain text', () => {
    const [d] = toEditorDiagnostics([diag('undefined-var', 'warning', 2, 6)], 10);
    const cm = toCodeMirror(d!);
    expect(cm).toMatchObject({ from: 2, to: 6, severity: 'warning', source: 'undefined-var' });
    expect(cm.message).toBe('undefined-var message. Hint: undefined-var hint.');
    expect(typeof cm.renderMessage).toBe('function');
  });
});
