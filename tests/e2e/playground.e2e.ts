// The playground (/playground/, src/components/playground/) in Chromium against the built
// site: a pasted Dockerfile gets its problems, stage graph and every target's plan; a share
// link opens the same text in a fresh browser; hostile and broken share links and files
// give a message and change nothing (no injected element, no dialog, no CSP violation);
// the text kept in this browser survives a share-link visit; keyboard use; axe in light
// and dark once the panels are filled in.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, runAxe } from './support/axe.ts';
import { connectBrowser, expectClean, newContext, open, PHONE, reportedViolations, url, withWatchedPage, type PageWatch } from './support/browser.ts';
import { codeMirrorText, pasteText, typeAtEnd } from './support/editor.ts';
import { HOSTILE_DOCKERFILE, HOSTILE_MARKUP, HOSTILE_STAGE, injectedMarkup } from './support/hostile.ts';
import { tabUntil } from './support/learner.ts';

const PATH = '/playground/';
const KEPT_KEY = 'stagecraft:playground';

const MINE = 'FROM alpine:3.20 AS mine\nRUN echo mine\n';
/** Two targets the builders disagree on, and a lint finding (lower-case `as`). */
const PASTED = [
  'FROM golang:1.22 as build',
  'RUN go build -o /out/app .',
  '',
  'FROM build AS test',
  'RUN go test ./...',
  '',
  'FROM alpine:3.20 AS prod',
  'COPY --from=build /out/app /app',
  'CMD ["/app"]',
].join('\n');

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const playground = (page: Page) => page.locator('dockerfile-playground');
const editor = (page: Page) => playground(page).getByRole('textbox', { name: 'Dockerfile editor' });
const status = (page: Page) => playground(page).locator('[data-status]');

async function ready(page: Page): Promise<void> {
  await page.waitForSelector('dockerfile-playground[data-state="ready"]', { timeout: 15_000 });
}

async function openPlayground(page: Page, fragment = ''): Promise<void> {
  // From the playground itself, a new fragment alone would not load the page again.
  if (new URL(page.url(), 'http://x').pathname === PATH) await page.goto('about:blank');
  await open(page, `${PATH}${fragment}`);
  await ready(page);
}

const editorText = (page: Page) => codeMirrorText(playground(page));

async function kept(page: Page): Promise<{ text: string; previous: string | null } | null> {
  const raw = await page.evaluate((key) => localStorage.getItem(key), KEPT_KEY);
  return raw === null ? null : (JSON.parse(raw) as { text: string; previous: string | null });
}

/** The share link the page shows after "Copy share link". */
async function copyShareLink(page: Page): Promise<string> {
  await playground(page).getByRole('button', { name: 'Copy share link' }).click();
  const field = playground(page).getByRole('textbox', { name: 'Share link' });
  await field.waitFor({ state: 'visible' });
  return field.inputValue();
}

/** Drops a file with `bytes` on the editor, as a drag from the desktop does. */
async function dropFile(page: Page, name: string, bytes: number[]): Promise<void> {
  await editor(page).evaluate(
    (content, [fileName, data]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], fileName));
      content.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true }));
      content.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true }));
    },
    [name, bytes] as const,
  );
}

async function checkClean(page: Page, watch: PageWatch, what: string): Promise<void> {
  expect(await injectedMarkup(page), what).toEqual([]);
  watch.cspViolations.push(...(await reportedViolations(page)));
  expectClean(watch, what);
}

const encode = (text: string) => [...new TextEncoder().encode(text)];
const base64url = (bytes: number[]) => Buffer.from(bytes).toString('base64url');

describe('the playground', () => {
  it('shows the sample and its analysis before the editor loads, then analyses what is pasted', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(url(PATH));
      // Without JavaScript: the sample, its problems, graph, final image and plans, and the note.
      expect(await page.locator('[data-static] pre').isVisible()).toBe(true);
      expect(await page.locator('[data-plans] table tbody tr').count()).toBe(4);
      expect(await page.locator('[data-graph] svg .stage-diagram__stage').count()).toBe(4);
      expect(await page.getByText('Analysing your own Dockerfile needs JavaScript').isVisible()).toBe(true);
      expect(await page.locator('[data-js-only]').first().isVisible()).toBe(false);
    } finally {
      await context.close();
    }

    await withWatchedPage(browser, async ({ page, watch }) => {
      await openPlayground(page);
      expect(await page.locator('[data-static]').isVisible()).toBe(false);
      await pasteText(editor(page), PASTED);
      // Problems: the lower-case `as`, with its place, its hint and its rule page.
      const problem = playground(page)
        .locator('.pg-problem', { hasText: 'as' })
        .filter({ has: page.locator('a[href="/rules/from-as-casing/"]') });
      await problem.waitFor();
      expect(await problem.locator('.pg-problem__at').textContent()).toMatch(/^1:\d+/);
      expect(await problem.locator('.pg-problem__hint').textContent()).toMatch(/^Hint: /);
      // The graph: three stages, the default target (prod) built by BuildKit.
      await expect.poll(() => playground(page).locator('[data-graph] .stage-diagram__stage').count()).toBe(3);
      expect(await playground(page).locator('#pg-graph-summary').textContent()).toBe(
        'Building the last stage (prod) with BuildKit runs: build, prod; skips: test.',
      );
      // Every target with both builders: the classic builder also runs test for prod.
      const rows = playground(page).locator('[data-plans] tbody tr');
      expect(await rows.count()).toBe(3);
      const prod = rows.filter({ hasText: 'default' });
      expect(await prod.getAttribute('data-differs')).toBe('true');
      expect(await prod.locator('td').nth(0).locator('.pg-stages li').allTextContents()).toEqual(['build', 'prod']);
      expect(await prod.locator('td').nth(1).locator('.pg-stages li').allTextContents()).toEqual(['build', 'test', 'prod']);
      // The final image of the selected target.
      expect(await playground(page).locator('[data-image] dd').first().textContent()).toBe('prod');

      // Other target and builder: the panels follow.
      await playground(page).getByLabel('Target --target').selectOption('test');
      await playground(page).getByLabel('Classic builder').check();
      await expect
        .poll(() => playground(page).locator('#pg-graph-summary').textContent())
        .toBe('Building test with the classic builder runs: build, test; skips: prod.');
      expect(await playground(page).locator('[data-context]').textContent()).toBe('For --target test, built with the classic builder on Docker 28.5.');
      // Today's Docker is picked; the classic builder runs no build checks on either engine.
      expect(await playground(page).getByRole('radio', { name: 'Docker 28.5 (today)' }).isChecked()).toBe(true);
      const engines = playground(page).locator('[data-engines]');
      expect(await engines.textContent()).toBe('Docker 28.5 and Docker 26.1 do the same with this build.');
      // BuildKit on 28.5 prints the lower-case `as` as a build check; 26.1 has none.
      await playground(page).getByLabel('BuildKit').check();
      await expect
        .poll(() => engines.textContent())
        .toBe(
          'The engines differ here: Docker 28.5 builds it (stages run: build, test) and prints build-check warnings (FromAsCasing); Docker 26.1 builds it (stages run: build, test).',
        );
      expect(await engines.getAttribute('data-differs')).toBe('true');

      // A problem's place puts the editor's cursor there.
      await problem.locator('.pg-problem__at').click();
      expect(await editor(page).evaluate((el) => el.getRootNode() instanceof ShadowRoot && (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);

      // Build arguments change the analysis.
      await playground(page).getByText('Build arguments').click();
      await playground(page).getByLabel('One KEY=value a line').fill('NOVALUE');
      await expect
        .poll(() => playground(page).locator('[data-args-problems] li').allTextContents())
        .toEqual([expect.stringMatching(/^Line 1: NOVALUE has no value/)]);
      await checkClean(page, watch, 'pasting into the playground');
    });
  });

  it('copies a share link that opens the same text and target in a fresh browser, and keeps it out of the request', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await openPlayground(page);
      const text = `${PASTED}\n# café 日本語 🐳 <b>not markup</b>\n`;
      await pasteText(editor(page), text);
      await playground(page).getByLabel('Target --target').selectOption('test');
      // Comparing with the older Docker: the link keeps it.
      await playground(page).getByRole('radio', { name: 'Docker 26.1', exact: true }).check();
      await expect.poll(() => playground(page).locator('[data-context]').textContent()).toBe('For --target test, built with BuildKit on Docker 26.1.');
      const link = await copyShareLink(page);
      expect(link).toMatch(new RegExp(`^${url(PATH).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}#dockerfile=z1\\.[A-Za-z0-9_-]+&target=test&engine=26\\.1$`));
      expect(await status(page).textContent()).toMatch(/Share link copied|did not let the page copy/);
      await checkClean(page, watch, 'making a share link');

      await withWatchedPage(browser, async ({ page: other, watch: otherWatch }) => {
        const requested: string[] = [];
        other.on('request', (request) => requested.push(request.url()));
        await other.goto(link, { waitUntil: 'load' });
        await ready(other);
        expect(await editorText(other)).toBe(text);
        expect(await other.evaluate(() => (document.querySelector('[data-target]') as HTMLSelectElement).value)).toBe('test');
        expect(await playground(other).getByRole('radio', { name: 'Docker 26.1', exact: true }).isChecked()).toBe(true);
        expect(await playground(other).locator('[data-context]').textContent()).toBe('For --target test, built with BuildKit on Docker 26.1.');
        await expect.poll(() => status(other).textContent()).toBe('This Dockerfile comes from a share link.');
        // The fragment never reaches the server.
        expect(requested.filter((u) => u.includes('dockerfile='))).toEqual([]);
        // A visit writes nothing; a first edit keeps the text and drops the fragment from the address bar.
        expect(await kept(other)).toBeNull();
        await typeAtEnd(editor(other), '\n# edited');
        await expect.poll(() => kept(other)).toMatchObject({ text: expect.stringContaining('# edited') });
        expect(new URL(other.url()).hash).toBe('');
        await checkClean(other, otherWatch, 'opening a share link');
      });
    });
  });

  it('keeps the learner’s own Dockerfile when a share link is opened, and brings it back', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await openPlayground(page);
      await pasteText(editor(page), MINE);
      await expect.poll(() => kept(page)).toMatchObject({ text: MINE });

      const shared = `#dockerfile=t1.${base64url(encode('FROM busybox AS shared\n'))}`;
      await openPlayground(page, shared);
      expect(await editorText(page)).toBe('FROM busybox AS shared\n');
      expect(await kept(page)).toMatchObject({ text: MINE });
      expect(await playground(page).locator('[data-offer]').textContent()).toMatch(/Your own Dockerfile from your last visit is still kept/);

      // Back to it, and back again: nothing is lost either way.
      await playground(page).getByRole('button', { name: 'Back to your Dockerfile' }).click();
      expect(await editorText(page)).toBe(MINE);
      await expect.poll(() => kept(page)).toEqual(expect.objectContaining({ text: MINE, previous: 'FROM busybox AS shared\n' }));
      await playground(page).getByRole('button', { name: 'Back to previous Dockerfile' }).click();
      expect(await editorText(page)).toBe('FROM busybox AS shared\n');
      expect(await kept(page)).toMatchObject({ previous: MINE });

      // A share link edited: the own text moves to `previous`, never overwritten.
      await pasteText(editor(page), MINE);
      await expect.poll(() => kept(page)).toMatchObject({ text: MINE });
      await openPlayground(page, shared);
      await typeAtEnd(editor(page), '\nRUN echo edited');
      await expect.poll(() => kept(page)).toEqual(expect.objectContaining({ text: 'FROM busybox AS shared\n\nRUN echo edited', previous: MINE }));
      await checkClean(page, watch, 'share links and kept text');
    });
  });

  it('survives a hostile kept value: says so, opens the sample, and keeps the value aside at the first edit', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await page.goto(url('/'), { waitUntil: 'load' });
      await page.evaluate(([key, value]) => localStorage.setItem(key, value), [KEPT_KEY, HOSTILE_MARKUP] as const);
      await openPlayground(page);
      await expect.poll(() => status(page).textContent()).toMatch(/could not be read\. It is not deleted/);
      expect(await editorText(page)).toMatch(/^# syntax=docker\/dockerfile:1\n/);
      expect(await page.evaluate((key) => localStorage.getItem(key), KEPT_KEY)).toBe(HOSTILE_MARKUP);
      await pasteText(editor(page), MINE);
      await expect.poll(() => kept(page)).toMatchObject({ text: MINE });
      expect(await page.evaluate((key) => localStorage.getItem(`${key}:backup`), KEPT_KEY)).toBe(HOSTILE_MARKUP);
      await checkClean(page, watch, 'a hostile kept value');
    });
  });

  it('refuses hostile and broken share links with a message, and changes nothing', async () => {
    const fragments: Array<[string, string, RegExp]> = [
      ['garbage', '#dockerfile=%%%garbage%%%', /not a Stagecraft share link/],
      ['markup', `#dockerfile=${encodeURIComponent(HOSTILE_MARKUP)}`, /not a Stagecraft share link/],
      ['markup after the format', `#dockerfile=z1.${encodeURIComponent('<script>alert(1)</script>')}`, /damaged/],
      ['broken base64url', '#dockerfile=t1.A', /damaged/],
      ['cut-off compressed data', `#dockerfile=z1.${base64url([0x73, 0x0b, 0xf2, 0xf7])}`, /damaged/],
      ['a format from the future', `#dockerfile=z7.${base64url(encode('FROM alpine'))}`, /newer version of the playground/],
      ['binary content', `#dockerfile=t1.${base64url([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13])}`, /NUL bytes/],
      ['too long', `#dockerfile=t1.${'A'.repeat(20_000)}`, /longer than a share link can be/],
    ];
    await withWatchedPage(browser, async ({ page, watch }) => {
      await openPlayground(page);
      await pasteText(editor(page), MINE);
      await expect.poll(() => kept(page)).toMatchObject({ text: MINE });
      for (const [name, fragment, reason] of fragments) {
        await openPlayground(page, `${fragment}&target=${encodeURIComponent(HOSTILE_STAGE)}`);
        await expect.poll(() => status(page).textContent(), { message: name }).toMatch(reason);
        expect(await status(page).textContent(), name).toMatch(
          /^This share link could not be opened: .*The editor shows your own Dockerfile from last time, unchanged\.$/,
        );
        expect(await editorText(page), name).toBe(MINE);
        expect(await kept(page), name).toMatchObject({ text: MINE });
        expect(await injectedMarkup(page), name).toEqual([]);
      }
      // A link opened while the page is open (pasted into the address bar) follows the same rules.
      await page.evaluate(() => {
        location.hash = '#dockerfile=t1.%3Cimg%20src%3Dx%3E';
      });
      await expect.poll(() => status(page).textContent()).toMatch(/could not be opened: .*The editor is unchanged\./);
      expect(await editorText(page)).toBe(MINE);
      await checkClean(page, watch, 'hostile share links');
    });
  });

  it('opens a share link whose Dockerfile is hostile as text: markup in stage names, labels and the target', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      const fragment = `#dockerfile=t1.${base64url(encode(HOSTILE_DOCKERFILE))}&target=${encodeURIComponent('<img/src=x>')}`;
      await openPlayground(page, fragment);
      expect(await editorText(page)).toBe(HOSTILE_DOCKERFILE);
      await expect.poll(() => playground(page).locator('.pg-problem').count()).toBeGreaterThan(0);
      // The panels have rendered the hostile stage name, as text.
      await expect.poll(() => playground(page).evaluate((el) => el.textContent ?? '')).toContain('<img/src=x/data-hostile/onerror=alert(1)>');
      expect(await page.evaluate(() => (document.querySelector('[data-target]') as HTMLSelectElement).value)).toBe('<img/src=x>');
      await checkClean(page, watch, 'a hostile Dockerfile from a share link');
    });
  });

  it('opens and drops text files; refuses binary and oversized files with the reason, keeping the text', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await openPlayground(page);
      await pasteText(editor(page), MINE);
      const input = playground(page).locator('[data-file]');

      await input.setInputFiles({
        name: 'logo.png',
        mimeType: 'image/png',
        buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      });
      await expect
        .poll(() => status(page).textContent())
        .toBe('Could not open “logo.png”: it holds NUL bytes, so it is a binary file, not a Dockerfile. Your Dockerfile in the editor is unchanged.');
      expect(await editorText(page)).toBe(MINE);

      await input.setInputFiles({ name: 'huge.log', mimeType: 'text/plain', buffer: Buffer.alloc(300 * 1024, 'a') });
      await expect
        .poll(() => status(page).textContent())
        .toMatch(/^Could not open “huge\.log”: it is 300 KB, and the playground opens Dockerfiles of up to 256 KB\./);
      expect(await editorText(page)).toBe(MINE);

      await input.setInputFiles({ name: 'Dockerfile', mimeType: 'application/octet-stream', buffer: Buffer.from('FROM node:20 AS opened\n') });
      await expect.poll(() => editorText(page)).toBe('FROM node:20 AS opened\n');
      expect(await status(page).textContent()).toMatch(/^Opened “Dockerfile”\./);
      await expect.poll(() => kept(page)).toMatchObject({ text: 'FROM node:20 AS opened\n', previous: MINE });

      // Dropped on the editor: checked the same way (CodeMirror would insert it unchecked).
      await dropFile(page, 'app.bin', [0x7f, 0x45, 0x4c, 0x46, 0, 0, 0]);
      await expect.poll(() => status(page).textContent()).toMatch(/^Could not open “app\.bin”/);
      expect(await editorText(page)).toBe('FROM node:20 AS opened\n');
      await dropFile(page, 'dropped.Dockerfile', encode('FROM alpine:3.20 AS dropped\n'));
      await expect.poll(() => editorText(page)).toBe('FROM alpine:3.20 AS dropped\n');

      // Back to what the editor held before.
      await playground(page).getByRole('button', { name: 'Back to previous Dockerfile' }).click();
      expect(await editorText(page)).toBe('FROM node:20 AS opened\n');
      await checkClean(page, watch, 'files');
    });
  });

  it('works from the keyboard: every control reachable with visible focus, and Tab leaves the editor', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await openPlayground(page);
      const focusedIs = (selector: string) => async (p: Page) =>
        p.evaluate((sel) => {
          let active = document.activeElement;
          while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
          return active?.matches(sel) ?? false;
        }, selector);
      const toEditor = await tabUntil(page, focusedIs('.cm-content'));
      expect(toEditor.invisible).toEqual([]);
      expect(toEditor.stops.join('\n')).toMatch(/Open file…[\s\S]*Copy share link[\s\S]*Load the sample/);
      // Tab leaves the editor (no keyboard trap) for the next control: the target picker.
      const onward = await tabUntil(page, focusedIs('[data-target]'), 5);
      expect(onward.invisible).toEqual([]);
      // Enter on a button works: back to the toolbar, load the sample.
      await playground(page).getByRole('button', { name: 'Load the sample' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => status(page).textContent()).toMatch(/sample Dockerfile is in the editor|same as the text in the editor/);
      await checkClean(page, watch, 'keyboard');
    });
  });

  it('has no axe violations as opened and once filled in, in light and dark, at desktop and phone widths', { timeout: 180_000 }, async () => {
    for (const theme of ['light', 'dark'] as const) {
      for (const viewport of [undefined, PHONE]) {
        await withWatchedPage(browser, { colorScheme: theme, storedTheme: theme, ...(viewport ? { viewport } : {}) }, async ({ page, watch }) => {
          await openPlayground(page);
          const first = await runAxe(page);
          expect(first, `${theme} ${viewport ? 'phone' : 'desktop'}, as opened:\n${formatViolations(first)}`).toEqual([]);
          // Problems of every severity, a failing build, the share box, the offer to go back.
          await pasteText(editor(page), MINE);
          await expect.poll(() => kept(page)).toMatchObject({ text: MINE });
          await openPlayground(page, `#dockerfile=t1.${base64url(encode(`${PASTED}\nRUN --mount=type=cache,target=/x true\nMAINTAINER me\n`))}`);
          await playground(page).getByLabel('Classic builder').check();
          await copyShareLink(page);
          await playground(page).getByText('Build arguments').click();
          await playground(page).getByLabel('One KEY=value a line').fill('1BAD');
          await expect.poll(() => playground(page).locator('[data-args-problems] li').count()).toBe(1);
          await expect.poll(() => playground(page).locator('.stage-diagram__failure').count()).toBe(1);
          const violations = await runAxe(page);
          expect(violations, `${theme} ${viewport ? 'phone' : 'desktop'}:\n${formatViolations(violations)}`).toEqual([]);
          await checkClean(page, watch, `axe ${theme}`);
        });
      }
    }
  });
});
