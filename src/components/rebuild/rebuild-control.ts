// "What re-runs if I change…": the closed control the workbench and the playground show next to
// the stage graph. Only this shell is in the pages' first chunks; opening it (a click, Enter or
// Space on its summary) imports the panel with the cache model (rebuild-panel.ts), so a learner
// who never asks pays nothing for it (scripts/page-weight.ts counts that chunk as on request).
import type { EditorView } from '@codemirror/view';
import type { RebuildBuild } from '../../lib/rebuild-view/rebuild-view.ts';

export interface RebuildHost {
  /** The page's build now: the Dockerfile in the editor, its context files, target, builder, engine. */
  build(): RebuildBuild;
  view: EditorView;
  /** The element holding the stage graph's SVG (redrawn by the page). */
  graph: HTMLElement;
  /** Unique prefix for the control's ids. */
  id: string;
}

export interface RebuildControl {
  readonly element: HTMLDetailsElement;
  /** The page redrew (the text or the build changed): the answer follows, when open. */
  refresh(): void;
  /** The page did not analyse its text (over the size limit): the marks go, the reason shows. */
  pause(reason: string): void;
}

export function mountRebuildControl(host: RebuildHost): RebuildControl {
  const details = document.createElement('details');
  details.className = 'rebuild';
  details.dataset['rebuild'] = '';
  const summary = document.createElement('summary');
  summary.className = 'rebuild__toggle';
  summary.textContent = 'What re-runs if I change…';
  const body = document.createElement('div');
  body.className = 'rebuild__body';
  details.append(summary, body);

  let panel: { refresh(): void; close(): void; pause(reason: string): void } | null = null;
  let loading = false;
  details.addEventListener('toggle', () => {
    if (!details.open) {
      panel?.close();
      return;
    }
    if (panel) {
      panel.refresh();
      return;
    }
    if (loading) return;
    loading = true;
    body.textContent = 'Loading the cache model…';
    import('./rebuild-panel.ts')
      .then(({ mountRebuildPanel }) => {
        panel = mountRebuildPanel(body, host);
        if (details.open) panel.refresh();
      })
      .catch(() => {
        body.textContent = 'The cache model could not be loaded. Reload the page to try again.';
        loading = false;
      });
  });
  return {
    element: details,
    refresh() {
      if (details.open) panel?.refresh();
    },
    pause(reason) {
      if (details.open) panel?.pause(reason);
    },
  };
}
