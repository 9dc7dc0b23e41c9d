// Helpers of the room server's tests: a built-site root holding the room catalog (made from
// content/ here, so the tests need no `npm run build`), servers on free loopback ports, JSON
// requests, an event-stream reader, and a fresh PostgreSQL database per test file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { catalogFromContent } from '../../src/build/rooms/catalog-content.ts';
import { CATALOG_PATH, type RoomCatalog } from '../../src/lib/rooms/catalog.ts';

let catalog: RoomCatalog | null = null;

/** The room catalog of the course as the build writes it (lesson slugs stand in for titles). */
export function courseCatalog(): RoomCatalog {
  catalog ??= catalogFromContent();
  return catalog;
}

/** A temporary folder, removed by the returned function. */
export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `stagecraft-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A site root with an index page and the room catalog. */
export function siteRoot(dir: string): string {
  const root = join(dir, 'site');
  mkdirSync(join(root, 'workshops', 'rooms'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>test</title>');
  writeFileSync(join(root, CATALOG_PATH), JSON.stringify(courseCatalog()));
  return root;
}

/** Question ids of one quiz, for a room. */
export function quizQuestions(quiz: string): string[] {
  const found = courseCatalog().quizzes.find((q) => q.id === quiz);
  if (!found) throw new Error(`no quiz ${quiz}`);
  return found.questions;
}

export { openStream, request, type EventStream, type StreamEvent } from '../../scripts/rooms-client.ts';
import type { StreamEvent } from '../../scripts/rooms-client.ts';

/** The parsed view of a 'view' event. */
// The tests read fields of either role's view (host or player) from the JSON without narrowing it first.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export function view<T = Record<string, any>>(event: StreamEvent): T {
  return JSON.parse(event.data) as T;
}

/**
 * The PostgreSQL server the tests use (.ci/postgres.sh sets STAGECRAFT_TEST_POSTGRES). In CI
 * its absence is a failure, never a skip; on a developer's machine without it, the PostgreSQL
 * tests are skipped with the reason.
 */
export const POSTGRES_URL = process.env['STAGECRAFT_TEST_POSTGRES'] || null;
export const POSTGRES_SKIP_REASON = 'STAGECRAFT_TEST_POSTGRES is not set: run `source .ci/postgres.sh` to start a PostgreSQL server for these tests';

/** A new, empty database on the test server, and a function that drops it. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!POSTGRES_URL) throw new Error(POSTGRES_SKIP_REASON);
  const name = `stagecraft_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
