// /drills/ (src/pages/drills.astro, src/components/drills/) in Chromium against the built site:
// a seed link opens the same drill the generator makes in Node; a wrong answer and a right one
// get their feedback with the stage graph, and the score counts each drill once; Next makes a
// new shareable drill; hostile links and damaged storage give a message and break nothing;
// keyboard use; axe in light and dark, at desktop and phone widths.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, runAxe } from './support/axe.ts';
import { connectBrowser, expectClean, open, PHONE, reportedViolations, withWatchedPage } from './support/browser.ts';
import { HOSTILE_MARKUP, injectedMarkup } from './support/hostile.ts';
import { makeDrill } from '../../src/lib/drills/questions.ts';
import { SCORE_KEY } from '../../src/lib/drills/score.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const LEVEL = 2;
const SEED = 12345;
const drill = makeDrill(LEVEL, SEED);
const q = drill.question;
const session = (page: Page) => page.locator('drill-session');
const feedback = (page: Page) => session(page).locator('[data-feedback]');
const score = (page: Page) => session(page).locator('[data-score]');
const check = (page: Page) => session(page).getByRole('button', { name: 'Check' });

async function openDrill(page: Page, search: string): Promise<void> {
  await open(page, `/drills/${search}`);
  await page.waitForSelector('drill-session[data-state="ready"]', { timeout: 15_000 });
}

/** Ticks exactly the options whose labels are given. */
async function answer(page: Page, labels: string[]): Promise<void> {
  for (const option of q.options) {
    const box = session(page).getByRole(q.multiple ? 'checkbox' : 'radio', { name: option.label, exact: true });
    if (labels.includes(option.label)) await box.check();
    else if (q.multiple) await box.uncheck();
  }
}

const labelsOf = (indices: number[]) => indices.map((i) => q.options[i]!.label);

async function expectAxeClean(page: Page, what: string): Promise<void> {
  const violations = await runAxe(page);
  expect(violations, `${what}\n${formatViolations(violations)}`).toEqual([]);
}

describe('drills', () => {
  it('opens the drill of a seed link, grades a wrong and a right answer with the stage graph, and counts the drill once', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await openDrill(page, `?level=${LEVEL}&seed=${SEED}`);
      await expect
        .poll(() =>
          session(page)
            .getByRole('heading', { name: `Level ${LEVEL} drill, seed ${SEED}` })
            .isVisible(),
        )
        .toBe(true);
      expect(await session(page).locator('[data-dockerfile]').innerText()).toBe(drill.dockerfile.replace(/\n$/, ''));
      await expect.poll(() => session(page).getByRole('group', { name: q.prompt }).isVisible()).toBe(true);
      expect(await session(page).locator('[data-command]').textContent()).toBe(q.command);
      expect(
        await session(page)
          .getByRole('radio', { name: /^2\. Diamonds/ })
          .isChecked(),
      ).toBe(true);
      expect(await score(page).textContent()).toBe('No drills answered yet in this browser.');

      const right = labelsOf(q.correct);
      const wrong = q.options.map((o) => o.label).filter((l) => !right.includes(l));
      await answer(page, q.multiple ? [...right, wrong[0]!] : [wrong[0]!]);
      await check(page).click();
      await expect.poll(() => feedback(page).locator('.drills__verdict').textContent()).toBe('✗ Not quite.');
      const text = await feedback(page).innerText();
      expect(text).toContain(`${q.multiple ? 'The stages that run' : 'The stage shipped'}: ${right.join(', ')}.`);
      for (const note of q.notes) expect(text).toContain(note);
      expect(await feedback(page).locator('svg.stage-diagram__svg .stage-diagram__stage').count()).toBe(q.options.length);
      expect(await feedback(page).locator('figcaption').textContent()).toContain('The stage graph of this build');
      expect(await score(page).textContent()).toBe('Streak: 0 (best 0). Right: 0 of 1.');
      await expectAxeClean(page, 'feedback, light');

      await answer(page, right);
      await check(page).click();
      await expect.poll(() => feedback(page).locator('.drills__verdict').textContent()).toBe('✓ Right.');
      // The same drill again is not counted again.
      expect(await score(page).textContent()).toBe('Streak: 0 (best 0). Right: 0 of 1.');
      const stored = await page.evaluate((key) => localStorage.getItem(key), SCORE_KEY);
      expect(JSON.parse(stored!)).toEqual({ version: 1, streak: 0, best: 0, answered: 1, right: 0 });

      // Next: a new drill of the same level, whose link is in the address bar and on the page.
      await session(page).getByRole('button', { name: 'Next drill' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('seed')).not.toBe(String(SEED));
      const next = new URL(page.url());
      expect(next.searchParams.get('level')).toBe(String(LEVEL));
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('drill-heading');
      expect(await feedback(page).textContent()).toBe('');
      expect(await session(page).locator('[data-share]').getAttribute('href')).toBe(next.search);
      const seed = Number(next.searchParams.get('seed'));
      const other = makeDrill(LEVEL, seed);
      expect(await session(page).locator('[data-dockerfile]').innerText()).toBe(other.dockerfile.replace(/\n$/, ''));
      expectClean(watch, 'drills');
      expect(await reportedViolations(page)).toEqual([]);
    });
  });

  it('answers with the keyboard alone, and changes level from the level picker', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await openDrill(page, `?level=${LEVEL}&seed=${SEED}`);
      const right = labelsOf(q.correct);
      for (const label of right) {
        const box = session(page).getByRole(q.multiple ? 'checkbox' : 'radio', { name: label, exact: true });
        await box.focus();
        await page.keyboard.press('Space');
      }
      await check(page).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => feedback(page).locator('.drills__verdict').textContent()).toBe('✓ Right.');
      expect(await score(page).textContent()).toBe('Streak: 1 (best 1). Right: 1 of 1.');

      await session(page)
        .getByRole('radio', { name: /^3\. ARG-selected/ })
        .focus();
      await page.keyboard.press('Space');
      await expect.poll(() => new URL(page.url()).searchParams.get('level')).toBe('3');
      await expect
        .poll(() =>
          session(page)
            .getByRole('heading', { name: /^Level 3 drill, seed \d+$/ })
            .isVisible(),
        )
        .toBe(true);
      expect(await session(page).locator('[data-dockerfile]').innerText()).toContain('ARG ');
      expectClean(watch, 'drills by keyboard');
    });
  });

  it.each([
    [`?level=${encodeURIComponent(HOSTILE_MARKUP)}&seed=1`, 'level'],
    ['?level=2&seed=-5', 'seed "-5"'],
    [`?level=9&seed=${'9'.repeat(5000)}`, 'level "9"'],
  ])('ignores the hostile or invalid link %#, says so, and shows a new drill', async (search, mentions) => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await openDrill(page, search);
      const notice = session(page).locator('[data-link-problem]');
      await expect.poll(() => notice.textContent()).toContain('so it was ignored');
      expect(await notice.textContent()).toContain(mentions);
      await expect
        .poll(() =>
          session(page)
            .getByRole('heading', { name: /^Level 1 drill, seed \d+$/ })
            .isVisible(),
        )
        .toBe(true);
      expect(await injectedMarkup(page)).toEqual([]);
      expectClean(watch, search.slice(0, 40));
    });
  });

  it('shows the first drill on a first visit without a link, and the last drill shown on the next visit', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await openDrill(page, '');
      await expect.poll(() => session(page).getByRole('heading', { name: 'Level 1 drill, seed 1' }).isVisible()).toBe(true);
      await session(page).getByRole('button', { name: 'Next drill' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('seed')).not.toBe('1');
      const shown = new URL(page.url()).search;
      await openDrill(page, '');
      expect(new URL(page.url()).search).toBe(shown);
      expectClean(watch, 'resume');
    });
  });

  it('works with damaged stored scores, keeping the damaged value aside', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await openDrill(page, '');
      await page.evaluate((key) => localStorage.setItem(key, '{"version":1,"streak":"<img src=x>"'), SCORE_KEY);
      await openDrill(page, `?level=${LEVEL}&seed=${SEED}`);
      expect(await score(page).textContent()).toBe('No drills answered yet in this browser.');
      await answer(page, labelsOf(q.correct));
      await check(page).click();
      await expect.poll(() => score(page).textContent()).toBe('Streak: 1 (best 1). Right: 1 of 1.');
      expect(await page.evaluate((key) => localStorage.getItem(`${key}:backup`), SCORE_KEY)).toBe('{"version":1,"streak":"<img src=x>"');
      expectClean(watch, 'damaged score');
    });
  });

  it('fits a phone and passes axe in dark, with the feedback shown', async () => {
    await withWatchedPage(browser, { viewport: PHONE, isMobile: true, colorScheme: 'dark' }, async ({ page, watch }) => {
      // A long command (DOCKER_BUILDKIT=0 … --build-arg …) must wrap, not widen the page.
      await openDrill(page, `?level=3&seed=12`);
      expect(await session(page).locator('[data-command]').textContent()).toContain('--build-arg');
      await session(page).locator('[data-options] input').first().check();
      await check(page).click();
      await expect.poll(() => feedback(page).locator('.drills__verdict').count()).toBe(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await expectAxeClean(page, 'phone, dark');
      expectClean(watch, 'phone');
    });
  });
});
