// The site under its production headers (src/security-headers.ts, served by scripts/serve.ts):
// every page arrives with them, runs without a single Content-Security-Policy violation,
// and has no inline script to begin with. Hostile text — in the learner's stored progress,
// or typed into an editor where a page has one — never becomes markup.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaders } from '../../src/security-headers.ts';
import { connectBrowser, expectClean, newContext, open, pool, reportedViolations, url, watchedPage } from './support/browser.ts';
import { builtPages, lessonPages, representativePages } from './support/env.ts';
import { HOSTILE_DOCKERFILE, hostileProgressValues, injectedMarkup } from './support/hostile.ts';
import { findWorkbench, loadWorkbench, problemLines, replaceEditorText } from './support/workbench.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const pages = builtPages();

describe('security headers and CSP', () => {
  it('the site has pages to check', () => {
    expect(pages.length).toBeGreaterThan(10);
  });

  it('every page is served with every security header', async () => {
    await pool(pages, 8, async (path) => {
      const response = await fetch(url(path), { redirect: 'manual' });
      // The stage runner's pages have their own policy and COEP (tests/e2e/runner.e2e.ts).
      for (const [name, value] of securityHeaders(path)) expect(response.headers.get(name), `${name} on ${path}`).toBe(value);
      await response.body?.cancel();
    });
  });

  it('no page has an inline script, event handler or style', async () => {
    await pool(pages, 8, async (path) => {
      const html = await (await fetch(url(path))).text();
      for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
        const attributes = match[1] ?? '';
        const body = (match[2] ?? '').trim();
        // Data blocks (type="application/json") never run and are allowed by the CSP.
        if (/\btype\s*=\s*["']?application\/(ld\+)?json/i.test(attributes)) continue;
        expect(/\bsrc\s*=/.test(attributes) && body === '', `inline <script${attributes}> on ${path}`).toBe(true);
      }
      expect(html, `inline event handler on ${path}`).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
      expect(html, `style attribute on ${path}`).not.toMatch(/<[^>]+\sstyle\s*=/i);
      expect(html, `<style> element on ${path}`).not.toMatch(/<style[\s>]/i);
      expect(html, `javascript: URL on ${path}`).not.toMatch(/\s(href|src)\s*=\s*["']?\s*javascript:/i);
    });
  });

  // (a11y.e2e.ts loads every page again in light and dark and checks the same, with axe.)
  it('every page loads without a CSP violation, error or failed request', { timeout: 600_000 }, async () => {
    for (const colorScheme of ['light'] as const) {
      const context = await newContext(browser, { colorScheme });
      try {
        await pool(pages, 4, async (path) => {
          const { page, watch } = await watchedPage(context);
          try {
            await open(page, path);
            watch.cspViolations.push(...(await reportedViolations(page)));
            expectClean(watch, `${path} (${colorScheme})`);
          } finally {
            await page.close();
          }
        });
      } finally {
        await context.close();
      }
    }
  });
});

describe('hostile input never becomes markup', () => {
  const storagePages = representativePages();

  it.each(hostileProgressValues())(
    'stored progress $name: no injected element, no dialog, no error',
    async ({ values }) => {
      const context = await newContext(browser);
      try {
        const { page, watch } = await watchedPage(context);
        await page.goto(url('/'), { waitUntil: 'load' });
        await page.evaluate((entries) => {
          for (const [key, value] of entries) localStorage.setItem(key, value);
        }, Object.entries(values));
        let workbenches = 0;
        for (const path of storagePages) {
          await open(page, path);
          // A workbench opens the saved exercise text only once it has loaded.
          const workbench = await findWorkbench(page);
          if (workbench) {
            await loadWorkbench(workbench);
            workbenches++;
          }
          expect(await injectedMarkup(page), path).toEqual([]);
          watch.cspViolations.push(...(await reportedViolations(page)));
        }
        // Lesson 3 is among the pages: the hostile text reached a workbench, not only static pages.
        expect(workbenches, 'pages with a workbench').toBeGreaterThan(0);
        expectClean(watch, 'pages with hostile storage');
      } finally {
        await context.close();
      }
    },
    300_000,
  ); // several pages per stored value: minutes on a busy 2-core machine

  it('a Dockerfile with markup as a stage name, typed into a workbench, stays text', async () => {
    const context = await newContext(browser);
    try {
      const { page, watch } = await watchedPage(context);
      // Two exercises are enough: every lesson renders the same workbench.
      let typed = 0;
      for (const path of lessonPages()) {
        if (typed === 2) break;
        await open(page, path);
        const workbench = await findWorkbench(page);
        if (!workbench) continue;
        await loadWorkbench(workbench);
        await replaceEditorText(workbench, HOSTILE_DOCKERFILE);
        // The analysis has run and the panels show the name as text (problems, diagram or
        // target list): what could have turned into markup has been rendered.
        await expect.poll(() => problemLines(workbench), { timeout: 5000 }).not.toEqual([]);
        await expect.poll(() => workbench.evaluate((el) => el.textContent ?? ''), { timeout: 5000 }).toContain('<img');
        expect(await injectedMarkup(page), path).toEqual([]);
        typed++;
      }
      expect(typed, 'lessons with a workbench to type into').toBe(2);
      watch.cspViolations.push(...(await reportedViolations(page)));
      expectClean(watch, 'workbenches with a hostile Dockerfile');
    } finally {
      await context.close();
    }
  });
});
