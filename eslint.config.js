// ESLint for the project (flat config). `npm run lint` runs it with Prettier's check.
//
// typescript-eslint's `recommended` set, not the type-checked one: type-aware linting builds a
// TypeScript program for every run, which takes minutes on the 2-core machines this project is
// developed and checked on; `npm run typecheck` (tsc) already covers the types.
//
// The architecture is written down here as rules (see "Boundaries" below) and
// tests/lint/boundaries.test.ts checks that each of them fires, with its message, on a sample
// that breaks it and stays quiet on one that keeps it.

import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import noUnsanitized from 'eslint-plugin-no-unsanitized';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const ROOT = dirname(fileURLToPath(import.meta.url));

/**
 * `boundaries/import-from`: a relative import must not reach into the folders listed for the
 * importing file. ESLint's no-restricted-imports matches the import's text, and the same
 * `../course/` means the analyzer's own rules/course/ from one file and the site's src/lib/course/
 * from another; this rule resolves the path first. Options: `[{ dirs: ['src/lib', ...], allow?: [file], message }]`.
 */
const importFrom = {
  meta: {
    type: 'problem',
    docs: { description: 'forbid relative imports from folders outside a module boundary' },
    schema: [
      {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            dirs: { type: 'array', items: { type: 'string' } },
            /** Files inside `dirs` still allowed (temporary, commented exemptions). */
            allow: { type: 'array', items: { type: 'string' } },
            message: { type: 'string' },
          },
          required: ['dirs', 'message'],
          additionalProperties: false,
        },
      },
    ],
  },
  create(context) {
    const zones = context.options[0] ?? [];
    const fileDir = dirname(context.filename);
    const check = (node) => {
      const specifier = node.source?.value;
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = relative(ROOT, resolve(fileDir, specifier)).split(sep).join('/');
      for (const { dirs, allow = [], message } of zones) {
        if (allow.includes(target)) continue;
        const dir = dirs.find((d) => target === d || target.startsWith(`${d}/`) || target === `${d}.ts`);
        if (dir) context.report({ node: node.source, message: `'${specifier}' is in ${dir}. ${message}` });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

const boundaries = { meta: { name: 'stagecraft-boundaries' }, rules: { 'import-from': importFrom } };

/** Browser-only globals the analyzer must not touch (it also runs in Node and the CLI). */
const DOM_GLOBALS = [
  'window',
  'document',
  'navigator',
  'location',
  'history',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'customElements',
  'HTMLElement',
  'Element',
  'Node',
  'DocumentFragment',
  'DOMParser',
  'getComputedStyle',
  'requestAnimationFrame',
  'matchMedia',
  'alert',
  'confirm',
].map((name) => ({
  name,
  message: 'The analyzer runs in the browser, in Node and in the CLI alike: no DOM (the islands in src/components/ do the DOM work).',
}));

/** Node-only globals, for the same reason. */
const NODE_GLOBALS = ['process', 'Buffer', 'require', '__dirname', '__filename', 'global'].map((name) => ({
  name,
  message: 'The analyzer runs in the browser too: no Node globals (the CLI and the server pass it what they read).',
}));

const ANALYZER_PURE = 'The analyzer is pure TypeScript shared by the browser, Node and the CLI';

/** What the analyzer must not import: the site, the CLI, the runner (they import the analyzer). */
const analyzerZone = (allow = []) => ({
  dirs: [
    'src/lib',
    'src/build',
    'src/components',
    'src/server',
    'src/cli',
    'src/runner',
    'src/pages',
    'src/layouts',
    'src/integrations',
    'src/content',
    'src/shared',
    'src/exercises',
  ],
  allow,
  message: `${ANALYZER_PURE}; nothing from the site, the CLI or the runner (they import the analyzer, not the other way round).`,
});

/** What the CLI must not import: the site's modules (build time and browser). */
const cliZone = (allow = []) => ({
  dirs: ['src/lib', 'src/build', 'src/components', 'src/pages', 'src/layouts'],
  allow,
  message: "The CLI must not depend on the site: src/lib is the site's (build time and browser); share code through src/analyzer or a module of the CLI's own.",
});

export default defineConfig(
  {
    ignores: [
      'dist/**',
      '.astro/**',
      'node_modules/**',
      'content/**',
      'public/**',
      'screenshots/**',
      'data/**',
      '.scratch/**',
      '.tmp/**',
      // Recorded builds and their contexts (Node and Go apps, Dockerfiles): inputs, not our code.
      'tests/fixtures/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  astro.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A leading underscore marks what is unused on purpose: a skipped tuple slot, the
      // property a rest pattern leaves out (`const { key: _key, ...rest } = o`), a counted loop.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Terminal escapes (\x1b) and pasted control characters are what this code strips and checks
      // for: control characters in these regular expressions are the point, not a slip.
      'no-control-regex': 'off',
    },
  },
  {
    // Islands and the service worker run in the browser.
    files: ['src/components/**', 'src/lib/**', 'src/pages/**', 'src/layouts/**'],
    languageOptions: { globals: { ...globals.browser } },
  },

  // ---- Boundaries -------------------------------------------------------------------------
  {
    files: ['src/analyzer/**'],
    plugins: { boundaries },
    rules: {
      'boundaries/import-from': ['error', [analyzerZone()]],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:', message: `${ANALYZER_PURE}: no Node modules (the CLI and the server read files and pass the text in).` },
            { regex: '^astro(:|$|/)', message: `${ANALYZER_PURE}: no Astro (the site imports the analyzer, not the other way round).` },
          ],
          paths: builtinModules.map((name) => ({
            name,
            message: `${ANALYZER_PURE}: no Node modules (the CLI and the server read files and pass the text in).`,
          })),
        },
      ],
      'no-restricted-globals': ['error', ...DOM_GLOBALS, ...NODE_GLOBALS],
      // no-restricted-imports does not look at import(): a dynamic import may load only the
      // analyzer's own modules, by a relative path written out (no Node, no Astro, nothing computed).
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportExpression:not([source.type='Literal'][source.value=/^\\.\\.?\\//])",
          message: `${ANALYZER_PURE}: import() only its own modules, by a relative path (no Node modules, no Astro).`,
        },
      ],
    },
  },
  {
    files: ['src/cli/**'],
    plugins: { boundaries },
    rules: { 'boundaries/import-from': ['error', [cliZone()]] },
  },

  {
    // src/lib is what the islands and the server share: pure or browser code. Code that reads
    // content/ with Node or astro:content at build time lives in src/build/, so it can never
    // end up in a page's JavaScript; the islands (src/components/**/*.ts) follow the same rule.
    files: ['src/lib/**', 'src/components/**/*.ts'],
    plugins: { boundaries },
    rules: {
      'boundaries/import-from': [
        'error',
        [
          {
            dirs: ['src/build'],
            allow: [],
            message: 'src/lib and the islands run in the browser: build-time modules (src/build) read content with Node and stay out of pages.',
          },
        ],
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:', message: 'src/lib and the islands run in the browser: no Node modules (build-time code goes in src/build).' },
            { regex: '^astro:', message: 'src/lib and the islands run in the browser: no astro: modules (build-time code goes in src/build).' },
          ],
        },
      ],
    },
  },

  // ---- HTML from strings -------------------------------------------------------------------
  {
    // innerHTML, outerHTML, insertAdjacentHTML, document.write, createContextualFragment... with
    // anything but a constant string: content, storage, links and pastes are text, never markup.
    files: ['src/**'],
    ...noUnsanitized.configs.recommended,
  },
);
