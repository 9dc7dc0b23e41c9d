// <progress-page>: fills in the state of every lesson, exercise and quiz on /progress/ from
// this browser's storage, lists the copies kept instead of losing something
// (kept-copies-view.ts), and runs export, import, reset, restore and delete. What the
// buttons do (progress-actions.ts: the whole store) loads when one is first pressed. An
// import or a reset keeps a copy of what it replaces first, in this browser or, when it has
// no room, as a download; an import can then be undone at once.
//
// Everything it writes into the page is set with textContent: nothing read from storage or
// from an imported file is ever parsed as HTML (tests/progress/progress-transfer.test.ts checks
// this file for the APIs that would).
import type { KeptCopy } from '../../lib/progress/kept-list.ts';
import { browserStorage } from '../../lib/progress/storage.ts';
import { $progress, $progressStatus, startProgress } from '../../lib/progress/progress-store.ts';
import { summarizeProgress, type Catalogue, type ProgressSummary } from '../../lib/progress/summary.ts';
import type { Progress } from '../../lib/progress/schema.ts';

type Actions = typeof import('./progress-actions.ts');
let actions: Promise<Actions> | null = null;
/** The buttons' code, loaded on the first press. */
const loadActions = (): Promise<Actions> => (actions ??= import('./progress-actions.ts'));

/** Whether this browser keeps any copy (`stagecraft:…:backup`); the list itself loads only then. */
function keepsCopies(): boolean {
  try {
    const storage = globalThis.localStorage;
    for (let i = 0; i < storage.length; i++) if (/^stagecraft:.*:backup(?::\d+)?$/.test(storage.key(i) ?? '')) return true;
  } catch {
    // No storage: nothing kept.
  }
  return false;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : dateFormat.format(date);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function describe(summary: ProgressSummary, catalogue: Catalogue): string {
  const { lessonsCompleted, lessonsVisited, exercisesDone, quizzesTaken } = summary.counts;
  return (
    `${lessonsCompleted} of ${catalogue.lessons.length} lessons completed (${lessonsVisited} opened), ` +
    `${exercisesDone} of ${catalogue.exercises.length} exercises done, ` +
    `${quizzesTaken} of ${catalogue.quizzes.length} quizzes taken.`
  );
}

function isEmpty(progress: Progress): boolean {
  return Object.keys(progress.lessons).length === 0 && Object.keys(progress.exercises).length === 0 && Object.keys(progress.quizzes).length === 0;
}

/** Offers `text` as a file download. */
function download(host: HTMLElement, text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  host.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Tells the review section (<review-due-list>) to read the cards again after an import, reset or restore replaced them (the storage event reaches only other tabs). */
function reviewChanged(): void {
  document.querySelector('review-due-list')?.dispatchEvent(new Event('review-changed'));
}

class ProgressPage extends HTMLElement {
  #unsubscribe: (() => void) | null = null;
  #catalogue: Catalogue = { lessons: [], exercises: [], quizzes: [] };
  /** The file waiting for the learner to confirm that it replaces their progress. */
  #pending: { text: string; size: number } | null = null;
  /** The copy waiting for the learner to confirm its deletion, and the button that asked. */
  #deleting: { copy: KeptCopy; opener: HTMLElement } | null = null;
  /** Where the copy kept before the last import is, for "Undo the import". */
  #undoKey: string | null = null;
  #titles = new Map<string, string>();

  connectedCallback(): void {
    const ids = (kind: string) => [...this.querySelectorAll<HTMLElement>(`[data-kind="${kind}"]`)].map((item) => ({ id: item.dataset['id'] ?? '', title: '' }));
    this.#catalogue = { lessons: ids('lesson'), exercises: ids('exercise'), quizzes: ids('quiz') };
    for (const item of this.querySelectorAll<HTMLElement>('[data-kind="exercise"]')) {
      this.#titles.set(item.dataset['id'] ?? '', item.querySelector('a')?.textContent?.trim() ?? '');
    }

    startProgress();
    this.#unsubscribe = $progress.subscribe((progress) => {
      this.#render(progress);
      this.#renderKept();
    });
    const stopNotice = $progressStatus.subscribe(() => this.#showNotice());
    const stop = this.#unsubscribe;
    this.#unsubscribe = () => {
      stop();
      stopNotice();
    };
    this.#wireControls();
    // Another tab's save may add or remove kept copies.
    window.addEventListener('storage', () => this.#renderKept());

    for (const node of this.querySelectorAll<HTMLElement>('[data-nojs]')) node.hidden = true;
    for (const node of this.querySelectorAll<HTMLElement>('[data-controls], [data-summary]')) node.hidden = false;
  }

  disconnectedCallback(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  #item(kind: string, id: string): { item: HTMLElement; state: HTMLElement; meta: HTMLElement } | null {
    for (const item of this.querySelectorAll<HTMLElement>(`[data-kind="${kind}"]`)) {
      if (item.dataset['id'] !== id) continue;
      const state = item.querySelector<HTMLElement>('[data-state]');
      const meta = item.querySelector<HTMLElement>('[data-meta]');
      return state && meta ? { item, state, meta } : null;
    }
    return null;
  }

  #render(progress: Progress): void {
    const summary = summarizeProgress(progress, this.#catalogue);
    for (const row of summary.lessons) {
      const found = this.#item('lesson', row.id);
      if (!found) continue;
      found.item.dataset['state'] = row.state;
      found.state.textContent = row.state === 'completed' ? 'Completed' : row.state === 'visited' ? 'Visited' : 'Not started';
      const dates: string[] = [];
      if (row.visited) dates.push(`opened ${formatDate(row.visited)}`);
      if (row.completed) dates.push(`completed ${formatDate(row.completed)}`);
      found.meta.textContent = dates.length > 0 ? `${dates.join(', ').replace(/^./, (c) => c.toUpperCase())}` : '';
    }
    for (const row of summary.exercises) {
      const found = this.#item('exercise', row.id);
      if (!found) continue;
      found.item.dataset['state'] = row.done ? 'completed' : 'not-started';
      found.state.textContent = row.done ? 'Done' : 'Not done';
      found.meta.textContent = row.completed ? `Done ${formatDate(row.completed)}` : '';
    }
    for (const row of summary.quizzes) {
      const found = this.#item('quiz', row.id);
      if (!found) continue;
      if (row.attempted) {
        found.item.dataset['state'] = row.best === row.total ? 'completed' : 'visited';
        found.state.textContent = `Best ${row.best} / ${row.total}`;
        found.meta.textContent = `${plural(row.attempts, 'attempt')}, last ${formatDate(row.last)}`;
      } else {
        found.item.dataset['state'] = 'not-started';
        found.state.textContent = 'Not taken';
        found.meta.textContent = '';
      }
    }
    const summaryLine = this.querySelector<HTMLElement>('[data-summary]');
    if (summaryLine) summaryLine.textContent = describe(summary, this.#catalogue);
  }

  /** Says so when the stored progress was damaged and what could be read is shown. */
  #showNotice(): void {
    const notice = this.querySelector<HTMLElement>('[data-notice]');
    if (!notice) return;
    const recovered = $progressStatus.get() === 'recovered';
    notice.hidden = !recovered;
    notice.textContent = recovered
      ? 'Some of your saved progress was damaged. What could be read of it is shown below, and the damaged original is kept under Kept copies once anything is saved.'
      : '';
  }

  /** Reads the progress again after an action changed it. */
  async #reload(): Promise<void> {
    const { readProgress } = await loadActions();
    $progress.set(readProgress(browserStorage()).value);
    reviewChanged();
  }

  /** The list of kept copies: loaded (with the buttons' code) only when there are some. */
  #renderKept(): void {
    const section = this.querySelector<HTMLElement>('[data-kept]');
    const list = this.querySelector<HTMLElement>('[data-kept-list]');
    if (!section || !list) return;
    if (!keepsCopies()) {
      section.hidden = true;
      return;
    }
    void loadActions().then(({ copyFileName, listKeptCopies, renderKeptCopies, restoreKeptCopy }) => {
      const title = (id: string) => this.#titles.get(id) || id;
      renderKeptCopies(section, list, listKeptCopies(browserStorage()), title, {
        restore: async (copy) => {
          const result = restoreKeptCopy(browserStorage(), copy.key);
          await this.#reload();
          this.#renderKept();
          this.#say(result.message, result.ok ? 'status' : 'error');
          this.querySelector<HTMLElement>('#kept-title')?.focus();
        },
        download: (copy) => {
          download(this, copy.raw, copyFileName(copy));
          this.#say(`Saved ${copyFileName(copy)} (check your downloads).`, 'status');
        },
        remove: (copy, button) => {
          this.#deleting = { copy, opener: button };
          this.querySelector<HTMLDialogElement>('dialog[data-dialog="delete"]')?.showModal();
        },
      });
    });
  }

  /** Keeps a copy of the progress before an import or a reset replaces it: here, or as a download. */
  #keepCopy(keepProgressCopy: Actions['keepProgressCopy'], reason: 'import' | 'reset'): { sentence: string; key: string | null } {
    const copy = keepProgressCopy(browserStorage(), reason);
    if (copy.kept) return { sentence: 'Your progress from before is kept under Kept copies.', key: copy.key };
    download(this, copy.text, copy.fileName);
    return { sentence: `This browser had no room to keep a copy of your progress from before, so it was downloaded as ${copy.fileName}.`, key: null };
  }

  #say(message: string, kind: 'status' | 'error'): void {
    const status = this.querySelector<HTMLElement>('[data-status]');
    const error = this.querySelector<HTMLElement>('[data-error]');
    if (status) status.textContent = kind === 'status' ? message : '';
    if (error) error.textContent = kind === 'error' ? message : '';
  }

  #undoLine(shown: boolean): void {
    const line = this.querySelector<HTMLElement>('[data-undo-line]');
    if (line) line.hidden = !shown;
  }

  #wireControls(): void {
    const exportButton = this.querySelector<HTMLButtonElement>('[data-export]');
    const importButton = this.querySelector<HTMLButtonElement>('[data-import]');
    const fileInput = this.querySelector<HTMLInputElement>('[data-file]');
    const resetButton = this.querySelector<HTMLButtonElement>('[data-reset]');
    const resetDialog = this.querySelector<HTMLDialogElement>('dialog[data-dialog="reset"]');
    const importDialog = this.querySelector<HTMLDialogElement>('dialog[data-dialog="import"]');
    const deleteDialog = this.querySelector<HTMLDialogElement>('dialog[data-dialog="delete"]');

    exportButton?.addEventListener('click', () => void this.#export());

    importButton?.addEventListener('click', () => fileInput?.click());
    fileInput?.addEventListener('change', () => {
      const file = fileInput.files?.[0];
      fileInput.value = '';
      if (file) void this.#chooseFile(file, importDialog, importButton);
    });

    if (resetDialog && resetButton) {
      this.#wireDialog(resetDialog, resetButton, async () => {
        const { keepProgressCopy, resetProgress } = await loadActions();
        const kept = this.#keepCopy(keepProgressCopy, 'reset');
        const result = resetProgress(browserStorage());
        $progress.set(result.progress);
        reviewChanged();
        this.#undoLine(false);
        if (result.ok) this.#say(`Your progress in this browser was reset. ${kept.sentence}`, 'status');
        else this.#say(result.reason, 'error');
      });
      resetButton.addEventListener('click', () => resetDialog.showModal());
    }
    if (importDialog && importButton) {
      this.#wireDialog(importDialog, importButton, () => this.#applyPending());
      importDialog.addEventListener('close', () => {
        this.#pending = null;
      });
    }
    if (deleteDialog) {
      deleteDialog.querySelector('[data-cancel]')?.addEventListener('click', () => deleteDialog.close('cancel'));
      deleteDialog.querySelector('[data-confirm]')?.addEventListener('click', async () => {
        const copy = this.#deleting?.copy;
        if (copy) {
          const { deleteKeptCopy } = await loadActions();
          const deleted = deleteKeptCopy(browserStorage(), copy.key);
          this.#say(deleted ? 'The copy was deleted.' : 'This browser did not let the site delete the copy.', deleted ? 'status' : 'error');
          this.#renderKept();
        }
        deleteDialog.close('confirm');
      });
      deleteDialog.addEventListener('close', () => {
        const opener = this.#deleting?.opener;
        this.#deleting = null;
        // The copy's row is gone after a deletion: focus goes to the list's heading.
        if (opener?.isConnected) opener.focus();
        else this.querySelector<HTMLElement>('#kept-title')?.focus();
      });
    }
    this.querySelector<HTMLButtonElement>('[data-undo]')?.addEventListener('click', async () => {
      const key = this.#undoKey;
      if (key === null) return;
      const { restoreKeptCopy } = await loadActions();
      const result = restoreKeptCopy(browserStorage(), key);
      this.#undoKey = null;
      await this.#reload();
      this.#renderKept();
      this.#undoLine(false);
      this.#say(result.ok ? 'The import is undone: your progress is as it was before it.' : result.message, result.ok ? 'status' : 'error');
      importButton?.focus();
    });
  }

  /** Cancel and Escape close the dialog; confirm runs `onConfirm` first. Focus returns to `opener`. */
  #wireDialog(dialog: HTMLDialogElement, opener: HTMLElement, onConfirm: () => unknown): void {
    dialog.querySelector('[data-cancel]')?.addEventListener('click', () => dialog.close('cancel'));
    dialog.querySelector('[data-confirm]')?.addEventListener('click', () => {
      void onConfirm();
      dialog.close('confirm');
    });
    // A click on the backdrop (outside the dialog's box) cancels, as Escape does.
    dialog.addEventListener('click', (event) => {
      if (event.target !== dialog) return;
      const box = dialog.getBoundingClientRect();
      const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
      if (!inside) dialog.close('cancel');
    });
    dialog.addEventListener('close', () => opener.focus());
  }

  async #export(): Promise<void> {
    const { exportFileName, exportText } = await loadActions();
    const name = exportFileName();
    download(this, exportText(browserStorage()), name);
    this.#say(`Saved ${name} (check your downloads).`, 'status');
  }

  async #chooseFile(file: File, dialog: HTMLDialogElement | null, opener: HTMLElement | null): Promise<void> {
    const { MAX_IMPORT_BYTES, parseImport, progressWithTexts } = await loadActions();
    if (file.size > MAX_IMPORT_BYTES) {
      // Refused by size before anything is read.
      const refused = parseImport('', file.size);
      if (!refused.ok) this.#say(refused.reason, 'error');
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      this.#say('This file could not be read, so nothing was imported.', 'error');
      return;
    }
    const parsed = parseImport(text, file.size);
    if (!parsed.ok) {
      this.#say(parsed.reason, 'error');
      opener?.focus();
      return;
    }
    this.#pending = { text, size: file.size };
    if (!dialog || isEmpty(progressWithTexts(browserStorage()))) {
      await this.#applyPending(false);
      return;
    }
    const description = dialog.querySelector<HTMLElement>('[data-import-text]');
    if (description) {
      description.textContent =
        `The file holds: ${describe(summarizeProgress(parsed.progress, this.#catalogue), this.#catalogue)} ` +
        'It replaces the progress in this browser; yours is kept as a copy first, so the import can be undone.';
    }
    dialog.showModal();
  }

  /** Imports the pending file; `keep`: keep a copy of the current progress first (there is some). */
  async #applyPending(keep = true): Promise<void> {
    const pending = this.#pending;
    this.#pending = null;
    if (!pending) return;
    const { importProgress, keepProgressCopy } = await loadActions();
    const kept = keep ? this.#keepCopy(keepProgressCopy, 'import') : null;
    const result = importProgress(browserStorage(), pending.text, pending.size);
    $progress.set(result.progress);
    reviewChanged();
    this.#renderKept();
    this.#undoKey = result.ok ? (kept?.key ?? null) : null;
    this.#undoLine(this.#undoKey !== null);
    if (result.ok) this.#say(`Imported: the progress below is now the file’s.${kept ? ` ${kept.sentence}` : ''}`, 'status');
    else this.#say(result.reason, 'error');
  }
}

if (!customElements.get('progress-page')) customElements.define('progress-page', ProgressPage);
