// Where the workbench keeps exercise `id`'s text (src/lib/progress/exercise-text.ts's
// exerciseTextKey; tests/exercises/faded-step-keys.test.ts holds the two together). Written
// out here because importing it would bring the progress modules' storage helpers into every
// faded lesson's first script, past the lessons' up-front budget.
export function savedTextKey(id: string): string {
  return `stagecraft:exercise:${id}`;
}
