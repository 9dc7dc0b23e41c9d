// "Reset" and "Show solution" ask first, in the workbench's modal <dialog> (the browser's
// own confirm() where <dialog> is not supported). Cancelling gives focus back to the button
// that asked; confirming leaves focus to what the action does next.
import type { Parts } from './workbench-parts.ts';

/** Asks for confirmation in the workbench's modal <dialog>; focus returns to `opener`. */
export function confirmAction(
  parts: Pick<Parts, 'dialog' | 'dialogTitle' | 'dialogText' | 'dialogConfirm'>,
  opener: HTMLElement,
  copy: { title: string; text: string; confirm: string },
): Promise<boolean> {
  const { dialog } = parts;
  if (typeof dialog.showModal !== 'function') return Promise.resolve(window.confirm(`${copy.title}\n\n${copy.text}`));
  parts.dialogTitle.textContent = copy.title;
  parts.dialogText.textContent = copy.text;
  parts.dialogConfirm.textContent = copy.confirm;
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener(
      'close',
      () => {
        const confirmed = dialog.returnValue === 'confirm';
        if (!confirmed) opener.focus();
        resolve(confirmed);
      },
      { once: true },
    );
    dialog.showModal();
  });
}

/** With JavaScript the solution waits behind "Show solution" (asked first), next to the editor;
 *  `noun` names what the learner edits ("Dockerfile", "bake file"). */
export function wireSolution(
  parts: Pick<Parts, 'dialog' | 'dialogTitle' | 'dialogText' | 'dialogConfirm' | 'editorArea' | 'solution' | 'showSolution'>,
  noun: string,
): void {
  parts.editorArea.append(parts.solution);
  parts.solution.hidden = true;
  parts.showSolution.addEventListener('click', async () => {
    const confirmed = await confirmAction(parts, parts.showSolution, {
      title: 'Show the solution?',
      text: `You learn more by trying the hints first. The solution appears under the editor; your ${noun} stays as it is.`,
      confirm: 'Show solution',
    });
    if (!confirmed) return;
    parts.solution.hidden = false;
    parts.solution.open = true;
    parts.showSolution.hidden = true;
    parts.solution.querySelector('summary')?.focus();
  });
}

/** "Reset to starter", asked first; `reset` puts the starter back once the learner confirms. */
export function wireReset(parts: Pick<Parts, 'dialog' | 'dialogTitle' | 'dialogText' | 'dialogConfirm' | 'reset'>, noun: string, reset: () => void): void {
  parts.reset.addEventListener('click', async () => {
    const confirmed = await confirmAction(parts, parts.reset, {
      title: 'Reset to the starter?',
      text: `The editor gets the starter ${noun} back, and your changes are replaced. You can still undo this in the editor with Ctrl+Z (⌘+Z on a Mac).`,
      confirm: 'Reset',
    });
    if (confirmed) reset();
  });
}
