// Compressed responses from scripts/serve.ts (scripts/compression.ts): brotli or gzip as the
// browser asks, the same bytes once decoded, Vary on every type that may be compressed, and
// files that gain nothing (images, tiny files) left alone. The nginx configuration of the
// docs compresses the same types.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { negotiate } from '../../scripts/compression.ts';
import { serve, type RunningServer } from '../../scripts/serve.ts';
import { COMPRESSIBLE_TYPES, nginxSnippet } from '../../src/security-headers.ts';

let dir: string;
let server: RunningServer;
const PAGE = `<!doctype html><title>lesson</title>${'<p>FROM node:22 AS build — a multi-stage lesson paragraph.</p>\n'.repeat(200)}`;
const PNG = Buffer.alloc(4096, 7);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stagecraft-compress-'));
  await mkdir(join(dir, 'lessons', 'one'), { recursive: true });
  await writeFile(join(dir, 'lessons', 'one', 'index.html'), PAGE);
  await writeFile(join(dir, 'tiny.css'), 'a{color:red}');
  await writeFile(join(dir, 'picture.png'), PNG);
  server = await serve({ root: dir, port: 0 });
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

function get(
  path: string,
  acceptEncoding: string | null,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === null ? {} : { 'Accept-Encoding': acceptEncoding };
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('compressed responses', () => {
  it('sends brotli to a browser that takes it, and the page decodes to the same bytes', async () => {
    const res = await get('/lessons/one/', 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['vary']).toBe('Accept-Encoding');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(PAGE.length / 5);
    expect(brotliDecompressSync(res.body).toString('utf8')).toBe(PAGE);
  });

  it('sends gzip when brotli is not accepted', async () => {
    const res = await get('/lessons/one/index.html', 'gzip, br;q=0');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.body).toString('utf8')).toBe(PAGE);
  });

  it('sends the file as it is without Accept-Encoding, still saying that the answer varies', async () => {
    const res = await get('/lessons/one/', null);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['vary']).toBe('Accept-Encoding');
    expect(res.body.toString('utf8')).toBe(PAGE);
  });

  it('answers HEAD with the headers of the compressed answer', async () => {
    const head = await get('/lessons/one/', 'br', 'HEAD');
    const full = await get('/lessons/one/', 'br');
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.headers['content-length']).toBe(full.headers['content-length']);
    expect(head.body.length).toBe(0);
  });

  it('leaves images and tiny files alone', async () => {
    const png = await get('/picture.png', 'br, gzip');
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.headers['vary']).toBeUndefined();
    expect(png.body.equals(PNG)).toBe(true);
    const tiny = await get('/tiny.css', 'br, gzip');
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString('utf8')).toBe('a{color:red}');
  });

  it('compresses a file again once it changed', async () => {
    const path = join(dir, 'lessons', 'one', 'index.html');
    const changed = PAGE.replace('lesson', 'changed lesson');
    await writeFile(path, changed);
    const res = await get('/lessons/one/', 'br');
    expect(brotliDecompressSync(res.body).toString('utf8')).toBe(changed);
    await writeFile(path, PAGE);
  });
});

describe('Accept-Encoding negotiation', () => {
  it.each([
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['gzip, br', 'br'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['br;q=0, gzip;q=0', null],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['identity', null],
    ['', null],
    ['BR', 'br'],
  ] as const)('%j → %s', (header, expected) => {
    expect(negotiate(header)).toBe(expected);
  });
});

it('nginx compresses the same types as npm start', () => {
  const snippet = nginxSnippet();
  expect(snippet).toMatch(/^\s*gzip on;$/m);
  expect(snippet).toMatch(/^\s*gzip_vary on;$/m);
  const types = /gzip_types ([^;]+);/.exec(snippet)![1]!.split(' ');
  // nginx compresses text/html always (and rejects it in gzip_types).
  expect(['text/html', ...types].sort()).toEqual([...COMPRESSIBLE_TYPES].sort());
});
