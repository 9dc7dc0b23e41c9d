// scripts/page-weight.ts counts the cache goals' chunk (src/exercises/cache-goals.ts) only on
// the pages that load it: a lesson whose embedded exercise has cache goals, or a page that
// cannot know (a live room). Measured on a small built site in a temporary directory.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { measurePages } from '../../scripts/page-weight.ts';

const dist = mkdtempSync(join(tmpdir(), 'page-weight-'));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const page = (path: string, body: string) => {
  mkdirSync(join(dist, path), { recursive: true });
  writeFileSync(join(dist, path, 'index.html'), `<html><body>${body}<script type="module" src="/_astro/workbench.js"></script></body></html>`);
};
mkdirSync(join(dist, '_astro'), { recursive: true });
writeFileSync(join(dist, '_astro', 'workbench.js'), 'import("./app.js");import("./cache-goals.X1.js");');
writeFileSync(join(dist, '_astro', 'app.js'), `export const app = ${JSON.stringify('a'.repeat(50))};`);
writeFileSync(join(dist, '_astro', 'cache-goals.X1.js'), `export const c = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `k${i * 7919}`).join())};`);
const data = (kinds: string[]) =>
  `<dockerfile-workbench><script type="application/json" data-workbench-data>{"goals":[${kinds.map((k) => `{"kind":"${k}"}`).join()}]}</script></dockerfile-workbench>`;
page('lessons/plain', data(['builds']));
page('lessons/cache', data(['builds', 'cache-keeps']));
page('workshops/join', '<room-join></room-join>');

describe('page weight with content chunks', () => {
  const rows = new Map(measurePages(dist).map((row) => [row.page, row]));

  it('leaves the cache goals out of a lesson whose exercise has none', () => {
    expect(rows.get('/lessons/plain/')!.lazyFiles).toBe(1);
  });

  it('counts them on a lesson whose exercise has cache goals, and on a page that cannot know', () => {
    expect(rows.get('/lessons/cache/')!.lazyFiles).toBe(2);
    expect(rows.get('/workshops/join/')!.lazyFiles).toBe(2);
    expect(rows.get('/lessons/cache/')!.lazy).toBeGreaterThan(rows.get('/lessons/plain/')!.lazy);
  });
});
