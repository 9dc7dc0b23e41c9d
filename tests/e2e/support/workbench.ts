// Driving the exercise workbench (src/components/exercise/): <dockerfile-workbench
// data-exercise="<id>">, which loads its CodeMirror editor lazily (data-state="ready" once
// mounted). The selectors the tests rely on are all here.
import type { Locator, Page } from 'playwright-core';

export const WORKBENCH = 'dockerfile-workbench';

/** The page's workbench for exercise `id` (or its first one); null when the page has none. */
export async function findWorkbench(page: Page, id?: string): Promise<Locator | null> {
  const locator = page.locator(id ? `${WORKBENCH}[data-exercise="${id}"]` : WORKBENCH).first();
  return (await locator.count()) > 0 ? locator : null;
}

/** Scrolls the workbench into view and waits until its editor is mounted. */
export async function loadWorkbench(workbench: Locator, timeout = 15_000): Promise<Locator> {
  await workbench.scrollIntoViewIfNeeded();
  await workbench.locator('.cm-content').waitFor({ state: 'visible', timeout });
  const state = await workbench.getAttribute('data-state');
  if (state !== 'ready') {
    await workbench.page().waitForFunction((el) => (el as HTMLElement).dataset['state'] === 'ready', await workbench.elementHandle(), { timeout });
  }
  return workbench.locator('.cm-content');
}

/** Replaces the whole text of the workbench's editor, as a paste would. */
export async function replaceEditorText(workbench: Locator, text: string): Promise<void> {
  const editor = workbench.locator('.cm-content');
  await editor.click();
  const page = workbench.page();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** The editor's text, line by line as CodeMirror renders it (small documents are rendered whole). */
export async function editorText(workbench: Locator): Promise<string> {
  return workbench.locator('.cm-content .cm-line').evaluateAll((lines) => lines.map((line) => line.textContent ?? '').join('\n'));
}

/** The "Line N" of every problem the workbench lists. */
export async function problemLines(workbench: Locator): Promise<number[]> {
  const texts = await workbench.locator('[data-problems] .workbench__problem-line').allTextContents();
  return texts.map((text) => Number(/\d+/.exec(text)?.[0] ?? NaN));
}

/** Each goal's state: unchecked, failing or passed. */
export async function goalStates(workbench: Locator): Promise<string[]> {
  return workbench.locator('[data-goal]').evaluateAll((goals) => goals.map((goal) => (goal as HTMLElement).dataset['state'] ?? ''));
}
