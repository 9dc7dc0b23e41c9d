import { EditorSelection, EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { deleteCharChange } from '../../src/lib/workbench/editor-keymap.ts';

function after(doc: string, cursor: number | [number, number], forward: boolean): string | null {
  const selection = typeof cursor === 'number' ? EditorSelection.cursor(cursor) : EditorSelection.range(cursor[0], cursor[1]);
  const state = EditorState.create({ doc, selection });
  const transaction = deleteCharChange(state, forward);
  return transaction ? transaction.state.doc.toString() : null;
}

describe('deleteCharChange (Backspace and Delete without @codemirror/language)', () => {
  it('deletes the character before or after the cursor', () => {
    expect(after('FROM', 4, false)).toBe('FRO');
    expect(after('FROM', 0, true)).toBe('ROM');
  });

  it('joins lines at a line edge and does nothing at the ends of the document', () => {
    expect(after('a\nb', 2, false)).toBe('ab');
    expect(after('a\nb', 1, true)).toBe('ab');
    expect(after('ab', 0, false)).toBeNull();
    expect(after('ab', 2, true)).toBeNull();
  });

  it('deletes a whole grapheme cluster (an emoji with a modifier, a flag)', () => {
    const thumbs = '👍🏽';
    expect(after(`a${thumbs}`, 1 + thumbs.length, false)).toBe('a');
    expect(after(`${thumbs}b`, 0, true)).toBe('b');
  });

  it('deletes the selected text', () => {
    expect(after('FROM alpine', [4, 11], false)).toBe('FROM');
    expect(after('FROM alpine', [0, 5], true)).toBe('alpine');
  });

  it('deletes by character in leading spaces (no indentation units)', () => {
    expect(after('RUN a \\\n    b', 12, false)).toBe('RUN a \\\n   b');
  });
});
