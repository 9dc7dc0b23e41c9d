// Nothing the learner did is lost, in Chromium: two tabs on the same exercise (two pages of
// one context, sharing localStorage and its storage events), a 106 KB paste, a progress
// record with a stray byte, an old-format record near the size limit, and an import or a
// reset, which keep what they replace and offer it back on /progress/.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBrowser, expectClean, newContext, open, reportedViolations, url, watchedPage, type PageWatch } from './support/browser.ts';
import { codeMirrorText, pasteText, typeAtEnd } from './support/editor.ts';
import { PROGRESS_KEY } from './support/hostile.ts';
import { storedJson } from './support/learner.ts';

const ID = 'named-stages-and-target';
const LESSON = `/lessons/${ID}/`;
const TEXT_KEY = `stagecraft:exercise:${ID}`;
const DATE = '2026-03-01T10:00:00.000Z';

/** A learner's progress: two lessons completed. */
const record = {
  version: 1,
  lessons: { [ID]: { visited: DATE, completed: DATE }, 'what-is-a-stage': { visited: DATE, completed: DATE } },
  exercises: {},
  quizzes: {},
};

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// The lesson's own exercise (its faded example's steps have workbenches too).
const workbench = (page: Page) => page.locator(`dockerfile-workbench[data-exercise="${ID}"]`);
const editor = (page: Page) => workbench(page).getByRole('textbox', { name: 'Dockerfile editor' });
const status = (page: Page) => workbench(page).locator('[data-status]');
const conflictBar = (page: Page) => workbench(page).locator('.workbench__conflict');

async function ready(page: Page): Promise<void> {
  await workbench(page).scrollIntoViewIfNeeded();
  await page.waitForSelector('dockerfile-workbench[data-exercise="named-stages-and-target"][data-state="ready"]');
}

async function savedText(page: Page): Promise<string | null | undefined> {
  return (await storedJson<{ text: string | null }>(page, TEXT_KEY))?.text;
}

/** The texts kept aside for the exercise. */
async function keptTexts(page: Page): Promise<string[]> {
  return page.evaluate((key) => {
    const texts: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const name = localStorage.key(i) ?? '';
      if (name.startsWith(`${key}:backup`)) texts.push((JSON.parse(localStorage.getItem(name) ?? '{}') as { text: string }).text);
    }
    return texts;
  }, TEXT_KEY);
}

async function withContext(steps: (context: BrowserContext, pages: Array<{ page: Page; watch: PageWatch }>) => Promise<void>): Promise<void> {
  const context = await newContext(browser);
  const pages: Array<{ page: Page; watch: PageWatch }> = [];
  try {
    await steps(context, pages);
    for (const { page, watch } of pages) {
      watch.cspViolations.push(...(await reportedViolations(page)));
      expectClean(watch);
    }
  } finally {
    await context.close();
  }
}

describe('two tabs on the same exercise', () => {
  it('the other tab’s save is noticed, and the learner chooses; nothing is overwritten silently or lost', async () => {
    await withContext(async (context, pages) => {
      const a = await watchedPage(context);
      const b = await watchedPage(context);
      pages.push(a, b);
      for (const { page } of [a, b]) {
        await open(page, LESSON);
        await ready(page);
      }
      await typeAtEnd(editor(a.page), '\n# from tab A');
      await expect.poll(() => savedText(a.page)).toMatch(/# from tab A$/);

      // Tab B hears of it (storage event) and asks, before it saves anything over it.
      await conflictBar(b.page).waitFor({ state: 'visible' });
      expect(await conflictBar(b.page).getAttribute('role')).toBe('alert');
      expect(await conflictBar(b.page).textContent()).toMatch(/saved in another tab/);
      await typeAtEnd(editor(b.page), '\n# from tab B');
      await expect.poll(() => status(b.page).textContent()).toMatch(/Until then this tab does not save/);
      expect(await savedText(b.page)).toMatch(/# from tab A$/);

      // B keeps its text: saved, and A's is kept aside; now A is asked.
      await conflictBar(b.page).getByRole('button', { name: 'Keep this tab’s text' }).click();
      await expect.poll(() => savedText(b.page)).toMatch(/# from tab B$/);
      expect((await keptTexts(b.page)).some((text) => text.endsWith('# from tab A'))).toBe(true);
      await conflictBar(a.page).waitFor({ state: 'visible' });

      // A takes B's: its editor holds B's text, and A's own stays kept aside.
      await typeAtEnd(editor(a.page), '\n# more in A');
      await conflictBar(a.page).getByRole('button', { name: 'Use the other tab’s text' }).click();
      await expect.poll(() => codeMirrorText(workbench(a.page))).toMatch(/# from tab B$/);
      expect(await conflictBar(a.page).isHidden()).toBe(true);
      expect((await keptTexts(a.page)).some((text) => text.endsWith('# more in A'))).toBe(true);
    });
  });
});

describe('a 106 KB paste', () => {
  it('says the real reason at once (the limit), keeps the last saved text, and a reload brings the paste back', async () => {
    await withContext(async (context, pages) => {
      const opened = await watchedPage(context);
      pages.push(opened);
      const { page } = opened;
      await open(page, LESSON);
      await ready(page);
      await typeAtEnd(editor(page), '\n# saved before the paste');
      await expect.poll(() => savedText(page)).toMatch(/# saved before the paste$/);

      const paste = `FROM alpine:3.20\n${'RUN echo "a line of a big paste" && true\n'.repeat(2600)}`;
      expect(paste.length).toBeGreaterThan(106_000);
      await pasteText(editor(page), paste);
      await expect.poll(() => status(page).textContent(), { timeout: 60_000 }).toMatch(/over the 100,000-character limit for an exercise/);
      expect(await status(page).textContent()).not.toMatch(/did not let the site save/);
      await expect.poll(() => status(page).textContent(), { timeout: 60_000 }).toMatch(/kept in this tab, so a reload brings it back/);
      expect(await savedText(page)).toMatch(/# saved before the paste$/);

      await page.reload({ waitUntil: 'load' });
      await ready(page);
      await expect.poll(() => status(page).textContent(), { timeout: 60_000 }).toMatch(/this tab had before the reload/);
      const length = await page.evaluate(() => {
        const keys = Object.keys(sessionStorage).filter((key) => key.startsWith('stagecraft:draft:'));
        return keys.map((key) => (JSON.parse(sessionStorage.getItem(key) ?? '{}') as { text: string }).text.length);
      });
      expect(length).toEqual([paste.length]);
      expect((await codeMirrorText(workbench(page))).startsWith('FROM alpine:3.20\nRUN echo "a line of a big paste"')).toBe(true);
    });
  }, 240_000);
});

describe('damaged or oversized progress', () => {
  it('a stray byte after a valid record: the states are still shown, the learner is told, and /progress offers the original', async () => {
    await withContext(async (context, pages) => {
      const opened = await watchedPage(context);
      pages.push(opened);
      const { page } = opened;
      await page.goto(url('/'), { waitUntil: 'load' });
      const damaged = `${JSON.stringify(record)}x`;
      await page.evaluate(([key, value]) => localStorage.setItem(key, value), [PROGRESS_KEY, damaged] as const);
      await open(page, '/lessons/what-is-a-stage/');
      const item = page.locator(`course-progress [data-lesson="what-is-a-stage"]`).first();
      await expect.poll(() => item.getAttribute('data-state')).toBe('completed');
      expect(await page.locator('[data-progress-notice]').first().isVisible()).toBe(true);
      // The visit was written over it: the original is kept aside.
      await expect.poll(() => page.evaluate((key) => localStorage.getItem(`${key}:backup`), PROGRESS_KEY)).toBe(damaged);

      await open(page, '/progress/');
      const kept = page.locator('[data-kept-list] .kept-copy');
      await expect.poll(() => kept.count()).toBe(1);
      expect(await kept.first().textContent()).toMatch(/Saved progress that could not be read whole/);
      expect(await page.locator('progress-page [data-kind="lesson"][data-id="what-is-a-stage"]').getAttribute('data-state')).toBe('completed');
      await kept
        .first()
        .getByRole('button', { name: /^Restore/ })
        .click();
      await expect.poll(() => page.locator('[data-status]').textContent()).toMatch(/Restored/);
    });
  });

  it('an old-format record near the size limit: typing in the exercise loses nothing (the texts move out)', async () => {
    await withContext(async (context, pages) => {
      const opened = await watchedPage(context);
      pages.push(opened);
      const { page } = opened;
      // Texts with quotes (doubled in JSON), up to 999,000 characters of record: the old
      // pages wrote the next save into the record, passing 1,000,000, and read nothing back.
      const long = (n: number) => `FROM alpine:3.20\n${`RUN echo "${n}" "quoted" && true\n`.repeat(3200)}`.slice(0, 95_000);
      const exercises: Record<string, { text: string; updated: string }> = { [ID]: { text: 'FROM alpine:3.20 AS mine\n', updated: DATE } };
      const legacy = { ...record, exercises };
      for (let n = 1; JSON.stringify(legacy).length < 999_000; n++) {
        const room = 999_000 - JSON.stringify(legacy).length - 80;
        exercises[`old-exercise-${n}`] = { text: room > 120_000 ? long(n) : `# ${'x'.repeat(Math.max(0, room))}`, updated: DATE };
      }
      const old = Object.entries(exercises).filter(([id]) => id !== ID);
      await page.goto(url('/'), { waitUntil: 'load' });
      await page.evaluate(([key, value]) => localStorage.setItem(key, value), [PROGRESS_KEY, JSON.stringify(legacy)] as const);
      expect(JSON.stringify(legacy).length).toBeGreaterThan(998_000);
      expect(JSON.stringify(legacy).length).toBeLessThan(1_000_000);

      await open(page, LESSON);
      await ready(page);
      expect(await codeMirrorText(workbench(page))).toBe('FROM alpine:3.20 AS mine\n');
      // Typed at the end (inserted at once: key by key, 1,000 characters take minutes on a busy machine).
      await editor(page).click();
      await page.keyboard.press('Control+End');
      await page.keyboard.insertText(`# ${'padding so the old record would pass its limit '.repeat(20)}`);
      await expect.poll(() => savedText(page)).toMatch(/padding so the old record/);

      await page.reload({ waitUntil: 'load' });
      await ready(page);
      expect(await codeMirrorText(workbench(page))).toMatch(/^FROM alpine:3.20 AS mine\n# padding so the old record/);
      const item = page.locator(`course-progress [data-lesson="what-is-a-stage"]`).first();
      expect(await item.getAttribute('data-state')).toBe('completed');
      // Every old text is still there: in the record, or moved to its own.
      for (const [id, entry] of old) {
        const text = await page.evaluate((exercise) => {
          const own = localStorage.getItem(`stagecraft:exercise:${exercise}`);
          if (own) return (JSON.parse(own) as { text: string }).text;
          return (
            (JSON.parse(localStorage.getItem('stagecraft:progress') ?? '{}') as { exercises: Record<string, { text?: string }> }).exercises[exercise]?.text ??
            null
          );
        }, id);
        expect(text).toBe(entry.text);
      }
      // And a visit to another lesson, which the old record had no room for, is kept too.
      await open(page, '/lessons/what-is-a-stage/');
      await open(page, '/lessons/myths/');
      await expect.poll(() => page.locator(`course-progress [data-lesson="myths"]`).first().getAttribute('data-state')).toBe('visited');
      await page.reload({ waitUntil: 'load' });
      expect(await page.locator(`course-progress [data-lesson="what-is-a-stage"]`).first().getAttribute('data-state')).toBe('completed');
    });
  }, 180_000);
});

describe('import and reset keep what they replace', () => {
  it('an import can be undone; a reset’s copy can be restored from Kept copies', async () => {
    await withContext(async (context, pages) => {
      const opened = await watchedPage(context);
      pages.push(opened);
      const { page } = opened;
      await page.goto(url('/'), { waitUntil: 'load' });
      await page.evaluate(
        ([key, value, textKey]) => {
          localStorage.setItem(key, value);
          localStorage.setItem(textKey, JSON.stringify({ version: 1, text: 'FROM alpine:3.20 AS kept\n', updated: '2026-03-01T10:00:00.000Z', rev: 'r1' }));
        },
        [PROGRESS_KEY, JSON.stringify(record), TEXT_KEY] as const,
      );
      await open(page, '/progress/');
      const lessonState = () => page.locator(`progress-page [data-kind="lesson"][data-id="what-is-a-stage"]`).getAttribute('data-state');
      expect(await lessonState()).toBe('completed');

      const file = JSON.stringify({ format: 'stagecraft-progress', exportedAt: DATE, progress: { version: 1, lessons: {}, exercises: {}, quizzes: {} } });
      await page.locator('[data-file]').setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(file) });
      const dialog = page.getByRole('dialog', { name: 'Replace your progress?' });
      await dialog.waitFor({ state: 'visible' });
      await dialog.getByRole('button', { name: "Replace with the file's" }).click();
      await expect.poll(() => page.locator('[data-status]').textContent()).toMatch(/Your progress from before is kept under Kept copies/);
      expect(await lessonState()).toBe('not-started');
      expect(await page.locator('[data-kept-list] .kept-copy').first().textContent()).toMatch(/Your progress before an import/);

      await page.getByRole('button', { name: 'Undo the import' }).click();
      await expect.poll(lessonState).toBe('completed');
      expect(await savedText(page)).toBe('FROM alpine:3.20 AS kept\n');

      // Reset: confirmed, forgotten, and restored from its kept copy.
      await page.getByRole('button', { name: 'Reset progress…' }).click();
      await page.getByRole('dialog', { name: 'Reset all progress?' }).getByRole('button', { name: 'Reset progress' }).click();
      await expect.poll(lessonState).toBe('not-started');
      expect(await savedText(page)).toBeUndefined();
      const resetCopy = page.locator('[data-kept-list] .kept-copy', { hasText: 'before a reset' });
      await resetCopy.getByRole('button', { name: /^Restore/ }).click();
      await expect.poll(lessonState).toBe('completed');
      expect(await savedText(page)).toBe('FROM alpine:3.20 AS kept\n');
    });
  });
});
