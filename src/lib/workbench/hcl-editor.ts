// The bake exercise's editor: the Dockerfile editor's surface (editor.ts's mountEditor: theme,
// keyboard, shadow root, diagnostics) with docker-bake.hcl coloured by codemirror-lang-hcl, the
// HCL grammar the bake analyzer already parses with. Unlike the Dockerfile's colours (which come
// from the analyzer's own parse), these come from CodeMirror's incremental parse of the grammar,
// which re-reads only the changed lines.
import { syntaxHighlighting } from '@codemirror/language';
import { tagHighlighter, tags } from '@lezer/highlight';
import { hcl } from 'codemirror-lang-hcl';
import { mountEditor, type DockerfileEditor, type EditorOptions } from './editor.ts';

/** The grammar's tags onto the classes the Dockerfile editor's theme colours. */
const colours = tagHighlighter([
  { tag: [tags.typeName, tags.keyword, tags.bool, tags.null], class: 'tok-keyword' },
  { tag: [tags.lineComment, tags.blockComment], class: 'tok-comment' },
  { tag: [tags.string, tags.labelName], class: 'tok-string' },
  { tag: [tags.definition(tags.propertyName), tags.number], class: 'tok-flag' },
  { tag: tags.variableName, class: 'tok-variable' },
]);

export type HclEditor = Pick<DockerfileEditor, 'text' | 'replaceText' | 'showDiagnostics' | 'reveal' | 'focus'>;

export function createHclEditor(options: EditorOptions): HclEditor {
  return mountEditor(options, [hcl(), syntaxHighlighting(colours)]).common;
}
