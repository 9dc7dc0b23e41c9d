// "What re-runs if I change…" (src/components/rebuild/) on the built site, in Chromium: in a
// lesson's workbench and in the playground the learner opens the control, ticks a file of the
// build context or gives a build argument a new value, and sees the steps that re-run marked on
// the editor's lines and the graph's boxes and said in sentences; editing the Dockerfile updates
// the answer. axe checks the open control.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, runAxe } from './support/axe.ts';
import { connectBrowser, DESKTOP, expectClean, newContext, open, PHONE, watchedPage, type PageWatch } from './support/browser.ts';
import { pasteText } from './support/editor.ts';
import { findWorkbench, loadWorkbench } from './support/workbench.ts';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await context?.close();
});

async function start(viewport: { width: number; height: number }, theme: 'light' | 'dark' = 'light'): Promise<void> {
  context = await newContext(browser, { viewport, colorScheme: theme, storedTheme: theme });
  ({ page, watch } = await watchedPage(context));
}

/** The 1-based lines the editor inside `root` marks with `state` (short documents render whole). */
function markedLines(root: Locator, state: 'runs' | 'cached'): Promise<number[]> {
  return root
    .locator('.cm-line')
    .evaluateAll((lines, wanted) => lines.flatMap((line, index) => ((line as HTMLElement).dataset['rebuild'] === wanted ? [index + 1] : [])), state);
}

const steps = (control: Locator) => control.locator('.rebuild__list li').allTextContents();

describe('What re-runs if I change…', () => {
  it('in a workbench: ticking src/app.ts marks COPY . . and what follows, not npm ci', async () => {
    await start(DESKTOP);
    await open(page, '/lessons/sharing-steps/');
    const workbench = (await findWorkbench(page, 'deps-stage'))!;
    expect(workbench).not.toBeNull();
    await loadWorkbench(workbench);
    const control = workbench.locator('details.rebuild');
    // Closed, the control loads nothing and marks nothing.
    expect(await markedLines(workbench, 'runs')).toEqual([]);
    await control.getByText('What re-runs if I change…').click();
    const file = control.getByRole('checkbox', { name: 'src/app.ts' });
    await file.waitFor();
    expect(await control.locator('[role="status"]').textContent()).toBe('Pick a file or a build argument to see which steps re-run.');
    await file.check();
    await expect
      .poll(() => control.locator('[role="status"]').textContent())
      .toBe('4 of 10 steps re-run (lines 7, 8, 20 and 21); the others are taken from the cache.');
    expect(await markedLines(workbench, 'runs')).toEqual([7, 8, 20, 21]);
    expect(await markedLines(workbench, 'cached')).toEqual([3, 4, 5, 6, 18, 19]);
    const sentences = await steps(control);
    expect(sentences).toContain('Re-runs Line 7 COPY . . re-runs: src/app.ts changed.');
    expect(sentences).toContain('Cached Line 6 RUN npm ci is taken from the cache.');
    expect(sentences).toContain('Not built Stage test is not built: the target prod does not need it, so BuildKit does not build it.');
    // The graph: the build and prod boxes say they re-run; test is not built, so not marked.
    expect(await workbench.locator('[data-graph] [data-rebuild-word]').allTextContents()).toEqual(['re-runs: 2', 're-runs: 2']);

    // The learner edits the Dockerfile: the answer follows.
    await pasteText(
      workbench.getByRole('textbox', { name: 'Dockerfile editor' }),
      'FROM node:22-alpine\nWORKDIR /app\nCOPY src/ ./src/\nCOPY package.json package-lock.json ./\nRUN npm ci\n',
    );
    await expect.poll(() => markedLines(workbench, 'runs')).toEqual([3, 4, 5]);
    expect(await steps(control)).toContain('Re-runs Line 4 COPY package.json package-lock.json ./ re-runs: the step before it (line 3) ran again.');

    const violations = await runAxe(page, 'dockerfile-workbench[data-exercise="deps-stage"] details.rebuild');
    expect(violations, formatViolations(violations)).toEqual([]);

    // A text too long to analyse: no marks stay from the last answer, and the control says why.
    const editorBox = workbench.getByRole('textbox', { name: 'Dockerfile editor' });
    await pasteText(editorBox, `FROM node:22-alpine\n${'# a pasted log line\n'.repeat(16_000)}`);
    await expect.poll(() => control.locator('[role="status"]').textContent()).toMatch(/^Not checked: the text is 3\d\d KB/);
    expect(await markedLines(workbench, 'runs')).toEqual([]);
    expect(await steps(control)).toEqual([]);
    await pasteText(editorBox, 'FROM node:22-alpine\nWORKDIR /app\nCOPY src/ ./src/\nCOPY package.json package-lock.json ./\nRUN npm ci\n');
    await expect.poll(() => markedLines(workbench, 'runs')).toEqual([3, 4, 5]);

    // Closing the control takes its marks away.
    await control.getByText('What re-runs if I change…').click();
    await expect.poll(() => markedLines(workbench, 'runs')).toEqual([]);
    expectClean(watch);
  });

  it('in the playground, on a phone in dark: a copied file and a build argument, by keyboard', async () => {
    await start(PHONE, 'dark');
    await open(page, '/playground/');
    await page.waitForSelector('dockerfile-playground[data-state="ready"]', { timeout: 15_000 });
    const playground = page.locator('dockerfile-playground');
    await pasteText(
      playground.getByRole('textbox', { name: 'Dockerfile editor' }),
      'FROM python:3.12-slim AS base\nWORKDIR /app\nARG PIP_VERSION=24.0\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nRUN python -m compileall .\nCMD ["python", "app.py"]\n',
    );
    const control = playground.locator('details.rebuild');
    const toggle = control.locator('summary');
    await toggle.focus();
    await page.keyboard.press('Enter');
    const file = control.getByRole('checkbox', { name: 'requirements.txt' });
    await file.waitFor();
    await file.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => markedLines(playground, 'runs')).toEqual([4, 5, 6, 7]);
    expect(await steps(control)).toContain('Re-runs Line 4 COPY requirements.txt . re-runs: requirements.txt changed.');

    // A typed path instead: app.py is only in COPY . .
    await file.uncheck();
    await control.getByLabel('Other changed files (paths, separated by commas)').fill('./app.py');
    await expect.poll(() => markedLines(playground, 'runs')).toEqual([6, 7]);
    expect(await steps(control)).toContain('Re-runs Line 6 COPY . . re-runs: app.py changed.');

    // A build argument: the RUN steps in its scope re-run, the ARG line is no step.
    await control.getByLabel('Other changed files (paths, separated by commas)').fill('');
    await control.getByLabel('Argument').selectOption('PIP_VERSION');
    await control.getByLabel('New value').fill('25.0');
    await expect.poll(() => markedLines(playground, 'runs')).toEqual([5, 6, 7]);
    expect(await steps(control)).toContain(
      'Re-runs Line 5 RUN pip install -r requirements.txt re-runs: PIP_VERSION 24.0 → 25.0: BuildKit keys RUN on every ARG and ENV value in scope, used or not.',
    );
    expect(await control.locator('[role="status"]').textContent()).toBe('3 of 6 steps re-run (lines 5, 6 and 7); the others are taken from the cache.');
    expect(await playground.locator('[data-graph] [data-rebuild-word]').allTextContents()).toEqual(['re-runs: 3']);
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    const violations = await runAxe(page, 'dockerfile-playground details.rebuild');
    expect(violations, formatViolations(violations)).toEqual([]);
    expectClean(watch);
  });
});
