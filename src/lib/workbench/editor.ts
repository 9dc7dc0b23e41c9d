// The workbench's Dockerfile editor: CodeMirror 6, coloured from the analyzer's own parse
// (highlight.ts) and with @codemirror/lint for showing the analyzer's diagnostics (underline,
// gutter marker, tooltip with the message and the hint). The analysis itself is not a
// CodeMirror linter: the workbench runs it once per edit for everything it shows, and
// pushes the diagnostics here with setDiagnostics.
//
// Keyboard: Tab is left to the browser (it moves focus out of the editor, so the editor is
// no keyboard trap); F8 / Shift+F8 go to the next / previous problem, Ctrl+Shift+M (Cmd on
// a Mac) opens the list of problems. Colours come from the site's CSS variables, so the
// editor follows the light/dark theme. All tooltip text is set with textContent.
//
// The editor lives in a shadow root. CodeMirror injects its styles at run time; in a
// document that means <style> elements, which the site's Content-Security-Policy
// (style-src 'self', no inline styles) blocks, and without them the editor breaks (the
// browser even types non-breaking spaces). In a shadow root CodeMirror uses constructed
// stylesheets (adoptedStyleSheets), which the policy allows. CSS variables inherit into
// the shadow root, so the theme below still uses the site's colours.
import { history } from '@codemirror/commands';
import { forEachDiagnostic, lintGutter, linter, lintKeymap, previousDiagnostic, setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { EditorSelection, EditorState, StateEffect, type Extension, type Text, type TransactionSpec } from '@codemirror/state';
import {
  Decoration,
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  ViewPlugin,
  type ViewUpdate,
} from '@codemirror/view';
import type { Analysis } from '../../analyzer/model.ts';
import { SEVERITY_WORDS, sentence, type EditorDiagnostic } from './diagnostics.ts';
import { editorKeymap } from './editor-keymap.ts';
import { inlineNodes } from './inline-text.ts';
import { highlightTokensIn, type TokenKind } from './highlight.ts';

export interface EditorOptions {
  parent: HTMLElement;
  text: string;
  /** The editor's accessible name. */
  label: string;
  /** A description of the editor (its keyboard help), read after its name. */
  description?: string;
  /** Called after every change of the text. */
  onChange: (text: string) => void;
}

export interface DockerfileEditor {
  readonly view: EditorView;
  text(): string;
  /** Replaces the whole text as one undoable change. */
  replaceText(text: string): void;
  showDiagnostics(diagnostics: readonly EditorDiagnostic[]): void;
  /** Shows an analysis of `text` (what the editor held when it was made): its diagnostics,
   *  and the syntax colours from its parse, in one update. Colours are left as they are
   *  when the text has changed since. */
  showAnalysis(text: string, analysis: Analysis, diagnostics: readonly EditorDiagnostic[]): void;
  /** Puts the cursor at `from`–`to`, scrolls it into view and focuses the editor. */
  reveal(from: number, to: number): void;
  focus(): void;
  destroy(): void;
}

const MARKS: Record<TokenKind, Decoration> = {
  keyword: Decoration.mark({ class: 'tok-keyword' }),
  comment: Decoration.mark({ class: 'tok-comment' }),
  directive: Decoration.mark({ class: 'tok-comment' }),
  flag: Decoration.mark({ class: 'tok-flag' }),
  string: Decoration.mark({ class: 'tok-string' }),
  heredoc: Decoration.mark({ class: 'tok-string' }),
  variable: Decoration.mark({ class: 'tok-variable' }),
  'stage-name': Decoration.mark({ class: 'tok-stage' }),
};

/** A new analysis of the document, for its colours. */
const setColours = StateEffect.define<{ text: string; analysis: Analysis }>();

/**
 * Syntax colours from the analyzer's parse (see highlight.ts for why not a CodeMirror mode).
 * No analysis of its own: each analysis the page makes for its diagnostics brings the
 * colours (showAnalysis), so a keystroke costs one analysis, not two. Only the part of the
 * text CodeMirror has drawn (its viewport) is coloured, and coloured again when it scrolls:
 * a long file's colours otherwise cost a pass over all its words on every keystroke. Between
 * an edit and the analysis of the edited text (the next frame, or a pause in typing on a
 * long file) the colours move along with the edits; a part scrolled into view meanwhile is
 * coloured when that analysis comes.
 */
const syntaxColours: Extension = ViewPlugin.fromClass(
  class {
    decorations = Decoration.none;
    /** The last analysis, while the document is still the text it was made of. */
    current: { text: string; analysis: Analysis } | null = null;

    update(update: ViewUpdate): void {
      let fresh = false;
      for (const transaction of update.transactions)
        for (const effect of transaction.effects)
          if (effect.is(setColours)) {
            this.current = effect.value;
            fresh = true;
          }
      if (update.docChanged && !fresh) this.current = null;
      const { from, to } = update.view.viewport;
      if (this.current && (fresh || update.viewportChanged))
        this.decorations = Decoration.set(
          highlightTokensIn(this.current.text, this.current.analysis, from, to).map((token) => MARKS[token.kind].range(token.from, token.to)),
        );
      else this.decorations = this.decorations.map(update.changes);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

/** `#` comments for toggleComment (Ctrl-/ or Cmd-/): there is no CodeMirror language to ask. */
const commentSyntax = EditorState.languageData.of(() => [{ commentTokens: { line: '#' } }]);

const theme = EditorView.theme({
  '&': {
    minHeight: '12rem',
    maxHeight: '34rem',
    color: 'var(--text)',
    backgroundColor: 'var(--code-bg)',
    fontSize: '0.9rem',
    border: '1px solid var(--border)',
    borderRadius: 'var(--radius)',
  },
  '&.cm-focused': { outline: '3px solid var(--focus)', outlineOffset: '2px' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.55', overflow: 'auto' },
  '.cm-content': { caretColor: 'var(--text)', padding: '0.5rem 0' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--wb-selection)',
  },
  '.cm-gutters': {
    backgroundColor: 'var(--surface)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border)',
    borderRadius: 'var(--radius) 0 0 var(--radius)',
  },
  '.cm-activeLine': { backgroundColor: 'var(--wb-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--wb-active-line)', color: 'var(--text)' },
  '.cm-tooltip': {
    backgroundColor: 'var(--bg)',
    color: 'var(--text)',
    border: '1px solid var(--border)',
    borderRadius: 'var(--radius)',
    maxWidth: 'min(32rem, 90vw)',
  },
  '.cm-tooltip-lint': { padding: '0' },
  '.cm-diagnostic': { padding: '0.4rem 0.6rem', whiteSpace: 'normal', fontFamily: 'var(--font-body)', fontSize: '0.9rem' },
  '.cm-diagnostic-error': { borderLeft: '4px solid var(--danger)' },
  '.cm-diagnostic-warning': { borderLeft: '4px solid var(--warn)' },
  '.cm-diagnostic-info': { borderLeft: '4px solid var(--accent)' },
  '.cm-panel.cm-panel-lint': { backgroundColor: 'var(--surface)', color: 'var(--text)' },
  '.cm-panel.cm-panel-lint ul [aria-selected]': { backgroundColor: 'var(--accent-soft)', color: 'var(--text)' },
  '.cm-panels': { backgroundColor: 'var(--surface)', color: 'var(--text)' },
  '.cm-lint-marker': { width: '0.9em', height: '0.9em' },
  // GitHub's colours, as the site's Shiki code blocks use (github-light/dark-default).
  '.tok-keyword': { color: 'light-dark(#cf222e, #ff7b72)', fontWeight: '600' },
  '.tok-comment': { color: 'light-dark(#59636e, #9198a1)', fontStyle: 'italic' },
  '.tok-string': { color: 'light-dark(#0a3069, #a5d6ff)' },
  '.tok-flag, .tok-stage': { color: 'light-dark(#0550ae, #79c0ff)' },
  '.tok-variable': { color: 'light-dark(#953800, #ffa657)' },
  '.wb-diagnostic p': { margin: '0' },
  '.wb-diagnostic__hint': { marginTop: '0.25rem', color: 'var(--muted)' },
  '.cm-diagnosticSource': { marginTop: '0.25rem', color: 'var(--muted)', fontFamily: 'var(--font-mono)', fontSize: '0.8rem', opacity: '1' },
});

/** The tooltip body of a diagnostic: severity and message, then the hint. DOM nodes only. */
export function renderDiagnostic(d: EditorDiagnostic, doc: Document = document): HTMLElement {
  const box = doc.createElement('div');
  box.className = 'wb-diagnostic';
  const head = doc.createElement('p');
  head.className = 'wb-diagnostic__message';
  const severity = doc.createElement('strong');
  severity.textContent = `${SEVERITY_WORDS[d.severity]}: `;
  head.append(severity, ...inlineNodes(doc, sentence(d.message)));
  box.append(head);
  if (d.hint) {
    const hint = doc.createElement('p');
    hint.className = 'wb-diagnostic__hint';
    hint.append('Hint: ', ...inlineNodes(doc, sentence(d.hint)));
    box.append(hint);
  }
  // CodeMirror adds the id (the diagnostic's `source`) under this.
  return box;
}

export function toCodeMirror(d: EditorDiagnostic): CmDiagnostic {
  return {
    from: d.from,
    to: d.to,
    severity: d.severity,
    source: d.id,
    // The plain message (used by the lint panel's screen-reader text); the tooltip renders DOM.
    message: d.hint ? `${sentence(d.message)} Hint: ${sentence(d.hint)}` : sentence(d.message),
    renderMessage: () => renderDiagnostic(d),
  };
}

/** The update that shows `diagnostics`, or null when the editor already shows exactly them. */
function diagnosticsUpdate(view: EditorView, diagnostics: readonly EditorDiagnostic[]): TransactionSpec | null {
  const length = view.state.doc.length;
  const list = diagnostics.filter((d) => d.to <= length);
  // CodeMirror moves the marks along with edits; when they already say exactly this,
  // leave them (no redraw of the marks and the gutter).
  const shown: string[] = [];
  forEachDiagnostic(view.state, (d, from, to) => shown.push(`${from}:${to}:${d.severity}:${d.message}`));
  const wanted = list.map((d) => `${d.from}:${d.to}:${d.severity}:${toCodeMirror(d).message}`);
  if (shown.length === wanted.length && shown.every((key, i) => key === wanted[i])) return null;
  return setDiagnostics(view.state, list.map(toCodeMirror));
}

/** The editing surface every exercise editor shares, without a language: the shadow root, the
 *  accessible name and description, line numbers, history, the lint gutter, the keys and the
 *  theme. `language` adds the colours (and comment syntax) of what it edits. */
export interface MountedEditor {
  view: EditorView;
  /** The document as a string, made once per version of it (the page asks several times per
   *  edit; documents are immutable, so the string of the last one asked for is kept). */
  textOf(doc: Text): string;
  /** The methods every editor has: text, replaceText, showDiagnostics, reveal, focus. */
  common: Pick<DockerfileEditor, 'text' | 'replaceText' | 'showDiagnostics' | 'reveal' | 'focus'>;
}

export function mountEditor(options: EditorOptions, language: Extension[]): MountedEditor {
  const shadow = options.parent.shadowRoot ?? options.parent.attachShadow({ mode: 'open' });
  // tabindex=0: a long Dockerfile scrolls inside the editor, and axe
  // (scrollable-region-focusable) does not count a contenteditable as focusable content of
  // its scroller. It says what is already true (the text is in the tab order) and adds no
  // tab stop.
  const attributes: Record<string, string> = { 'aria-label': options.label, tabindex: '0' };
  if (options.description) {
    // aria-describedby cannot point out of a shadow root: the description lives inside it
    // (hidden, which a description may be: it is still read).
    const description = document.createElement('p');
    description.id = 'editor-description';
    description.hidden = true;
    description.textContent = options.description;
    shadow.append(description);
    attributes['aria-describedby'] = description.id;
  }
  let lastDoc: Text | null = null;
  let lastText = '';
  const textOf = (doc: Text): string => {
    if (doc !== lastDoc) {
      lastDoc = doc;
      lastText = doc.toString();
    }
    return lastText;
  };
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
        ...language,
        // Configuration only: the diagnostics come from setDiagnostics below.
        linter(null),
        lintGutter(),
        keymap.of([...editorKeymap, ...lintKeymap, { key: 'Shift-F8', run: previousDiagnostic }]),
        EditorView.contentAttributes.of(attributes),
        EditorView.lineWrapping,
        theme,
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(textOf(update.state.doc));
        }),
      ],
    }),
  });
  const common: MountedEditor['common'] = {
    text: () => textOf(view.state.doc),
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
  return { view, textOf, common };
}

export function createEditor(options: EditorOptions): DockerfileEditor {
  const { view, textOf, common } = mountEditor(options, [syntaxColours, commentSyntax]);
  return {
    ...common,
    view,
    showAnalysis(text, analysis, diagnostics) {
      const specs: TransactionSpec[] = [];
      const update = diagnosticsUpdate(view, diagnostics);
      if (update) specs.push(update);
      if (text === textOf(view.state.doc)) specs.push({ effects: setColours.of({ text, analysis }) });
      if (specs.length > 0) view.dispatch(...specs);
    },
    destroy: () => view.destroy(),
  };
}
