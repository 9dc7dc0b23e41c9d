// <faded-step>: folds a step of a faded worked example (FadedStep.astro) until the exercise of
// the step before is complete, and opens it the moment it is. A step whose own exercise has
// saved text stays open: the learner started it, perhaps by skipping ahead, and a reload must
// not hide their work. The button opens it at once; nothing is lost either way, since a folded
// step's workbench keeps its saved text and only waits to load.
//
// Whether the step before is complete is read from its workbench, which marks itself
// data-complete="true" from the learner's progress once it has loaded (workbench-app.ts). It
// loads as it nears the viewport, so before the learner scrolls down to this step. Reading
// the progress store here instead would put it in the lesson's first script, past the budget
// of the lessons' up-front JavaScript (scripts/check-budgets.ts).
import { savedTextKey } from './faded-step-keys.ts';

function hasSavedText(id: string | undefined): boolean {
  if (!id) return false;
  try {
    return globalThis.localStorage?.getItem(savedTextKey(id)) != null;
  } catch {
    return false;
  }
}

class FadedStep extends HTMLElement {
  #observer: MutationObserver | null = null;

  connectedCallback(): void {
    const after = this.dataset['after'];
    const lock = this.querySelector<HTMLElement>('[data-lock]');
    const body = this.querySelector<HTMLElement>('[data-body]');
    const open = this.querySelector<HTMLButtonElement>('[data-open]');
    const before = after ? document.querySelector<HTMLElement>(`dockerfile-workbench[data-exercise="${CSS.escape(after)}"]`) : null;
    if (!before || !lock || !body || !open || this.#observer) return;
    const show = (folded: boolean): void => {
      lock.hidden = !folded;
      body.hidden = folded;
      this.dataset['state'] = folded ? 'folded' : 'open';
    };
    const complete = () => before.dataset['complete'] === 'true';
    if (complete() || hasSavedText(this.dataset['exercise'])) {
      show(false);
      return;
    }
    show(true);
    const unfold = (): void => {
      show(false);
      this.#observer?.disconnect();
    };
    open.addEventListener('click', () => {
      unfold();
      this.querySelector<HTMLElement>('h3')?.focus();
    });
    this.#observer = new MutationObserver(() => {
      if (complete()) unfold();
    });
    this.#observer.observe(before, { attributes: true, attributeFilter: ['data-complete'] });
  }

  disconnectedCallback(): void {
    this.#observer?.disconnect();
    this.#observer = null;
  }
}

if (!customElements.get('faded-step')) customElements.define('faded-step', FadedStep);
