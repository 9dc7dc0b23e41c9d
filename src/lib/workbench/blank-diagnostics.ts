// The blanks of a faded worked example as the editor and the Problems list show them: one
// error at each blank left, saying what it asks for (src/exercises/blanks.ts), in place of
// what the analyzer says about the same spot ("failed to parse stage name "___": invalid
// reference format" teaches nothing about a blank). Only for an exercise with a no-blanks
// goal: in any other exercise `___` is whatever Docker makes of it. The workbench loads this
// module (and blanks.ts with it) only for such an exercise (src/components/exercise/workbench.ts).
// Pure.
import { blankMessage, blankPrompts, checkNoBlanks } from '../../exercises/blanks.ts';
import type { Exercise } from '../../exercises/types.ts';
import type { EditorDiagnostic } from './diagnostics.ts';

export const BLANK_DIAGNOSTIC_ID = 'blank-left';

/** The editor's diagnostics of `text` with its blanks marked. */
export type BlankMarks = (text: string, diagnostics: EditorDiagnostic[]) => EditorDiagnostic[];

/** What the workbench needs for an exercise with blanks: the goal's checker and the editor's marks. */
export interface BlankTools {
  checkNoBlanks: typeof checkNoBlanks;
  marks: BlankMarks;
}

export function blankTools(exercise: Pick<Exercise, 'goals'> & Partial<Pick<Exercise, 'starter'>>): BlankTools {
  return { checkNoBlanks, marks: (text, diagnostics) => withBlanks(exercise, text, diagnostics) };
}

const HINT = 'Replace the ___ with your answer. The goals check what the filled-in Dockerfile builds, so any answer that builds the same image passes.';

/** `diagnostics` with the blanks' errors first, and without the analyzer's reports that overlap a blank. */
export function withBlanks(
  exercise: Pick<Exercise, 'goals'> & Partial<Pick<Exercise, 'starter'>>,
  text: string,
  diagnostics: EditorDiagnostic[],
): EditorDiagnostic[] {
  const goal = exercise.goals.find((g) => g.kind === 'no-blanks');
  if (!goal) return diagnostics;
  const left = blankPrompts(text, exercise.starter ?? '', goal.blanks ?? []);
  if (left.length === 0) return diagnostics;
  const overlaps = (d: EditorDiagnostic) => left.some(({ blank }) => d.from < blank.to && blank.from < d.to);
  const blanks: EditorDiagnostic[] = left.map(({ blank, asks }) => ({
    from: blank.from,
    to: blank.to,
    severity: 'error',
    message: blankMessage(blank, asks, false),
    hint: HINT,
    id: BLANK_DIAGNOSTIC_ID,
    line: blank.line,
  }));
  return [...blanks, ...diagnostics.filter((d) => !overlaps(d))];
}
