// The architecture's lint rules (eslint.config.js), tested on small samples through ESLint's
// Node API: each boundary fires, with the message that says why, on code that breaks it, and
// stays quiet on code that keeps it. `npm run lint` then holds the real sources to them.
// The samples are linted as if they were files at the given paths (the files need not exist).

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let eslint: ESLint;
// Loading the config, its plugins and parsers takes seconds on a busy machine: done once here,
// with its own timeout, so that each test below only lints a few lines.
beforeAll(async () => {
  eslint = new ESLint({ cwd: ROOT });
  await eslint.lintText('export {};\n', { filePath: join(ROOT, 'src/analyzer/warm-up.ts') });
  await eslint.lintText('<p>warm-up</p>\n', { filePath: join(ROOT, 'src/components/WarmUp.astro') });
}, 120_000);

/** The rules under test (the samples are not meant to pass the others, e.g. no-unused-vars). */
const BOUNDARY_RULE = /^(?:boundaries\/|no-restricted-|no-unsanitized\/)/;

/** What the boundary rules report for `code` as the file at `path`, as "rule: message". */
async function lint(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal, 'the sample parses').toEqual([]);
  return result!.messages.filter((m: Linter.LintMessage) => BOUNDARY_RULE.test(m.ruleId ?? '')).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the analyzer stays pure (runs in the browser, Node and the CLI)', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';", 'no-restricted-imports', 'no Node modules'],
    ["import { join } from 'path';", 'no-restricted-imports', 'no Node modules'],
    ["const fs = await import('node:fs/promises');", 'no-restricted-syntax', 'import\\(\\) only its own modules'],
    ["const fs = await import('fs');", 'no-restricted-syntax', 'import\\(\\) only its own modules'],
    ["const content = await import('astro:content');", 'no-restricted-syntax', 'import\\(\\) only its own modules'],
    ["import { getCollection } from 'astro:content';", 'no-restricted-imports', 'no Astro'],
    ["import type { AstroIntegration } from 'astro';", 'no-restricted-imports', 'no Astro'],
  ])('%s: %s', async (code, rule, why) => {
    const problems = await lint('src/analyzer/sample.ts', code);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${rule}: .*The analyzer is pure TypeScript shared by the browser, Node and the CLI: ${why}`));
  });

  it('a computed import() is reported (by no-unsanitized too, which reports it everywhere in src/)', async () => {
    expect(await lint('src/analyzer/sample.ts', "const name = 'node:fs';\nexport const fs = await import(name);\n")).toEqual([
      'no-unsanitized/method: Unsafe call to import for argument 0',
      'no-restricted-syntax: The analyzer is pure TypeScript shared by the browser, Node and the CLI: import() only its own modules, by a relative path (no Node modules, no Astro).',
    ]);
  });

  it.each([
    ['src/analyzer/sample.ts', '../lib/rule-sources.ts', 'src/lib'],
    ['src/analyzer/sample.ts', '../components/playground/playground.ts', 'src/components'],
    ['src/analyzer/rules/hadolint/sample.ts', '../../../lib/course/lesson-path.ts', 'src/lib'],
    ['src/analyzer/rules/hadolint/sample.ts', '../../../build/lessons.ts', 'src/build'],
    ['src/analyzer/sample.ts', '../exercises/goals.ts', 'src/exercises'],
    ['src/analyzer/plan/sample.ts', '../../server/main.ts', 'src/server'],
    ['src/analyzer/sample.ts', '../cli/main.ts', 'src/cli'],
    ['src/analyzer/sample.ts', '../runner/run-plan.ts', 'src/runner'],
    ['src/analyzer/sample.ts', '../../src/lib/stage-diagram.ts', 'src/lib'],
  ])('%s importing %s (in %s) is reported', async (path, specifier, dir) => {
    expect(await lint(path, `import { x } from '${specifier}';\nexport const y = x;\n`)).toEqual([
      `boundaries/import-from: '${specifier}' is in ${dir}. The analyzer is pure TypeScript shared by the browser, Node and the CLI; nothing from the site, the CLI or the runner (they import the analyzer, not the other way round).`,
    ]);
  });

  it("resolves the path: the analyzer's own rules/course/ is not the site's src/lib/course/", async () => {
    expect(
      await lint('src/analyzer/rules/hadolint/sample.ts', "import { copyFromStage } from '../course/support/copy.ts';\nexport const y = copyFromStage;\n"),
    ).toEqual([]);
  });

  it.each(['document.title', 'window.location.hash', "localStorage.getItem('k')", 'customElements.define', 'HTMLElement.name'])(
    '%s (a DOM global) is reported',
    async (expression) => {
      const global = expression.split(/[.(]/)[0]!;
      expect(await lint('src/analyzer/sample.ts', `export const y = ${expression};\n`)).toEqual([
        `no-restricted-globals: Unexpected use of '${global}'. The analyzer runs in the browser, in Node and in the CLI alike: no DOM (the islands in src/components/ do the DOM work).`,
      ]);
    },
  );

  it.each(['process.env', "Buffer.from('x')"])('%s (a Node global) is reported', async (expression) => {
    const [problem, ...rest] = await lint('src/analyzer/sample.ts', `export const y = ${expression};\n`);
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^no-restricted-globals: Unexpected use of '\w+'\. The analyzer runs in the browser too: no Node globals/);
  });

  it("lets pure code through: its own modules, packages, the language's and the platform's common globals", async () => {
    const code = [
      "import type { Analysis } from './model.ts';",
      "import { parse } from './parser/parse.ts';",
      "const lazy = () => import('./rules/index.ts');",
      "import { something } from 'a-pure-package';",
      'export function f(a: Analysis): string {',
      "  const url = new URL('https://example.com');",
      '  const seen = new Map<string, number>(); const bytes = new TextEncoder().encode(url.href);',
      '  return JSON.stringify({ a, parse, lazy, something, seen, bytes, now: globalThis.performance?.now() });',
      '}',
    ].join('\n');
    expect(await lint('src/analyzer/sample.ts', code)).toEqual([]);
  });

  it('DOM code is fine outside the analyzer (the islands)', async () => {
    expect(await lint('src/components/sample.ts', "export const title = document.title + localStorage.getItem('k');\n")).toEqual([]);
  });
});

describe('the CLI does not depend on the site', () => {
  it('an import from src/lib is reported, with why', async () => {
    expect(await lint('src/cli/sample.ts', "import { x } from '../lib/quiz/load.ts';\nexport const y = x;\n")).toEqual([
      "boundaries/import-from: '../lib/quiz/load.ts' is in src/lib. The CLI must not depend on the site: src/lib is the site's (build time and browser); share code through src/analyzer or a module of the CLI's own.",
    ]);
  });

  it('imports of the analyzer, its own modules and Node are fine', async () => {
    const code =
      "import { analyze } from '../analyzer/index.ts';\nimport { usage } from './usage.ts';\nimport { readFileSync } from 'node:fs';\nexport const y = [analyze, usage, readFileSync];\n";
    expect(await lint('src/cli/sample.ts', code)).toEqual([]);
  });
});

describe('src/lib and the islands run in the browser: no Node, no astro:, nothing from src/build', () => {
  it.each([
    [
      'src/lib/workbench/sample.ts',
      "import { readFileSync } from 'node:fs';",
      /^no-restricted-imports: .*no Node modules \(build-time code goes in src\/build\)/,
    ],
    ['src/lib/workbench/sample.ts', "import { getCollection } from 'astro:content';", /^no-restricted-imports: .*no astro: modules/],
    [
      'src/lib/workbench/sample.ts',
      "import { getLessons } from '../../build/lessons.ts';",
      /^boundaries\/import-from: '\.\.\/\.\.\/build\/lessons\.ts' is in src\/build\./,
    ],
    ['src/components/exercise/sample.ts', "import { getLessons } from '../../build/lessons.ts';", /^boundaries\/import-from: .* is in src\/build\./],
    ['src/components/exercise/sample.ts', "import { join } from 'node:path';", /^no-restricted-imports: /],
  ])('%s: %s is reported', async (path, code, message) => {
    expect(await lint(path, `${code}\nexport const y = 1;\n`)).toContainEqual(expect.stringMatching(message));
  });

  it('build-time modules and pages may read content with Node and astro:content', async () => {
    expect(
      await lint(
        'src/build/sample.ts',
        "import { readFileSync } from 'node:fs';\nimport { getCollection } from 'astro:content';\nexport const y = [readFileSync, getCollection];\n",
      ),
    ).toEqual([]);
  });

  it('the CLI may not import src/build either', async () => {
    expect(await lint('src/cli/sample.ts', "import { getLessons } from '../build/lessons.ts';\nexport const y = getLessons;\n")).toContainEqual(
      expect.stringMatching(/is in src\/build\./),
    );
  });
});

describe('exemptions that are gone stay gone', () => {
  it.each([
    ['src/cli/format-sarif.ts', '../lib/rule-sources.ts', /^boundaries\/import-from: '\.\.\/lib\/rule-sources\.ts' is in src\/lib\./],
    ['src/cli/exercise.ts', '../lib/exercises/load.ts', /^boundaries\/import-from: '\.\.\/lib\/exercises\/load\.ts' is in src\/lib\./],
    ['src/cli/read-bounded.ts', '../lib/playground/text-check.ts', /^boundaries\/import-from: '\.\.\/lib\/playground\/text-check\.ts' is in src\/lib\./],
    ['src/analyzer/rules/types.ts', '../../lib/course/lesson-path.ts', /^boundaries\/import-from: '\.\.\/\.\.\/lib\/course\/lesson-path\.ts' is in src\/lib\./],
  ])('%s may no longer import %s', async (path, target, message) => {
    const problems = await lint(path, `import { a } from '${target}';\nexport const y = [a];\n`);
    expect(problems).toContainEqual(expect.stringMatching(message));
  });
});

describe('no HTML from strings in src/ (content, storage, links and pastes are text, never markup)', () => {
  it.each([
    ['el.innerHTML = text;', 'no-unsanitized/property: Unsafe assignment to innerHTML'],
    ['el.outerHTML = `<b>${text}</b>`;', 'no-unsanitized/property: Unsafe assignment to outerHTML'],
    ["el.insertAdjacentHTML('beforeend', text);", 'no-unsanitized/method: Unsafe call to el.insertAdjacentHTML for argument 1'],
    ['document.write(text);', 'no-unsanitized/method: Unsafe call to document.write for argument 0'],
    [
      'document.createRange().createContextualFragment(text);',
      'no-unsanitized/method: Unsafe call to document.createRange().createContextualFragment for argument 0',
    ],
  ])('%s is reported', async (statement, message) => {
    const code = `const el = document.body;\nconst text = location.hash;\n${statement}\n`;
    expect(await lint('src/components/progress/sample.ts', code)).toEqual([message]);
  });

  it('constant markup and text APIs are fine', async () => {
    const code =
      "const el = document.body;\nel.innerHTML = '';\nel.insertAdjacentHTML('beforeend', '<hr>');\nel.textContent = location.hash;\nel.append(document.createTextNode(location.hash));\n";
    expect(await lint('src/components/progress/sample.ts', code)).toEqual([]);
  });

  it('covers the client scripts of .astro components too', async () => {
    const code = "---\nconst title = 'Progress';\n---\n<h1>{title}</h1>\n<script>\n  document.body.innerHTML = location.hash;\n</script>\n";
    expect(await lint('src/components/progress/Sample.astro', code)).toEqual(['no-unsanitized/property: Unsafe assignment to innerHTML']);
  });

  it('the progress page island, which shows imported progress files, passes', async () => {
    const [result] = await eslint.lintFiles(['src/components/progress/progress-page.ts']);
    expect(result!.messages.filter((m) => m.ruleId?.startsWith('no-unsanitized/'))).toEqual([]);
    expect(result!.filePath).toBe(join(ROOT, 'src/components/progress/progress-page.ts'));
  });
});
