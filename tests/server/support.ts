// Helpers of the room server's tests: a built-site root holding the room catalog (made from
// content/ here, so the tests need no `npm run build`), servers on free loopback ports, JSON
// requests, an event-stream reader, and a fresh PostgreSQL database per test file.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadExercises } from '../../src/lib/exercises/load.ts';
import { loadQuiz } from '../../src/lib/quiz/load.ts';
import { buildCatalog } from '../../src/lib/rooms/catalog-build.ts';
import { CATALOG_PATH, type RoomCatalog } from '../../src/lib/rooms/catalog.ts';

let catalog: RoomCatalog | null = null;

/** The room catalog of the course as the build writes it (lesson slugs stand in for titles). */
export function courseCatalog(): RoomCatalog {
  if (catalog) return catalog;
  const dir = join(process.cwd(), 'content', 'quizzes');
  const quizzes = readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => loadQuiz(name.slice(0, -'.yaml'.length), readFileSync(join(dir, name), 'utf8')));
  catalog = buildCatalog(quizzes, loadExercises(), new Map());
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

export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: IncomingMessage['headers'];
}

/** One HTTP request with a JSON body (or a raw string body), on a fresh connection. */
export function request<T = Record<string, unknown>>(
  base: string,
  path: string,
  options: { method?: string; body?: unknown; raw?: string; token?: string; headers?: Record<string, string> } = {},
): Promise<JsonResponse<T>> {
  const url = new URL(path, base);
  const payload = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string> = { ...(payload !== undefined ? { 'Content-Type': 'application/json' } : {}), ...options.headers };
  if (options.token) headers['Authorization'] = `Bearer ${options.token}`;
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? (payload === undefined ? 'GET' : 'POST'), headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        if ((res.headers['content-type'] ?? '').includes('json')) body = text === '' ? null : JSON.parse(text);
        resolve({ status: res.statusCode ?? 0, body: body as T, headers: res.headers });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export interface StreamEvent {
  id: string | null;
  event: string;
  data: string;
}

/**
 * An open event stream: `next(predicate)` resolves with the first event (already received
 * or coming) that matches, or rejects after `timeout` ms.
 */
export interface EventStream {
  status: number;
  events: StreamEvent[];
  next(predicate: (event: StreamEvent) => boolean, timeout?: number): Promise<StreamEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export function openStream(base: string, path: string, cookieHeader: string, lastEventId?: string): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Accept: 'text/event-stream', Cookie: cookieHeader };
    if (lastEventId) headers['Last-Event-ID'] = lastEventId;
    const req = httpRequest(new URL(path, base), { headers, agent: false }, (res) => {
      const events: StreamEvent[] = [];
      const waiters = new Set<{ predicate: (event: StreamEvent) => boolean; resolve: (event: StreamEvent) => void }>();
      let buffer = '';
      let endResolve: () => void = () => {};
      const ended = new Promise<void>((r) => (endResolve = r));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let split: number;
        while ((split = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          const event: StreamEvent = { id: null, event: 'message', data: '' };
          let hasData = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':') || line === '') continue;
            const colon = line.indexOf(':');
            const name = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (name === 'id') event.id = value;
            else if (name === 'event') event.event = value;
            else if (name === 'data') {
              event.data += (hasData ? '\n' : '') + value;
              hasData = true;
            }
          }
          if (!hasData) continue;
          events.push(event);
          for (const waiter of [...waiters]) {
            if (waiter.predicate(event)) {
              waiters.delete(waiter);
              waiter.resolve(event);
            }
          }
        }
      });
      res.on('end', () => endResolve());
      res.on('close', () => endResolve());
      res.on('error', () => endResolve());
      resolve({
        status: res.statusCode ?? 0,
        events,
        ended,
        next(predicate, timeout = 10_000) {
          const found = events.find(predicate);
          if (found) return Promise.resolve(found);
          return new Promise((resolveNext, rejectNext) => {
            const waiter = { predicate, resolve: (event: StreamEvent) => { clearTimeout(timer); resolveNext(event); } };
            const timer = setTimeout(() => {
              waiters.delete(waiter);
              rejectNext(new Error(`no matching event within ${timeout} ms (got ${events.length}: ${events.map((e) => e.event).join(', ')})`));
            }, timeout);
            waiters.add(waiter);
          });
        },
        close() {
          req.destroy();
          res.destroy();
        },
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** The parsed view of a 'view' event. */
export function view<T = Record<string, any>>(event: StreamEvent): T {
  return JSON.parse(event.data) as T;
}

/**
 * The PostgreSQL server the tests use (.ci/postgres.sh sets STAGECRAFT_TEST_POSTGRES). In CI
 * its absence is a failure, never a skip; on a developer's machine without it, the PostgreSQL
 * tests are skipped with the reason.
 */
export const POSTGRES_URL = process.env['STAGECRAFT_TEST_POSTGRES'] ?? null;
export const POSTGRES_SKIP_REASON = 'STAGECRAFT_TEST_POSTGRES is not set: run `source .ci/postgres.sh` to start a PostgreSQL server for these tests';

export function requirePostgresInCi(): void {
  if (!POSTGRES_URL && process.env['CI']) throw new Error(`CI must run the PostgreSQL tests, but ${POSTGRES_SKIP_REASON}`);
}

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
