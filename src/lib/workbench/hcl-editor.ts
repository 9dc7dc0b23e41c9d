// The bake exercise's editor: the same CodeMirror setup as the Dockerfile editor (editor.ts: its
// theme, keyboard, shadow root and diagnostics), with docker-bake.hcl coloured by
// codemirror-lang-hcl, the HCL grammar the bake analyzer already parses with. Unlike the
// Dockerfile's colours (which come from the analyzer's own parse), these come from CodeMirror's
// incremental parse of the grammar: it re-reads only the changed lines.
import { history } from '@codemirror/commands';
import { syntaxHighlighting } from '@codemirror/language';
import { lintGutter, linter, lintKeymap, previousDiagnostic } from '@codemirror/lint';
import { EditorSelection, EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, keymap, lineNumbers } from '@codemirror/view';
import { tagHighlighter, tags } from '@lezer/highlight';
import { hcl } from 'codemirror-lang-hcl';
import type { EditorDiagnostic } from './diagnostics.ts';
import { diagnosticsUpdate, theme, type EditorOptions } from './editor.ts';
import { editorKeymap } from './editor-keymap.ts';

/** The grammar's tags onto the classes the Dockerfile editor's theme colours. */
const colours = tagHighlighter([
  { tag: [tags.typeName, tags.keyword, tags.bool, tags.null], class: 'tok-keyword' },
  { tag: [tags.lineComment, tags.blockComment], class: 'tok-comment' },
  { tag: [tags.string, tags.labelName], class: 'tok-string' },
  { tag: [tags.definition(tags.propertyName), tags.number], class: 'tok-flag' },
  { tag: tags.variableName, class: 'tok-variable' },
]);

export interface HclEditor {
  text(): string;
  replaceText(text: string): void;
  showDiagnostics(diagnostics: readonly EditorDiagnostic[]): void;
  reveal(from: number, to: number): void;
  focus(): void;
}

export function createHclEditor(options: EditorOptions): HclEditor {
  const shadow = options.parent.shadowRoot ?? options.parent.attachShadow({ mode: 'open' });
  // tabindex=0 and a description inside the shadow root: see createEditor in editor.ts.
  const attributes: Record<string, string> = { 'aria-label': options.label, tabindex: '0' };
  if (options.description) {
    const description = document.createElement('p');
    description.id = 'editor-description';
    description.hidden = true;
    description.textContent = options.description;
    shadow.append(description);
    attributes['aria-describedby'] = description.id;
  }
  const view = new EditorView({
    root: shadow,
    parent: shadow,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        hcl(),
        syntaxHighlighting(colours),
        linter(null),
        lintGutter(),
        keymap.of([...editorKeymap, ...lintKeymap, { key: 'Shift-F8', run: previousDiagnostic }]),
        EditorView.contentAttributes.of(attributes),
        EditorView.lineWrapping,
        theme,
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    text: () => view.state.doc.toString(),
    replaceText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: EditorSelection.cursor(0), scrollIntoView: true });
    },
    showDiagnostics(diagnostics) {
      const update = diagnosticsUpdate(view, diagnostics);
      if (update) view.dispatch(update);
    },
    reveal(from, to) {
      const length = view.state.doc.length;
      view.dispatch({ selection: EditorSelection.range(Math.min(from, length), Math.min(to, length)), scrollIntoView: true });
      view.focus();
    },
    focus: () => view.focus(),
  };
}
