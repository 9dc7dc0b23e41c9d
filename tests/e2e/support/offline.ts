// The service worker in the end-to-end tests (tests/e2e/offline.e2e.ts): what a build's
// dist/sw.js precaches, and waiting for the worker to control a page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** The URL paths dist/sw.js precaches (its Workbox manifest), e.g. /lessons/x/index.html. */
export function precachedPaths(dist: string): string[] {
  const worker = readFileSync(join(dist, 'sw.js'), 'utf8');
  return [...worker.matchAll(/\{url:"([^"]+)",revision:(?:"[^"]*"|null)\}/g)].map((match) => `/${match[1]!}`);
}

/**
 * Waits until the service worker is active (so it has precached everything: a worker
 * activates only once its install, the precaching, succeeded) and controls `page`. Events,
 * not polling (page.waitForFunction would not await an async predicate).
 */
export async function waitForWorker(page: Page, timeout = 60_000): Promise<void> {
  await page.evaluate(
    (ms) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no service worker in control after ${ms} ms`)), ms);
        const controlled = (): void => {
          clearTimeout(timer);
          resolve();
        };
        void navigator.serviceWorker.ready.then(() => {
          if (navigator.serviceWorker.controller) controlled();
          else navigator.serviceWorker.addEventListener('controllerchange', controlled, { once: true });
        });
      }),
    timeout,
  );
}

/** The precache's entries, as URL paths without Workbox's revision query. */
export async function cachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
    }
    return paths.sort();
  });
}
