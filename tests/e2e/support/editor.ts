// The CodeMirror editor of the workbench and of the playground, used the way a learner uses
// it: its text read back exactly, text pasted over it, text typed at its end.
import type { Locator } from 'playwright-core';

/**
 * The text of the editor inside `root`, exactly (CodeMirror renders short documents whole,
 * one .cm-line per line, an empty last line for a final line break).
 */
export async function codeMirrorText(root: Locator): Promise<string> {
  return root.locator('.cm-line').evaluateAll((lines) => lines.map((line) => line.textContent ?? '').join('\n'));
}

/** Replaces the text of `editor` (its textbox) as a paste does (CodeMirror handles the paste event itself). */
export async function pasteText(editor: Locator, text: string): Promise<void> {
  await editor.click();
  await editor.page().keyboard.press('Control+A');
  await editor.evaluate((content, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    content.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Clicks into `editor` (its textbox), moves to the end of the document and types `text` key by key. */
export async function typeAtEnd(editor: Locator, text: string): Promise<void> {
  await editor.click();
  const keyboard = editor.page().keyboard;
  await keyboard.press('Control+End');
  await keyboard.type(text);
}
