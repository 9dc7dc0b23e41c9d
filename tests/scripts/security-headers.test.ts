// One source of truth for the security headers: src/security-headers.ts. public/_headers and
// the nginx snippet in docs/hosting.md are generated from it (node scripts/write-headers.ts);
// this test fails when either is out of date, and checks the policy stays strict.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { HEADERS_FILE, HOSTING_DOC, withNginxSnippet } from '../../scripts/write-headers.ts';
import {
  CONTENT_SECURITY_POLICY,
  CSP_DIRECTIVES,
  devServerHeaders,
  isIsolatedPath,
  ISOLATED_PATHS,
  isolatedLocationPattern,
  netlifyHeadersFile,
  responseHeaders,
  RUNNER_CONTENT_SECURITY_POLICY,
  RUNNER_CSP_DIRECTIVES,
  SECURITY_HEADERS,
  WEBCONTAINER_FRAME_SOURCES,
} from '../../src/security-headers.ts';

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
      expect(
        sources.some((source) => source.startsWith("'sha") || source.startsWith("'nonce")),
        name,
      ).toBe(false);
    }
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/\*/);
  });

  it('sends every security header on every response, and caches only hashed assets for long', () => {
    const page = new Map(responseHeaders('/lessons/what-is-a-stage/'));
    const asset = new Map(responseHeaders('/_astro/store.abc123.js'));
    for (const name of [
      'Content-Security-Policy',
      'X-Content-Type-Options',
      'Referrer-Policy',
      'Permissions-Policy',
      'X-Frame-Options',
      'Cross-Origin-Opener-Policy',
    ]) {
      expect(page.has(name), name).toBe(true);
      expect(asset.get(name), name).toBe(page.get(name));
    }
    expect(page.get('Cache-Control')).toBe('no-cache');
    expect(asset.get('Cache-Control')).toContain('immutable');
  });
});

describe('the stage runner pages (cross-origin isolated for WebContainer)', () => {
  const runnerPage = ISOLATED_PATHS[0]!;

  it('only the runner pages get COEP, as /x/ and /x/index.html', () => {
    expect(ISOLATED_PATHS.length).toBeGreaterThan(0);
    for (const path of ISOLATED_PATHS) {
      expect(path).toMatch(/^\/lessons\/[a-z0-9-]+\/$/);
      for (const asked of [path, `${path}index.html`]) {
        const headers = new Map(responseHeaders(asked));
        expect(headers.get('Cross-Origin-Embedder-Policy'), asked).toBe('require-corp');
        expect(headers.get('Cross-Origin-Opener-Policy'), asked).toBe('same-origin');
        expect(headers.get('Content-Security-Policy'), asked).toBe(RUNNER_CONTENT_SECURITY_POLICY);
      }
    }
    for (const path of ['/', '/rules/', '/lessons/what-is-a-stage/', '/_astro/store.abc123.js', `${runnerPage}other.html`, runnerPage.slice(0, -1)]) {
      const headers = new Map(responseHeaders(path));
      expect(headers.has('Cross-Origin-Embedder-Policy'), path).toBe(false);
      expect(headers.get('Content-Security-Policy'), path).toBe(CONTENT_SECURITY_POLICY);
      expect(isIsolatedPath(path), path).toBe(false);
    }
  });

  it("their policy is the site's plus frame-src for WebContainer, nothing else", () => {
    const site = new Map(CSP_DIRECTIVES.map(([name, ...sources]) => [name, sources]));
    const runner = new Map(RUNNER_CSP_DIRECTIVES.map(([name, ...sources]) => [name, sources]));
    expect(runner.get('frame-src')).toEqual([...WEBCONTAINER_FRAME_SOURCES]);
    for (const [name, sources] of site) expect(runner.get(name), name).toEqual(sources);
    expect([...runner.keys()].filter((name) => !site.has(name))).toEqual(['frame-src']);
    // Exactly one wildcard, for WebContainer's preview hosts, and only https.
    expect(RUNNER_CONTENT_SECURITY_POLICY.match(/\*/g)).toEqual(['*']);
    expect(WEBCONTAINER_FRAME_SOURCES.every((source) => source.startsWith('https://'))).toBe(true);
    expect(RUNNER_CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
  });

  it('the dev server isolates the runner pages only (it sends no CSP)', () => {
    expect(new Map(devServerHeaders(runnerPage))).toEqual(
      new Map([
        ['Cross-Origin-Opener-Policy', 'same-origin'],
        ['Cross-Origin-Resource-Policy', 'same-origin'],
        ['Cross-Origin-Embedder-Policy', 'require-corp'],
      ]),
    );
    expect(devServerHeaders('/rules/')).toEqual([]);
  });

  it('public/_headers gives COEP to the runner pages only (hosts join repeated headers, so the policy is site-wide there)', () => {
    const file = netlifyHeadersFile();
    const rules = file.split('\n').filter((line) => line.startsWith('/'));
    const isolated = rules.filter((rule) => rule !== '/*' && rule !== '/_astro/*');
    expect(isolated).toEqual(ISOLATED_PATHS.flatMap((path) => [path, `${path}index.html`]));
    expect(file.split('Cross-Origin-Embedder-Policy: require-corp').length - 1).toBe(isolated.length);
    expect(file.split('Content-Security-Policy:').length - 1).toBe(1);
    expect(file).toContain(`Content-Security-Policy: ${RUNNER_CONTENT_SECURITY_POLICY}`);
  });

  it('the nginx location matches the runner pages and nothing else', () => {
    const pattern = new RegExp(isolatedLocationPattern());
    for (const path of ISOLATED_PATHS) {
      expect(pattern.test(path)).toBe(true);
      expect(pattern.test(`${path}index.html`)).toBe(true);
    }
    for (const path of ['/rules/', '/lessons/', `${runnerPage}x`, `/x${runnerPage}`, runnerPage.slice(0, -1)]) expect(pattern.test(path), path).toBe(false);
  });
});
