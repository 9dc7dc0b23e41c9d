// The editor's refresh pipeline in the browser (src/lib/workbench/refresh-scheduler.ts), in
// the workbench and the playground: a keystroke's diagnostic reaches the editor, the syntax
// colours follow the text without an analysis of their own, and a text over the size limit
// is refused at once with the reason — nothing checked, no goal passed, the text kept, the
// page usable. How many frames the diagnostic takes depends on what the machine's analyses
// cost (within a burst of typing the scheduler waits for a pause once they cost more than a
// frame), so it
// is not asserted here: tests/workbench/refresh-scheduler.test.ts holds the scheduling (the
// next frame while analyses are cheap) on a fake clock, and `npm run bench` measures
// keystroke → diagnostic painted in Chromium.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBrowser, expectClean, open, withWatchedPage } from './support/browser.ts';
import { pasteText } from './support/editor.ts';

interface Surface {
  name: string;
  path: string;
  host: string;
  /** What the surface says when it refuses a text over the limit. */
  refusal: RegExp;
  /** The surface's panels while the text is refused: nothing in them is checked. */
  uncheckedPanels(page: Page): Promise<void>;
}

const SURFACES: readonly Surface[] = [
  {
    name: 'workbench',
    path: '/lessons/named-stages-and-target/',
    // The lesson's own exercise (its faded example's steps have workbenches too).
    host: 'dockerfile-workbench[data-exercise="named-stages-and-target"]',
    refusal: /Not checked: the text is 3\d\d KB, and the workbench checks Dockerfiles of up to 256 KB\./,
    async uncheckedPanels(page) {
      const root = page.locator('dockerfile-workbench[data-exercise="named-stages-and-target"]');
      await expect.poll(() => root.locator('[data-goal-tally]').textContent()).toBe('Goals not checked.');
      const goals = await root.locator('[data-goals] li[data-goal]').count();
      expect(goals).toBeGreaterThan(0);
      expect(await root.locator('[data-goals] li[data-goal][data-state="failing"]').count()).toBe(goals);
    },
  },
  {
    name: 'playground',
    path: '/playground/',
    host: 'dockerfile-playground',
    refusal: /Not analysed: the text is 3\d\d KB, and the playground analyses Dockerfiles of up to 256 KB\./,
    async uncheckedPanels(page) {
      const root = page.locator('dockerfile-playground');
      for (const panel of ['[data-problems]', '[data-graph]', '[data-image]', '[data-plans]']) {
        await expect.poll(() => root.locator(panel).textContent(), { message: panel }).toMatch(/^Not analysed: /);
      }
    },
  },
];

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function ready(page: Page, host: string): Promise<void> {
  await page.locator(host).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${host}[data-state="ready"]`);
}

/** Starts counting animation frames at the next keydown; resolves with the count once the
 *  editor underlines `word` as an error. */
async function armFrameCount(page: Page, host: string, word: string): Promise<void> {
  await page.evaluate(
    ({ host, word }) => {
      const root = document.querySelector(`${host} [data-editor]`)!.shadowRoot!;
      let frames = -1;
      (window as unknown as { __frames: Promise<number> }).__frames = new Promise<number>((resolve) => {
        document.addEventListener(
          'keydown',
          () => {
            frames = 0;
            const tick = () => {
              frames++;
              if (frames < 60) requestAnimationFrame(tick);
            };
            requestAnimationFrame(tick);
          },
          { capture: true, once: true },
        );
        new MutationObserver((_, observer) => {
          if (frames < 0 || ![...root.querySelectorAll('.cm-lintRange-error')].some((el) => el.textContent === word)) return;
          observer.disconnect();
          resolve(frames);
        }).observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
      });
    },
    { host, word },
  );
}

describe('the editor refresh pipeline', () => {
  for (const surface of SURFACES) {
    it(`${surface.name}: a keystroke's diagnostic reaches the editor, coloured from the same analysis`, async () => {
      await withWatchedPage(browser, async ({ page, watch }) => {
        await open(page, surface.path);
        await ready(page, surface.host);
        const editor = page.locator(`${surface.host} .cm-content`);
        await pasteText(editor, 'FROM alpine:3.20 AS base\nRUN echo one\n');
        await expect.poll(() => page.locator(`${surface.host} .cm-line`).first().textContent()).toBe('FROM alpine:3.20 AS base');
        // The caret to the start of line 2, then one key: RUN → XRUN.
        await editor.locator('.cm-line').nth(1).click();
        await page.keyboard.press('Home');
        await armFrameCount(page, surface.host, 'XRUN');
        await page.keyboard.press('X');
        // Resolves once XRUN is underlined after the key (else the test times out).
        await page.evaluate(() => (window as unknown as { __frames: Promise<number> }).__frames);
        // Colours come from that same analysis: the unknown keyword is coloured as one.
        await expect.poll(() => editor.locator('.tok-keyword', { hasText: 'XRUN' }).count()).toBe(1);
        expectClean(watch);
      });
    });

    it(`${surface.name}: colours a long file where the learner scrolls to (only what the editor has drawn is coloured)`, async () => {
      await withWatchedPage(browser, async ({ page, watch }) => {
        await open(page, surface.path);
        await ready(page, surface.host);
        const editor = page.locator(`${surface.host} .cm-content`);
        const lines = Array.from({ length: 3000 }, (_, i) => `RUN echo "line ${i + 1}" $HOME`).join('\n');
        await pasteText(editor, `FROM alpine:3.20 AS base\n${lines}\nCMD ["sh"]\n`);
        // After a paste the editor shows the end, coloured from the paste's analysis.
        await expect.poll(() => editor.locator('.tok-keyword', { hasText: 'CMD' }).count(), { timeout: 20_000 }).toBe(1);
        expect(await editor.locator('.tok-string', { hasText: '["sh"]' }).count()).toBe(1);
        // The start, scrolled to with no edit in between: coloured from that same analysis.
        await editor.press('Control+Home');
        await expect.poll(() => editor.locator('.tok-stage', { hasText: 'base' }).count()).toBe(1);
        expect(await editor.locator('.tok-keyword', { hasText: /^FROM$/ }).count()).toBe(1);
        expect(await editor.locator('.tok-variable', { hasText: '$HOME' }).count()).toBeGreaterThan(3);
        // The middle: a line reached by going to it, its variable coloured.
        await page.evaluate((host) => {
          type View = { state: { doc: { line(n: number): { from: number } } }; dispatch(spec: unknown): void };
          type Content = Element & { cmTile?: { root?: { view?: View } }; cmView?: { rootView?: View; view?: View } };
          const content = document.querySelector(`${host} [data-editor]`)!.shadowRoot!.querySelector('.cm-content') as Content;
          const view = (content.cmTile?.root?.view ?? content.cmView?.rootView ?? content.cmView?.view)!;
          view.dispatch({ selection: { anchor: view.state.doc.line(1500).from }, scrollIntoView: true });
        }, surface.host);
        const middle = editor.locator('.cm-line', { hasText: 'echo "line 1499"' });
        await expect.poll(() => middle.locator('.tok-variable', { hasText: '$HOME' }).count()).toBe(1);
        expect(await middle.locator('.tok-keyword', { hasText: 'RUN' }).count()).toBe(1);
        expectClean(watch);
      });
    });

    it(`${surface.name}: refuses at once to analyse a text over the limit, says why, and keeps the text`, async () => {
      await withWatchedPage(browser, async ({ page, watch }) => {
        await open(page, surface.path);
        await ready(page, surface.host);
        const editor = page.locator(`${surface.host} .cm-content`);
        // 300 KB: a pasted log, not a Dockerfile.
        const huge = `FROM alpine:3.20\n${'RUN echo "a line of a very long log that is not a Dockerfile at all"\n'.repeat(4600)}`;
        await pasteText(editor, huge);
        const root = page.locator(surface.host);
        await expect.poll(() => root.textContent(), { timeout: 20_000 }).toMatch(surface.refusal);
        // Nothing is underlined or checked, and the whole text is still in the editor: its
        // last line (4,602: a final line break) is where Ctrl+End goes.
        await surface.uncheckedPanels(page);
        expect(await root.locator('.cm-lintRange').count()).toBe(0);
        await editor.press('Control+End');
        await expect.poll(() => root.locator('.cm-lineNumbers .cm-activeLineGutter').textContent()).toBe('4602');
        expect(await root.locator('.cm-line').nth(-2).textContent()).toBe('RUN echo "a line of a very long log that is not a Dockerfile at all"');
        // Back under the limit: analysed again.
        await pasteText(editor, 'FROM alpine:3.20\nRUNN echo\n');
        await expect
          .poll(() =>
            page.evaluate(
              (host) => [...document.querySelector(`${host} [data-editor]`)!.shadowRoot!.querySelectorAll('.cm-lintRange-error')].map((el) => el.textContent),
              surface.host,
            ),
          )
          .toEqual(['RUNN']);
        expectClean(watch);
      });
    });
  }
});
