// src/integrations/service-worker.ts: what the build's service worker precaches and how a
// page's revision follows its headers. The worker itself runs in tests/e2e/offline.e2e.ts.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pagePath, revisionWithHeaders, writeServiceWorker } from '../../src/integrations/service-worker.ts';
import { ISOLATED_PATHS } from '../../src/security-headers.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const PAGEFIND_FILES = [
  'pagefind/pagefind-ui.js',
  'pagefind/pagefind-ui.css',
  'pagefind/pagefind.js',
  'pagefind/pagefind-worker.js',
  'pagefind/pagefind-entry.json',
  'pagefind/pagefind.en_1.pf_meta',
  'pagefind/wasm.en.pagefind',
  'pagefind/index/en_1.pf_index',
  'pagefind/fragment/en_1.pf_fragment',
];

/** A tiny build: two pages, a hashed script, the room catalog and a hosts' header file. */
function fakeBuild(): string {
  const dist = mkdtempSync(join(tmpdir(), 'stagecraft-sw-'));
  dirs.push(dist);
  for (const [file, text] of Object.entries({
    'index.html': '<h1>Home</h1>',
    'lessons/what-is-a-stage/index.html': '<h1>Stages</h1>',
    '_astro/app.abc123.js': 'console.log(1)',
    'theme-init.js': '',
    'favicon.svg': '<svg/>',
    'update-notice.js': '',
    'review/questions.json': '{}',
    'workshops/rooms/catalog.json': '{}',
    _headers: '/*\n  X: y',
    ...Object.fromEntries(PAGEFIND_FILES.map((file) => [file, 'x'])),
  })) {
    mkdirSync(join(dist, file, '..'), { recursive: true });
    writeFileSync(join(dist, file), text);
  }
  return dist;
}

function manifestOf(dist: string): Array<{ url: string; revision: string | null }> {
  const worker = readFileSync(join(dist, 'sw.js'), 'utf8');
  return [...worker.matchAll(/\{url:"([^"]+)",revision:(?:"([^"]*)"|null)\}/g)].map((m) => ({ url: m[1]!, revision: m[2] ?? null }));
}

describe('the service worker build', () => {
  it('maps a precached page file to the path it is served at', () => {
    expect(pagePath('index.html')).toBe('/');
    expect(pagePath('lessons/x/index.html')).toBe('/lessons/x/');
    expect(pagePath('404.html')).toBe('/404.html');
  });

  it('gives a runner page (other headers) a different revision from the same text on a plain page', async () => {
    const runner = `${ISOLATED_PATHS[0]!.slice(1)}index.html`;
    const { manifest } = await revisionWithHeaders([
      { url: runner, revision: 'same', size: 1 },
      { url: 'lessons/what-is-a-stage/index.html', revision: 'same', size: 1 },
      { url: '_astro/a.js', revision: null, size: 1 },
    ]);
    expect(manifest[0]!.revision).not.toBe(manifest[1]!.revision);
    expect(manifest[0]!.revision).not.toBe('same');
    expect(manifest[2]!.revision).toBeNull();
  });

  it('precaches pages and assets, never the room catalog, the header file or itself, and changes with a page', async () => {
    const dist = fakeBuild();
    await writeServiceWorker(dist);
    const first = manifestOf(dist);
    expect(first.map((entry) => entry.url).sort()).toEqual(
      [
        '_astro/app.abc123.js',
        'favicon.svg',
        'index.html',
        'lessons/what-is-a-stage/index.html',
        // The review's question bank, so /progress asks the questions due offline too.
        'review/questions.json',
        ...PAGEFIND_FILES,
        'theme-init.js',
        'update-notice.js',
      ].sort(),
    );
    // Hashed names are their own revision.
    expect(first.find((entry) => entry.url.startsWith('_astro/'))!.revision).toBeNull();
    // The worker waits for the next visit (no skipWaiting call at install) and listens for the notice's SKIP_WAITING.
    const worker = readFileSync(join(dist, 'sw.js'), 'utf8');
    expect(worker).toContain('SKIP_WAITING');

    writeFileSync(join(dist, 'index.html'), '<h1>Home, second build</h1>');
    await writeServiceWorker(dist);
    const second = manifestOf(dist);
    const revision = (list: typeof first, url: string) => list.find((entry) => entry.url === url)!.revision;
    expect(revision(second, 'index.html')).not.toBe(revision(first, 'index.html'));
    expect(revision(second, 'lessons/what-is-a-stage/index.html')).toBe(revision(first, 'lessons/what-is-a-stage/index.html'));
  }, 60_000);

  it('fails the build rather than write a worker without the search index', async () => {
    const dist = fakeBuild();
    rmSync(join(dist, 'pagefind'), { recursive: true });
    await expect(writeServiceWorker(dist)).rejects.toThrow(/glob patterns doesn't match/);
  }, 60_000);
});
