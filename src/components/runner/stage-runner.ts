// <stage-runner>: the small part of the stage runner every runner page loads. It shows the
// server-rendered panel, listens from the start for the workbench's
// `stagecraft:dockerfile-change` events (so it never misses the editor's first one) and
// keeps the target chooser in step (target-options.ts, which needs the analyzer the
// workbench has loaded anyway). The panel's logic (runner-app.ts), the runner and
// WebContainer load only when the learner presses Run: a page that is only read pays for
// none of it. If loading fails, the panel says so; the workbench is untouched.
import { changedText, changeWasAnalysed, DOCKERFILE_CHANGE } from '../../lib/runner-ui/dockerfile-change.ts';
import { runnerDataFromJson } from '../../lib/runner-ui/runner-data.ts';
import { readEmbeddedJson } from '../../lib/workbench/embed.ts';

/** The learner's Dockerfile as the workbench last reported it. */
export interface DockerfileSource {
  current(): string;
}

class StageRunner extends HTMLElement {
  #started = false;

  connectedCallback(): void {
    if (this.#started) return;
    const block = this.querySelector<HTMLScriptElement>('script[type="application/json"][data-runner-data]');
    const data = runnerDataFromJson(readEmbeddedJson(block?.textContent ?? ''));
    const run = this.querySelector<HTMLButtonElement>('[data-runner-run]');
    const select = this.querySelector<HTMLSelectElement>('[data-runner-target]');
    const status = this.querySelector<HTMLElement>('[data-runner-status]');
    if (!data || !run || !select || !status) return;
    this.#started = true;

    let text = data.starter;
    const source: DockerfileSource = { current: () => text };
    (this.closest('dockerfile-workbench') ?? this).addEventListener(DOCKERFILE_CHANGE, (event) => {
      const changed = changedText(event);
      if (changed === null || changed === text) return;
      text = changed;
      // A text the workbench did not analyse (over its limit) is not analysed here either: each
      // change of a 300 KB paste cost a 0.4–0.9 s task. The chooser keeps its options.
      if (!changeWasAnalysed(event)) return;
      import('./target-options.ts')
        .then(({ renderTargetOptions }) => renderTargetOptions(select, text))
        .catch(() => {
          // The chooser keeps its stages; a run of a name that no longer exists says so.
        });
    });

    let app: Promise<{ run(): Promise<void> }> | null = null;
    run.addEventListener('click', () => {
      if (this.dataset['busy']) return;
      app ??= import('./runner-app.ts').then(({ mountRunner }) => mountRunner(this, data, source));
      app.then(
        (runner) => runner.run(),
        () => {
          app = null;
          status.textContent = 'The runner could not be loaded; check your connection and try again.';
          status.dataset['kind'] = 'problem';
        },
      );
    });

    this.hidden = false;
  }
}

if (!customElements.get('stage-runner')) customElements.define('stage-runner', StageRunner);
