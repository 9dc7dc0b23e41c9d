// The browser side of the end-to-end tests: connect to the Chromium that global-setup.ts
// launched, open pages on the served site, and watch them for what must never happen —
// uncaught errors, console errors, Content-Security-Policy violations, dialogs.
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const PHONE = { width: 375, height: 812 } as const;
export const DESKTOP = { width: 1280, height: 900 } as const;

/** What a page did that a test may want to fail on. */
export interface PageWatch {
  errors: string[];
  consoleErrors: string[];
  cspViolations: string[];
  dialogs: string[];
  /** Responses the site answered with 4xx/5xx. */
  failedResponses: string[];
}

export function baseUrl(): string {
  return inject('baseUrl');
}

export function url(path: string): string {
  return new URL(path, baseUrl()).href;
}

export async function connectBrowser(): Promise<Browser> {
  return chromium.connect(inject('wsEndpoint'));
}

export type Theme = 'light' | 'dark';

export interface ContextOptions extends BrowserContextOptions {
  /** Written to localStorage 'theme' before any page script runs, like the theme toggle does. */
  storedTheme?: Theme;
}

/**
 * A new browser context. Service workers are blocked unless `serviceWorkers: 'allow'` is
 * passed (tests/e2e/offline.e2e.ts): otherwise every context would download the whole course
 * into the worker's cache in the background, and requests the worker answers bypass
 * page.route(), which some tests use.
 */
export async function newContext(browser: Browser, options: ContextOptions = {}): Promise<BrowserContext> {
  const { storedTheme, ...rest } = options;
  const context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1, reducedMotion: 'reduce', serviceWorkers: 'block', ...rest });
  // Record CSP violations as the page sees them (init scripts are not subject to the CSP).
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile || document.URL}:${event.lineNumber}`);
    });
  });
  if (storedTheme) {
    await context.addInitScript((theme: string) => {
      try {
        localStorage.setItem('theme', theme);
      } catch {
        // about:blank and the like have no storage.
      }
    }, storedTheme);
  }
  return context;
}

/** A page whose errors, console errors, CSP violations and dialogs are recorded in the returned watch. */
export async function watchedPage(context: BrowserContext): Promise<{ page: Page; watch: PageWatch }> {
  const page = await context.newPage();
  const watch: PageWatch = { errors: [], consoleErrors: [], cspViolations: [], dialogs: [], failedResponses: [] };
  page.on('pageerror', (error) => watch.errors.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (/Content.Security.Policy/i.test(text)) watch.cspViolations.push(`${page.url()}: ${text}`);
    else watch.consoleErrors.push(`${page.url()}: ${text}`);
  });
  page.on('dialog', (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && response.url().startsWith(baseUrl())) watch.failedResponses.push(`${response.status()} ${response.url()}`);
  });
  return { page, watch };
}

/** What a test does on a watched page. */
export type PageSteps = (opened: { page: Page; watch: PageWatch }) => Promise<void>;

/**
 * Runs `steps` on a watched page in a new context (see newContext for `options`), and closes
 * the context afterwards however the steps end. The steps make their own checks, the watch's
 * included (expectClean).
 */
export async function withWatchedPage(browser: Browser, steps: PageSteps): Promise<void>;
export async function withWatchedPage(browser: Browser, options: ContextOptions, steps: PageSteps): Promise<void>;
export async function withWatchedPage(browser: Browser, ...args: [PageSteps] | [ContextOptions, PageSteps]): Promise<void> {
  const [options, steps] = args.length === 1 ? [{}, args[0]] : args;
  const context = await newContext(browser, options);
  try {
    await steps(await watchedPage(context));
  } finally {
    await context.close();
  }
}

/** The CSP violations the page itself reported (securitypolicyviolation events). */
export async function reportedViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => [...((window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])]);
}

/** Opens `path` and waits until the islands have run (load event, custom elements defined). */
export async function open(page: Page, path: string): Promise<void> {
  const response = await page.goto(url(path), { waitUntil: 'load' });
  const expected = path.endsWith('404.html') ? 404 : 200;
  if (response?.status() !== expected) throw new Error(`${path} answered ${response?.status() ?? 'nothing'}, expected ${expected}`);
  await settle(page);
}

/** Waits for every custom element on the page to be defined (so islands have enhanced it). */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const names = new Set([...document.querySelectorAll('*')].map((el) => el.localName).filter((name) => name.includes('-')));
    await Promise.race([Promise.all([...names].map((name) => customElements.whenDefined(name))), new Promise((resolve) => setTimeout(resolve, 5000))]);
    await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
  });
}

/** Fails with everything the watch recorded, if anything. */
export function expectClean(watch: PageWatch, what = 'page'): void {
  const problems = [
    ...watch.errors.map((e) => `uncaught error: ${e}`),
    ...watch.consoleErrors.map((e) => `console error: ${e}`),
    ...watch.cspViolations.map((e) => `CSP violation: ${e}`),
    ...watch.dialogs.map((e) => `dialog opened: ${e}`),
    ...watch.failedResponses.map((e) => `failed request: ${e}`),
  ];
  if (problems.length > 0) throw new Error(`${what}:\n  ${problems.join('\n  ')}`);
}

/** Runs `task` over `items` with at most `limit` at a time; results in order. */
export async function pool<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
