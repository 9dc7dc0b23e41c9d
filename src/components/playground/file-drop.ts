// "Open file…" and dropping a file anywhere on the playground page. The drop is caught on
// the window, in the capture phase: before CodeMirror, which would insert a dropped file's
// content unchecked, and before the browser, which would leave the page to show it. What is
// done with the file (checked, then opened or refused) is the caller's `open`.

/** `open` gets the first file and how many were chosen or dropped. */
export function wireFileOpening(root: HTMLElement, button: HTMLButtonElement, input: HTMLInputElement, open: (file: File, count: number) => void): void {
  button.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    // Cleared, so choosing the same file again is a change too.
    input.value = '';
    if (file) open(file, 1);
  });

  const carriesFiles = (event: DragEvent): boolean => event.dataTransfer?.types.includes('Files') ?? false;
  window.addEventListener(
    'dragover',
    (event) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      root.dataset['dragging'] = 'true';
    },
    { capture: true },
  );
  const endDrag = (): void => {
    delete root.dataset['dragging'];
  };
  window.addEventListener('dragleave', (event) => {
    // Leaving the window (no element to go to) ends it; moving between elements does not.
    if (event.relatedTarget === null) endDrag();
  });
  window.addEventListener(
    'drop',
    (event) => {
      endDrag();
      if (!carriesFiles(event)) return;
      event.preventDefault();
      event.stopPropagation();
      const files = event.dataTransfer?.files;
      const file = files?.[0];
      if (file) open(file, files.length);
    },
    { capture: true },
  );
}
