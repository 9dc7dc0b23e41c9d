// The review in Chromium, on the built site, with the page's clock set (page.clock): a question
// missed in a lesson's quiz is not due the same day, is counted at the start of a later lesson
// the next day, is asked again on /progress/ with real form controls, and once answered right
// comes back after 3 days. axe-core finds nothing on the review, light or dark.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, runAxe } from './support/axe.ts';
import { connectBrowser, expectClean, open, reportedViolations, withWatchedPage, type Theme } from './support/browser.ts';

const LESSON = '/lessons/what-is-a-stage/';
const LATER_LESSON = '/lessons/build-vs-runtime/';
const QUIZ = 'what-is-a-stage';
const QUESTION = 'which-stage-is-the-image';
const CARD = `${QUIZ}/${QUESTION}`;
const DAY_1 = new Date(2026, 11, 7, 18, 30);
const DAY_2 = new Date(2026, 11, 8, 9, 15);

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function storedCard(page: Page): Promise<Record<string, unknown> | undefined> {
  return page.evaluate(
    (id) => (JSON.parse(localStorage.getItem('stagecraft:review') ?? '{"cards":{}}') as { cards: Record<string, Record<string, unknown>> }).cards[id],
    CARD,
  );
}

/** Misses QUESTION in the lesson's quiz: chooses an option that is not right and checks it. */
async function missInLesson(page: Page): Promise<void> {
  await open(page, LESSON);
  const question = page.locator(`.lesson-quiz [data-question="${QUESTION}"]`);
  const correct = ((await question.getAttribute('data-correct')) ?? '').split(',');
  const inputs = question.locator('fieldset input');
  const values = await inputs.evaluateAll((nodes) => nodes.map((node) => (node as HTMLInputElement).value));
  const wrong = values.find((value) => !correct.includes(value));
  expect(wrong).toBeDefined();
  await question.locator(`fieldset input[value="${wrong}"]`).check();
  await question.getByRole('button', { name: 'Check answer' }).click();
  await expect.poll(() => question.locator('[data-feedback] .quiz-q__verdict').getAttribute('data-verdict')).toBe('wrong');
  await expect.poll(() => storedCard(page)).toMatchObject({ from: 'quiz', step: 0, due: '2026-12-08', misses: 1 });
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const violations = await runAxe(page, 'section.review');
  expect(violations, formatViolations(violations)).toEqual([]);
}

describe('review: a missed question comes back', () => {
  it('missed in a lesson, due the next day, answered right on /progress/, then due after 3 days', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await page.clock.setFixedTime(DAY_1);
      await missInLesson(page);

      // The same day: nothing due, and /progress/ says when it is.
      await open(page, LATER_LESSON);
      expect(await page.locator('[data-review-due]').isHidden()).toBe(true);
      await open(page, '/progress/');
      const review = page.locator('review-due-list');
      await expect.poll(() => review.locator('[data-review-summary]').textContent()).toMatch(/^Nothing due now\. Next: 1 question tomorrow/);
      expect(await review.locator('[data-review-list] li').count()).toBe(0);

      // The next day: the lesson says so at its start, and /progress/ asks the question again.
      await page.clock.setFixedTime(DAY_2);
      await open(page, LATER_LESSON);
      const prompt = page.locator('[data-review-due]');
      expect(await prompt.isVisible()).toBe(true);
      expect((await prompt.textContent())?.replace(/\s+/g, ' ').trim()).toBe('Questions you missed, due for review: 1. Review them on your progress page');
      await prompt.getByRole('link', { name: 'Review them on your progress page' }).click();
      await page.waitForURL(/\/progress\/#review-title$/);
      await expect.poll(() => review.locator(`[data-review-list] li[data-card="${CARD}"]`).count()).toBe(1);
      await expect.poll(() => review.locator('[data-review-summary]').textContent()).toBe('1 question due now.');
      const item = review.locator(`li[data-card="${CARD}"]`);
      const group = item.getByRole('group');
      expect(await group.textContent()).toContain('Which stage becomes the image?');
      await expectNoAxeViolations(page);

      // Answer it right, with the keyboard: the first radio, then arrows to the right option, Enter.
      const key = await page.evaluate(async (id) => {
        const bank = (await (await fetch('/review/questions.json')).json()) as { questions: Record<string, { correct: number[] }> };
        return bank.questions[id]!.correct[0]!;
      }, CARD);
      const radios = group.getByRole('radio');
      await radios.first().focus();
      await page.keyboard.press('Space');
      for (let i = 0; i < key; i++) await page.keyboard.press('ArrowDown');
      expect(await group.locator(`input[value="${key}"]`).isChecked()).toBe(true);
      await page.keyboard.press('Enter');

      const feedback = item.getByRole('status');
      await expect.poll(() => feedback.textContent()).toMatch(/✓ Right\. It comes back in 3 days, on .+ \(after 3 days\)\./);
      expect(await storedCard(page)).toMatchObject({ step: 1, due: '2026-12-11', misses: 1 });
      expect(await review.locator('[data-review-summary]').textContent()).toMatch(/^Nothing due now\. Next: 1 question in 3 days/);
      await expectNoAxeViolations(page);

      // Reloaded on the same day: nothing is due any more, anywhere.
      await open(page, '/progress/');
      expect(await review.locator('[data-review-list] li').count()).toBe(0);
      await open(page, LATER_LESSON);
      expect(await page.locator('[data-review-due]').isHidden()).toBe(true);

      watch.cspViolations.push(...(await reportedViolations(page)));
      expectClean(watch);
    });
  });

  it.each(['light', 'dark'] as Theme[])('the review section with a due question has no axe violations (%s)', async (theme) => {
    await withWatchedPage(browser, { storedTheme: theme, colorScheme: theme }, async ({ page, watch }) => {
      await page.clock.setFixedTime(DAY_1);
      await missInLesson(page);
      await page.clock.setFixedTime(DAY_2);
      await open(page, '/progress/');
      await expect.poll(() => page.locator('review-due-list [data-review-list] li').count()).toBe(1);
      await expectNoAxeViolations(page);
      expectClean(watch);
    });
  });

  it('a wrong prediction in a lesson joins the review: asked again on /progress/ the next day', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await page.clock.setFixedTime(DAY_1);
      await open(page, '/lessons/named-stages-and-target/');
      const predict = page.locator('predict-reveal[data-id="named-stages-default-target"]');
      const answer = Number(await predict.getAttribute('data-answer'));
      await predict.locator(`input[value="${answer === 0 ? 1 : 0}"]`).check();
      await predict.getByRole('button', { name: 'Reveal' }).click();
      await expect.poll(() => predict.locator('.predict__verdict').getAttribute('data-verdict')).toBe('wrong');

      await page.clock.setFixedTime(DAY_2);
      await open(page, '/progress/');
      const item = page.locator('review-due-list li[data-card="prediction:named-stages-default-target"]');
      await expect.poll(() => item.count()).toBe(1);
      expect(await item.getByRole('group').textContent()).toContain('Which image do they get?');
      // Missed again: back to tomorrow.
      await item.locator(`input[value="${answer === 0 ? 1 : 0}"]`).check();
      await item.getByRole('button', { name: 'Check answer' }).click();
      await expect.poll(() => item.getByRole('status').textContent()).toMatch(/✗ Not quite\. It comes back tomorrow/);
      expect(await page.evaluate(() => JSON.parse(localStorage.getItem('stagecraft:review')!).cards['prediction:named-stages-default-target'])).toMatchObject({
        from: 'prediction',
        step: 0,
        due: '2026-12-09',
        misses: 2,
      });
      expectClean(watch);
    });
  });

  it('drops quietly the card of a question the course no longer has, and asks the others', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await page.clock.setFixedTime(DAY_2);
      await open(page, '/progress/');
      await page.evaluate((id) => {
        const card = { from: 'quiz', step: 0, due: '2026-12-08', missed: '2026-12-07T17:30:00.000Z', misses: 1 };
        localStorage.setItem('stagecraft:review', JSON.stringify({ version: 1, cards: { [id]: card, 'what-is-a-stage/removed-since': card } }));
      }, CARD);
      await open(page, '/progress/');
      await expect.poll(() => page.evaluate(() => Object.keys(JSON.parse(localStorage.getItem('stagecraft:review')!).cards))).toEqual([CARD]);
      expect(
        await page.locator('review-due-list [data-review-list] li').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset['card'])),
      ).toEqual([CARD]);
      expect(await page.locator('review-due-list [data-review-summary]').textContent()).toBe('1 question due now.');
      expect(await page.locator('review-due-list [data-review-notice]').isHidden()).toBe(true);
      expectClean(watch);
    });
  });

  it('damaged review cards: the page says so, keeps the original under Kept copies, and keeps working', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await page.clock.setFixedTime(DAY_2);
      await open(page, '/progress/');
      await page.evaluate(() => localStorage.setItem('stagecraft:review', '{"version":1,"cards":{"what-is-a-stage/which-stage-is-the-image":{"from":"quiz"'));
      await open(page, '/progress/');
      const notice = page.locator('review-due-list [data-review-notice]');
      await expect.poll(() => notice.textContent()).toMatch(/could not be read, so the review starts afresh.*kept under Kept copies/);
      expect(await page.evaluate(() => localStorage.getItem('stagecraft:review:backup'))).toContain('which-stage-is-the-image');
      await expect.poll(() => page.locator('[data-kept]').isVisible()).toBe(true);
      await open(page, LESSON);
      expect(await page.locator('[data-review-due]').isHidden()).toBe(true);
      expectClean(watch);
    });
  });
});
