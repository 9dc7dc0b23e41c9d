// How much of a typical Node service's node_modules is development-only?
//
//   npx node scripts/measure/node-modules-size.ts
//
// Writes content/lessons/data/node-modules-size.json, which the lesson
// "lean-production-images" imports, so the figures it states are the ones measured here.
//
// In a temporary directory it writes the package.json of a small Express service written
// in TypeScript (one runtime dependency, express; three development dependencies:
// typescript, vitest and eslint, at the exact versions below), lets npm resolve a lock file
// (`npm install --package-lock-only`), and installs from that same lock file twice:
//   - `npm ci`             → everything, as a build stage installs it
//   - `npm ci --omit=dev`  → production dependencies only, as the final stage should
// Both installs use --ignore-scripts (nothing is downloaded or built by install scripts).
// It then walks each node_modules: bytes (the sum of file sizes, as `du --apparent-size`
// counts them), disk usage (allocated 512-byte blocks, as `du` counts them), files, and
// packages (directories with a package.json directly under a node_modules directory).
// Transitive versions are whatever the registry resolves on the day, so the date and the
// npm and Node versions are recorded with the figures. Optional platform packages (native
// binaries some tools ship) depend on the platform, which is recorded too.

import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

const OUTPUT = join(import.meta.dirname, '..', '..', 'content', 'lessons', 'data', 'node-modules-size.json');

const DEPENDENCIES = { express: '5.3.0' };
const DEV_DEPENDENCIES = { typescript: '7.0.2', vitest: '5.1.1', eslint: '10.15.0' };

interface Tally {
  bytes: number;
  diskBytes: number;
  files: number;
  packages: number;
}

/** Walks a directory without following symbolic links. */
function tally(dir: string, into: Tally = { bytes: 0, diskBytes: 0, files: 0, packages: 0 }): Tally {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const stat = lstatSync(path);
    into.diskBytes += stat.blocks * 512;
    if (entry.isDirectory()) {
      if (isPackageDir(dir, entry.name, path)) into.packages++;
      tally(path, into);
    } else {
      into.bytes += stat.size;
      into.files++;
    }
  }
  return into;
}

/** `…/node_modules/<name>` or `…/node_modules/@scope/<name>` holding a package.json. */
function isPackageDir(parent: string, name: string, path: string): boolean {
  if (name.startsWith('.') || name.startsWith('@')) return false;
  const underModules = parent.endsWith('/node_modules') || /\/node_modules\/@[^/]+$/.test(parent);
  return underModules && existsSync(join(path, 'package.json'));
}

function npm(cwd: string, ...args: string[]): string {
  return execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

const root = mkdtempSync(join(os.tmpdir(), 'node-modules-size-'));
try {
  const manifest = {
    name: 'orders-api',
    version: '1.0.0',
    private: true,
    type: 'module',
    scripts: { build: 'tsc', test: 'vitest run', lint: 'eslint .', start: 'node dist/server.js' },
    dependencies: DEPENDENCIES,
    devDependencies: DEV_DEPENDENCIES,
  };
  const lockDir = join(root, 'lock');
  mkdirSync(lockDir);
  writeFileSync(join(lockDir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  npm(lockDir, 'install', '--package-lock-only', '--ignore-scripts');

  const installs = { all: ['ci', '--ignore-scripts'], production: ['ci', '--omit=dev', '--ignore-scripts'] } as const;
  const results: Record<string, Tally & { command: string }> = {};
  for (const [key, args] of Object.entries(installs)) {
    const dir = join(root, key);
    mkdirSync(dir);
    copyFileSync(join(lockDir, 'package.json'), join(dir, 'package.json'));
    copyFileSync(join(lockDir, 'package-lock.json'), join(dir, 'package-lock.json'));
    npm(dir, ...args);
    results[key] = { command: `npm ${args.join(' ')}`, ...tally(join(dir, 'node_modules')) };
  }

  const lock = JSON.parse(readFileSync(join(lockDir, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
  const resolved = Object.fromEntries(
    [...Object.keys(DEPENDENCIES), ...Object.keys(DEV_DEPENDENCIES)].map((name) => [name, lock.packages[`node_modules/${name}`]?.version ?? null]),
  );

  const data = {
    measured: new Date().toISOString().slice(0, 10),
    script: 'scripts/measure/node-modules-size.ts',
    node: process.version,
    npm: npm(root, '--version').trim(),
    platform: `${process.platform}-${process.arch}`,
    dependencies: DEPENDENCIES,
    devDependencies: DEV_DEPENDENCIES,
    resolved,
    all: results.all,
    production: results.production,
  };
  writeFileSync(OUTPUT, JSON.stringify(data, null, 2) + '\n');
  console.log(JSON.stringify(data, null, 2));
} finally {
  rmSync(root, { recursive: true, force: true });
}
