// Site search (Pagefind): what gets indexed and how the page loads it. The index itself is
// built by `astro build` (src/integrations/pagefind.ts); these checks read the sources.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('site search', () => {
  it('indexes the lesson and rule articles only', () => {
    expect(read('src/pages/lessons/[slug].astro')).toMatch(/<article class="lesson"[^>]*\sdata-pagefind-body[\s>]/);
    expect(read('src/pages/rules/[id].astro')).toMatch(/<article class="rule"[^>]*\sdata-pagefind-body[\s>]/);
    for (const chrome of ['src/layouts/Base.astro', 'src/components/SiteNav.astro', 'src/pages/index.astro', 'src/pages/search.astro']) {
      expect(read(chrome), chrome).not.toMatch(/<[a-z][^>]*\sdata-pagefind-body/);
    }
  });

  it('builds the index after every astro build', () => {
    expect(read('astro.config.mjs')).toMatch(/integrations:\s*\[[^\]]*\bpagefind\(\)/);
  });

  it('loads Pagefind UI from external files, with no inline script', () => {
    const page = read('src/pages/search.astro');
    const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      if (/\bis:inline\b/.test(attributes!)) {
        // An inline-kept script must be an external file (src) with no body.
        expect(attributes).toMatch(/\bsrc=/);
        expect(body!.trim()).toBe('');
      } else {
        // Astro bundles a plain <script> into an external module; keep it to imports only.
        expect(body!.trim()).toMatch(/^(import\s+['"][^'"]+['"];\s*)+$/);
      }
    }
    expect(page).toContain('pagefind-ui.css');
    expect(page).toContain('pagefind-ui.js');
  });
});
