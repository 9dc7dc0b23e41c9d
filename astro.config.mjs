// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { satteri } from '@astrojs/markdown-satteri';
import { pagefind } from './src/integrations/pagefind.ts';
import { isolationHeaders } from './src/integrations/isolation-headers.ts';
import { serviceWorker } from './src/integrations/service-worker.ts';
import { codeColorsPlugin, codeTransformers } from './src/build/code-transformers.ts';
import { stripRuleDocsPlugin } from './src/integrations/strip-rule-docs.ts';
import { contentCheck } from './src/integrations/content-check.ts';

export default defineConfig({
  output: 'static',
  server: { port: 4321 },
  // pagefind(): the search index, built after every `astro build` (see src/pages/search.astro);
  // isolationHeaders(): `astro dev` isolates the stage runner's pages (src/security-headers.ts);
  // contentCheck(): the build stops on an exercise or quiz that contradicts the analyzer;
  // serviceWorker(): dist/sw.js, precaching the built course for offline use; after pagefind()
  // so that the search index is there to precache.
  integrations: [mdx(), pagefind(), isolationHeaders(), contentCheck(), serviceWorker()],
  markdown: {
    // Text renders as written: smart punctuation's dashes would turn `--from` and `--target`
    // in prose and headings into "–from", a flag Docker refuses. Quotes and ellipses stay
    // smart. (Sätteri is Astro's default Markdown and MDX processor; this only configures it.)
    processor: satteri({ features: { smartPunctuation: { dashes: false } } }),
    shikiConfig: {
      // Dual themes. `defaultColor: false` makes Shiki emit only CSS variables
      // (--shiki-light, --shiki-dark, …) so src/styles/global.css can pick the
      // colours that match the page theme (system preference or toggle).
      themes: { light: 'github-light-default', dark: 'github-dark-default' },
      defaultColor: false,
      // title="…" header, {2,4-5} marked lines, and classes instead of style="…"
      // attributes so the CSP needs no 'unsafe-inline' (see src/build/code-transformers.ts).
      transformers: codeTransformers(),
    },
  },
  build: {
    // Astro inlines small stylesheets as <style> elements by default; the CSP allows no
    // inline style (src/security-headers.ts), so every stylesheet stays a file.
    inlineStylesheets: 'never',
  },
  vite: {
    // virtual:stagecraft/code-colors.css, the rules behind the code colour classes;
    // stripRuleDocsPlugin(): the browser bundles leave out each rule's examples and prose.
    plugins: [codeColorsPlugin(), stripRuleDocsPlugin()],
    build: {
      // Astro inlines small processed <script>s into the HTML. Keep JavaScript in
      // external files instead (no inline script anywhere, so a strict CSP stays
      // possible); other assets keep Vite's default rule.
      assetsInlineLimit: (filePath) => (filePath.endsWith('.js') ? false : undefined),
      rollupOptions: {
        // @codemirror/commands imports @codemirror/language (and with it @lezer/*) for
        // commands the editor does not bind (src/lib/workbench/editor-keymap.ts). These
        // packages do nothing when imported, but do not say so in their package.json; saying
        // it here lets the bundler drop them when unused (~13 KB gzip per workbench page).
        treeshake: { moduleSideEffects: (id) => !/node_modules\/(@codemirror\/language|@lezer\/(common|highlight))\//.test(id) },
      },
    },
  },
});
