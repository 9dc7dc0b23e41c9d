// A predict-the-cache question on the built site, in Chromium: the learner ticks steps in the
// Dockerfile, checks, and reads which steps run again and why; "No step runs again" is an answer
// of its own. The answers come from the cache model at build time (src/lib/quiz/compute-cache.ts).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatViolations, runAxe } from './support/axe.ts';
import { connectBrowser, expectClean, newContext, open, PHONE, watchedPage, type PageWatch } from './support/browser.ts';

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
beforeEach(async () => {
  context = await newContext(browser, { viewport: PHONE });
  ({ page, watch } = await watchedPage(context));
});
afterEach(async () => {
  await context?.close();
});

describe('a predict-the-cache question', () => {
  it('marks the steps the learner missed, names the misconception and lists every step with its reason', async () => {
    await open(page, '/quizzes/advanced-builds/');
    const question = page.locator('quiz-form.quiz--enhanced [data-question="arg-placement-cache"]');
    expect(await question.getAttribute('data-kind')).toBe('predict-cache');
    // Steps carry a checkbox; FROM and ARG lines, which are no BuildKit step, do not.
    expect(await question.locator('.quiz-line input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual([
      '3',
      '4',
      '5',
      '6',
      '7',
    ]);
    expect(await question.locator('.quiz-line--static').count()).toBe(2);

    // The grading module loads on the first press: wait for what it writes.
    await question.locator('[data-check]').click();
    await expect.poll(() => question.locator('[data-nudge]').textContent()).toBe('Choose the steps that run again, or “No step runs again”, first.');

    await question.locator('label:has(> input[value="7"])').click();
    await question.locator('[data-check]').click();
    const feedback = question.locator('[data-feedback]');
    await feedback.locator('.quiz-q__verdict').waitFor();
    expect(await feedback.locator('.quiz-q__verdict').getAttribute('data-verdict')).toBe('wrong');
    expect(await feedback.locator('.quiz-q__verdict').textContent()).toContain('You chose line 7.');
    expect(await feedback.textContent()).toContain('Only the step that uses a build argument runs again when its value changes.');
    expect(await question.locator('label:has(> input[value="5"]) [data-mark]').textContent()).toBe('Runs again (you left it out)');
    expect(await question.locator('label:has(> input[value="7"]) [data-mark]').textContent()).toBe('Your choice: runs again');
    const answer = feedback.locator('.quiz-why--right');
    expect(await answer.locator('.quiz-why__head').textContent()).toContain('Lines 5, 6 and 7 run again');
    expect(await answer.locator('.quiz-why__steps li').allTextContents()).toContain(
      'Line 5 RUN go mod download: runs again — VERSION 1.3.0 → 1.4.0: BuildKit keys RUN on every ARG and ENV value in scope, used or not.',
    );
    const violations = await runAxe(page, '[data-question="arg-placement-cache"]');
    expect(violations, formatViolations(violations)).toEqual([]);
    expectClean(watch);
  });

  it('takes "No step runs again" as the right answer when every step comes from the cache', async () => {
    await open(page, '/quizzes/myth-buster/');
    const question = page.locator('quiz-form.quiz--enhanced [data-question="cache-label-buildkit"]');
    await question.scrollIntoViewIfNeeded();
    await question.locator('label:has(> input[value="0"])').click();
    await question.locator('[data-check]').click();
    await question.locator('[data-feedback] .quiz-q__verdict').waitFor();
    expect(await question.locator('[data-feedback] .quiz-q__verdict').getAttribute('data-verdict')).toBe('right');
    expect(await question.locator('[data-feedback] .quiz-why--right .quiz-why__head').textContent()).toContain(
      'No step runs again: every step comes from the cache.',
    );
    expectClean(watch);
  });
});
