// "Compare targets": what differs between the final roots of two runs, the files each
// image would hold. Sizes are the bytes of the files the Dockerfile put there (the stage
// roots hold no base-image files). Symlinks count as files of size 0, and are not followed.
// Everything is sorted, so the same two roots always give the same comparison.

import type { RootSummary, RunResult, Sandbox, TargetComparison } from './types.ts';

interface RootContents {
  /** Relative path → size in bytes, node_modules included. */
  files: Map<string, number>;
  packages: string[];
}

export async function compareTargets(sandbox: Sandbox, a: RunResult, b: RunResult): Promise<TargetComparison> {
  const [left, right] = [await readRoot(sandbox, a.root), await readRoot(sandbox, b.root)];
  const outsideModules = (contents: RootContents) => [...contents.files.keys()].filter((path) => !inNodeModules(path));
  return {
    a: summary(a.target, left),
    b: summary(b.target, right),
    packagesOnlyIn: { a: onlyIn(left.packages, right.packages), b: onlyIn(right.packages, left.packages) },
    filesOnlyIn: { a: onlyIn(outsideModules(left), outsideModules(right)), b: onlyIn(outsideModules(right), outsideModules(left)) },
  };
}

function summary(target: string, contents: RootContents): RootSummary {
  let bytes = 0;
  for (const size of contents.files.values()) bytes += size;
  return { target, files: contents.files.size, bytes, packages: contents.packages };
}

function onlyIn(mine: readonly string[], theirs: readonly string[]): string[] {
  const other = new Set(theirs);
  return mine.filter((item) => !other.has(item)).sort(byCodePoint);
}

function byCodePoint(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function inNodeModules(path: string): boolean {
  return path === 'node_modules' || path.startsWith('node_modules/') || path.includes('/node_modules/');
}

async function readRoot(sandbox: Sandbox, root: string): Promise<RootContents> {
  const files = new Map<string, number>();
  const packages = new Set<string>();
  const walk = async (relative: string): Promise<void> => {
    const folder = relative === '' ? root : `${root}/${relative}`;
    for (const entry of await sandbox.readdir(folder)) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.kind === 'directory') {
        await walk(path);
      } else {
        files.set(path, entry.kind === 'file' ? (await sandbox.readFile(`${root}/${path}`)).byteLength : 0);
      }
    }
  };
  if (await sandbox.exists(root)) await walk('');
  for (const name of await topLevelPackages(sandbox, root)) packages.add(name);
  return { files: new Map([...files].sort(([x], [y]) => byCodePoint(x, y))), packages: [...packages].sort(byCodePoint) };
}

/** The packages installed at the top of every node_modules folder outside node_modules
 *  (usually one: `<workdir>/node_modules`), as `name` or `@scope/name`. */
async function topLevelPackages(sandbox: Sandbox, root: string): Promise<string[]> {
  const names: string[] = [];
  const visit = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await sandbox.readdir(folder);
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.kind !== 'directory') continue;
      if (entry.name === 'node_modules') names.push(...(await packagesIn(sandbox, `${folder}/node_modules`)));
      else await visit(`${folder}/${entry.name}`);
    }
  };
  await visit(root);
  return names;
}

async function packagesIn(sandbox: Sandbox, modules: string): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await sandbox.readdir(modules)) {
    if (entry.name.startsWith('.')) continue; // .bin, .package-lock.json
    if (entry.name.startsWith('@') && entry.kind === 'directory') {
      for (const scoped of await sandbox.readdir(`${modules}/${entry.name}`)) if (scoped.kind !== 'file') names.push(`${entry.name}/${scoped.name}`);
    } else if (entry.kind !== 'file') names.push(entry.name);
  }
  return names;
}
