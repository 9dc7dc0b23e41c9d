// The HTTP response headers the site is served with: the one source of truth for
// scripts/serve.ts (`npm start`, the end-to-end tests), public/_headers (Netlify,
// Cloudflare Pages) and the nginx snippet in docs/hosting.md. tests/site/security-headers
// .test.ts fails when public/_headers or docs/hosting.md no longer say what this file says;
// `node scripts/write-headers.ts` rewrites both.
//
// The Content-Security-Policy allows only the site's own files: no inline script, no inline
// style (not even style="…" attributes: code highlighting uses classes, see
// src/lib/code-transformers.ts), no JavaScript eval, no plug-ins, no framing. The site has no
// third-party resources; a new one must be added here on purpose.
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

/** The headers for a response to `pathname` (security headers and caching). */
export function responseHeaders(pathname: string): Array<[string, string]> {
  const cache = pathname.startsWith(IMMUTABLE_PREFIX) ? IMMUTABLE_CACHE_CONTROL : DEFAULT_CACHE_CONTROL;
  return [...SECURITY_HEADERS.map(([name, value]): [string, string] => [name, value]), ['Cache-Control', cache]];
}

const GENERATED = 'Generated from src/security-headers.ts by `node scripts/write-headers.ts`; do not edit by hand.';

/**
 * public/_headers: the Netlify / Cloudflare Pages syntax. Both hosts combine the headers of
 * every rule a path matches (joining repeated names with commas), so Cache-Control appears
 * in the /_astro/* rule only; the hosts' default for other files already revalidates.
 */
export function netlifyHeadersFile(): string {
  const lines = [`# ${GENERATED}`, '/*'];
  for (const [name, value] of SECURITY_HEADERS) lines.push(`  ${name}: ${value}`);
  lines.push(`${IMMUTABLE_PREFIX}*`, `  Cache-Control: ${IMMUTABLE_CACHE_CONTROL}`);
  return `${lines.join('\n')}\n`;
}

/** The nginx configuration docs/hosting.md shows (between its BEGIN/END markers). */
export function nginxSnippet(): string {
  const quote = (value: string) => `"${value.replaceAll('"', '\\"')}"`;
  const headers = (indent: string) => SECURITY_HEADERS.map(([name, value]) => `${indent}add_header ${name} ${quote(value)} always;`);
  return [
    `# ${GENERATED}`,
    'server {',
    '    listen 80;',
    '    server_name stagecraft.example;',
    '    root /srv/stagecraft/dist;',
    '',
    ...headers('    '),
    `    add_header Cache-Control ${quote(DEFAULT_CACHE_CONTROL)} always;`,
    '',
    '    location / {',
    '        try_files $uri $uri/index.html $uri.html =404;',
    '    }',
    '',
    '    # add_header in a location replaces every add_header of the server: repeat them.',
    `    location ${IMMUTABLE_PREFIX} {`,
    ...headers('        '),
    `        add_header Cache-Control ${quote(IMMUTABLE_CACHE_CONTROL)} always;`,
    '    }',
    '}',
  ].join('\n');
}
