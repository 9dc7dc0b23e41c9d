// The analysis the workbench makes of the learner's text on every change (in the frame
// after the keystroke, src/lib/workbench/refresh-scheduler.ts), which the editor's
// diagnostics and colours and then every panel are drawn from. Pure.
//
// A text longer than any Dockerfile (a pasted log, a file opened by mistake) is not
// analysed at all, at once: the page stays responsive, the text stays in the editor, and
// the workbench says why nothing is checked.
import { analyze } from '../../analyzer/index.ts';
import type { Analysis } from '../../analyzer/model.ts';
import type { Exercise } from '../../exercises/types.ts';
import { formatBytes } from '../../shared/format-bytes.ts';
import { MAX_DOCKERFILE_BYTES } from '../playground/text-check.ts';
import { toEditorDiagnostics, type EditorDiagnostic } from './diagnostics.ts';
import { analysisOptions, type Selection } from './state.ts';
import type { BlankMarks } from './blank-diagnostics.ts';

/** Longer texts are not analysed (characters; the same limit as the playground's). */
export const MAX_ANALYSED_LENGTH = MAX_DOCKERFILE_BYTES;

export interface Analysed {
  text: string;
  /** Null when the text is too long to analyse. */
  analysis: Analysis | null;
  diagnostics: EditorDiagnostic[];
}

/** `marks`: a faded example's blanks left, marked where they are (blank-diagnostics.ts, loaded
 *  only for an exercise with blanks). */
export function analyseText(exercise: Pick<Exercise, 'files'>, text: string, selection: Selection, marks: BlankMarks | null = null): Analysed {
  if (text.length > MAX_ANALYSED_LENGTH) return { text, analysis: null, diagnostics: [] };
  const analysis = analyze(text, analysisOptions(exercise, selection));
  const diagnostics = toEditorDiagnostics(analysis.diagnostics, text.length, text);
  return { text, analysis, diagnostics: marks ? marks(text, diagnostics) : diagnostics };
}

/** Why a text is not checked. */
export function tooLongMessage(length: number): string {
  return `Not checked: the text is ${formatBytes(length)}, and the workbench checks Dockerfiles of up to ${formatBytes(MAX_ANALYSED_LENGTH)}.`;
}
