// A small static file server for the built site, with the production security headers
// (src/security-headers.ts). `npm start` uses it after `astro build`; the end-to-end tests
// start it on a free loopback port (tests/e2e/global-setup.ts).
//
//   node scripts/serve.ts [--port 4321] [--host 127.0.0.1] [--root dist]
//
// PORT and HOST in the environment work too (flags win). --port 0 picks a free port.
// It serves GET and HEAD only, maps /path/ to /path/index.html (and /path to /path/ by a
// redirect when that is a directory), answers 404 with dist/404.html when the site has one,
// and never serves anything outside the root (no `..`, no symbolic links out). Text files
// go out compressed when the browser accepts it (scripts/compression.ts).
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { responseHeaders } from '../src/security-headers.ts';
import { encodedFile, encodingHeaders } from './compression.ts';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
};

export interface ServeOptions {
  /** The directory to serve (default: dist/ of this project). */
  root?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Called once per request after the response is sent (tests use it). */
  onRequest?: (method: string, url: string, status: number) => void;
  /**
   * Asked first for every request (the room API, src/server/start.ts): resolves true when it
   * answered the request itself, false to let the static site serve it.
   */
  routes?: (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;
}

export interface RunningServer {
  server: Server;
  /** e.g. http://127.0.0.1:43817 (no trailing slash). */
  url: string;
  port: number;
  close(): Promise<void>;
}

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

async function fileAt(path: string): Promise<{ path: string; size: number } | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? { path, size: info.size } : null;
  } catch {
    return null;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function send(response: ServerResponse, status: number, pathname: string, extra: Record<string, string | number>, body?: string): void {
  for (const [name, value] of responseHeaders(pathname)) response.setHeader(name, value);
  for (const [name, value] of Object.entries(extra)) response.setHeader(name, value);
  response.statusCode = status;
  response.end(body);
}

async function handle(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const method = request.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    send(response, 405, '/', { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, 'Method not allowed\n');
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  } catch {
    send(response, 400, '/', { 'Content-Type': 'text/plain; charset=utf-8' }, 'Bad request\n');
    return;
  }
  if (pathname.includes('\0') || pathname.split('/').includes('..')) {
    send(response, 400, '/', { 'Content-Type': 'text/plain; charset=utf-8' }, 'Bad request\n');
    return;
  }

  const target = join(root, pathname);
  let found = pathname.endsWith('/') ? await fileAt(join(target, 'index.html')) : await fileAt(target);
  if (!found && !pathname.endsWith('/') && (await isDirectory(target)) && (await fileAt(join(target, 'index.html')))) {
    const query = new URL(request.url ?? '/', 'http://localhost').search;
    send(response, 301, pathname, { Location: `${encodeURI(pathname)}/${query}`, 'Content-Type': 'text/plain; charset=utf-8' }, 'Moved\n');
    return;
  }
  if (found) {
    // Refuse files that are (or sit behind) a symbolic link leading out of the root.
    const real = await realpath(found.path);
    if (real !== root && !real.startsWith(root + sep)) found = null;
  }

  let status = 200;
  if (!found) {
    status = 404;
    found = await fileAt(join(root, '404.html'));
    if (!found) {
      send(response, 404, pathname, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not found\n');
      return;
    }
  }

  const type = MIME_TYPES[extname(found.path).toLowerCase()] ?? 'application/octet-stream';
  // Brotli or gzip when the browser takes it (scripts/compression.ts).
  const encoded = await encodedFile(found.path, type, request.headers['accept-encoding']);
  const headers = { 'Content-Type': type, 'Content-Length': encoded?.body.length ?? found.size, ...encodingHeaders(type, encoded) };
  if (method === 'HEAD') {
    send(response, status, pathname, headers);
    return;
  }
  for (const [name, value] of responseHeaders(pathname)) response.setHeader(name, value);
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response.statusCode = status;
  if (encoded) {
    response.end(encoded.body);
    return;
  }
  const stream = createReadStream(found.path);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

/** Starts serving; resolves once the server listens. */
export async function serve(options: ServeOptions = {}): Promise<RunningServer> {
  const wanted = resolve(options.root ?? join(PROJECT_ROOT, 'dist'));
  if (!(await isDirectory(wanted))) throw new Error(`${wanted} is not a directory: build the site first (npm run build)`);
  const root = await realpath(wanted);
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    response.on('finish', () => options.onRequest?.(request.method ?? 'GET', request.url ?? '/', response.statusCode));
    const routed = options.routes ? options.routes(request, response) : Promise.resolve(false);
    routed
      .then((answered) => (answered ? undefined : handle(root, request, response)))
      .catch(() => {
        if (!response.headersSent) send(response, 500, '/', { 'Content-Type': 'text/plain; charset=utf-8' }, 'Internal error\n');
        else response.destroy();
      });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    server,
    port,
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

function parseArgs(argv: string[]): { port: number; host: string; root: string | undefined } {
  let port = Number(process.env['PORT'] ?? 4321);
  let host = process.env['HOST'] ?? '127.0.0.1';
  let root: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === '--port' || flag === '-p') port = Number(value());
    else if (flag === '--host') host = value();
    else if (flag === '--root') root = value();
    else if (flag === '--help' || flag === '-h') {
      console.log('usage: node scripts/serve.ts [--port 4321] [--host 127.0.0.1] [--root dist]');
      process.exit(0);
    } else throw new Error(`unknown argument ${arg} (try --help)`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0…65535, got ${port}`);
  return { port, host, root };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const args = parseArgs(process.argv.slice(2));
    const running = await serve(args);
    const local = args.host === '127.0.0.1' || args.host === 'localhost' ? `http://localhost:${running.port}` : running.url;
    console.log(`Serving ${args.root ?? 'dist'} with the production headers on ${local}/  (Ctrl+C to stop)`);
    const stop = (): void => {
      void running.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    console.error(`serve: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
