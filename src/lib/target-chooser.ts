// The `--target` chooser, drawn the same way wherever it appears: the playground, the
// workbench and the stage runner each hold a server-rendered <select> (with its <label>),
// and this fills it with the choices their own code computes (playground/report.ts,
// workbench/state.ts, runner-ui/targets.ts). One renderer, so the three stay alike: one
// <option> per choice, the label as text (a stage name is whatever the learner typed and
// never becomes markup), and the options rebuilt only when they changed, so a chooser the
// learner has open is not replaced under them at every keystroke.

/** One option of the chooser: the `--target` value ('' = none, the last stage) and its label. */
export interface TargetOption {
  value: string;
  label: string;
}

/** Whether the options shown (value and text, in order) are already `choices`. */
export function sameOptions(shown: ReadonlyArray<readonly [value: string, label: string]>, choices: readonly TargetOption[]): boolean {
  return shown.length === choices.length && choices.every((choice, i) => shown[i]![0] === choice.value && shown[i]![1] === choice.label);
}

/** Shows `choices` in `select` (replacing its options only when they differ) and selects `chosen`. */
export function showTargetChoices(select: HTMLSelectElement, choices: readonly TargetOption[], chosen: string): void {
  const shown = [...select.options].map((option) => [option.value, option.textContent ?? ''] as const);
  if (!sameOptions(shown, choices)) {
    select.replaceChildren(
      ...choices.map((choice) => {
        const option = document.createElement('option');
        option.value = choice.value;
        option.textContent = choice.label;
        return option;
      }),
    );
  }
  select.value = chosen;
}
