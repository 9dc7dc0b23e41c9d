// Issue #14 on the built site: the text renders as written (every page), the workbench judges
// the outcome and says so, points to the next lesson when the exercise is complete, gives the
// editor room and the stage graph a fit at 1280×800 (light and dark) and on a phone, and search
// ranks the lesson that teaches a term above the rule pages that mention it, with readable
// snippets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBrowser, expectClean, open, PHONE, withWatchedPage } from './support/browser.ts';
import { pasteText } from './support/editor.ts';
import { builtPages, DIST, PROJECT_ROOT } from './support/env.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A built page's text as a reader gets it: scripts, styles, SVG and code blocks left out,
 *  inline code kept between ⟨ ⟩, entities decoded, whitespace collapsed. */
function readableText(html: string): string {
  return html
    .replace(/<(script|style|svg|pre)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<code\b[^>]*>([\s\S]*?)<\/code>/g, (_, inner: string) => `⟨${inner.replace(/<[^>]+>/g, '')}⟩`)
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

const pageHtml = (path: string) => readFileSync(join(DIST, path, path.endsWith('.html') ? '' : 'index.html'), 'utf8');

describe('built pages render text as written', () => {
  const pages = builtPages();

  it('never turn a flag’s -- into a dash (–from, –target, –build-arg…)', () => {
    expect(pages.length).toBeGreaterThan(50);
    const found = pages.flatMap((path) => [...readableText(pageHtml(path)).matchAll(/.{0,30}[–—](?:[a-z][a-z-]*)\b.{0,20}/g)].map((m) => `${path}: ${m[0]}`));
    expect(found).toEqual([]);
    // The headings that came out as "–from" read as written.
    expect(readableText(pageHtml('/lessons/myths/'))).toContain('Myth 2: “COPY --from can name any stage in the file”');
    expect(readableText(pageHtml('/lessons/build-vs-runtime/'))).toContain('COPY --from copies exact paths');
  });

  it('show no literal backticks: hints, problem messages and findings render their code', () => {
    const found = pages.flatMap((path) => [...readableText(pageHtml(path)).matchAll(/.{0,40}`.{0,40}/g)].map((m) => `${path}: ${m[0]}`));
    expect(found).toEqual([]);
  });

  it('say "stage 0", never "stage stage 0", and double no full stop after code', () => {
    const found = pages.flatMap((path) => {
      const text = readableText(pageHtml(path));
      return [...text.matchAll(/.{0,30}(?:\bstage stage\b|\.⟩\.).{0,20}/g)].map((m) => `${path}: ${m[0]}`);
    });
    expect(found).toEqual([]);
  });

  it('do not name a code block by its id in the prose around it', () => {
    for (const path of pages.filter((p) => p.startsWith('/lessons/'))) {
      const lesson = path.split('/')[2]!;
      const source = readFileSync(join(PROJECT_ROOT, 'content', 'lessons', `${lesson}.mdx`), 'utf8');
      const ids = [...source.matchAll(/^```\w+[^\n]*\bid="([^"]+)"/gm)].map((m) => m[1]!);
      const text = readableText(pageHtml(path));
      for (const id of ids) expect(text, `${path}: ${id}`).not.toContain(`⟨${id}⟩`);
    }
  });
});

const LESSON = '/lessons/named-stages-and-target/';
const SOLUTION = readFileSync(join(PROJECT_ROOT, 'content', 'exercises', 'named-stages-and-target', 'solution.Dockerfile'), 'utf8');

// A lesson's own exercise, by id (named-stages-and-target's faded example has workbenches too).
const EXERCISE = 'named-stages-and-target';
const CAPSTONE = { path: '/lessons/capstone/', exercise: 'typescript-api-targets' };
const workbench = (page: Page, exercise = EXERCISE) => page.locator(`dockerfile-workbench[data-exercise="${exercise}"]`);
const editor = (page: Page, exercise = EXERCISE) => workbench(page, exercise).getByRole('textbox', { name: 'Dockerfile editor' });

async function ready(page: Page, path = LESSON, exercise = EXERCISE): Promise<void> {
  await open(page, path);
  await workbench(page, exercise).scrollIntoViewIfNeeded();
  await page.waitForSelector(`dockerfile-workbench[data-exercise="${exercise}"][data-state="ready"]`);
  await page.waitForSelector(`dockerfile-workbench[data-exercise="${exercise}"] [data-goals] li:not([data-state="unchecked"])`);
}

const goal = (page: Page, id: string) => workbench(page).locator(`[data-goal="${id}"]`);

describe('the workbench judges the outcome', () => {
  it('fails "dev builds" when dev is moved above build, saying which image Docker would pull; the next lesson appears once every goal passes', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await ready(page);
      const [build, dev, prod] = SOLUTION.split('\n\n');
      await pasteText(editor(page), `${dev}\n\n${build}\n\n${prod}`);
      await expect.poll(() => goal(page, 'dev-builds').getAttribute('data-state')).toBe('failing');
      expect(await goal(page, 'dev-builds').locator('[data-goal-detail]').textContent()).toContain(
        'Docker would try to pull the image docker.io/library/build:latest instead',
      );
      const next = workbench(page).locator('[data-next]');
      expect(await next.isVisible()).toBe(false);

      await pasteText(editor(page), SOLUTION);
      await next.waitFor({ state: 'visible' });
      expect(await next.textContent()).toBe('Every goal passes. Next: lesson 4, Sharing steps between stages');
      expect(await next.locator('a').getAttribute('href')).toBe('/lessons/sharing-steps/');
      expectClean(watch);
    });
  });

  it('after the last lesson’s exercise, points to the quizzes', async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      await ready(page, CAPSTONE.path, CAPSTONE.exercise);
      const solution = readFileSync(join(PROJECT_ROOT, 'content', 'exercises', CAPSTONE.exercise, 'solution.Dockerfile'), 'utf8');
      await pasteText(editor(page, CAPSTONE.exercise), solution);
      const next = workbench(page, CAPSTONE.exercise).locator('[data-next]');
      await next.waitFor({ state: 'visible' });
      expect(await next.locator('a').getAttribute('href')).toBe('/quizzes/');
      expectClean(watch);
    });
  });
});

describe('the workbench layout', () => {
  /** Where the editor, the goals and the graph are, and whether the graph is cut off. */
  async function layout(page: Page) {
    return page.evaluate(() => {
      const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
      const graph = document.querySelector<HTMLElement>('dockerfile-workbench [data-graph]')!;
      const svg = graph.querySelector('svg')!.getBoundingClientRect();
      return {
        editor: box('dockerfile-workbench .workbench__editor'),
        goals: box('dockerfile-workbench .workbench__goals'),
        viewport: document.documentElement.clientWidth,
        graphOverflows: graph.scrollWidth > graph.clientWidth + 1,
        svgWidth: svg.width,
        page: document.documentElement.scrollWidth,
      };
    });
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`at 1280×800 (${colorScheme}): the editor has room beside the goals, and the stage graph fits`, async () => {
      await withWatchedPage(browser, { viewport: { width: 1280, height: 800 }, colorScheme }, async ({ page, watch }) => {
        await ready(page, CAPSTONE.path, CAPSTONE.exercise);
        const solution = readFileSync(join(PROJECT_ROOT, 'content', 'exercises', CAPSTONE.exercise, 'solution.Dockerfile'), 'utf8');
        await pasteText(editor(page, CAPSTONE.exercise), solution);
        await workbench(page, CAPSTONE.exercise).locator('[data-next]').waitFor({ state: 'visible' });
        const at = await layout(page);
        // About 70 characters of a RUN line, and the goals beside it, not under it.
        expect(at.editor.width).toBeGreaterThanOrEqual(560);
        expect(at.goals.left).toBeGreaterThan(at.editor.right);
        expect(at.goals.top).toBeLessThan(at.editor.bottom);
        // The capstone's eight-stage graph is drawn whole, scaled to its box.
        expect(at.graphOverflows).toBe(false);
        expect(at.page).toBeLessThanOrEqual(at.viewport);
        expectClean(watch);
      });
    });
  }

  it('on a phone: one column, the small graph fits, nothing wider than the screen', async () => {
    await withWatchedPage(browser, { viewport: PHONE, isMobile: true, hasTouch: true }, async ({ page, watch }) => {
      await ready(page);
      const at = await layout(page);
      expect(at.goals.top).toBeGreaterThan(at.editor.bottom);
      expect(at.graphOverflows).toBe(false);
      expect(at.page).toBeLessThanOrEqual(at.viewport);
      expectClean(watch);
    });
  });
});

describe('search', () => {
  /** The result links and excerpts the search page shows for `query`. */
  async function search(page: Page, query: string): Promise<Array<{ href: string; excerpt: string }>> {
    await open(page, `/search/?q=${encodeURIComponent(query)}`);
    await page.locator('.pagefind-ui__result').first().waitFor({ timeout: 15_000 });
    // Pagefind shows results as they load; wait until the count stops growing.
    let count = -1;
    await expect
      .poll(
        async () => {
          const now = await page.locator('.pagefind-ui__result').count();
          const settled = now === count;
          count = now;
          return settled;
        },
        { interval: 300 },
      )
      .toBe(true);
    return page.locator('.pagefind-ui__result').evaluateAll((results) =>
      results.map((result) => ({
        href: new URL(result.querySelector<HTMLAnchorElement>('.pagefind-ui__result-link')!.href).pathname,
        excerpt: result.querySelector('.pagefind-ui__result-excerpt')?.textContent ?? '',
      })),
    );
  }

  const firstRule = (results: Array<{ href: string }>) => results.findIndex((r) => r.href.startsWith('/rules/'));
  const position = (results: Array<{ href: string }>, href: string) => results.findIndex((r) => r.href === href);

  it('ranks the lessons that teach COPY --from and --target above the rule pages that mention them', { timeout: 120_000 }, async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      for (const [query, lessons] of [
        ['COPY --from', ['/lessons/what-is-a-stage/', '/lessons/build-vs-runtime/']],
        ['target', ['/lessons/named-stages-and-target/']],
        ['--target', ['/lessons/named-stages-and-target/']],
      ] as const) {
        const results = await search(page, query);
        const rule = firstRule(results);
        for (const lesson of lessons) {
          const at = position(results, lesson);
          expect(at, `${query}: ${lesson}`).toBeGreaterThanOrEqual(0);
          if (rule >= 0) expect(at, `${query}: ${lesson} before ${results[rule]!.href}`).toBeLessThan(rule);
        }
        expect(results[0]!.href, query).toMatch(/^\/lessons\//);
      }
      expectClean(watch);
    });
  });

  it('still finds a rule first by its id', { timeout: 120_000 }, async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      for (const id of ['copy-from-undefined-stage', 'heavy-final-base', 'untagged-base-image']) {
        expect((await search(page, id))[0]!.href).toBe(`/rules/${id}/`);
      }
      expectClean(watch);
    });
  });

  it('shows snippets of prose, with no example code or labels run together', { timeout: 120_000 }, async () => {
    await withWatchedPage(browser, async ({ page, watch }) => {
      for (const query of ['COPY --from', 'target', 'severity warning', 'ARG VARIANT', 'line column']) {
        for (const { href, excerpt } of await search(page, query)) {
          // "DockerfileARG VARIANT", "alpineRUN", "Equivalenthadolint", "SeverityiInfo", "4:1Line 4"
          expect(excerpt, `${query} → ${href}`).not.toMatch(/[a-z][A-Z]{2,}|Equivalent\S|Severity\S|\d:\d+Line/);
        }
      }
      expectClean(watch);
    });
  });
});
