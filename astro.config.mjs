// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { codeTransformers } from './src/lib/code-transformers.ts';

export default defineConfig({
  output: 'static',
  server: { port: 4321 },
  integrations: [mdx()],
  markdown: {
    shikiConfig: {
      // Dual themes. `defaultColor: false` makes Shiki emit only CSS variables
      // (--shiki-light, --shiki-dark, …) so src/styles/global.css can pick the
      // colours that match the page theme (system preference or toggle).
      themes: { light: 'github-light-default', dark: 'github-dark-default' },
      defaultColor: false,
      // title="…" header, {2,4-5} marked lines (see src/lib/code-transformers.ts).
      transformers: codeTransformers(),
    },
  },
  vite: {
    build: {
      // Astro inlines small processed <script>s into the HTML. Keep JavaScript in
      // external files instead (no inline script anywhere, so a strict CSP stays
      // possible); other assets keep Vite's default rule.
      assetsInlineLimit: (filePath) => (filePath.endsWith('.js') ? false : undefined),
    },
  },
});
