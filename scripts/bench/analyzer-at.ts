// The analyzer of an earlier commit, imported next to the working tree's: for the
// differential check (compare-analyzers.ts) and the before/after benchmark (ab.ts).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { analyze } from '../../src/analyzer/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The analyzer of `ref`: its src/ written to a temporary folder and imported from there. */
export async function analyzerAt(ref: string): Promise<{ analyze: typeof analyze; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'stagecraft-analyzer-'));
  const archive = execFileSync('git', ['archive', ref, 'src'], { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  const module = (await import(pathToFileURL(join(dir, 'src', 'analyzer', 'index.ts')).href)) as { analyze: typeof analyze };
  return { analyze: module.analyze, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
