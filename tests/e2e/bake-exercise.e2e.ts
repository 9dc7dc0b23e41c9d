// The bake exercise (issue #20) in "One Dockerfile for every environment": <bake-workbench> loads
// its docker-bake.hcl editor when it nears the viewport and checks the file as the learner types.
// The starter's mistakes are marked where they are and no tick is given; a real keystroke that
// fixes the stage name moves the goals; the solution passes every goal, completes the exercise
// and is kept across a reload; a paste over the size limit is refused with the reason, and kept.
// axe-core finds nothing in the bake workbench.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, runAxe } from './support/axe.ts';
import { connectBrowser, expectClean, newContext, open, reportedViolations, watchedPage } from './support/browser.ts';
import { PROJECT_ROOT } from './support/env.ts';
import { storedJson } from './support/learner.ts';
import { editorText, goalStates, loadWorkbench, replaceEditorText } from './support/workbench.ts';

const ID = 'bake-ci-targets';
const read = (file: string) => readFileSync(join(PROJECT_ROOT, 'content/bake-exercises', ID, file), 'utf8');
const starter = read('starter.hcl');
const solution = read('solution.hcl');

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const tally = (workbench: Locator) => workbench.locator('[data-goal-tally]').textContent();

describe('the bake exercise', () => {
  it('checks the bake file as the learner types, completes on the solution, and keeps the text', { timeout: 120_000 }, async () => {
    const context = await newContext(browser);
    try {
      const { page, watch } = await watchedPage(context);
      await open(page, '/lessons/one-dockerfile-every-environment/');
      const workbench = page.locator(`bake-workbench[data-exercise="${ID}"]`);
      await loadWorkbench(workbench, 30_000);
      expect(await editorText(workbench)).toBe(starter);

      // The starter: two goals of seven pass, the wrong stage name is marked and listed where it is.
      await expect.poll(() => tally(workbench)).toBe('Goals passing: 2 of 7.');
      expect(await workbench.locator('.cm-lintRange-error').allTextContents()).toContain('"development"');
      const problem = workbench.locator('[data-problems] li').first();
      expect(await problem.textContent()).toContain('Line 15: target "dev": target stage "development" could not be found in Dockerfile');
      expect(await problem.textContent()).toContain('its stages: base, dev, test, production');
      expect(await workbench.getAttribute('data-complete')).toBe('false');
      expect(await workbench.locator('[data-runs]').textContent()).toContain('test builds stage production: runs base, production; image shop:test.');

      // A real keystroke: "development" → "dev" (delete "elopment" after clicking into it).
      await workbench.locator('.cm-lintRange-error').click();
      await page.keyboard.press('End');
      await page.keyboard.press('ArrowLeft');
      for (let i = 0; i < 'elopment'.length; i++) await page.keyboard.press('Backspace');
      await expect.poll(() => workbench.locator('[data-goal="every-target-builds"]').getAttribute('data-state')).toBe('passed');
      expect(await workbench.locator('[data-problem-count]').textContent()).toBe('(No problems found)');

      // The solution: every goal, the exercise completes, and the text is saved.
      await replaceEditorText(workbench, solution);
      await expect.poll(() => goalStates(workbench)).toEqual(Array(7).fill('passed'));
      await expect.poll(() => workbench.getAttribute('data-complete')).toBe('true');
      expect(await workbench.locator('[data-runs]').textContent()).toContain('test builds stage test: runs base, dev, test; no image (type=cacheonly).');
      await expect.poll(async () => (await storedJson<{ text: string }>(page, `stagecraft:exercise:${ID}`))?.text).toBe(solution);

      const violations = await runAxe(page, `bake-workbench[data-exercise="${ID}"]`);
      expect(violations, formatViolations(violations)).toEqual([]);

      await page.reload({ waitUntil: 'load' });
      const again = page.locator(`bake-workbench[data-exercise="${ID}"]`);
      await loadWorkbench(again, 30_000);
      expect(await editorText(again)).toBe(solution);
      await expect.poll(() => tally(again)).toBe('Goals passing: 7 of 7.');
      expect(await again.locator('[data-status]').textContent()).toContain('You completed this exercise');

      // A huge paste: refused at once with the reason, nothing ticks, the text stays in the editor.
      const huge = `${solution}${`# ${'x'.repeat(98)}\n`.repeat(90)}`;
      await replaceEditorText(again, huge);
      await expect.poll(() => tally(again)).toBe('Goals not checked.');
      expect(await again.locator('[data-problems]').textContent()).toContain('over the 8,192 this exercise checks');
      expect(await goalStates(again)).toEqual(Array(7).fill('failing'));
      await expect.poll(async () => (await storedJson<{ text: string }>(page, `stagecraft:exercise:${ID}`))?.text).toBe(huge);

      watch.cspViolations.push(...(await reportedViolations(page)));
      expectClean(watch);
    } finally {
      await context.close();
    }
  });
});
