// Hostile and broken values for the learner's localStorage, and a check that nothing of
// them turned into markup. Used by storage.e2e.ts (corrupt data never breaks a page) and
// security.e2e.ts (hostile strings never become elements).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DIST } from './env.ts';

/** Markup that would show itself if it were ever parsed as HTML: an element marked data-hostile, a dialog, a global. */
export const HOSTILE_MARKUP = `"><img src=x data-hostile onerror="window.__hostileRan=1;alert(1)"><script data-hostile>alert(2)</script>`;

/** A stage name that is markup (no spaces, so it stays one word of the FROM line). */
export const HOSTILE_STAGE = '<img/src=x/data-hostile/onerror=alert(1)>';

/** A Dockerfile naming a stage with markup and using it, as a learner could type it. */
export const HOSTILE_DOCKERFILE = [
  `FROM alpine:3.20 AS ${HOSTILE_STAGE}`,
  'RUN echo "<script>alert(3)</script>" > /x',
  'FROM alpine:3.20',
  `COPY --from=${HOSTILE_STAGE} /x /x`,
  `LABEL note="${HOSTILE_MARKUP.replaceAll('"', "'")}"`,
].join('\n');

export const PROGRESS_KEY = 'stagecraft:progress';
export const PREDICTIONS_KEY = 'stagecraft:predictions';
export const THEME_KEY = 'theme';

/** Every `stagecraft:…` storage key the built JavaScript mentions, plus the theme key. */
export function storageKeys(): string[] {
  const keys = new Set<string>([PROGRESS_KEY, PREDICTIONS_KEY, THEME_KEY]);
  const assets = join(DIST, '_astro');
  for (const file of readdirSync(assets)) {
    if (!file.endsWith('.js')) continue;
    for (const match of readFileSync(join(assets, file), 'utf8').matchAll(/["'`](stagecraft:[a-z][a-z0-9-]*(?::[a-z0-9-]+)*)/gi)) {
      // Keys built at run time (`stagecraft:workbench:${id}`) show up as their prefix only.
      keys.add(match[1]!.replace(/:$/, ''));
    }
  }
  return [...keys].sort();
}

const DATE = '2024-05-01T10:00:00.000Z';

export interface HostileCase {
  name: string;
  /** localStorage key → raw value. */
  values: Record<string, string>;
}

/** Broken or hostile stored values, each a case the site must survive. */
export function hostileProgressValues(): HostileCase[] {
  const everyKey = (value: string): Record<string, string> => Object.fromEntries(storageKeys().map((key) => [key, value]));
  return [
    { name: 'garbage JSON under every key', values: everyKey('{"version":1,"lessons":{"named-stages-and-target":') },
    { name: 'markup instead of JSON under every key', values: everyKey(HOSTILE_MARKUP) },
    { name: 'JSON of the wrong type under every key', values: everyKey('[1,2,{"version":1}]') },
    { name: 'null under every key', values: everyKey('null') },
    {
      name: 'a future version',
      values: {
        [PROGRESS_KEY]: JSON.stringify({ version: 2, lessons: { 'named-stages-and-target': { visited: DATE, completed: DATE } }, quizzes: {} }),
        [PREDICTIONS_KEY]: JSON.stringify({ version: 99, choices: { 'stages-run': { choice: 0, at: DATE } } }),
      },
    },
    {
      name: '__proto__ and constructor keys',
      values: {
        [PROGRESS_KEY]: `{"version":1,"lessons":{"__proto__":{"visited":"${DATE}","completed":"${DATE}"}},"quizzes":{},"__proto__":{"polluted":"${HOSTILE_MARKUP.replaceAll('"', '\\"')}"}}`,
        [PREDICTIONS_KEY]: `{"version":1,"choices":{"constructor":{"prototype":{"polluted":true}}}}`,
      },
    },
    {
      name: 'markup in every field',
      values: {
        [PROGRESS_KEY]: JSON.stringify({
          version: 1,
          [HOSTILE_MARKUP]: HOSTILE_MARKUP,
          lessons: {
            // A valid entry carrying an unknown field (kept, never shown) …
            'what-is-a-stage': { visited: DATE, note: HOSTILE_MARKUP },
            // … and entries whose key or dates are markup (the whole record is then invalid for this key).
            [HOSTILE_MARKUP]: { visited: HOSTILE_MARKUP, completed: HOSTILE_MARKUP },
            'named-stages-and-target': { visited: HOSTILE_MARKUP, completed: HOSTILE_MARKUP },
          },
          exercises: { [HOSTILE_MARKUP]: { text: HOSTILE_MARKUP }, 'named-stages-and-target': { text: HOSTILE_MARKUP } },
          quizzes: { 'named-stages-and-target': { best: HOSTILE_MARKUP, total: HOSTILE_MARKUP, last: HOSTILE_MARKUP, attempts: 1 } },
        }),
        [PREDICTIONS_KEY]: JSON.stringify({ version: 1, choices: { [HOSTILE_MARKUP]: { choice: HOSTILE_MARKUP, at: HOSTILE_MARKUP } } }),
        [THEME_KEY]: HOSTILE_MARKUP,
      },
    },
    {
      name: 'markup only in the fields a valid record allows',
      values: {
        [PROGRESS_KEY]: JSON.stringify({
          version: 1,
          note: HOSTILE_MARKUP,
          lessons: { 'what-is-a-stage': { visited: DATE, completed: DATE, title: HOSTILE_MARKUP } },
          // A saved exercise text the workbench will open (and analyse, and draw).
          exercises: { 'named-stages-and-target': { text: HOSTILE_DOCKERFILE, updated: DATE, note: HOSTILE_MARKUP } },
          quizzes: { 'named-stages-and-target': { best: 1, total: 5, last: DATE, attempts: 1, title: HOSTILE_MARKUP } },
        }),
        [PREDICTIONS_KEY]: JSON.stringify({ version: 1, choices: { 'stages-run': { choice: 0, at: DATE, note: HOSTILE_MARKUP } } }),
      },
    },
    { name: 'a value over a megabyte', values: { [PROGRESS_KEY]: `{"version":1,"lessons":{},"pad":"${'x'.repeat(1_100_000)}"}` } },
  ];
}

/** Anything on the page that hostile text could have become; an empty list when there is none. */
export async function injectedMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const element of document.querySelectorAll('[data-hostile], img[src^="x"], [src*="onerror"]'))
      found.push(`element: ${element.outerHTML.slice(0, 120)}`);
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.getAttributeNames()) {
        if (attribute.startsWith('on')) found.push(`handler attribute ${attribute} on <${element.localName}>`);
      }
    }
    for (const script of document.querySelectorAll('script')) {
      const type = script.getAttribute('type') ?? '';
      if (!script.src && !/json/i.test(type)) found.push(`inline script: ${script.outerHTML.slice(0, 120)}`);
    }
    if ((window as unknown as { __hostileRan?: unknown }).__hostileRan !== undefined) found.push('hostile handler ran');
    if ((Object.prototype as Record<string, unknown>)['polluted'] !== undefined) found.push('Object.prototype polluted');
    return found;
  });
}
