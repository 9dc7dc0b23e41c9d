// Corrupt localStorage (garbage JSON, a future version, prototype keys, markup) breaks no
// page, shows no injected markup, and does not stop the learner: the site starts from empty
// progress, keeps the unreadable value aside (`<key>:backup`) on the first write, and works.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBrowser, expectClean, newContext, open, pool, reportedViolations, url, watchedPage } from './support/browser.ts';
import { builtPages } from './support/env.ts';
import { HOSTILE_MARKUP, hostileProgressValues, injectedMarkup, PREDICTIONS_KEY, PROGRESS_KEY, storageKeys } from './support/hostile.ts';
import { storedProgress } from './support/learner.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const LESSON_3 = 'named-stages-and-target';

describe('corrupt localStorage', () => {
  it('garbage under every storage key breaks no page and injects nothing', { timeout: 600_000 }, async () => {
    const context = await newContext(browser);
    try {
      const garbage = Object.fromEntries(storageKeys().map((key) => [key, `{"version":1,"lessons":${HOSTILE_MARKUP}`]));
      // Written before any page script runs, on every page load.
      await context.addInitScript((values: Record<string, string>) => {
        for (const [key, value] of Object.entries(values)) localStorage.setItem(key, value);
      }, garbage);
      const failures = await pool(builtPages(), 4, async (path) => {
        const { page, watch } = await watchedPage(context);
        try {
          await open(page, path);
          watch.cspViolations.push(...(await reportedViolations(page)));
          const injected = await injectedMarkup(page);
          expectClean(watch, path);
          return injected.length > 0 ? `${path}: ${injected.join('; ')}` : null;
        } catch (error) {
          return error instanceof Error ? error.message : String(error);
        } finally {
          await page.close();
        }
      });
      expect(failures.filter(Boolean)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it.each(hostileProgressValues())('$name: lesson 3 still works, and the unreadable value is kept aside', async ({ values }) => {
    const context = await newContext(browser);
    try {
      const { page, watch } = await watchedPage(context);
      await page.goto(url('/'), { waitUntil: 'load' });
      await page.evaluate((entries) => {
        localStorage.clear();
        for (const [key, value] of entries) localStorage.setItem(key, value);
      }, Object.entries(values));
      await open(page, `/lessons/${LESSON_3}/`);

      // The course path shows states, nothing else.
      const states = await page.locator('course-progress [data-lesson]').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset['state']));
      expect(states.length).toBeGreaterThan(0);
      for (const state of states) expect(['not-started', 'visited', 'completed']).toContain(state);
      const labels = await page.locator('course-progress [data-state-label]').allTextContents();
      for (const label of labels) expect(['Not started', 'Visited', 'Completed']).toContain(label);

      // The learner can still mark the lesson complete, and it is stored.
      const complete = page.getByRole('button', { name: 'Mark lesson complete' });
      if ((await complete.getAttribute('aria-pressed')) === 'true') await complete.click();
      await complete.click();
      expect(await complete.getAttribute('aria-pressed')).toBe('true');
      await page.reload({ waitUntil: 'load' });
      expect(await page.getByRole('button', { name: 'Mark lesson complete' }).getAttribute('aria-pressed')).toBe('true');
      expect((await storedProgress(page))?.lessons[LESSON_3]?.completed).toMatch(/^\d{4}-/);

      // A PredictReveal still reveals and remembers.
      const predict = page.locator('predict-reveal.predict--enhanced').first();
      if (await predict.locator('.predict__again').isVisible()) await predict.locator('.predict__again').click();
      await predict.locator('label[data-option="0"]').click();
      await predict.getByRole('button', { name: 'Reveal' }).click();
      expect(await predict.locator('.predict__verdict').getAttribute('data-verdict')).toMatch(/^(right|wrong)$/);

      // Nothing is lost: an unreadable value is kept under <key>:backup; a readable one keeps
      // the fields this version does not know.
      for (const key of [PROGRESS_KEY, PREDICTIONS_KEY]) {
        const original = values[key];
        if (original === undefined) continue;
        const { current, backups } = await page.evaluate((k) => {
          const names = Object.keys(localStorage).filter((name) => name.startsWith(`${k}:backup`));
          return { current: localStorage.getItem(k), backups: names.map((name) => localStorage.getItem(name)) };
        }, key);
        if (backups.length > 0) expect(backups, `${key} kept aside`).toContain(original);
        else {
          const before = JSON.parse(original) as Record<string, unknown>;
          const after = JSON.parse(current ?? 'null') as Record<string, unknown>;
          for (const field of Object.keys(before)) expect(after, `${key} keeps ${field}`).toHaveProperty([field]);
        }
      }

      expect(await injectedMarkup(page)).toEqual([]);
      watch.cspViolations.push(...(await reportedViolations(page)));
      expectClean(watch);
    } finally {
      await context.close();
    }
  });
});
