// The editor's side of "What re-runs if I change…": each step's line marked as re-running,
// taken from the cache or failing. A line decoration (a bar at the left: solid for a step that
// re-runs, dotted for one from the cache, double for one that fails, so the states differ
// without colour) and a word at the line's end ("re-runs", "cached", "fails"). The words are
// aria-hidden: the control's list says the same in sentences. Added to a made editor with
// StateEffect.appendConfig, so src/lib/workbench/editor.ts needs no change for it.
import { RangeSetBuilder, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, WidgetType, type DecorationSet } from '@codemirror/view';
import type { LineMark, StepState } from './rebuild-view.ts';

const WORDS: Record<StepState, string> = { runs: 're-runs', cached: 'cached', fails: 'fails' };

class StateWord extends WidgetType {
  readonly state: StepState;
  constructor(state: StepState) {
    super();
    this.state = state;
  }
  override eq(other: StateWord): boolean {
    return other.state === this.state;
  }
  toDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = `cm-rebuild-word cm-rebuild-word--${this.state}`;
    span.setAttribute('aria-hidden', 'true');
    span.textContent = WORDS[this.state];
    return span;
  }
  override ignoreEvent(): boolean {
    return true;
  }
}

const setMarks = StateEffect.define<readonly LineMark[]>();

function decorations(view: { state: EditorView['state'] }, marks: readonly LineMark[]): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  const doc = view.state.doc;
  const sorted = [...marks].filter((mark) => mark.line >= 1 && mark.line <= doc.lines).sort((a, b) => a.line - b.line);
  let last = 0;
  for (const mark of sorted) {
    if (mark.line === last) continue;
    last = mark.line;
    const line = doc.line(mark.line);
    builder.add(line.from, line.from, Decoration.line({ class: `cm-rebuild cm-rebuild--${mark.state}`, attributes: { 'data-rebuild': mark.state } }));
    builder.add(line.to, line.to, Decoration.widget({ widget: new StateWord(mark.state), side: 1 }));
  }
  return builder.finish();
}

const marksField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, transaction) {
    for (const effect of transaction.effects) if (effect.is(setMarks)) return decorations(transaction, effect.value);
    return transaction.docChanged ? value.map(transaction.changes) : value;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const theme = EditorView.theme({
  '.cm-rebuild': { paddingLeft: '0.5rem', borderLeft: '4px solid transparent' },
  '.cm-rebuild--runs': { borderLeft: '4px solid var(--warn)', backgroundColor: 'light-dark(#fff6df, #33290f)' },
  '.cm-rebuild--cached': { borderLeft: '4px dotted var(--muted)' },
  '.cm-rebuild--fails': { borderLeft: '4px double var(--danger)' },
  '.cm-rebuild-word': {
    marginLeft: '0.75rem',
    padding: '0 0.35rem',
    border: '1px solid currentColor',
    borderRadius: '0.6rem',
    fontFamily: 'var(--font-body)',
    fontSize: '0.75rem',
    whiteSpace: 'nowrap',
  },
  '.cm-rebuild-word--runs': { fontWeight: '700', color: 'var(--text)' },
  '.cm-rebuild-word--cached': { color: 'var(--muted)' },
  '.cm-rebuild-word--fails': { fontWeight: '700', color: 'var(--danger)' },
});

const installed = new WeakSet<EditorView>();
const extension: Extension = [marksField, theme];

/** Marks `marks` in the editor (none: clears them). */
export function showRebuildMarks(view: EditorView, marks: readonly LineMark[]): void {
  if (!installed.has(view)) {
    installed.add(view);
    view.dispatch({ effects: StateEffect.appendConfig.of(extension) });
  }
  view.dispatch({ effects: setMarks.of(marks) });
}
