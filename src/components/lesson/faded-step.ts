// <faded-step>: folds a step of a faded worked example (FadedStep.astro) until the exercise of
// the step before is complete, and opens it the moment it is (the shared progress store says
// so as the workbench records it). A step whose own exercise has saved text stays open: the
// learner started it, perhaps by skipping ahead, and a reload must not hide their work. The
// button opens it at once; nothing is lost either way, since a folded step's workbench keeps
// its saved text and only waits to load.
//
// Completion is read straight from the progress record, not through exercise-progress.ts's
// validated reader: that module belongs to the workbench's own chunk, and a stray value here
// only decides whether a step starts folded.
import { $progress, startProgress } from '../../lib/progress/progress-store.ts';
import { EXERCISE_TEXT_PREFIX } from '../../lib/progress/storage-keys.ts';

function completed(id: string): boolean {
  const entry: unknown = $progress.get().exercises[id];
  return typeof entry === 'object' && entry !== null && typeof (entry as { completed?: unknown }).completed === 'string';
}

function hasSavedText(id: string | undefined): boolean {
  if (!id) return false;
  try {
    return globalThis.localStorage?.getItem(`${EXERCISE_TEXT_PREFIX}${id}`) != null;
  } catch {
    return false;
  }
}

class FadedStep extends HTMLElement {
  #unsubscribe: (() => void) | null = null;

  connectedCallback(): void {
    const after = this.dataset['after'];
    const lock = this.querySelector<HTMLElement>('[data-lock]');
    const body = this.querySelector<HTMLElement>('[data-body]');
    const open = this.querySelector<HTMLButtonElement>('[data-open]');
    if (!after || !lock || !body || !open || this.#unsubscribe) return;
    startProgress();
    const show = (folded: boolean): void => {
      lock.hidden = !folded;
      body.hidden = folded;
      this.dataset['state'] = folded ? 'folded' : 'open';
    };
    if (completed(after) || hasSavedText(this.dataset['exercise'])) {
      show(false);
      return;
    }
    show(true);
    const unfold = (): void => {
      show(false);
      this.#unsubscribe?.();
      this.#unsubscribe = () => {};
    };
    open.addEventListener('click', () => {
      unfold();
      this.querySelector<HTMLElement>('h3')?.focus();
    });
    this.#unsubscribe = $progress.listen(() => {
      if (completed(after)) unfold();
    });
  }

  disconnectedCallback(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }
}

if (!customElements.get('faded-step')) customElements.define('faded-step', FadedStep);
