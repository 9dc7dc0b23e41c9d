// The exercise workbench's interface in the browser (src/components/exercise/): loaded only
// near the viewport, diagnostics as you type, goals and their announcements, completion
// saved, the text restored (a damaged saved entry kept aside), Reset and Show solution
// behind an accessible dialog, the hint ladder, the target and builder pickers, keyboard
// use, hostile text, and axe on the enhanced workbench in both themes and at phone width.
// (workbench.e2e.ts is the learner's journey through one exercise.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, runAxe } from './support/axe.ts';
import { connectBrowser, expectClean, open, PHONE, reportedViolations, withWatchedPage } from './support/browser.ts';
import { codeMirrorText, pasteText, typeAtEnd } from './support/editor.ts';
import { PROJECT_ROOT } from './support/env.ts';
import { injectedMarkup, PROGRESS_KEY } from './support/hostile.ts';

const LESSON = '/lessons/named-stages-and-target/';
const ID = 'named-stages-and-target';
const exerciseFile = (name: string) => readFileSync(join(PROJECT_ROOT, 'content', 'exercises', ID, name), 'utf8');
const STARTER = exerciseFile('starter.Dockerfile');
const SOLUTION = exerciseFile('solution.Dockerfile');

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// The lesson's own exercise (its faded example's steps have workbenches too).
const workbench = (page: Page) => page.locator('dockerfile-workbench[data-exercise="named-stages-and-target"]');
const editor = (page: Page) => workbench(page).getByRole('textbox', { name: 'Dockerfile editor' });

/** Scrolls to the workbench and waits until the editor is up and the goals are checked. */
async function ready(page: Page): Promise<void> {
  await workbench(page).scrollIntoViewIfNeeded();
  await page.waitForSelector('dockerfile-workbench[data-exercise="named-stages-and-target"][data-state="ready"]');
  await page.waitForSelector('dockerfile-workbench[data-exercise="named-stages-and-target"] [data-goals] li:not([data-state="unchecked"])');
}

/** Opens the lesson and waits until its workbench is ready. */
async function openReady(page: Page): Promise<void> {
  await open(page, LESSON);
  await ready(page);
}

/** Adds a stage whose name is not lower case, and waits for the workbench's warning about it
 *  (the starter has warnings of its own, so any warning would not do). */
async function addWarning(page: Page): Promise<void> {
  await typeAtEnd(editor(page), '\nFROM build AS Dev\n');
  await workbench(page).locator('.workbench__problem--warning', { hasText: 'lowercase' }).first().waitFor();
}

const editorText = (page: Page) => codeMirrorText(workbench(page));

async function goalStates(page: Page): Promise<string[]> {
  return workbench(page).locator('[data-goals] [data-goal-state]').allTextContents();
}

describe('the workbench interface', () => {
  it('loads the editor only when the exercise nears the viewport', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      await open(page, LESSON);
      expect(requested.some((u) => /workbench-app/.test(u))).toBe(false);
      expect(await workbench(page).locator('[data-static] pre').first().isVisible()).toBe(true);
      expect(await goalStates(page)).toEqual(expect.arrayContaining(['Not checked yet']));
      await ready(page);
      expect(requested.some((u) => /workbench-app/.test(u))).toBe(true);
      expect(await workbench(page).locator('[data-static]').first().isVisible()).toBe(false);
      expect(await goalStates(page)).toContain('Not yet');
      watch.cspViolations.push(...(await reportedViolations(page)));
      expectClean(watch);
    });
  });

  it('shows a diagnostic as you type, in the editor and in the problems list', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await openReady(page);
      await addWarning(page);
      const problems = await workbench(page).locator('[data-problems] li').allTextContents();
      expect(problems.join('\n')).toMatch(/Line 19.*lowercase/);
      expect(await workbench(page).locator('.cm-lintRange-warning').count()).toBeGreaterThan(0);
      // A problem is a button that takes the cursor to it.
      await workbench(page).locator('.workbench__problem-button').first().click();
      expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-editor'))).toBe(true);
      watch.cspViolations.push(...(await reportedViolations(page)));
      expectClean(watch);
    });
  });

  it('checks the goals, announces the change, saves the completion and restores the text', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await openReady(page);
      await pasteText(editor(page), SOLUTION);
      await expect.poll(() => workbench(page).getAttribute('data-complete')).toBe('true');
      expect(new Set(await goalStates(page))).toEqual(new Set(['Passed']));
      await expect.poll(() => workbench(page).locator('[data-announcer]').textContent()).toContain('All goals pass');
      expect(await workbench(page).locator('[data-status]').textContent()).toMatch(/You completed this exercise on/);
      const progress = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), PROGRESS_KEY);
      expect(progress.exercises[ID].completed).toMatch(/^\d{4}-/);

      await page.reload();
      await ready(page);
      expect(await editorText(page)).toBe(SOLUTION);
      expect(await workbench(page).locator('[data-status]').textContent()).toMatch(/completed this exercise/);
      watch.cspViolations.push(...(await reportedViolations(page)));
      expectClean(watch);
    });
  });

  it('falls back to the starter when the saved entry is damaged, and never loses that entry', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await open(page, LESSON);
      const damaged = { text: 42, updated: 'not a date' };
      await page.evaluate(
        ([key, id, entry]) => localStorage.setItem(key, JSON.stringify({ version: 1, lessons: {}, exercises: { [id]: entry }, quizzes: {} })),
        [PROGRESS_KEY, ID, damaged] as const,
      );
      await page.reload();
      await ready(page);
      expect(await editorText(page)).toBe(STARTER);
      expect(await workbench(page).locator('[data-status]').textContent()).toMatch(/could not be read/);
      await typeAtEnd(editor(page), '# edited');
      // The text goes to its own record; the damaged entry stays as it was (or kept aside).
      await expect.poll(() => page.evaluate((id) => localStorage.getItem(`stagecraft:exercise:${id}`), ID)).toMatch(/# edited/);
      const entry = await page.evaluate(
        ([key, id]) => {
          const kept = localStorage.getItem(`${key}:exercise:${id}:backup`);
          return kept ?? JSON.stringify((JSON.parse(localStorage.getItem(key) ?? '{}') as { exercises: Record<string, unknown> }).exercises[id]);
        },
        [PROGRESS_KEY, ID] as const,
      );
      expect(entry).toBe(JSON.stringify(damaged));
      expectClean(watch);
    });
  });

  it('recovers what it can of a damaged text record (a stray byte), once the recovery has loaded', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await open(page, LESSON);
      await page.evaluate(
        (id) =>
          localStorage.setItem(
            `stagecraft:exercise:${id}`,
            `${JSON.stringify({ version: 1, text: 'FROM alpine:3.20 AS mine\n', updated: '2026-03-01T10:00:00.000Z', rev: 'r1' })}x`,
          ),
        ID,
      );
      await page.reload();
      await ready(page);
      await expect.poll(() => editorText(page)).toBe('FROM alpine:3.20 AS mine\n');
      expect(await workbench(page).locator('[data-status]').textContent()).toMatch(/was damaged: what could be read of it is in the editor/);
      expectClean(watch);
    });
  });

  it('resets to the starter and shows the solution only after a confirmation dialog', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await openReady(page);
      await editor(page).click();
      await page.keyboard.type('# mine\n');

      const reset = workbench(page).locator('[data-reset]');
      await reset.click();
      const dialog = workbench(page).getByRole('dialog', { name: 'Reset to the starter?' });
      expect(await dialog.isVisible()).toBe(true);
      await page.keyboard.press('Escape');
      expect(await dialog.isVisible()).toBe(false);
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Reset to starter');
      expect(await editorText(page)).toContain('# mine');
      await reset.click();
      await dialog.getByRole('button', { name: 'Reset' }).click();
      expect(await editorText(page)).toBe(STARTER);

      const solution = workbench(page).locator('[data-solution]');
      const show = workbench(page).locator('[data-show-solution]');
      const confirm = workbench(page).getByRole('dialog', { name: 'Show the solution?' });
      expect(await solution.isVisible()).toBe(false);
      await show.click();
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      expect(await solution.isVisible()).toBe(false);
      await show.click();
      await confirm.getByRole('button', { name: 'Show solution' }).click();
      expect(await solution.isVisible()).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.localName)).toBe('summary');
      expectClean(watch);
    });
  });

  it('reveals the failing goals’ hints one at a time, first failing first, then the exercise’s ladder; and follows the target, builder and Docker pickers', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await openReady(page);
      const next = workbench(page).locator('[data-hint-next]');
      const groups = workbench(page).locator('[data-hint-groups] .workbench__hint-group');
      const shown = () => groups.evaluateAll((nodes) => nodes.map((n) => [(n as HTMLElement).dataset['hintGoal'], n.querySelectorAll('li').length]));
      // The starter fails prod-is-default and default-skips-dev (2 hints each); the exercise has 3 of its own.
      expect(await workbench(page).locator('[data-hint-progress]').textContent()).toBe(
        'The next hint is for the goal: A plain docker build builds the prod stage.',
      );
      await next.click();
      expect(await shown()).toEqual([['prod-is-default', 1]]);
      await next.click();
      await next.click();
      expect(await shown()).toEqual([
        ['prod-is-default', 2],
        ['default-skips-dev', 1],
      ]);
      // Hints render their code spans as code, never as literal backticks.
      expect(await groups.first().locator('li code').first().textContent()).toBe('FROM node:22-alpine AS prod');
      expect(await groups.first().textContent()).not.toContain('`');
      for (let i = 0; i < 4; i++) await next.click();
      expect(await shown()).toEqual([
        ['prod-is-default', 2],
        ['default-skips-dev', 2],
        ['', 3],
      ]);
      expect(await next.isVisible()).toBe(false);
      expect(await page.evaluate(() => document.activeElement?.classList.contains('workbench__hint'))).toBe(true);
      // A goal that passes takes its hints away.
      await pasteText(editor(page), SOLUTION);
      await expect.poll(() => shown()).toEqual([]);
      expect(await workbench(page).locator('[data-hint-progress]').textContent()).toBe('Every goal passes: no hint needed.');
      await pasteText(editor(page), STARTER);

      const summary = workbench(page).locator('[data-graph-summary]');
      await workbench(page).locator('[data-target]').selectOption('prod');
      await expect.poll(() => summary.textContent()).toMatch(/^Building prod with BuildKit runs: build, prod; skips: dev/);
      expect(await workbench(page).locator('[data-summary]').textContent()).toContain('node:22-alpine');
      await workbench(page).getByRole('radio', { name: 'Classic builder' }).check();
      await expect.poll(() => summary.textContent()).toMatch(/classic builder/);
      expect(await workbench(page).locator('[data-graph] svg text').count()).toBeGreaterThan(0);

      // The Docker picker: today's by default; 26.1 to compare. The analysis follows it.
      const problems = workbench(page).locator('[data-problems] .workbench__problem-message');
      expect(await workbench(page).getByRole('radio', { name: 'Docker 28.5 (today)' }).isChecked()).toBe(true);
      await typeAtEnd(editor(page), '\nCOPY --exclude=*.md package.json /tmp/\n');
      await workbench(page).getByRole('radio', { name: 'Docker 26.1', exact: true }).check();
      await expect.poll(() => problems.allTextContents()).toContain('unknown flag: exclude.');
      // The other pickers keep their choice.
      expect(await workbench(page).locator('[data-target]').inputValue()).toBe('prod');
      expect(await workbench(page).getByRole('radio', { name: 'Classic builder' }).isChecked()).toBe(true);
      // Back on today's engine, which knows --exclude, the error goes.
      await workbench(page).getByRole('radio', { name: 'Docker 28.5 (today)' }).check();
      await expect.poll(() => problems.allTextContents()).not.toContain('unknown flag: exclude.');
      expectClean(watch);
    });
  });

  it('can be used from the keyboard: Tab goes into the editor and out again', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await openReady(page);
      await workbench(page).locator('[data-show-solution]').focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-editor'))).toBe(true);
      await page.keyboard.type('# typed from the keyboard\n');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-editor'))).toBe(false);
      expect(await editorText(page)).toContain('# typed from the keyboard');
      expectClean(watch);
    });
  });

  it('never turns hostile text into markup', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await openReady(page);
      await pasteText(
        editor(page),
        'FROM alpine AS "><img src=x data-hostile onerror="window.__hostileRan=1">\nCOPY --from=</script><img/src=x/data-hostile> /a /b\nUSER <b data-hostile>x</b>\n',
      );
      // Wait for this text's own error (the starter has problems of its own).
      await workbench(page).locator('.workbench__problem', { hasText: 'invalid name for build stage' }).first().waitFor();
      expect(await injectedMarkup(page)).toEqual([]);
      const inShadow = await page.evaluate(() => document.querySelector('[data-editor]')?.shadowRoot?.querySelectorAll('[data-hostile], img').length ?? -1);
      expect(inShadow).toBe(0);
      expectClean(watch);
    });
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no axe violations once enhanced, with a diagnostic showing (${colorScheme}, desktop and phone)`, async () => {
      for (const viewport of [undefined, PHONE]) {
        await withWatchedPage(browser, { colorScheme, storedTheme: colorScheme, ...(viewport ? { viewport } : {}) }, async ({ page, watch }) => {
          await openReady(page);
          await addWarning(page);
          const violations = await runAxe(page, 'dockerfile-workbench[data-exercise="named-stages-and-target"]');
          expect(violations, formatViolations(violations)).toEqual([]);
          expectClean(watch);
        });
      }
    });
  }
});
