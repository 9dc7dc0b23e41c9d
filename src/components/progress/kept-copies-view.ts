// The "Kept copies" list of /progress/: every copy this browser keeps instead of losing
// something (src/lib/progress/kept-copies.ts), described in the learner's words, with
// Restore (when it can be), Download and Delete. <progress-page> owns the section and calls
// renderKeptCopies() whenever the progress changes; the buttons call back into it.
// Everything is built as DOM nodes with textContent: no stored text is ever parsed as HTML.
import { element } from '../../lib/dom-parts.ts';
import type { KeptCopy } from '../../lib/progress/kept-list.ts';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function when(iso: string | null): string {
  if (iso === null) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : dateFormat.format(date);
}

/** "312 characters", "2.1 KB" */
function size(characters: number): string {
  return characters < 1024 ? `${characters} characters` : `${(characters / 1024).toFixed(1)} KB`;
}

const OTHER_NAMES: Record<string, string> = {
  'stagecraft:playground': 'The playground’s Dockerfile',
  'stagecraft:predictions': 'Your answers to the “predict” questions',
};

/** What a copy is, in one line: "Your progress before an import on 7 Mar 2026, 10:42". */
export function copyTitle(copy: KeptCopy, exerciseTitle: (id: string) => string): string {
  switch (copy.kind) {
    case 'damaged-progress':
      return 'Saved progress that could not be read whole';
    case 'replaced-progress': {
      const at = when(copy.at);
      const event = copy.by === 'import' ? 'an import' : copy.by === 'reset' ? 'a reset' : 'a restore';
      return `Your progress before ${event}${at ? ` on ${at}` : ''}`;
    }
    case 'exercise-text': {
      const at = when(copy.at);
      return `A Dockerfile of the exercise “${exerciseTitle(copy.exercise)}”${at ? `, saved ${at}` : ''}`;
    }
    case 'other':
      return `${OTHER_NAMES[copy.of] ?? copy.of} (saved data that could not be read)`;
  }
}

export interface CopyActions {
  restore(copy: KeptCopy, button: HTMLButtonElement): void;
  download(copy: KeptCopy): void;
  remove(copy: KeptCopy, button: HTMLButtonElement): void;
}

/** Fills `list` with one item per copy (the section is hidden when there are none). */
export function renderKeptCopies(
  section: HTMLElement,
  list: HTMLElement,
  copies: readonly KeptCopy[],
  exerciseTitle: (id: string) => string,
  actions: CopyActions,
): void {
  section.hidden = copies.length === 0;
  list.replaceChildren(
    ...copies.map((copy) => {
      const item = element('li', 'kept-copy');
      item.dataset['key'] = copy.key;
      const title = element('span', 'kept-copy__title', copyTitle(copy, exerciseTitle));
      const holds = element('span', 'kept-copy__holds', `${size(copy.raw.length)}${copy.whole ? '' : ', partly unreadable'}.`);
      const buttons = element('span', 'kept-copy__actions');
      const label = copyTitle(copy, exerciseTitle);
      if (copy.restorable) {
        const restore = element('button', 'button', 'Restore');
        restore.type = 'button';
        restore.setAttribute('aria-label', `Restore: ${label}`);
        restore.addEventListener('click', () => actions.restore(copy, restore));
        buttons.append(restore);
      }
      const download = element('button', 'button button--secondary', 'Download');
      download.type = 'button';
      download.setAttribute('aria-label', `Download: ${label}`);
      download.addEventListener('click', () => actions.download(copy));
      const remove = element('button', 'button button--danger', 'Delete…');
      remove.type = 'button';
      remove.setAttribute('aria-label', `Delete: ${label}`);
      remove.setAttribute('aria-haspopup', 'dialog');
      remove.addEventListener('click', () => actions.remove(copy, remove));
      buttons.append(download, remove);
      item.append(title, holds, buttons);
      return item;
    }),
  );
}

/** `stagecraft-kept-progress-backup.json` for the key `stagecraft:progress:backup`. */
export function copyFileName(copy: KeptCopy): string {
  return `stagecraft-kept-${copy.key.replace(/^stagecraft:/, '').replace(/[^a-z0-9.-]+/gi, '-')}.json`;
}
