// scripts/serve.ts, the static server behind `npm start` and the end-to-end tests: the
// production headers on every answer, directory pages, 404s, and nothing outside its root.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../../scripts/serve.ts';
import { SECURITY_HEADERS } from '../../src/security-headers.ts';

let dir: string;
let site: string;
let server: RunningServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stagecraft-serve-'));
  site = join(dir, 'site');
  await mkdir(join(site, 'lessons', 'one'), { recursive: true });
  await mkdir(join(site, '_astro'));
  await writeFile(join(site, 'index.html'), '<!doctype html><title>home</title>');
  await writeFile(join(site, 'lessons', 'one', 'index.html'), '<!doctype html><title>one</title>');
  await writeFile(join(site, '_astro', 'app.abc123.js'), 'export {};');
  await writeFile(join(dir, 'secret.txt'), 'not for the web');
  await symlink(join(dir, 'secret.txt'), join(site, 'link.txt'));
  server = await serve({ root: site, port: 0 });
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A raw request (fetch would normalise `..` away before sending it). */
function get(path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('scripts/serve.ts', () => {
  it('listens on a free loopback port when asked for port 0', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('serves pages with every security header and the right type', async () => {
    for (const path of ['/', '/lessons/one/']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-cache');
      for (const [name, value] of SECURITY_HEADERS) expect(response.headers[name.toLowerCase()], name).toBe(value);
    }
  });

  it('caches hashed assets for a year, as JavaScript', async () => {
    const response = await get('/_astro/app.abc123.js');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toContain('immutable');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('redirects a directory without its slash, keeping the query', async () => {
    const response = await get('/lessons/one?seed=3');
    expect(response.status).toBe(301);
    expect(response.headers['location']).toBe('/lessons/one/?seed=3');
  });

  it('answers 404 with the headers, and HEAD without a body', async () => {
    const missing = await get('/nope/');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-security-policy']).toBeDefined();
    const head = await get('/', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
  });

  it('refuses other methods', async () => {
    expect((await get('/', 'POST')).status).toBe(405);
  });

  it('serves nothing outside its root: no .., no encoded .., no symbolic link out', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/lessons/%2E%2E/%2E%2E/secret.txt', '/link.txt', '/%00']) {
      const response = await get(path);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.body, path).not.toContain('not for the web');
    }
  });
});
