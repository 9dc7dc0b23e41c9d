// One source of truth for the security headers: src/security-headers.ts. public/_headers and
// the nginx snippet in docs/hosting.md are generated from it (node scripts/write-headers.ts);
// this test fails when either is out of date, and checks the policy stays strict.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { HEADERS_FILE, HOSTING_DOC, withNginxSnippet } from '../../scripts/write-headers.ts';
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES, netlifyHeadersFile, responseHeaders, SECURITY_HEADERS } from '../../src/security-headers.ts';

const REGENERATE = 'out of date: run `node scripts/write-headers.ts`';

describe('security headers', () => {
  it('public/_headers says what src/security-headers.ts says', async () => {
    expect(await readFile(HEADERS_FILE, 'utf8'), REGENERATE).toBe(netlifyHeadersFile());
  });

  it('the nginx snippet in docs/hosting.md says what src/security-headers.ts says', async () => {
    const doc = await readFile(HOSTING_DOC, 'utf8');
    expect(withNginxSnippet(doc), REGENERATE).toBe(doc);
    for (const [name, value] of SECURITY_HEADERS) expect(doc).toContain(`add_header ${name} "${value}" always;`);
  });

  it('allows no inline script or style, no eval, no framing', () => {
    const directives = new Map(CSP_DIRECTIVES.map(([name, ...sources]) => [name, sources]));
    for (const name of ['default-src', 'script-src', 'style-src']) {
      const sources = directives.get(name) ?? [];
      expect(sources, name).not.toContain("'unsafe-inline'");
      expect(sources, name).not.toContain("'unsafe-eval'");
      expect(sources.some((source) => source.startsWith("'sha") || source.startsWith("'nonce")), name).toBe(false);
    }
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/\*/);
  });

  it('sends every security header on every response, and caches only hashed assets for long', () => {
    const page = new Map(responseHeaders('/lessons/what-is-a-stage/'));
    const asset = new Map(responseHeaders('/_astro/store.abc123.js'));
    for (const name of ['Content-Security-Policy', 'X-Content-Type-Options', 'Referrer-Policy', 'Permissions-Policy', 'X-Frame-Options', 'Cross-Origin-Opener-Policy']) {
      expect(page.has(name), name).toBe(true);
      expect(asset.get(name), name).toBe(page.get(name));
    }
    expect(page.get('Cache-Control')).toBe('no-cache');
    expect(asset.get('Cache-Control')).toContain('immutable');
  });
});
