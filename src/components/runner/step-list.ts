// The stage runner's list of steps: one item per instruction of the build, its status in
// words (the dry run's words where nothing ran), and a skipped or failed step's reason.
// Items are updated in place as the runner reports each step.
import type { RunStep } from '../../runner/types.ts';
import { statusWord } from '../../lib/runner-ui/format.ts';
import { element } from '../../lib/dom-parts.ts';

/** The step list: one item per instruction, its status in words, a skipped step's reason. */
export class StepList {
  readonly #list: HTMLOListElement;
  #items: HTMLLIElement[] = [];
  #dryRun = false;

  constructor(list: HTMLOListElement) {
    this.#list = list;
  }

  show(steps: readonly RunStep[], dryRun: boolean): void {
    this.#dryRun = dryRun;
    this.#items = steps.map((step) => {
      const item = element('li', 'runner-step');
      this.#fill(item, step);
      return item;
    });
    this.#list.replaceChildren(...this.#items);
  }

  update(index: number, step: RunStep): void {
    const item = this.#items[index];
    if (item) this.#fill(item, step);
  }

  #fill(item: HTMLLIElement, step: RunStep): void {
    item.dataset['status'] = step.status;
    const status = element('span', 'runner-step__status', statusWord(step.status, this.#dryRun));
    const where = element('span', 'runner-step__where', `${step.stageLabel} · line ${step.line}`);
    const text = element('code', 'runner-step__text', step.text);
    const parts: Array<Node | string> = [status, ' ', where, text];
    if (step.reason) parts.push(element('span', 'runner-step__reason', step.reason));
    item.replaceChildren(...parts);
  }
}
