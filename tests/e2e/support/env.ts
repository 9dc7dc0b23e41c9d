// Where things are for the end-to-end suite, shared by global-setup.ts, the tests and
// scripts/bench-browser.ts.
import { readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The built site: dist/, or SITE_DIST (e.g. a build made with `astro build --outDir …`). */
export const DIST = process.env['SITE_DIST'] ? resolve(process.env['SITE_DIST']) : join(PROJECT_ROOT, 'dist');

/** Debian's Chromium; playwright-core downloads no browser. */
export function chromiumPath(): string {
  return process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Every built HTML page as a URL path: dist/lessons/x/index.html → /lessons/x/. Sorted. */
export function builtPages(root = DIST): string[] {
  const pages: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.html')) {
        const rel = relative(root, path).split(sep).join('/');
        pages.push(`/${rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel}`);
      }
    }
  };
  walk(root);
  return pages.sort();
}

/** The lesson pages (/lessons/<slug>/). */
export function lessonPages(): string[] {
  return builtPages().filter((path) => /^\/lessons\/[^/]+\/$/.test(path));
}

/**
 * One page of every kind: home, the first lessons, a lesson with quiz and predictions
 * (lesson 3), the quiz index and two quizzes, the rules index and one rule, and every page
 * outside /lessons/, /quizzes/ and /rules/ (progress, workshops, search, …).
 */
export function representativePages(): string[] {
  const pages = builtPages();
  const wanted = new Set<string>([
    '/',
    '/lessons/what-is-a-stage/',
    '/lessons/named-stages-and-target/',
    '/quizzes/',
    '/quizzes/myth-buster/',
    '/quizzes/named-stages-and-target/',
    '/rules/',
  ]);
  const firstRule = pages.find((path) => /^\/rules\/[^/]+\/$/.test(path));
  if (firstRule) wanted.add(firstRule);
  const missing = [...wanted].filter((path) => !pages.includes(path));
  if (missing.length > 0) throw new Error(`representative pages missing from the build: ${missing.join(', ')}`);
  for (const path of pages) if (!/^\/(lessons|quizzes|rules)\//.test(path)) wanted.add(path);
  return pages.filter((path) => wanted.has(path));
}
