// The exercise journey on lesson 3: edit the Dockerfile in the workbench, see the
// diagnostic at the right line, fix it, watch every goal pass, reload and find the text and
// the progress kept. A lesson 3 without its workbench fails the test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { connectBrowser, expectClean, newContext, open, reportedViolations, watchedPage } from './support/browser.ts';
import { PROJECT_ROOT } from './support/env.ts';
import { storedJson, storedProgress } from './support/learner.ts';
import { editorText, findWorkbench, goalStates, loadWorkbench, problemLines, replaceEditorText } from './support/workbench.ts';

const EXERCISE = 'named-stages-and-target';
const solution = readFileSync(join(PROJECT_ROOT, 'content/exercises', EXERCISE, 'solution.Dockerfile'), 'utf8').replace(/\n$/, '');

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the exercise workbench (lesson 3)', () => {
  it('edit, see the diagnostic at its line, fix, pass every goal, reload and keep it all', async () => {
    const context = await newContext(browser);
    try {
      const { page, watch } = await watchedPage(context);
      await open(page, `/lessons/${EXERCISE}/`);
      const workbench = await findWorkbench(page, EXERCISE);
      expect(workbench, `/lessons/${EXERCISE}/ renders its exercise workbench`).not.toBeNull();
      await loadWorkbench(workbench!);

      // A typo on line 3 of the solution: Docker refuses the unknown instruction there.
      const lines = solution.split('\n');
      lines[2] = lines[2]!.replace(/^COPY/, 'COPPY');
      const broken = lines.join('\n');
      const expected = analyze(broken)
        .diagnostics.filter((d) => d.severity === 'error')
        .map((d) => d.range.start.line);
      expect(expected).toContain(3);
      await replaceEditorText(workbench!, broken);
      await expect.poll(() => problemLines(workbench!), { timeout: 5000 }).toContain(3);
      expect(await workbench!.locator('.cm-lintRange-error, .cm-lintRange').count()).toBeGreaterThan(0);
      expect(await goalStates(workbench!)).toContain('failing');

      // Fix the line by typing: go to line 3, delete the extra P of COPPY.
      await workbench!.locator('.cm-content .cm-line').nth(2).click();
      await page.keyboard.press('Home');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Delete');
      await expect.poll(() => editorText(workbench!)).toBe(solution);
      await expect.poll(() => problemLines(workbench!), { timeout: 5000 }).not.toContain(3);
      await expect.poll(() => goalStates(workbench!), { timeout: 5000 }).toEqual(expect.arrayContaining(['passed']));
      expect((await goalStates(workbench!)).every((state) => state === 'passed')).toBe(true);
      await expect.poll(() => workbench!.getAttribute('data-complete')).toBe('true');

      // The text in its own record, the completion in the progress record.
      await expect.poll(async () => (await storedJson<{ text: string }>(page, `stagecraft:exercise:${EXERCISE}`))?.text).toBe(solution);
      expect((await storedProgress(page))?.exercises?.[EXERCISE]?.['completed']).toMatch(/^\d{4}-/);

      // Reload: the text, the goals and the progress are still there.
      await page.reload({ waitUntil: 'load' });
      const again = (await findWorkbench(page, EXERCISE))!;
      await loadWorkbench(again);
      expect(await editorText(again)).toBe(solution);
      await expect.poll(() => goalStates(again), { timeout: 5000 }).toEqual(expect.arrayContaining(['passed']));
      expect((await goalStates(again)).every((state) => state === 'passed')).toBe(true);
      expect(await again.getAttribute('data-complete')).toBe('true');

      watch.cspViolations.push(...(await reportedViolations(page)));
      expectClean(watch);
    } finally {
      await context.close();
    }
  });
});
