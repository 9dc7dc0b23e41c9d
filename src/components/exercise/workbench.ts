// <dockerfile-workbench>: the small part of the workbench every exercise page loads. It
// reads the exercise from its JSON data block and, once the workbench nears the viewport
// (IntersectionObserver), imports the editor (workbench-app.ts: CodeMirror, the analyzer,
// the goal engine) as a separate chunk. Until then, and if anything fails, the
// server-rendered exercise stays as it is.
import { hasBlanks, hasCacheGoals } from '../../exercises/goal-kinds.ts';
import { exerciseFromJson, readEmbeddedJson } from '../../lib/workbench/embed.ts';

/** Start loading this far before the workbench scrolls into view. */
const MARGIN = '600px 0px';

class DockerfileWorkbench extends HTMLElement {
  #started = false;
  #observer: IntersectionObserver | null = null;

  connectedCallback(): void {
    if (this.#started) return;
    const block = this.querySelector<HTMLScriptElement>('script[type="application/json"][data-workbench-data]');
    const exercise = exerciseFromJson(readEmbeddedJson(block?.textContent ?? ''));
    if (!exercise) return;
    this.#started = true;
    const load = (): void => {
      this.#observer?.disconnect();
      this.#observer = null;
      if (this.dataset['state']) return;
      this.dataset['state'] = 'loading';
      // The cache goals' checker (and the cache model it runs) only for an exercise that has them.
      const cacheGoals = hasCacheGoals(exercise) ? import('../../exercises/cache-goals.ts').then((module) => module.checkCacheGoal) : Promise.resolve(null);
      // A faded example's blanks: their goal's checker and the editor's marks, only where there are blanks.
      const blanks = hasBlanks(exercise)
        ? import('../../lib/workbench/blank-diagnostics.ts').then((module) => module.blankTools(exercise))
        : Promise.resolve(null);
      Promise.all([import('./workbench-app.ts'), cacheGoals, blanks])
        .then(([{ mountWorkbench }, checkCache, blankTools]) => {
          mountWorkbench(this, exercise, checkCache, blankTools);
          this.dataset['state'] = 'ready';
        })
        .catch(() => {
          this.dataset['state'] = 'failed';
          const status = this.querySelector<HTMLElement>('[data-status]');
          if (status) status.textContent = 'The editor could not be loaded. The exercise, its goals and the solution are below.';
        });
    };
    if (typeof IntersectionObserver === 'undefined') {
      load();
      return;
    }
    this.#observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) load();
      },
      { rootMargin: MARGIN },
    );
    this.#observer.observe(this);
  }

  disconnectedCallback(): void {
    if (!this.#observer) return;
    // Not loaded yet: start over if the element is attached again.
    this.#observer.disconnect();
    this.#observer = null;
    this.#started = false;
  }
}

if (!customElements.get('dockerfile-workbench')) customElements.define('dockerfile-workbench', DockerfileWorkbench);
