// A learner's journeys through the built site, in Chromium: predicting and completing a
// lesson, taking quizzes, moving through the course with only a keyboard, reading on a
// phone. Each journey starts with empty storage (a fresh browser context).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LESSON_PATH } from '../../src/lib/course/lesson-path.ts';
import { formatViolations, runAxe } from './support/axe.ts';
import { connectBrowser, DESKTOP, expectClean, newContext, open, PHONE, pool, watchedPage, type PageWatch } from './support/browser.ts';
import { builtPages, lessonPages } from './support/env.ts';
import { answerQuestion, focusIsVisible, storedProgress, tabUntil, visibleQuestions } from './support/learner.ts';
import { findWorkbench, loadWorkbench } from './support/workbench.ts';

const LESSON_3 = 'named-stages-and-target';
const LESSON_3_PATH = `/lessons/${LESSON_3}/`;
const lessonPath = (slug: string) => `/lessons/${slug}/`;

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
  context = await newContext(browser, { viewport: DESKTOP });
  ({ page, watch } = await watchedPage(context));
});
afterEach(async () => {
  await context?.close();
});

async function expectNoAxeViolations(selector?: string): Promise<void> {
  const violations = await runAxe(page, selector);
  expect(violations, formatViolations(violations)).toEqual([]);
}

/** The visible course path's entry for a lesson (the sidebar on a desktop). */
const pathEntry = (slug: string) => page.locator(`course-progress:visible [data-lesson="${slug}"]`).first();

describe('a lesson: predict, complete, come back', () => {
  it('keeps the prediction and the completion across a reload, and the course path shows it', async () => {
    await open(page, LESSON_3_PATH);
    await expect.poll(() => pathEntry(LESSON_3).getAttribute('data-state')).toBe('visited');

    // Predict: the first PredictReveal, answered right.
    const predict = page.locator('predict-reveal.predict--enhanced').first();
    const answer = Number(await predict.getAttribute('data-answer'));
    const reveal = predict.getByRole('button', { name: 'Reveal' });
    expect(await reveal.isDisabled()).toBe(true);
    await predict.locator(`label[data-option="${answer}"]`).click();
    await reveal.click();
    const verdict = predict.locator('.predict__verdict');
    await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('right');
    expect(await verdict.textContent()).toMatch(/^Right: [A-Z] is the answer\.$/);
    expect(await predict.locator('details.predict__answer').evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    await expectNoAxeViolations('predict-reveal');

    // Complete the lesson.
    const complete = page.getByRole('button', { name: 'Mark lesson complete' });
    await complete.click();
    expect(await complete.getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('.lesson-complete__status').textContent()).toMatch(/^You completed this lesson on /);
    await expect.poll(() => pathEntry(LESSON_3).getAttribute('data-state')).toBe('completed');

    // Come back.
    await page.reload({ waitUntil: 'load' });
    const again = page.locator('predict-reveal.predict--enhanced').first();
    await expect.poll(() => again.locator('.predict__verdict').getAttribute('data-verdict')).toBe('right');
    expect(await again.locator(`label[data-option="${answer}"] input`).isChecked()).toBe(true);
    expect(await page.getByRole('button', { name: 'Mark lesson complete' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => pathEntry(LESSON_3).getAttribute('data-state')).toBe('completed');
    expect(await pathEntry(LESSON_3).locator('[data-state-label]').textContent()).toBe('Completed');

    // The course path on another lesson shows it too.
    await open(page, lessonPath(LESSON_PATH[0]));
    await expect.poll(() => pathEntry(LESSON_3).getAttribute('data-state')).toBe('completed');
    await expect.poll(() => pathEntry(LESSON_PATH[0]).getAttribute('data-state')).toBe('visited');
    expect(await pathEntry(LESSON_PATH[3]).getAttribute('data-state')).toBe('not-started');

    const progress = await storedProgress(page);
    expect(progress?.lessons[LESSON_3]?.completed).toMatch(/^\d{4}-\d\d-\d\dT/);
    expectClean(watch);
  });
});

describe('quizzes: feedback and a kept score', () => {
  it('a lesson quiz answered in full gives feedback on every answer and keeps the score', async () => {
    await open(page, LESSON_3_PATH);
    const quiz = page.locator('.lesson-quiz quiz-form.quiz--enhanced');
    const questions = await visibleQuestions(quiz);
    expect(questions.length).toBeGreaterThanOrEqual(3);

    for (const [index, question] of questions.entries()) {
      const right = index !== 0; // the first one wrong, on purpose
      await answerQuestion(question, right);
      const verdict = question.locator('[data-feedback] .quiz-q__verdict');
      expect(await verdict.getAttribute('data-verdict')).toBe(right ? 'right' : 'wrong');
      if (!right) {
        // A wrong answer is explained: the misconception (or what differs) and the right answer.
        expect(await question.locator('[data-feedback] .quiz-why').count()).toBeGreaterThanOrEqual(2);
        expect(await question.locator('[data-feedback] .quiz-why--right').count()).toBe(1);
      }
      // The first answer was wrong, every later one right.
      expect(await quiz.locator('[data-status]').textContent()).toBe(`${index + 1} of ${questions.length} answered, ${index} right.`);
      await question.locator('[data-next]').click();
    }

    const result = quiz.locator('[data-result]');
    expect(await result.isVisible()).toBe(true);
    expect(await result.locator('[data-score]').textContent()).toBe(`You answered ${questions.length - 1} of ${questions.length} questions right.`);
    expect(await result.locator('[data-note]').textContent()).toBe('Your score is saved in this browser.');
    expect(await result.getByRole('button', { name: /Retry missed questions \(1\)/ }).isVisible()).toBe(true);
    await expectNoAxeViolations('.lesson-quiz');

    const saved = (await storedProgress(page))?.quizzes[LESSON_3];
    expect(saved).toMatchObject({ best: questions.length - 1, total: questions.length, attempts: 1 });

    // The quiz list shows the kept score after a fresh load.
    await open(page, '/quizzes/');
    const best = page.locator(`[data-quiz="${LESSON_3}"] [data-best]`);
    await expect.poll(() => best.textContent()).toBe(`Best: ${questions.length - 1} of ${questions.length}`);
    expect(await best.isVisible()).toBe(true);
    expectClean(watch);
  });

  it('the myth-buster answered in part gives feedback and a running score, and keeps no score for a partial attempt', async () => {
    await open(page, '/quizzes/myth-buster/');
    const quiz = page.locator('quiz-form.quiz--enhanced');
    const questions = await visibleQuestions(quiz);
    expect(questions.length).toBeGreaterThan(10);
    const plan = [true, false, true];
    for (const [index, right] of plan.entries()) {
      const question = questions[index]!;
      await answerQuestion(question, right);
      expect(await question.locator('[data-feedback] .quiz-q__verdict').getAttribute('data-verdict')).toBe(right ? 'right' : 'wrong');
      if (!right)
        expect(await question.locator('[data-feedback] .quiz-why--wrong .quiz-why__lesson a, [data-feedback] .quiz-why--fallback').count()).toBeGreaterThan(0);
      await question.locator('[data-next]').click();
    }
    expect(await quiz.locator('[data-status]').textContent()).toBe(`3 of ${questions.length} answered, 2 right.`);
    expect(await quiz.locator('[data-result]').isVisible()).toBe(false);
    await expectNoAxeViolations('quiz-form');
    expect((await storedProgress(page))?.quizzes['myth-buster']).toBeUndefined();
    expectClean(watch);
  });
});

describe('keyboard only', () => {
  it('skip link, course path and "Mark lesson complete" work with Tab, Enter and Space, with visible focus', async () => {
    await open(page, LESSON_3_PATH);

    // The first Tab reaches the skip link, shown on focus; Enter moves focus to the content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    expect(await focusIsVisible(page)).toMatchObject({ visible: true });
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    // From the content, Tab reaches the course path; Enter opens the next lesson.
    const next = LESSON_PATH[3];
    const toNext = await tabUntil(page, (p) => p.evaluate((href) => document.activeElement?.getAttribute('href') === href, lessonPath(next)));
    expect(toNext.invisible, 'focus not visible on').toEqual([]);
    await Promise.all([page.waitForURL(`**${lessonPath(next)}`), page.keyboard.press('Enter')]);
    await page.waitForLoadState('load');
    expect(await page.locator(`course-progress:visible a[aria-current="page"]`).getAttribute('href')).toBe(lessonPath(next));

    // The workbench on this page swaps its static fallback for the editor once it nears the
    // viewport; let that happen first, so no Tab lands in the fallback as it disappears
    // (a race of its own, not what this journey is about).
    const workbench = await findWorkbench(page);
    if (workbench) {
      await loadWorkbench(workbench);
      await page.evaluate(() => window.scrollTo(0, 0));
    }

    // Down to "Mark lesson complete"; Space presses it.
    const toButton = await tabUntil(page, (p) => p.evaluate(() => document.activeElement?.classList.contains('lesson-complete__button') ?? false), 400);
    expect(toButton.invisible, 'focus not visible on').toEqual([]);
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator('.lesson-complete__button').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => pathEntry(next).getAttribute('data-state')).toBe('completed');
    // Space again takes it back.
    await page.keyboard.press('Space');
    await expect.poll(() => pathEntry(next).getAttribute('data-state')).toBe('visited');
    expectClean(watch);
  });

  it('on a phone, the collapsed course path opens with Enter and its links work', async () => {
    await page.setViewportSize(PHONE);
    await open(page, LESSON_3_PATH);
    const toSummary = await tabUntil(page, (p) => p.evaluate(() => document.activeElement?.classList.contains('course-nav__summary') ?? false));
    expect(toSummary.invisible, 'focus not visible on').toEqual([]);
    await page.keyboard.press('Enter');
    expect(await page.locator('.course-nav__details').evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    const first = lessonPath(LESSON_PATH[0]);
    const toLink = await tabUntil(page, (p) => p.evaluate((href) => document.activeElement?.getAttribute('href') === href, first), 20);
    expect(toLink.invisible, 'focus not visible on').toEqual([]);
    await Promise.all([page.waitForURL(`**${first}`), page.keyboard.press('Enter')]);
    // Space closes an open summary too (the details element's own behaviour).
    await page.waitForLoadState('load');
    expectClean(watch);
  });

  it('a PredictReveal can be answered with the keyboard', async () => {
    await open(page, LESSON_3_PATH);
    const predict = page.locator('predict-reveal.predict--enhanced').first();
    await predict.locator('input[type="radio"]').first().focus();
    await page.keyboard.press('Space');
    expect(await focusIsVisible(page)).toMatchObject({ visible: true });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Reveal');
    await page.keyboard.press('Enter');
    await expect.poll(() => predict.locator('.predict__verdict').getAttribute('data-verdict')).toMatch(/^(right|wrong)$/);
    // Focus lands on "Try again", which Enter takes up.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Try again');
    await page.keyboard.press('Enter');
    expect(await predict.locator('.predict__verdict').textContent()).toBe('');
    expectClean(watch);
  });
});

describe('phone width (375 px)', () => {
  /** How far the page scrolls sideways (0 when it does not). */
  const overflow = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  it('no lesson page scrolls sideways, with the course path closed or open', { timeout: 600_000 }, async () => {
    const phone = await newContext(browser, { viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      const failures = await pool(lessonPages(), 3, async (path) => {
        const { page: p, watch: w } = await watchedPage(phone);
        try {
          await open(p, path);
          const closed = await overflow(p);
          await p.locator('.course-nav__summary').click();
          const opened = await overflow(p);
          expectClean(w, path);
          return closed > 0 || opened > 0 ? `${path}: ${closed}px sideways (course path open: ${opened}px)` : null;
        } finally {
          await p.close();
        }
      });
      expect(lessonPages().length).toBe(LESSON_PATH.length);
      expect(failures.filter(Boolean)).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('no other page scrolls sideways either', { timeout: 600_000 }, async () => {
    const phone = await newContext(browser, { viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      const others = builtPages().filter((path) => !lessonPages().includes(path));
      const failures = await pool(others, 4, async (path) => {
        const { page: p } = await watchedPage(phone);
        try {
          await open(p, path);
          const wide = await overflow(p);
          return wide > 0 ? `${path}: ${wide}px sideways` : null;
        } finally {
          await p.close();
        }
      });
      expect(failures.filter(Boolean)).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('the narrowest phones (320 px): the header and a sample of pages do not scroll sideways', async () => {
    const small = await newContext(browser, { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
    try {
      const failures: string[] = [];
      for (const path of ['/', lessonPages()[0]!, '/playground/', '/progress/', '/rules/', '/search/']) {
        const { page: p } = await watchedPage(small);
        try {
          await open(p, path);
          const wide = await overflow(p);
          if (wide > 0) failures.push(`${path}: ${wide}px sideways`);
        } finally {
          await p.close();
        }
      }
      expect(failures).toEqual([]);
    } finally {
      await small.close();
    }
  });
});
