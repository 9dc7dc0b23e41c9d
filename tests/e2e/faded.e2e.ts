// A faded worked example (issue #20) on lesson 1: step 3 waits folded behind step 2 (and opens
// on request); in step 2, blanks filled wrongly get no tick and the editor marks the blank left
// with what it asks for; filled rightly, every goal passes, step 3 opens, and a reload keeps
// the text. axe-core finds nothing on the page in the state the learner leaves it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, runAxe } from './support/axe.ts';
import { connectBrowser, expectClean, newContext, open, reportedViolations, watchedPage } from './support/browser.ts';
import { PROJECT_ROOT } from './support/env.ts';
import { storedJson } from './support/learner.ts';
import { editorText, findWorkbench, goalStates, loadWorkbench, replaceEditorText } from './support/workbench.ts';

const LESSON = 'what-is-a-stage';
const FADED = 'what-is-a-stage-faded';
const BLANK_PAGE = 'what-is-a-stage-blank-page';
const read = (file: string) => readFileSync(join(PROJECT_ROOT, 'content/exercises', FADED, file), 'utf8').replace(/\n$/, '');
const starter = read('starter.Dockerfile');
const solution = read('solution.Dockerfile');

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('a faded worked example (lesson 1)', () => {
  it('blanks: wrong gets no tick and a message at the blank, right gets the tick and opens step 3; a reload keeps the text', async () => {
    const context = await newContext(browser);
    try {
      const { page, watch } = await watchedPage(context);
      await open(page, `/lessons/${LESSON}/`);
      const step3 = page.locator(`faded-step[data-exercise="${BLANK_PAGE}"]`);
      await expect.poll(() => step3.getAttribute('data-state')).toBe('folded');
      expect(await step3.locator('[data-lock]').isVisible()).toBe(true);

      const workbench = (await findWorkbench(page, FADED))!;
      expect(workbench, 'step 2 renders its workbench').not.toBeNull();
      await loadWorkbench(workbench);
      // The starter file ends with a line break: the editor shows an empty last line.
      expect(await editorText(workbench)).toBe(`${starter}\n`);

      // Wrong: the first blank filled with the image, the second with the stage's index. And
      // the second blank left: a message at its place, what it asks for.
      await replaceEditorText(workbench, solution.replace('--from=build', '--from=0'));
      await expect.poll(() => goalStates(workbench)).toEqual(['passed', 'passed', 'failing', 'passed']);
      expect(await workbench.getAttribute('data-complete')).toBe('false');

      await replaceEditorText(workbench, solution.replace('--from=build', '--from=___'));
      await expect.poll(() => goalStates(workbench)).toEqual(['failing', 'passed', 'failing', 'failing']);
      const problem = workbench.locator('[data-problems] li').first();
      await expect.poll(() => problem.textContent()).toContain('Line 9: This blank (___) is still to fill: write the name the first stage is given after AS.');
      expect(await workbench.locator('[data-goal="no-blanks"] [data-goal-detail]').textContent()).toContain('Line 9, column 13 is still a blank (___)');
      // The editor underlines the blank itself.
      expect(await workbench.locator('.cm-lintRange-error').allTextContents()).toContain('___');
      expect(await step3.getAttribute('data-state')).toBe('folded');

      // Right: every goal passes, the exercise completes, step 3 opens.
      await replaceEditorText(workbench, solution.replace('gcc:14', 'gcc:14.2'));
      await expect.poll(() => goalStates(workbench)).toEqual(['passed', 'passed', 'passed', 'passed']);
      await expect.poll(() => workbench.getAttribute('data-complete')).toBe('true');
      await expect.poll(() => step3.getAttribute('data-state')).toBe('open');
      await expect
        .poll(async () => (await storedJson<{ text: string }>(page, `stagecraft:exercise:${FADED}`))?.text)
        .toBe(solution.replace('gcc:14', 'gcc:14.2'));

      const violations = await runAxe(page);
      expect(violations, formatViolations(violations)).toEqual([]);

      // Reload: the text is kept, and step 3 stays open.
      await page.reload({ waitUntil: 'load' });
      const again = (await findWorkbench(page, FADED))!;
      await loadWorkbench(again);
      expect(await editorText(again)).toBe(solution.replace('gcc:14', 'gcc:14.2'));
      await expect.poll(() => step3.getAttribute('data-state')).toBe('open');

      watch.cspViolations.push(...(await reportedViolations(page)));
      expectClean(watch);
    } finally {
      await context.close();
    }
  });

  it('a learner may skip ahead: step 3 opens on request, and stays open once written in', async () => {
    const context = await newContext(browser);
    try {
      const { page, watch } = await watchedPage(context);
      await open(page, `/lessons/${LESSON}/`);
      const step3 = page.locator(`faded-step[data-exercise="${BLANK_PAGE}"]`);
      await expect.poll(() => step3.getAttribute('data-state')).toBe('folded');
      await step3.locator('[data-open]').click();
      expect(await step3.getAttribute('data-state')).toBe('open');
      const workbench = (await findWorkbench(page, BLANK_PAGE))!;
      await loadWorkbench(workbench);
      await replaceEditorText(workbench, 'FROM golang:1.23 AS build\n');
      await expect.poll(async () => (await storedJson<{ text: string }>(page, `stagecraft:exercise:${BLANK_PAGE}`))?.text).toBe('FROM golang:1.23 AS build\n');

      await page.reload({ waitUntil: 'load' });
      await expect.poll(() => step3.getAttribute('data-state')).toBe('open');
      expectClean(watch);
    } finally {
      await context.close();
    }
  });
});
