// The course offline, in Chromium (src/integrations/service-worker.ts,
// src/components/offline/): once a browser has opened the site, its service worker has the
// whole course, and a learner with no network can still read lessons, do an exercise, take a
// quiz, use the playground, the rules and the search. The worker serves pages with the
// headers the server sends (the stage runner's pages stay cross-origin isolated), never
// answers for the room API, and a new build reaches the learner on the next visit, with a
// notice meanwhile.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../../scripts/serve.ts';
import { ISOLATED_PATHS, securityHeaders } from '../../src/security-headers.ts';
import { writeServiceWorker } from '../../src/integrations/service-worker.ts';
import { formatViolations, runAxe } from './support/axe.ts';
import { connectBrowser, expectClean, newContext, open, reportedViolations, url, watchedPage, type PageWatch } from './support/browser.ts';
import { pasteText } from './support/editor.ts';
import { builtPages, DIST } from './support/env.ts';
import { answerQuestion, visibleQuestions } from './support/learner.ts';
import { cachedPaths, precachedPaths, waitForWorker } from './support/offline.ts';
import { goalStates, loadWorkbench, replaceEditorText } from './support/workbench.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A page opened with the network gone: it must come from the worker, whole. */
async function openOffline(page: Page, path: string): Promise<Response> {
  const response = await page.goto(url(path), { waitUntil: 'load' });
  if (!response) throw new Error(`${path}: no response`);
  expect(response.status(), path).toBe(200);
  expect(response.fromServiceWorker(), `${path} comes from the service worker`).toBe(true);
  return response;
}

async function checkClean(page: Page, watch: PageWatch, what: string): Promise<void> {
  watch.cspViolations.push(...(await reportedViolations(page)));
  expectClean(watch, what);
}

/** A context whose worker has installed from `path` and controls the page. */
async function installed(path = '/'): Promise<{ context: BrowserContext; page: Page; watch: PageWatch }> {
  const context = await newContext(browser, { serviceWorkers: 'allow' });
  const { page, watch } = await watchedPage(context);
  await open(page, path);
  await waitForWorker(page);
  return { context, page, watch };
}

describe('the precache', () => {
  it('holds every page of the build, its scripts, styles and search index, and nothing of the room API', async () => {
    const precached = new Set(precachedPaths(DIST));
    const pages = builtPages().map((page) => (page.endsWith('/') ? `${page}index.html` : page));
    expect(pages.filter((page) => !precached.has(page))).toEqual([]);
    expect([...precached].filter((path) => path.startsWith('/api/'))).toEqual([]);
    expect([...precached].some((path) => /^\/_astro\/.+\.js$/.test(path))).toBe(true);
    expect([...precached].some((path) => /^\/_astro\/.+\.css$/.test(path))).toBe(true);
    expect([...precached].filter((path) => path.startsWith('/pagefind/fragment/')).length).toBeGreaterThan(10);

    const { context, page, watch } = await installed();
    try {
      expect(await cachedPaths(page)).toEqual([...precached].sort());
      await checkClean(page, watch, 'home page with the worker');
    } finally {
      await context.close();
    }
  }, 180_000);
});

describe('offline, once the site has been opened', () => {
  it('serves lessons, an exercise, a quiz, the playground, the rules and the search', async () => {
    const { context, page, watch } = await installed();
    try {
      await context.setOffline(true);

      // A lesson and its exercise: the editor (a lazily loaded chunk) and the goal checker.
      await openOffline(page, '/lessons/what-is-a-stage/');
      expect(await page.locator('h1').first().textContent()).toMatch(/stage/i);
      const workbench = page.locator('dockerfile-workbench[data-exercise="what-is-a-stage"]');
      await loadWorkbench(workbench);
      await replaceEditorText(workbench, readFileSync('content/exercises/what-is-a-stage/solution.Dockerfile', 'utf8'));
      // Every goal passes (the checker runs offline), not merely the first one to update.
      await expect.poll(async () => [...new Set(await goalStates(workbench))], { timeout: 15_000 }).toEqual(['passed']);

      // A quiz: an answer checked (the grading is a chunk loaded on the first check).
      await openOffline(page, '/quizzes/what-is-a-stage/');
      const quiz = page.locator('quiz-form.quiz--enhanced');
      const [first] = await visibleQuestions(quiz);
      await answerQuestion(first!, true);
      await expect.poll(() => first!.locator('[data-feedback] .quiz-q__verdict').getAttribute('data-verdict')).toBe('right');

      // The playground analyses what is pasted.
      await openOffline(page, '/playground/');
      await page.waitForSelector('dockerfile-playground[data-state="ready"]', { timeout: 15_000 });
      await pasteText(
        page.locator('dockerfile-playground').getByRole('textbox', { name: 'Dockerfile editor' }),
        'FROM golang:1.22 as build\nRUN go build -o /out/app .\n',
      );
      // This text's own problem (the lower-case `as`), not one the starting text had.
      await page
        .locator('dockerfile-playground .pg-problem')
        .filter({ has: page.locator('a[href="/rules/from-as-casing/"]') })
        .first()
        .waitFor();

      // The rules: the list, and a rule page reached by its link.
      await openOffline(page, '/rules/');
      const rule = page.locator('main a[href^="/rules/"]:not([href="/rules/"])').first();
      const href = await rule.getAttribute('href');
      await Promise.all([page.waitForURL(url(href!)), rule.click()]);
      expect(await page.locator('h1').first().textContent()).not.toBe('');

      // The search: Pagefind's UI, WebAssembly and index, all from the cache.
      await openOffline(page, '/search/?q=target');
      await expect.poll(() => page.locator('.pagefind-ui__result').count(), { timeout: 20_000 }).toBeGreaterThan(0);
      expect(await page.locator('.pagefind-ui__result a').first().getAttribute('href')).toMatch(/^\/(lessons|rules)\//);

      // And the progress page, which reads what the learner did.
      await openOffline(page, '/progress/');
      await checkClean(page, watch, 'offline journey');
    } finally {
      await context.close();
    }
  }, 240_000);

  it('keeps the stage runner pages cross-origin isolated, with the headers the server sends', async () => {
    const { context, page, watch } = await installed();
    try {
      await context.setOffline(true);
      for (const path of [ISOLATED_PATHS[0]!, '/lessons/what-is-a-stage/']) {
        const response = await openOffline(page, path);
        const headers = response.headers();
        for (const [name, value] of securityHeaders(path)) expect(headers[name.toLowerCase()], `${path}: ${name}`).toBe(value);
        const isolated = ISOLATED_PATHS.includes(path);
        expect('cross-origin-embedder-policy' in headers, path).toBe(isolated);
        expect(await page.evaluate(() => self.crossOriginIsolated), path).toBe(isolated);
      }
      await checkClean(page, watch, 'runner page offline');
    } finally {
      await context.close();
    }
  }, 180_000);

  it('never answers for the room API: online it goes to the server, offline it fails instead of being stale', async () => {
    const { context, page, watch } = await installed('/workshops/rooms/');
    try {
      const statuses: Array<{ url: string; fromWorker: boolean }> = [];
      page.on('response', (response) => {
        if (new URL(response.url()).pathname.startsWith('/api/')) statuses.push({ url: response.url(), fromWorker: response.fromServiceWorker() });
      });
      const online = await page.evaluate(async () => {
        const response = await fetch('/api/rooms/status');
        return { status: response.status, body: (await response.json()) as { rooms: boolean } };
      });
      expect(online.status).toBe(200);
      expect(online.body.rooms).toBe(true);
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.filter((entry) => entry.fromWorker)).toEqual([]);

      await context.setOffline(true);
      const offline = await page.evaluate(async () => {
        try {
          await fetch('/api/rooms/status');
          return 'answered';
        } catch (error) {
          return error instanceof TypeError ? 'network error' : String(error);
        }
      });
      expect(offline).toBe('network error');
      // That refused fetch is the one console error expected here (Chromium logs it); anything else fails.
      const refused = watch.consoleErrors.filter((text) => /ERR_INTERNET_DISCONNECTED/.test(text));
      expect(refused).toHaveLength(1);
      watch.consoleErrors = watch.consoleErrors.filter((text) => !refused.includes(text));
      expect((await cachedPaths(page)).filter((path) => path.startsWith('/api/'))).toEqual([]);
      await checkClean(page, watch, 'room API with the worker');
    } finally {
      await context.close();
    }
  }, 180_000);
});

describe('a new build', () => {
  let site: string;
  let server: RunningServer;
  const MARK = 'Second build';

  beforeAll(async () => {
    // A copy of the build, served on its own origin, that the test can rebuild under the browser.
    site = mkdtempSync(join(tmpdir(), 'stagecraft-e2e-offline-'));
    cpSync(DIST, site, { recursive: true });
    server = await serve({ root: site, port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server?.close();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  /** "Rebuilds" the copy: a page's text changes and the worker is written again, as `astro build` would. */
  async function rebuild(mark: string): Promise<void> {
    const home = join(site, 'index.html');
    writeFileSync(home, readFileSync(home, 'utf8').replace(/<h1([^>]*)>/, `<h1$1><span data-build>${mark}</span> `));
    await writeServiceWorker(site);
  }

  const at = (path: string) => `${server.url}${path}`;

  it('is used from the next visit, with a notice meanwhile that traps nothing', async () => {
    const context = await newContext(browser, { serviceWorkers: 'allow' });
    try {
      let { page, watch } = await watchedPage(context);
      await page.goto(at('/'), { waitUntil: 'load' });
      await waitForWorker(page);
      expect(await page.locator('.update-notice').count()).toBe(0);

      await rebuild(MARK);
      await page.close();

      // The next visit still shows the build it has, finds the new one, and says so.
      ({ page, watch } = await watchedPage(context));
      await page.goto(at('/lessons/what-is-a-stage/'), { waitUntil: 'load' });
      const notice = page.locator('.update-notice');
      await notice.waitFor({ timeout: 60_000 });
      const message = notice.getByRole('status');
      await expect.poll(() => message.textContent()).toMatch(/new version of the course has been downloaded.*next time you open Stagecraft/);
      // Not a dialog: nothing took focus, the page under it is usable, axe finds nothing.
      expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
      expect(await page.locator('[role="dialog"], dialog[open]').count()).toBe(0);
      for (const theme of ['light', 'dark'] as const) {
        await page.evaluate((t) => (document.documentElement.dataset['theme'] = t), theme);
        const violations = await runAxe(page, '.update-notice');
        expect(violations, `${theme}: ${formatViolations(violations)}`).toEqual([]);
      }
      await page.screenshot({ path: join(tmpdir(), 'stagecraft-update-notice.png') });
      await page.goto(at('/'), { waitUntil: 'load' });
      expect(await page.locator('[data-build]').count()).toBe(0);
      await page.locator('.update-notice').waitFor();
      // Dismissed, it stays away for the rest of the visit.
      await page.getByRole('button', { name: 'Dismiss' }).click();
      expect(await page.locator('.update-notice').count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      await page.goto(at('/rules/'), { waitUntil: 'load' });
      await page.waitForFunction(() => document.documentElement.dataset['updateNotice'] !== undefined, null, { timeout: 30_000 });
      expect(await page.evaluate(() => document.documentElement.dataset['updateNotice'])).toBe('dismissed');
      expect(await page.locator('.update-notice').count()).toBe(0);
      await checkClean(page, watch, 'visit with an update waiting');
      await page.close();

      // Every tab closed: the next visit is the new build.
      ({ page, watch } = await watchedPage(context));
      await page.goto(at('/'), { waitUntil: 'load' });
      expect(await page.locator('[data-build]').textContent()).toBe(MARK);
      await checkClean(page, watch, 'visit after the update');

      // "Update now" applies the next build at once, in this tab.
      await rebuild('Third build');
      await page.reload({ waitUntil: 'load' });
      await page.locator('.update-notice').waitFor({ timeout: 60_000 });
      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Update now' }).click()]);
      await expect.poll(() => page.locator('[data-build]').first().textContent()).toBe('Third build');
      await checkClean(page, watch, 'update now');
    } finally {
      await context.close();
    }
  }, 300_000);
});
