// package.json's two lists say what the project needs to build and run (`dependencies`) and
// what only its tests, type checks and benchmarks need (`devDependencies`); package-lock.json
// must install on every platform. Both drift silently: a package moved into the site's code
// but left in devDependencies still works here, and a lockfile rewritten by `npm install`
// over an existing node_modules can lose other platforms' binaries (npm/cli#4828), which
// only shows when `npm ci` runs on a Mac or in the Dockerfile.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Manifest {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
}
const manifest = JSON.parse(read('package.json')) as Manifest;

const SOURCE = /\.(?:ts|mts|mjs|js|astro|mdx)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return name === 'fixtures' || name === 'node_modules' ? [] : filesUnder(path);
    return SOURCE.test(name) ? [path] : [];
  });
}

/** Whether the end of `lineStart` is inside a string literal (tests quote code, e.g. `"require('x')"`). */
function insideString(lineStart: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < lineStart.length; i++) {
    const c = lineStart[i]!;
    if (c === '\\') i++;
    else if (quote === null && (c === "'" || c === '"' || c === '`')) quote = c;
    else if (c === quote) quote = null;
  }
  return quote !== null;
}

interface Import {
  specifier: string;
  typeOnly: boolean;
}

/** The module specifiers a source file imports (static, side-effect and dynamic imports). */
export function importsOf(text: string): Import[] {
  // Comments quote imports as examples: leave out lines that are comments.
  const source = text.replace(/^[ \t]*(?:\/\/|\/?\*).*$/gm, '');
  const found: Import[] = [];
  // Static imports start a line; a dynamic import can be anywhere in an expression.
  for (const m of source.matchAll(/^[ \t]*(import|export)\s+(type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"\n]+)['"]/gm)) {
    found.push({ specifier: m[3]!, typeOnly: m[2] !== undefined });
  }
  for (const m of source.matchAll(/\b(?:import|require|require\.resolve)\(\s*['"]([^'"\n]+)['"]\s*\)/g)) {
    if (!insideString(source.slice(source.lastIndexOf('\n', m.index) + 1, m.index))) found.push({ specifier: m[1]!, typeOnly: false });
  }
  return found;
}

const BUILTINS = new Set(builtinModules);

/** The npm package a bare specifier names (`astro/zod` → astro), or null for relative
 *  paths, Node's built-ins and Astro's virtual modules. */
export function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return null;
  if (/^(astro|virtual):/.test(specifier)) return null;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return BUILTINS.has(name) ? null : name;
}

/** Files reachable from `entries` through relative imports. */
function closure(entries: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const { specifier } of importsOf(read(file))) {
      if (!specifier.startsWith('.')) continue;
      const target = relative(ROOT, resolve(ROOT, dirname(file), specifier.split('?')[0]!));
      if (SOURCE.test(target) && !seen.has(target)) queue.push(target);
    }
  }
  return [...seen].sort();
}

// What builds, serves or ships: the site and the CLI (everything in src/ and bin/), Astro's
// configuration, and the scripts that `npm start`, `npm run build` and the Dockerfile run,
// with whatever they import.
const scriptsRunBy = (text: string) => [...text.matchAll(/\bnode (scripts\/[\w./-]+\.ts)\b/g)].map((m) => m[1]!);
const SHIPPED_ENTRIES = [
  ...filesUnder('src'),
  ...filesUnder('bin'),
  'astro.config.mjs',
  ...scriptsRunBy(`${manifest.scripts['start']} ${manifest.scripts['build']}`),
  ...scriptsRunBy(read('Dockerfile')),
];
const shipped = closure(SHIPPED_ENTRIES);
const everything = closure([
  ...SHIPPED_ENTRIES,
  ...filesUnder('tests'),
  ...filesUnder('scripts'),
  'vitest.config.ts',
  'vitest.e2e.config.ts',
  'eslint.config.js',
]);

function packagesUsedBy(files: string[], { types }: { types: boolean }): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of files) {
    for (const { specifier, typeOnly } of importsOf(read(file))) {
      const name = packageOf(specifier);
      if (name && typeOnly === types && !used.has(name)) used.set(name, file);
    }
  }
  return used;
}

const shippedPackages = packagesUsedBy(shipped, { types: false });
const allPackages = packagesUsedBy(everything, { types: false });
const typePackages = packagesUsedBy(everything, { types: true });

interface LockedPackage {
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, LockedPackage> };

/** Packages declared because another declared package needs them as a peer (ajv for ajv-draft-04). */
const PEERS = new Set(
  [...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies)].flatMap((name) =>
    Object.keys(lock.packages[`node_modules/${name}`]?.peerDependencies ?? {}),
  ),
);

/** devDependencies used as commands, not imported: the test runner and the type checker. */
const COMMANDS = new Set(
  Object.values(manifest.scripts)
    .join(' ')
    .split(/[\s&|;]+/),
);
/** Packages a command loads on its own: `astro check` runs @astrojs/check. */
const LOADED_BY_COMMAND: Record<string, string> = { '@astrojs/check': 'astro check' };
const loadedByCommand = (name: string) =>
  name in LOADED_BY_COMMAND && Object.values(manifest.scripts).some((script) => script.includes(LOADED_BY_COMMAND[name]!));
/** Prettier's plugins: named in its config, not imported. */
const PRETTIER_PLUGINS = new Set((JSON.parse(read('.prettierrc.json')) as { plugins?: string[] }).plugins ?? []);
/** The pinned Node: not imported, but put first on PATH for every npm script (see package.json's "//"). */
const RUNTIME = 'node';

describe('dependencies', () => {
  it('finds the imports it checks (the scan works)', () => {
    // Built from parts so that this file's own scan does not read the sample as its imports.
    const sample = [
      "import a from 'x';",
      "import type { B } from '@s/y/z';",
      "import 'side';",
      "export {\n  c,\n} from './c.ts';",
      `await ${'import'}('dyn');`,
      `${'require'}.resolve('res/file.js');`,
      `const quoted = "${'require'}('not-an-import')";`,
    ].join('\n');
    expect(importsOf(sample)).toEqual([
      { specifier: 'x', typeOnly: false },
      { specifier: '@s/y/z', typeOnly: true },
      { specifier: 'side', typeOnly: false },
      { specifier: './c.ts', typeOnly: false },
      { specifier: 'dyn', typeOnly: false },
      { specifier: 'res/file.js', typeOnly: false },
    ]);
    expect([
      packageOf('astro/zod'),
      packageOf('@codemirror/view'),
      packageOf('node:fs'),
      packageOf('fs'),
      packageOf('astro:content'),
      packageOf('./a.ts'),
    ]).toEqual(['astro', '@codemirror/view', null, null, null, null]);
    expect(shipped).toContain('src/cli/main.ts');
    expect(shipped).toContain('scripts/serve.ts');
    expect(shipped).not.toContain('scripts/bench.ts');
    expect(shippedPackages.get('astro')).toBeDefined();
  });

  it('lists every package the site, the CLI and their build import under dependencies', () => {
    const misplaced = [...shippedPackages].filter(([name]) => !(name in manifest.dependencies)).map(([name, file]) => `${name} (imported by ${file})`);
    expect(misplaced).toEqual([]);
  });

  it('lists under devDependencies only what tests, type checks and benchmarks need', () => {
    const shippedNames = new Set(shippedPackages.keys());
    const misplaced = Object.keys(manifest.devDependencies).filter((name) => shippedNames.has(name));
    expect(misplaced).toEqual([]);
  });

  it('declares every package anything imports', () => {
    const declared = { ...manifest.dependencies, ...manifest.devDependencies };
    const undeclared = [...allPackages].filter(([name]) => !(name in declared)).map(([name, file]) => `${name} (imported by ${file})`);
    // A type-only import needs the package or its @types/ package.
    const untyped = [...typePackages]
      .filter(([name]) => !(name in declared) && !(`@types/${name.replace(/^@(.+)\//, '$1__')}` in declared))
      .map(([name, file]) => `${name} (types, ${file})`);
    expect([...undeclared, ...untyped]).toEqual([]);
  });

  it('declares nothing that is not used', () => {
    const used = (name: string): boolean => {
      if (name === RUNTIME) return true;
      if (name.startsWith('@types/')) {
        const typed = name.slice('@types/'.length).replace(/^(.+)__/, '@$1/');
        return typed === 'node' || allPackages.has(typed) || typePackages.has(typed);
      }
      if (name in manifest.dependencies) return shippedPackages.has(name);
      return (
        allPackages.has(name) ||
        typePackages.has(name) ||
        PEERS.has(name) ||
        PRETTIER_PLUGINS.has(name) ||
        loadedByCommand(name) ||
        COMMANDS.has(name === 'typescript' ? 'tsc' : name)
      );
    };
    const unused = [...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies)].filter((name) => !used(name));
    expect(unused).toEqual([]);
  });
});

describe('package-lock.json', () => {
  /** Where npm finds `dependency` for the package installed at `path`: its own node_modules, then its parents'. */
  function locate(path: string, dependency: string): string | undefined {
    let dir = path;
    for (;;) {
      const candidate = `${dir ? `${dir}/` : ''}node_modules/${dependency}`;
      if (candidate in lock.packages) return candidate;
      if (dir === '') return undefined;
      const parent = dir.lastIndexOf('/node_modules/');
      dir = parent >= 0 ? dir.slice(0, parent) : '';
    }
  }

  it("lists every platform build of every package, not only this machine's (npm ci fails elsewhere otherwise)", () => {
    const optional = Object.entries(lock.packages).flatMap(([path, pkg]) =>
      Object.keys(pkg.optionalDependencies ?? {}).map((dependency) => ({ path, dependency })),
    );
    // The lockfile has packages with a build per platform (esbuild, rolldown, the Astro compiler…).
    expect(optional.length).toBeGreaterThan(50);
    const missing = optional
      .filter(({ path, dependency }) => locate(path, dependency) === undefined)
      .map(({ path, dependency }) => `${dependency} (for ${path || 'the project'})`);
    expect(missing, 'regenerate the lockfile without node_modules: rm -rf node_modules package-lock.json && npm install').toEqual([]);
  });

  it('records the dependencies package.json declares', () => {
    const root = lock.packages[''] as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    expect(root.dependencies).toEqual(manifest.dependencies);
    expect(root.devDependencies).toEqual(manifest.devDependencies);
  });
});
