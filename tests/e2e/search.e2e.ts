// Site search (Pagefind) as built: which pages the index covers, the index itself, how
// /search/ loads Pagefind (external files only), and a search in Chromium that finds a lesson
// by its words. Read from the built site (dist/): the sources say what should happen, the
// build is what learners get.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBrowser, expectClean, open, withWatchedPage } from './support/browser.ts';
import { builtPages, DIST, lessonPages } from './support/env.ts';

const html = (page: string) => readFileSync(join(DIST, page, 'index.html'), 'utf8');
const rulePages = () => builtPages().filter((path) => /^\/rules\/[^/]+\/$/.test(path));

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('site search', () => {
  it('indexes the lesson and rule articles, and nothing else', () => {
    const indexed = builtPages().filter((page) => page.endsWith('/') && /\sdata-pagefind-body[\s>=]/.test(html(page)));
    expect(lessonPages().length).toBeGreaterThanOrEqual(12);
    expect(rulePages().length).toBeGreaterThan(30);
    expect(indexed).toEqual([...lessonPages(), ...rulePages()].sort());
    // On the article: the header, navigation and footer around it are not indexed.
    for (const page of indexed) expect(html(page), page).toMatch(/<article class="(?:lesson|rule)\b[^>]*\sdata-pagefind-body[\s>=]/);
  });

  it('built its index over exactly those pages', () => {
    const entry = JSON.parse(readFileSync(join(DIST, 'pagefind', 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    expect(Object.keys(entry.languages)).toEqual(['en']);
    expect(entry.languages['en']!.page_count).toBe(lessonPages().length + rulePages().length);
    for (const file of ['pagefind.js', 'pagefind-ui.js', 'pagefind-ui.css']) expect(existsSync(join(DIST, 'pagefind', file)), file).toBe(true);
  });

  it('loads Pagefind UI from external files, with no inline script', () => {
    const page = html('/search/');
    const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map(([, attributes]) => /\bsrc="([^"]+)"/.exec(attributes!)?.[1])).toContain('/pagefind/pagefind-ui.js');
    for (const [, attributes, body] of scripts) {
      expect(attributes, 'every script is a file').toMatch(/\bsrc="/);
      expect(body!.trim()).toBe('');
    }
    expect(page).toMatch(/<link rel="stylesheet" href="\/pagefind\/pagefind-ui\.css"/);
  });

  it("finds a lesson by its words, in Chromium (?q= from the header's search link)", async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await open(page, '/search/?q=target');
      const links = page.locator('.pagefind-ui__result-link');
      await expect.poll(() => links.count(), { timeout: 15_000 }).toBeGreaterThan(0);
      const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      expect(hrefs).toContain('/lessons/named-stages-and-target/');
      for (const href of hrefs) expect(href, 'results are lesson or rule pages').toMatch(/^\/(?:lessons|rules)\/[^/]+\/$/);
      expectClean(watch, '/search/');
    });
  });
});
