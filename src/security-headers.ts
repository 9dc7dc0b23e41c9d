// The HTTP response headers the site is served with: the one source of truth for
// scripts/serve.ts (`npm start`, the end-to-end tests), public/_headers (Netlify,
// Cloudflare Pages) and the nginx snippet in docs/hosting.md. tests/scripts/security-headers
// .test.ts fails when public/_headers or docs/hosting.md no longer say what this file says;
// `node scripts/write-headers.ts` rewrites both.
//
// The Content-Security-Policy allows only the site's own files: no inline script, no inline
// style (not even style="…" attributes: code highlighting uses classes, see
// src/build/code-transformers.ts), no JavaScript eval, no plug-ins, no framing. The site has no
// third-party resources; a new one must be added here on purpose.
//
// One exception, scoped to the pages that embed the stage runner (ISOLATED_PATHS): they run
// Node.js in the page with WebContainer (src/runner/sandbox-webcontainer.ts), which needs the
// page cross-origin isolated (Cross-Origin-Embedder-Policy on top of the site-wide
// Cross-Origin-Opener-Policy) and allowed to frame StackBlitz's runtime and the preview of
// the server it runs. Every other page keeps the plain policy.
//
// Pure TypeScript without Node APIs, so it can be imported anywhere.

/** Content-Security-Policy directives, in the order they are written. */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [directive: string, ...sources: string[]]> = [
  ['default-src', "'self'"],
  // 'wasm-unsafe-eval' lets the search (Pagefind) compile its WebAssembly; it allows no
  // JavaScript eval and no inline script.
  ['script-src', "'self'", "'wasm-unsafe-eval'"],
  ['style-src', "'self'"],
  ['img-src', "'self'", 'data:'],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['worker-src', "'self'"],
  ['manifest-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'self'"],
  ['frame-ancestors', "'none'"],
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map((parts) => parts.join(' ')).join('; ');

/** Powerful features the site never uses, switched off for it and anything it could embed. */
const DISABLED_FEATURES = ['accelerometer', 'camera', 'geolocation', 'gyroscope', 'magnetometer', 'microphone', 'payment', 'usb'];

/** Headers for every response, in the order they are written. */
export const SECURITY_HEADERS: ReadonlyArray<readonly [name: string, value: string]> = [
  ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['Permissions-Policy', DISABLED_FEATURES.map((feature) => `${feature}=()`).join(', ')],
  // frame-ancestors above is the modern form; X-Frame-Options covers older browsers.
  ['X-Frame-Options', 'DENY'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
];

/** Files under /_astro/ have a content hash in their name: they never change. */
export const IMMUTABLE_PREFIX = '/_astro/';
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** Everything else (HTML, theme-init.js, the favicon) is revalidated on each visit. */
export const DEFAULT_CACHE_CONTROL = 'no-cache';

/**
 * The pages that embed the stage runner (src/components/runner/): the lessons whose exercise
 * runs on Node images. Declared, not computed, so static hosts can be given the list;
 * tests/runner-ui/runner-pages.test.ts fails when it no longer matches the lessons.
 */
export const ISOLATED_PATHS: readonly string[] = [
  '/lessons/advanced-builds/',
  '/lessons/capstone/',
  '/lessons/debugging-stage/',
  '/lessons/lean-production-images/',
  '/lessons/local-development-with-compose/',
  '/lessons/named-stages-and-target/',
  '/lessons/pitfalls/',
  '/lessons/sharing-steps/',
];

/** True for a runner page, asked for as `/lessons/x/` or `/lessons/x/index.html`. */
export function isIsolatedPath(pathname: string): boolean {
  const page = pathname.endsWith('/index.html') ? pathname.slice(0, -'index.html'.length) : pathname;
  return ISOLATED_PATHS.includes(page);
}

/**
 * What WebContainer frames: its runtime (StackBlitz's headless page, which loads the rest
 * inside itself) and the preview of a server it runs (`https://<id>--<port>--<hash>.local-corp
 * .webcontainer-api.io`). Nothing else: it talks to its frame by postMessage, so connect-src
 * and script-src stay 'self'.
 */
export const WEBCONTAINER_FRAME_SOURCES: readonly string[] = ['https://stackblitz.com/headless', 'https://*.webcontainer-api.io'];

/** The policy of a runner page: the site's, plus frame-src for WebContainer's frames. */
export const RUNNER_CSP_DIRECTIVES: ReadonlyArray<readonly [directive: string, ...sources: string[]]> = CSP_DIRECTIVES.flatMap((parts) =>
  parts[0] === 'connect-src' ? [parts, ['frame-src', ...WEBCONTAINER_FRAME_SOURCES] as const] : [parts],
);

export const RUNNER_CONTENT_SECURITY_POLICY = RUNNER_CSP_DIRECTIVES.map((parts) => parts.join(' ')).join('; ');

/**
 * Cross-origin isolation for the runner pages: with the site-wide COOP same-origin, COEP
 * require-corp gives them SharedArrayBuffer. require-corp (not credentialless) because every
 * browser that runs WebContainer supports it, and the page loads nothing from other origins
 * but frames, which WebContainer serves with the matching headers.
 */
export const ISOLATION_HEADERS: ReadonlyArray<readonly [name: string, value: string]> = [['Cross-Origin-Embedder-Policy', 'require-corp']];

/** Headers for a runner page: every security header, its own policy, and isolation. */
export const RUNNER_PAGE_HEADERS: ReadonlyArray<readonly [name: string, value: string]> = [
  ...SECURITY_HEADERS.map(([name, value]) => [name, name === 'Content-Security-Policy' ? RUNNER_CONTENT_SECURITY_POLICY : value] as const),
  ...ISOLATION_HEADERS,
];

/** The security headers for a response to `pathname`. */
export function securityHeaders(pathname: string): ReadonlyArray<readonly [name: string, value: string]> {
  return isIsolatedPath(pathname) ? RUNNER_PAGE_HEADERS : SECURITY_HEADERS;
}

/** The headers for a response to `pathname` (security headers and caching). */
export function responseHeaders(pathname: string): Array<[string, string]> {
  const cache = pathname.startsWith(IMMUTABLE_PREFIX) ? IMMUTABLE_CACHE_CONTROL : DEFAULT_CACHE_CONTROL;
  return [...securityHeaders(pathname).map(([name, value]): [string, string] => [name, value]), ['Cache-Control', cache]];
}

/**
 * The headers `npm run dev` adds (src/integrations/isolation-headers.ts): isolation on the
 * runner pages only. The dev server sends no Content-Security-Policy (Vite's client injects
 * inline scripts and styles), so there is none to widen.
 */
export function devServerHeaders(pathname: string): Array<[string, string]> {
  if (!isIsolatedPath(pathname)) return [];
  const coop = SECURITY_HEADERS.filter(([name]) => name === 'Cross-Origin-Opener-Policy' || name === 'Cross-Origin-Resource-Policy');
  return [...coop, ...ISOLATION_HEADERS].map(([name, value]): [string, string] => [name, value]);
}

const GENERATED = 'Generated from src/security-headers.ts by `node scripts/write-headers.ts`; do not edit by hand.';

/**
 * public/_headers: the Netlify / Cloudflare Pages syntax. Both hosts combine the headers of
 * every rule a path matches (joining repeated names with commas), so Cache-Control appears
 * in the /_astro/* rule only; the hosts' default for other files already revalidates.
 *
 * The same joining makes a per-page Content-Security-Policy impossible there: a second policy
 * for a runner page would be enforced together with the site-wide one, which forbids its
 * frames. So on these hosts every page gets the runner pages' policy (frame-src for
 * WebContainer's two origins, nothing else), and only the runner pages get COEP.
 */
export function netlifyHeadersFile(): string {
  const lines = [`# ${GENERATED}`, '/*'];
  for (const [name, value] of SECURITY_HEADERS) lines.push(`  ${name}: ${name === 'Content-Security-Policy' ? RUNNER_CONTENT_SECURITY_POLICY : value}`);
  lines.push(`${IMMUTABLE_PREFIX}*`, `  Cache-Control: ${IMMUTABLE_CACHE_CONTROL}`);
  lines.push("# The stage runner's pages: cross-origin isolated for WebContainer.");
  for (const path of ISOLATED_PATHS.flatMap((page) => [page, `${page}index.html`])) {
    lines.push(path);
    for (const [name, value] of ISOLATION_HEADERS) lines.push(`  ${name}: ${value}`);
  }
  return `${lines.join('\n')}\n`;
}

const quote = (value: string) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

/** nginx `add_header` lines for `headers` and a Cache-Control, at `indent`. */
export function nginxHeaderLines(indent: string, headers: ReadonlyArray<readonly [string, string]>, cache: string): string[] {
  return [
    ...headers.map(([name, value]) => `${indent}add_header ${name} ${quote(value)} always;`),
    `${indent}add_header Cache-Control ${quote(cache)} always;`,
  ];
}

/** The regular expression of an nginx location matching the runner pages (`/x/` and `/x/index.html`). */
export function isolatedLocationPattern(): string {
  const escape = (path: string) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return `^(?:${ISOLATED_PATHS.map(escape).join('|')})(?:index\\.html)?$`;
}

/**
 * An nginx location block for the runner pages (used by nginxSnippet() and the production
 * image's scripts/nginx-conf.ts): their own policy and COEP.
 */
export function nginxIsolatedLocation(indent: string): string[] {
  return [
    `${indent}# The stage runner's pages: cross-origin isolated for WebContainer, allowed to frame it.`,
    `${indent}location ~ ${isolatedLocationPattern()} {`,
    ...nginxHeaderLines(`${indent}    `, RUNNER_PAGE_HEADERS, DEFAULT_CACHE_CONTROL),
    `${indent}    try_files $uri $uri/index.html =404;`,
    `${indent}}`,
  ];
}

/** The types served compressed, by `npm start` (scripts/compression.ts) and by nginx
 *  (below); images, fonts and Pagefind's chunks are compressed already. */
export const COMPRESSIBLE_TYPES: readonly string[] = [
  'text/html',
  'text/css',
  'text/javascript',
  'text/plain',
  'application/json',
  'application/xml',
  'application/manifest+json',
  'image/svg+xml',
  'application/wasm',
];

/** nginx compression: gzip (built in), and brotli once Debian's modules are installed. */
export function nginxCompressionLines(indent: string): string[] {
  // nginx always gzips text/html, and refuses it in gzip_types as a duplicate.
  const types = COMPRESSIBLE_TYPES.filter((type) => type !== 'text/html').join(' ');
  return [
    `${indent}# Compressed responses, negotiated with Accept-Encoding (Vary tells caches).`,
    `${indent}gzip on;`,
    `${indent}gzip_vary on;`,
    `${indent}gzip_comp_level 6;`,
    `${indent}gzip_min_length 1024;`,
    `${indent}gzip_types ${types};`,
    `${indent}# Brotli (a fifth smaller again): apt-get install libnginx-mod-http-brotli-filter, then uncomment.`,
    `${indent}# brotli on;`,
    `${indent}# brotli_comp_level 6;`,
    `${indent}# brotli_min_length 1024;`,
    `${indent}# brotli_types ${types};`,
  ];
}

/** The nginx configuration docs/hosting.md shows (between its BEGIN/END markers). */
export function nginxSnippet(): string {
  return [
    `# ${GENERATED}`,
    'server {',
    '    listen 80;',
    '    server_name stagecraft.example;',
    '    root /srv/stagecraft/dist;',
    '',
    ...nginxCompressionLines('    '),
    '',
    ...nginxHeaderLines('    ', SECURITY_HEADERS, DEFAULT_CACHE_CONTROL),
    '',
    '    location / {',
    '        try_files $uri $uri/index.html $uri.html =404;',
    '    }',
    '',
    '    # add_header in a location replaces every add_header of the server: repeat them.',
    `    location ${IMMUTABLE_PREFIX} {`,
    ...nginxHeaderLines('        ', SECURITY_HEADERS, IMMUTABLE_CACHE_CONTROL),
    '    }',
    '',
    ...nginxIsolatedLocation('    '),
    '}',
  ].join('\n');
}
