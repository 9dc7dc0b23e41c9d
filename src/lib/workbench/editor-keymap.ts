// The editor's keys: @codemirror/commands' standardKeymap, rebuilt so that no binding needs
// @codemirror/language.
//
// Why: the editor uses no CodeMirror language (the colours come from the analyzer, see
// highlight.ts). Three commands of the standard keymap still reach into @codemirror/language
// for indentation units (Backspace, Delete, Enter), and importing them pulls in that package
// with @lezer/common and @lezer/highlight: about 13 KB of gzip JavaScript on every page with
// a workbench (measured with Vite, against a 150 KB budget for the whole page). So this file
// lists the standard bindings itself and gives Backspace/Delete plain character deletion
// (deleteChar below) and Enter `insertNewlineKeepIndent`, which keeps the line's indentation:
// what a Dockerfile's continuation lines need. astro.config.mjs lets the bundler drop the
// unused packages (treeshake.moduleSideEffects).
import {
  cursorCharLeft,
  cursorCharRight,
  cursorDocEnd,
  cursorDocStart,
  cursorGroupLeft,
  cursorGroupRight,
  cursorLineBoundaryBackward,
  cursorLineBoundaryForward,
  cursorLineBoundaryLeft,
  cursorLineBoundaryRight,
  cursorLineDown,
  cursorLineUp,
  cursorPageDown,
  cursorPageUp,
  deleteGroupBackward,
  deleteGroupForward,
  deleteLineBoundaryBackward,
  deleteLineBoundaryForward,
  historyKeymap,
  insertNewlineKeepIndent,
  moveLineDown,
  moveLineUp,
  selectAll,
  selectCharLeft,
  selectCharRight,
  selectDocEnd,
  selectDocStart,
  selectGroupLeft,
  selectGroupRight,
  selectLineBoundaryBackward,
  selectLineBoundaryForward,
  selectLineBoundaryLeft,
  selectLineBoundaryRight,
  selectLineDown,
  selectLineUp,
  selectPageDown,
  selectPageUp,
  toggleComment,
} from '@codemirror/commands';
import { EditorSelection, findClusterBreak, type EditorState, type Transaction } from '@codemirror/state';
import type { Command, KeyBinding } from '@codemirror/view';

/** The change that deletes one character (a whole grapheme cluster, or the line break at
 *  a line's edge) before or after each cursor, or each selection's text. Null when there is
 *  nothing to delete (the start or end of the document). */
export function deleteCharChange(state: EditorState, forward: boolean): Transaction | null {
  const changes = state.changeByRange((range) => {
    if (!range.empty) return { changes: { from: range.from, to: range.to }, range: EditorSelection.cursor(range.from) };
    const line = state.doc.lineAt(range.head);
    let target = findClusterBreak(line.text, range.head - line.from, forward) + line.from;
    if (target === range.head) {
      if (forward && line.number < state.doc.lines) target += 1;
      else if (!forward && line.number > 1) target -= 1;
    }
    const from = Math.min(target, range.head);
    const to = Math.max(target, range.head);
    return from === to ? { range } : { changes: { from, to }, range: EditorSelection.cursor(from) };
  });
  if (changes.changes.empty) return null;
  return state.update(changes, { scrollIntoView: true, userEvent: forward ? 'delete.forward' : 'delete.backward' });
}

const deleteChar =
  (forward: boolean): Command =>
  (view) => {
    const transaction = deleteCharChange(view.state, forward);
    if (transaction) view.dispatch(transaction);
    return transaction !== null;
  };

/** standardKeymap (see the note at the top), history, and a few of defaultKeymap's keys. */
export const editorKeymap: readonly KeyBinding[] = [
  { key: 'ArrowLeft', run: cursorCharLeft, shift: selectCharLeft, preventDefault: true },
  { key: 'Mod-ArrowLeft', mac: 'Alt-ArrowLeft', run: cursorGroupLeft, shift: selectGroupLeft, preventDefault: true },
  { mac: 'Cmd-ArrowLeft', run: cursorLineBoundaryLeft, shift: selectLineBoundaryLeft, preventDefault: true },
  { key: 'ArrowRight', run: cursorCharRight, shift: selectCharRight, preventDefault: true },
  { key: 'Mod-ArrowRight', mac: 'Alt-ArrowRight', run: cursorGroupRight, shift: selectGroupRight, preventDefault: true },
  { mac: 'Cmd-ArrowRight', run: cursorLineBoundaryRight, shift: selectLineBoundaryRight, preventDefault: true },
  { key: 'ArrowUp', run: cursorLineUp, shift: selectLineUp, preventDefault: true },
  { mac: 'Cmd-ArrowUp', run: cursorDocStart, shift: selectDocStart },
  { mac: 'Ctrl-ArrowUp', run: cursorPageUp, shift: selectPageUp },
  { key: 'ArrowDown', run: cursorLineDown, shift: selectLineDown, preventDefault: true },
  { mac: 'Cmd-ArrowDown', run: cursorDocEnd, shift: selectDocEnd },
  { mac: 'Ctrl-ArrowDown', run: cursorPageDown, shift: selectPageDown },
  { key: 'PageUp', run: cursorPageUp, shift: selectPageUp },
  { key: 'PageDown', run: cursorPageDown, shift: selectPageDown },
  { key: 'Home', run: cursorLineBoundaryBackward, shift: selectLineBoundaryBackward, preventDefault: true },
  { key: 'Mod-Home', run: cursorDocStart, shift: selectDocStart },
  { key: 'End', run: cursorLineBoundaryForward, shift: selectLineBoundaryForward, preventDefault: true },
  { key: 'Mod-End', run: cursorDocEnd, shift: selectDocEnd },
  { key: 'Enter', run: insertNewlineKeepIndent, shift: insertNewlineKeepIndent },
  { key: 'Mod-a', run: selectAll },
  { key: 'Backspace', run: deleteChar(false), shift: deleteChar(false), preventDefault: true },
  { key: 'Delete', run: deleteChar(true), preventDefault: true },
  { key: 'Mod-Backspace', mac: 'Alt-Backspace', run: deleteGroupBackward, preventDefault: true },
  { key: 'Mod-Delete', mac: 'Alt-Delete', run: deleteGroupForward, preventDefault: true },
  { mac: 'Mod-Backspace', run: deleteLineBoundaryBackward, preventDefault: true },
  { mac: 'Mod-Delete', run: deleteLineBoundaryForward, preventDefault: true },
  // From defaultKeymap: comment lines out, move lines.
  { key: 'Mod-/', run: toggleComment },
  { key: 'Alt-ArrowUp', run: moveLineUp },
  { key: 'Alt-ArrowDown', run: moveLineDown },
  ...historyKeymap,
];
