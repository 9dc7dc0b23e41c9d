// Grading a learner's response. Pure and dependency-free: the <quiz-form> island imports
// it (in quiz-check.ts, once the learner checks an answer), and so do the build
// (src/lib/quiz/compute.ts) and the tests.
//
// Every response is a list of numbers, whatever the kind of question:
//   single, multiple   0-based indices of the chosen options
//   true-false         [1] for "true", [0] for "false"
//   predict-build      0-based indices of the stages the learner says run
//   find-the-line      [the 1-based line number]
//   predict-cache      the 1-based lines of the steps the learner says run again, or [0] for
//                      "no step runs again"
// A response is right when it is exactly the set of right keys: multiple choice,
// predict-build and predict-cache are all-or-nothing.

export type QuestionKind = 'single' | 'multiple' | 'true-false' | 'predict-build' | 'find-the-line' | 'predict-cache';

/** The predict-cache key that stands for "no step runs again" (lines start at 1). */
export const NO_STEP = 0;

/** What the grader needs to know about a question. */
export interface AnswerKey {
  kind: QuestionKind;
  /** The right keys, sorted ascending, no duplicates. */
  correct: readonly number[];
}

export interface Grade {
  correct: boolean;
  /** Keys the learner chose that are not right (sorted). */
  extra: number[];
  /** Right keys the learner did not choose (sorted). */
  missing: number[];
}

/** Sorted, de-duplicated whole numbers; anything else is dropped. */
export function normalizeResponse(response: readonly number[]): number[] {
  return [...new Set(response.filter((n) => Number.isInteger(n)))].sort((a, b) => a - b);
}

/** Kinds whose learner picks exactly one key. */
export function isSingleAnswer(kind: QuestionKind): boolean {
  return kind === 'single' || kind === 'true-false' || kind === 'find-the-line';
}

/** Whether the learner has committed to enough to be graded. */
export function isComplete(kind: QuestionKind, response: readonly number[]): boolean {
  const n = normalizeResponse(response).length;
  return isSingleAnswer(kind) ? n === 1 : n >= 1;
}

export function grade(key: AnswerKey, response: readonly number[]): Grade {
  const chosen = normalizeResponse(response);
  const right = new Set(key.correct);
  const picked = new Set(chosen);
  const extra = chosen.filter((n) => !right.has(n));
  const missing = normalizeResponse(key.correct).filter((n) => !picked.has(n));
  const wellFormed = isSingleAnswer(key.kind) ? chosen.length === 1 : chosen.length >= 1;
  return { correct: wellFormed && extra.length === 0 && missing.length === 0, extra, missing };
}

/** The key a predict-build misconception (a set of stages) is filed under. */
export function stageSetKey(stages: readonly number[]): string {
  return `stages-${normalizeResponse(stages).join('-')}`;
}

/** The key a predict-cache misconception (a set of lines) is filed under. */
export function lineSetKey(lines: readonly number[]): string {
  return `lines-${normalizeResponse(lines).join('-')}`;
}

/**
 * Which explanations to show for a graded response, besides the right answer's own: the keys
 * of the server-rendered feedback blocks. `anticipated` lists the keys a question has blocks
 * for (its wrong options, misconception stage sets or lines); a wrong response that none of
 * them matches gets "fallback".
 *   single, multiple  option-<i> for each chosen wrong option (the right answer's block covers
 *                     the right options a learner missed)
 *   true-false        wrong
 *   predict-build     stages-<i>-<j>… for an anticipated set, else fallback
 *   find-the-line     line-<n> for an anticipated line, else fallback
 */
export function feedbackKeys(key: AnswerKey, response: readonly number[], anticipated: readonly string[] = []): string[] {
  const result = grade(key, response);
  if (result.correct) return [];
  const known = new Set(anticipated);
  switch (key.kind) {
    case 'single':
    case 'multiple':
      return result.extra.map((i) => `option-${i}`);
    case 'true-false':
      return ['wrong'];
    case 'predict-build': {
      const set = stageSetKey(response);
      return [known.has(set) ? set : 'fallback'];
    }
    case 'find-the-line': {
      const line = `line-${normalizeResponse(response)[0] ?? 0}`;
      return [known.has(line) ? line : 'fallback'];
    }
    case 'predict-cache': {
      const set = lineSetKey(response);
      return [known.has(set) ? set : 'fallback'];
    }
  }
}
