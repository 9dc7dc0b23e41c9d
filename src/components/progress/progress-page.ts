// <progress-page>: fills in the state of every lesson, exercise and quiz on /progress/ from
// this browser's storage, and runs export, import and reset (src/lib/progress/transfer.ts).
//
// Everything it writes into the page is set with textContent: nothing read from storage or
// from an imported file is ever parsed as HTML (tests/site/progress-transfer.test.ts checks
// this file for the APIs that would).
import { browserStorage } from '../../lib/progress/storage.ts';
import { $progress, startProgress } from '../../lib/progress/store-core.ts';
import { summarizeProgress, type Catalogue, type ProgressSummary } from '../../lib/progress/summary.ts';
import { exportFileName, importProgress, MAX_IMPORT_BYTES, parseImport, resetProgress, serializeExport } from '../../lib/progress/transfer.ts';
import type { Progress } from '../../lib/progress/schema.ts';

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

class ProgressPage extends HTMLElement {
  #unsubscribe: (() => void) | null = null;
  #catalogue: Catalogue = { lessons: [], exercises: [], quizzes: [] };
  /** The file waiting for the learner to confirm that it replaces their progress. */
  #pending: { text: string; size: number } | null = null;

  connectedCallback(): void {
    const ids = (kind: string) =>
      [...this.querySelectorAll<HTMLElement>(`[data-kind="${kind}"]`)].map((item) => ({ id: item.dataset['id'] ?? '', title: '' }));
    this.#catalogue = { lessons: ids('lesson'), exercises: ids('exercise'), quizzes: ids('quiz') };

    startProgress();
    this.#unsubscribe = $progress.subscribe((progress) => this.#render(progress));
    this.#wireControls();

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

  #say(message: string, kind: 'status' | 'error'): void {
    const status = this.querySelector<HTMLElement>('[data-status]');
    const error = this.querySelector<HTMLElement>('[data-error]');
    if (status) status.textContent = kind === 'status' ? message : '';
    if (error) error.textContent = kind === 'error' ? message : '';
  }

  #wireControls(): void {
    const exportButton = this.querySelector<HTMLButtonElement>('[data-export]');
    const importButton = this.querySelector<HTMLButtonElement>('[data-import]');
    const fileInput = this.querySelector<HTMLInputElement>('[data-file]');
    const resetButton = this.querySelector<HTMLButtonElement>('[data-reset]');
    const resetDialog = this.querySelector<HTMLDialogElement>('dialog[data-dialog="reset"]');
    const importDialog = this.querySelector<HTMLDialogElement>('dialog[data-dialog="import"]');

    exportButton?.addEventListener('click', () => this.#export());

    importButton?.addEventListener('click', () => fileInput?.click());
    fileInput?.addEventListener('change', () => {
      const file = fileInput.files?.[0];
      fileInput.value = '';
      if (file) void this.#chooseFile(file, importDialog, importButton);
    });

    if (resetDialog && resetButton) {
      this.#wireDialog(resetDialog, resetButton, () => {
        const result = resetProgress(browserStorage());
        $progress.set(result.progress);
        if (result.ok) this.#say('Your progress in this browser was reset.', 'status');
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
  }

  /** Cancel and Escape close the dialog; confirm runs `onConfirm` first. Focus returns to `opener`. */
  #wireDialog(dialog: HTMLDialogElement, opener: HTMLElement, onConfirm: () => void): void {
    dialog.querySelector('[data-cancel]')?.addEventListener('click', () => dialog.close('cancel'));
    dialog.querySelector('[data-confirm]')?.addEventListener('click', () => {
      onConfirm();
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

  #export(): void {
    const text = serializeExport($progress.get());
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = exportFileName();
    link.hidden = true;
    this.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.#say(`Saved ${link.download} (check your downloads).`, 'status');
  }

  async #chooseFile(file: File, dialog: HTMLDialogElement | null, opener: HTMLElement | null): Promise<void> {
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
    if (!dialog || isEmpty($progress.get())) {
      this.#applyPending();
      return;
    }
    const description = dialog.querySelector<HTMLElement>('[data-import-text]');
    if (description) {
      description.textContent =
        `The file holds: ${describe(summarizeProgress(parsed.progress, this.#catalogue), this.#catalogue)} ` +
        'It replaces the progress in this browser, which cannot be undone.';
    }
    dialog.showModal();
  }

  #applyPending(): void {
    const pending = this.#pending;
    this.#pending = null;
    if (!pending) return;
    const result = importProgress(browserStorage(), pending.text, pending.size);
    $progress.set(result.progress);
    if (result.ok) this.#say('Imported: the progress below is now the file’s.', 'status');
    else this.#say(result.reason, 'error');
  }
}

if (!customElements.get('progress-page')) customElements.define('progress-page', ProgressPage);
