// The stage runner ("Run it in your browser", src/components/runner/) in Chromium against the
// built site. WebContainer cannot boot here (StackBlitz is out of reach), which is exactly
// the case to test: the runner must give up after its timeout (lowered for the test with
// data-boot-timeout-ms), say why in one sentence, show the analyzer's dry run, and leave the
// rest of the page working. Also: only the runner's pages are cross-origin isolated, nothing
// loads from StackBlitz before Run, hostile text stays text, and axe finds nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ISOLATED_PATHS } from '../../src/security-headers.ts';
import { formatViolations, runAxe } from './support/axe.ts';
import { connectBrowser, expectClean, newContext, open, reportedViolations, url, watchedPage, type PageWatch } from './support/browser.ts';
import { builtPages, DIST } from './support/env.ts';
import { FAKE_WEBCONTAINER_MODULE, PREVIEW_HTML, PREVIEW_ORIGIN, webContainerChunk } from './support/fake-webcontainer.ts';
import { HOSTILE_STAGE, injectedMarkup } from './support/hostile.ts';
import { findWorkbench, loadWorkbench, problemLines, replaceEditorText } from './support/workbench.ts';

const LESSON = '/lessons/debugging-stage/';
const EXERCISE = 'debugging-stage';
/** Short enough for a test, long enough for the runner's chunks to load first. */
const BOOT_TIMEOUT_MS = 1500;

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** StackBlitz never answers here; a failed frame load is the browser's business, not the page's. */
function withoutStackBlitz(watch: PageWatch): PageWatch {
  const ours = (line: string) => !/stackblitz\.com|webcontainer/i.test(line);
  return { ...watch, consoleErrors: watch.consoleErrors.filter(ours) };
}

/** Opens the lesson, mounts its workbench, and returns the workbench and its runner. */
async function openRunner(page: Page, lesson = LESSON, exercise = EXERCISE): Promise<{ workbench: Locator; runner: Locator }> {
  await open(page, lesson);
  const workbench = await findWorkbench(page, exercise);
  if (!workbench) throw new Error(`${lesson} has no workbench`);
  await loadWorkbench(workbench);
  const runner = workbench.locator('stage-runner');
  await runner.waitFor({ state: 'visible' });
  await runner.scrollIntoViewIfNeeded();
  await runner.evaluate((element, ms) => {
    (element as HTMLElement).dataset['bootTimeoutMs'] = String(ms);
  }, BOOT_TIMEOUT_MS);
  return { workbench, runner };
}

/** Presses Run and waits for the runner to say it cannot run here. */
async function runAndWaitForReason(runner: Locator): Promise<string> {
  await runner.locator('[data-runner-run]').click();
  const status = runner.locator('[data-runner-status]');
  await expect.poll(() => status.getAttribute('data-kind'), { timeout: 20_000 }).toBe('unavailable');
  return (await status.textContent()) ?? '';
}

describe('headers: only the runner pages are cross-origin isolated', () => {
  it('every page with a runner is in ISOLATED_PATHS, and the other way round', () => {
    const withRunner = builtPages().filter((path) => path.endsWith('/') && readFileSync(join(DIST, path, 'index.html'), 'utf8').includes('<stage-runner'));
    expect(withRunner.sort()).toEqual([...ISOLATED_PATHS].sort());
  });

  it('a runner lesson gets COEP and the frame-src WebContainer needs; /rules/ gets neither', async () => {
    for (const path of ISOLATED_PATHS) {
      const response = await fetch(url(path));
      expect(response.headers.get('cross-origin-embedder-policy'), path).toBe('require-corp');
      expect(response.headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
      expect(response.headers.get('content-security-policy'), path).toContain('frame-src https://stackblitz.com/headless https://*.webcontainer-api.io');
      await response.body?.cancel();
    }
    for (const path of ['/rules/', '/lessons/what-is-a-stage/', '/']) {
      const response = await fetch(url(path));
      expect(response.headers.get('cross-origin-embedder-policy'), path).toBeNull();
      expect(response.headers.get('content-security-policy'), path).not.toContain('frame-src');
      await response.body?.cancel();
    }
  });
});

describe('the runner where WebContainer cannot boot', () => {
  it('boots only on Run, gives up after the timeout with one sentence, and shows the dry run with skipped steps', async () => {
    const context = await newContext(browser);
    try {
      const { page, watch } = await watchedPage(context);
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      const { runner } = await openRunner(page);

      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      // Nothing of WebContainer before the learner asks.
      expect(requests.filter((u) => /stackblitz|webcontainer|runner-app|run-target/.test(u))).toEqual([]);
      expect(await runner.locator('[data-runner-target] option').allTextContents()).toEqual(['The last stage (debug)', 'production', 'debug']);

      const started = Date.now();
      const sentence = await runAndWaitForReason(runner);
      expect(Date.now() - started).toBeLessThan(15_000);
      // One sentence, and it says why.
      expect(sentence).toMatch(/^[A-Z][^\n]*[.)]$/);
      expect(sentence.slice(0, -1)).not.toMatch(/[.!?]\s+[A-Z]/);
      expect(sentence).toMatch(/StackBlitz/);
      expect(await runner.getAttribute('data-unavailable')).toMatch(/^(boot-timeout|boot-failed|offline|storage-blocked)$/);
      // It tried: the runtime frame was requested on Run, then removed when the runner gave up.
      expect(requests.some((u) => u.startsWith('https://stackblitz.com/headless'))).toBe(true);
      expect(await page.locator('iframe[src^="https://stackblitz.com/"]').count()).toBe(0);

      // The dry run of the default target (debug): every step, skipped ones with their reason.
      const title = await runner.locator('[data-runner-steps-title]').textContent();
      expect(title).toBe('What building the last stage (debug) would do (a dry run: nothing ran)');
      const steps = runner.locator('.runner-step');
      expect(await steps.count()).toBe(13);
      const skipped = runner.locator('.runner-step[data-status="skipped"]');
      expect(await skipped.count()).toBeGreaterThanOrEqual(3);
      for (const text of await skipped.allTextContents()) expect(text).toMatch(/^Skipped .*line \d+.*\S{10,}/);
      expect(await skipped.filter({ hasText: 'apt-get' }).locator('.runner-step__reason').textContent()).toMatch(/skipped/);
      expect(await runner.locator('.runner-step[data-status="pending"]').first().locator('.runner-step__status').textContent()).toBe('Would run');
      expect(await runner.locator('[data-runner-log-section]').isHidden()).toBe(true);

      watch.cspViolations.push(...(await reportedViolations(page)));
      expectClean(withoutStackBlitz(watch), 'runner page after a failed boot');
    } finally {
      await context.close();
    }
  });

  it('the workbench keeps working, the runner follows the editor, and a second Run does not boot again', async () => {
    const context = await newContext(browser);
    try {
      const { page, watch } = await watchedPage(context);
      const { workbench, runner } = await openRunner(page);
      await runAndWaitForReason(runner);
      const frames: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('stackblitz.com')) frames.push(request.url());
      });

      const dockerfile = [
        'FROM node:22 AS base',
        'WORKDIR /app',
        'COPY package.json ./',
        'FROM base AS tests',
        'RUN npm test',
        'FROM base AS release',
        'USER node',
        'CMD ["node", "src/server.js"]',
      ].join('\n');
      await replaceEditorText(workbench, dockerfile);
      // The workbench analyses the new text: goals, problems and its own target picker update.
      await expect.poll(() => workbench.locator('[data-target] option').allTextContents(), { timeout: 5000 }).toContain('tests');
      // The runner's chooser follows the editor.
      await expect
        .poll(() => runner.locator('[data-runner-target] option').allTextContents(), { timeout: 5000 })
        .toEqual(['The last stage (release)', 'base', 'tests', 'release']);
      await runner.locator('[data-runner-target]').selectOption('tests');

      await runner.locator('[data-runner-run]').click();
      await expect
        .poll(() => runner.locator('[data-runner-steps-title]').textContent(), { timeout: 5000 })
        .toBe('What building tests would do (a dry run: nothing ran)');
      const texts = await runner.locator('.runner-step__text').allTextContents();
      expect(texts).toEqual(['FROM node:22 AS base', 'WORKDIR /app', 'COPY package.json ./', 'FROM base AS tests', 'RUN npm test']);
      expect(frames).toEqual([]);

      // The editor still edits, and its problem list still reacts.
      await replaceEditorText(workbench, 'FROM node:22 AS Build\nFROM build\n');
      await expect.poll(() => problemLines(workbench), { timeout: 5000 }).not.toEqual([]);

      watch.cspViolations.push(...(await reportedViolations(page)));
      expectClean(withoutStackBlitz(watch), 'runner page after editing');
    } finally {
      await context.close();
    }
  });

  it('hostile stage names and commands show as text', async () => {
    const context = await newContext(browser);
    try {
      const { page, watch } = await watchedPage(context);
      const { workbench, runner } = await openRunner(page);
      const markupCmd = [
        'FROM node:22 AS build',
        'LABEL note="<script>alert(2)</script>"',
        `CMD ["node", "-e", "console.log('<img src=x data-hostile onerror=alert(1)>')"]`,
      ].join('\n');
      await replaceEditorText(workbench, markupCmd);
      await expect.poll(() => runner.locator('[data-runner-target] option').allTextContents(), { timeout: 5000 }).toContain('build');
      await runAndWaitForReason(runner);
      await expect
        .poll(() => runner.locator('.runner-step__text').allTextContents(), { timeout: 5000 })
        .toContain(`CMD ["node", "-e", "console.log('<img src=x data-hostile onerror=alert(1)>')"]`);

      // A stage name that is markup: Docker refuses the file, and the runner says so, as text.
      await replaceEditorText(workbench, `FROM node:22 AS ${HOSTILE_STAGE}\nCMD ["node", "<b>x</b>"]\n`);
      await expect
        .poll(() => runner.locator('[data-runner-target] option').allTextContents(), { timeout: 5000 })
        .toEqual([`The last stage (${HOSTILE_STAGE})`]);
      await runner.locator('[data-runner-run]').click();
      await expect.poll(() => runner.locator('[data-runner-plan-error]').textContent(), { timeout: 5000 }).toContain(HOSTILE_STAGE);
      expect(await runner.locator('[data-runner-steps-title]').textContent()).toContain(HOSTILE_STAGE);

      expect(await injectedMarkup(page)).toEqual([]);
      expect(await runner.evaluate((element) => element.querySelectorAll('img, script:not([type="application/json"]), b').length)).toBe(0);
      watch.cspViolations.push(...(await reportedViolations(page)));
      expectClean(withoutStackBlitz(watch), 'runner with hostile text');
    } finally {
      await context.close();
    }
  });

  it.each(['light', 'dark'] as const)('axe finds nothing in the runner panel (%s), before and after Run', async (theme) => {
    const context = await newContext(browser, { colorScheme: theme, storedTheme: theme });
    try {
      const { page } = await watchedPage(context);
      const { runner } = await openRunner(page);
      const before = await runAxe(page, 'stage-runner');
      expect(before, formatViolations(before)).toEqual([]);
      await runAndWaitForReason(runner);
      const after = await runAxe(page, 'stage-runner');
      expect(after, formatViolations(after)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the runner with a WebContainer that boots (a stand-in for @webcontainer/api)', () => {
  it.each(['light', 'dark'] as const)('runs dev and prod, streams output, previews the server, stops it, and compares the two (axe: %s)', async (theme) => {
    const context = await newContext(browser, { colorScheme: theme, storedTheme: theme });
    try {
      const { page, watch } = await watchedPage(context);
      await page.route(`**/_astro/${webContainerChunk()}`, (route) =>
        route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: FAKE_WEBCONTAINER_MODULE }),
      );
      await page.route(`${PREVIEW_ORIGIN}/**`, (route) =>
        route.fulfill({
          contentType: 'text/html; charset=utf-8',
          body: PREVIEW_HTML,
          // What WebContainer's previews send, so an isolated page may frame them.
          headers: { 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Resource-Policy': 'cross-origin' },
        }),
      );
      const { runner } = await openRunner(page, '/lessons/named-stages-and-target/', 'named-stages-and-target');
      const status = runner.locator('[data-runner-status]');

      await runner.locator('[data-runner-target]').selectOption('dev');
      await runner.locator('[data-runner-run]').click();
      await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('The dev image is built and its command is running.');
      expect(await runner.locator('.runner-step').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset['status']))).toEqual([
        'done',
        'done',
        'done',
        'done',
        'done',
        'done',
        'done',
        'running',
      ]);
      const log = runner.locator('[data-runner-log]');
      await expect.poll(() => log.textContent(), { timeout: 5000 }).toContain('dev server listening on http://localhost:3000');
      const logText = (await log.textContent()) ?? '';
      expect(logText).toContain('added 4 packages');
      expect(logText).toContain('$ npm ci');
      expect(logText).not.toMatch(/\u001b|\[1G|⠙ reify/);
      expect(await log.getAttribute('role')).toBe('log');

      // The preview: WebContainer's address, sandboxed, showing what the server answers.
      const frame = runner.locator('iframe.runner__frame');
      await frame.waitFor({ timeout: 5000 });
      expect(await frame.getAttribute('src')).toBe(PREVIEW_ORIGIN);
      expect(await frame.getAttribute('sandbox')).toBe('allow-scripts allow-forms allow-same-origin');
      expect(await frame.getAttribute('title')).toBe('Preview of the server on port 3000');
      await expect.poll(() => runner.frameLocator('iframe.runner__frame').locator('h1').textContent(), { timeout: 5000 }).toBe('Hello from the shop');
      expect(await runner.locator('[data-runner-stop]').isVisible()).toBe(true);
      expect(await runner.locator('[data-runner-compare]').isHidden()).toBe(true);
      // Run kept the keyboard focus through the run.
      expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-runner-run'))).toBe(true);

      await runner.locator('[data-runner-target]').selectOption('prod');
      await runner.locator('[data-runner-run]').click();
      await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('The prod image is built and its command is running.');
      const compare = runner.locator('[data-runner-compare]');
      expect(await compare.textContent()).toBe('Compare dev and prod');

      await runner.locator('[data-runner-stop]').click();
      expect(await status.textContent()).toBe('Stopped.');
      expect(await runner.locator('[data-runner-stop]').isHidden()).toBe(true);
      expect(await runner.locator('[data-runner-preview-section]').isHidden()).toBe(true);

      await compare.click();
      const section = runner.locator('[data-runner-compare-section]');
      await section.waitFor();
      expect(await section.locator('h5').textContent()).toBe('dev and prod compared');
      expect(await section.locator('thead th').allTextContents()).toEqual(['What', 'dev', 'prod']);
      const rows = await section.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
      expect(rows.map((row) => row[0])).toEqual(['Files', 'Size on disk', 'Packages in node_modules']);
      expect(rows[2]).toEqual(['Packages in node_modules', '4 packages', '1 package']);
      const onlyInDev = (await section.locator('.runner__only').first().textContent()) ?? '';
      expect(onlyInDev).toContain('Only in dev');
      expect(onlyInDev).toMatch(/Packages \(3\): @types\/express, @types\/node, typescript\./);
      expect(onlyInDev).toContain('src/server.ts');

      const violations = await runAxe(page, 'stage-runner');
      expect(violations, formatViolations(violations)).toEqual([]);
      watch.cspViolations.push(...(await reportedViolations(page)));
      expectClean(watch, 'runner happy path');
    } finally {
      await context.close();
    }
  });
});
