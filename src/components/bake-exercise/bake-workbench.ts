// <bake-workbench>: the small part of a bake exercise every page with one loads. It reads the
// exercise from its JSON data block and, once the exercise nears the viewport, imports the editor,
// the bake analyzer and the goal engine (bake-workbench-app.ts) as a chunk of their own. Until
// then, and if anything fails, the server-rendered exercise stays as it is.
import type { BakeExercise } from '../../exercises/bake/types.ts';
import { exerciseFromJson, readEmbeddedJson } from '../../lib/workbench/embed.ts';

const MARGIN = '600px 0px';

function bakeExerciseFromJson(value: unknown): BakeExercise | null {
  const exercise = exerciseFromJson(value);
  return exercise && typeof (exercise as { file?: unknown }).file === 'string' ? (exercise as unknown as BakeExercise) : null;
}

class BakeWorkbench extends HTMLElement {
  #started = false;

  connectedCallback(): void {
    if (this.#started) return;
    const block = this.querySelector<HTMLScriptElement>('script[type="application/json"][data-workbench-data]');
    const exercise = bakeExerciseFromJson(readEmbeddedJson(block?.textContent ?? ''));
    if (!exercise) return;
    this.#started = true;
    const load = (): void => {
      if (this.dataset['state']) return;
      this.dataset['state'] = 'loading';
      import('./bake-workbench-app.ts')
        .then(({ mountBakeWorkbench }) => {
          mountBakeWorkbench(this, exercise);
          this.dataset['state'] = 'ready';
        })
        .catch(() => {
          this.dataset['state'] = 'failed';
          const status = this.querySelector<HTMLElement>('[data-status]');
          if (status) status.textContent = 'The editor could not be loaded. The exercise, its goals and the solution are below.';
        });
    };
    if (typeof IntersectionObserver === 'undefined') return load();
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        load();
      },
      { rootMargin: MARGIN },
    );
    observer.observe(this);
  }
}

if (!customElements.get('bake-workbench')) customElements.define('bake-workbench', BakeWorkbench);
