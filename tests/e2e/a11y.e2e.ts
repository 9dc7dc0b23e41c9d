// axe-core on every built page (every dist/**/*.html), in the light and the dark theme:
// the colour scheme emulated as the system preference AND the theme toggle's stored choice
// (localStorage 'theme') set to the same theme. Zero violations, best practices included;
// each page must also run without an error, a CSP violation or a failed request.
// A second test checks that the toggle alone (against the system preference) gives exactly
// the colours of the system preference, so its pages need no separate axe run.
//
// Pages are checked as the learner first sees them, after the islands have run. States
// reached by interaction (quiz feedback, revealed predictions, the score) are checked in
// journeys.e2e.ts with the same runAxe().
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBrowser, expectClean, newContext, open, pool, reportedViolations, watchedPage, type ContextOptions } from './support/browser.ts';
import { runAxe, formatViolations } from './support/axe.ts';
import { builtPages, representativePages } from './support/env.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const pages = builtPages();

const MODES: Array<{ name: string; options: ContextOptions }> = [
  { name: 'light', options: { colorScheme: 'light', storedTheme: 'light' } },
  { name: 'dark', options: { colorScheme: 'dark', storedTheme: 'dark' } },
];

/** Every element's colours, sorted (shuffled quizzes put questions in a new order on each load). */
async function colours(context: BrowserContext, path: string): Promise<string[]> {
  const { page } = await watchedPage(context);
  try {
    await open(page, path);
    // Islands that load their app (the playground at once, a workbench in view) add elements
    // when they are ready, such as the "What re-runs" control: compare the pages once they are.
    await page.waitForFunction(() => document.querySelector('[data-state="loading"]') === null, null, { timeout: 30_000 });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
    return await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .map((element) => {
          const style = getComputedStyle(element);
          return `${element.localName}.${element.className}: ${style.color} / ${style.backgroundColor} / ${style.borderTopColor} / ${style.outlineColor}`;
        })
        .sort(),
    );
  } finally {
    await page.close();
  }
}

describe('axe-core: no violations on any page', () => {
  it.concurrent.each(MODES)('$name', { timeout: 600_000 }, async ({ name, options }) => {
    const context = await newContext(browser, options);
    try {
      const failures = await pool(pages, 2, async (path) => {
        const { page, watch } = await watchedPage(context);
        try {
          await open(page, path);
          const expected = options.storedTheme ?? options.colorScheme;
          const theme = await page.evaluate(
            () => document.documentElement.dataset['theme'] ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'),
          );
          if (theme !== expected) return `${path}: page shows the ${theme} theme, expected ${expected}`;
          const violations = await runAxe(page);
          // The page also ran cleanly in this theme: no error, no CSP violation, no failed request.
          watch.cspViolations.push(...(await reportedViolations(page)));
          try {
            expectClean(watch, path);
          } catch (error) {
            return error instanceof Error ? error.message : String(error);
          }
          return violations.length > 0 ? `${path}:\n${formatViolations(violations)}` : null;
        } finally {
          await page.close();
        }
      });
      const found = failures.filter((failure): failure is string => failure !== null);
      expect(found, `${name}: ${found.length} of ${pages.length} pages with violations\n${found.join('\n')}`).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the theme toggle', () => {
  it.each(['light', 'dark'] as const)(
    '%s, chosen against the system preference, gives the colours the system preference gives',
    { timeout: 300_000 },
    async (theme) => {
      const other = theme === 'light' ? 'dark' : 'light';
      const bySystem = await newContext(browser, { colorScheme: theme });
      const byToggle = await newContext(browser, { colorScheme: other, storedTheme: theme });
      try {
        for (const path of representativePages()) {
          expect(await colours(byToggle, path), path).toEqual(await colours(bySystem, path));
        }
      } finally {
        await bySystem.close();
        await byToggle.close();
      }
    },
  );
});
