// The service worker that keeps the course working when the room's wifi does not: after
// every `astro build` (and after Pagefind has written the search index, so list this
// integration after pagefind() in astro.config.mjs), Workbox's generateSW() writes dist/sw.js,
// which precaches the whole course — every page, its scripts and styles, the search index —
// the first time a browser opens the site. From then on pages come from that cache, online or
// not, and a new build is downloaded in the background and used from the next visit on
// (src/components/offline/sw-register.ts shows the notice).
//
// Why Workbox's generateSW and not a hand-written worker, @vite-pwa/astro or Serwist: the site
// needs only a precache, which generateSW writes whole from a configuration (nothing of ours
// runs in the worker); @vite-pwa/astro supports Astro up to 5 and builds the worker inside
// Vite, before Pagefind has written the index; Serwist would have us write and bundle the
// worker ourselves for the same precache.
//
// What the worker must never do, and how this configuration makes sure:
// - Touch the live rooms' API (/api/…, JSON and Server-Sent Events): it answers only for the
//   files listed here, all from dist/, which has no /api/; there is no runtime caching and no
//   navigation fallback, so every other request goes to the network as if there were no worker.
// - Change a page's headers: a precached response is the server's response, headers and all
//   (the Content-Security-Policy, and COOP/COEP on the stage runner's pages, which WebContainer
//   needs), stored when the worker installs. A page's revision covers its headers too
//   (securityHeaders()), so a build that only changes the headers still replaces the pages.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { ManifestTransform } from 'workbox-build';
import { securityHeaders } from '../security-headers.ts';

/** The worker's URL path; src/components/offline/sw-register.ts registers it. */
export const SERVICE_WORKER_FILE = 'sw.js';
/** The update notice, which sw-register.ts adds to a page only when a newer build waits. */
export const UPDATE_NOTICE_FILE = 'update-notice.js';
const UPDATE_NOTICE_SOURCE = fileURLToPath(new URL('../components/offline/update-notice.ts', import.meta.url));

/** What the worker precaches, relative to dist/. */
export const PRECACHE_GLOBS = [
  // Every page: lessons (with their exercises and quizzes), quizzes, playground, rules,
  // progress, search, workshops.
  '**/*.html',
  // Scripts, styles and anything else Vite emits, hashed.
  '_astro/**/*',
  'favicon.svg',
  'theme-init.js',
  UPDATE_NOTICE_FILE,
  // The review's question bank: /progress asks the questions due from it, offline too.
  'review/questions.json',
  // The search: Pagefind's UI (the one src/pages/search.astro loads), its library, WebAssembly
  // and index.
  'pagefind/pagefind-ui.js',
  'pagefind/pagefind-ui.css',
  'pagefind/pagefind.js',
  'pagefind/pagefind-worker.js',
  'pagefind/pagefind-entry.json',
  'pagefind/*.pf_meta',
  'pagefind/wasm.*.pagefind',
  'pagefind/index/*.pf_index',
  'pagefind/fragment/*.pf_fragment',
];

/**
 * Left out: the room catalog (the room server reads it from disk; live rooms need the server
 * anyway) and the hosts' header file.
 */
export const PRECACHE_IGNORES = ['workshops/rooms/catalog.json', '_headers', SERVICE_WORKER_FILE];

/** No file of the course is near this; one that grows past it fails the build rather than going uncached. */
export const MAX_PRECACHED_FILE_BYTES = 2 * 1024 * 1024;

/** The page path a precached HTML file is served at: lessons/x/index.html → /lessons/x/. */
export function pagePath(file: string): string {
  return `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
}

/**
 * Mixes each page's response headers into its revision, so a change to the headers (a new
 * CSP, a page that becomes a runner page) replaces the stored copy like a change to its text.
 */
export const revisionWithHeaders: ManifestTransform = (entries) => ({
  manifest: entries.map((entry) => {
    if (!entry.url.endsWith('.html')) return entry;
    const headers = securityHeaders(pagePath(entry.url)).map(([name, value]) => `${name}: ${value}`);
    const revision = createHash('sha256')
      .update(`${entry.revision ?? ''}\n${headers.join('\n')}`)
      .digest('hex')
      .slice(0, 32);
    return { ...entry, revision };
  }),
  warnings: [],
});

export interface WrittenWorker {
  /** Files precached. */
  count: number;
  /** Their total size in bytes: what a browser downloads the first time it opens the site. */
  size: number;
}

/**
 * Bundles the update notice into `<dist>/update-notice.js`. Not a Vite chunk: the header's
 * script would need a dynamic import() for it, and with that Vite's preload helper on every
 * page (see sw-register.ts).
 */
export async function writeUpdateNotice(dist: string): Promise<void> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [UPDATE_NOTICE_SOURCE],
    outfile: join(dist, UPDATE_NOTICE_FILE),
    bundle: true,
    // A classic script: sw-register.ts adds it with a plain <script src>.
    format: 'iife',
    minify: true,
    target: 'es2022',
    legalComments: 'none',
    logLevel: 'warning',
  });
}

/** Writes `<dist>/sw.js` for the build in `dist`; throws on any warning (a file left out). */
export async function writeServiceWorker(dist: string): Promise<WrittenWorker> {
  const { generateSW } = await import('workbox-build');
  const { count, size, warnings } = await generateSW({
    globDirectory: dist,
    globPatterns: PRECACHE_GLOBS,
    globIgnores: PRECACHE_IGNORES,
    swDest: join(dist, SERVICE_WORKER_FILE),
    // One file: no importScripts() of a separate runtime, and one thing to count and cache.
    inlineWorkboxRuntime: true,
    mode: 'production',
    sourcemap: false,
    // Hashed file names are their own revision: no cache-busting query for them.
    dontCacheBustURLsMatching: /^_astro\//,
    // /lessons/x/ is lessons/x/index.html, as the servers map it.
    directoryIndex: 'index.html',
    // Query strings never choose a page here (the playground and the room pages read theirs
    // in the browser), so /workshops/rooms/?q=… is the precached /workshops/rooms/ offline.
    ignoreURLParametersMatching: [/.*/],
    // A new build waits until every tab of the old one is closed (the next visit), unless the
    // learner asks for it now from the notice, which posts SKIP_WAITING (generateSW listens).
    skipWaiting: false,
    // The first install controls the page that registered it, so the lazily loaded editor of
    // the very first page also comes from the cache if the wifi drops right away.
    clientsClaim: true,
    cleanupOutdatedCaches: true,
    maximumFileSizeToCacheInBytes: MAX_PRECACHED_FILE_BYTES,
    manifestTransforms: [revisionWithHeaders],
  });
  if (warnings.length > 0) throw new Error(`service worker: ${warnings.join('; ')}`);
  return { count, size };
}

export function serviceWorker(): AstroIntegration {
  return {
    name: 'stagecraft:service-worker',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const dist = fileURLToPath(dir);
        await writeUpdateNotice(dist);
        const { count, size } = await writeServiceWorker(dist);
        logger.info(`${SERVICE_WORKER_FILE} precaches ${count} files (${(size / 1024 / 1024).toFixed(1)} MB) for offline use`);
      },
    },
  };
}
