// The bake analyzer's entry point: bake files in (HCL, JSON or compose, told apart by name as bake
// does), the groups and targets `docker buildx bake` resolves and the Dockerfile stages each
// target builds out. Pure TypeScript like the rest of src/analyzer: the caller reads the files.

import { readCompose } from './compose.ts';
import { readHcl } from './hcl.ts';
import { readJson } from './json.ts';
import type { BakeDefinition, BakeFile } from './model.ts';
import { analyzeDefinition, emptyDefinition, type BakeAnalysis } from './analysis.ts';
import type { BakeOptions } from './resolve.ts';
import type { ReadFile } from './stages.ts';

export type * from './model.ts';
export type { BakeOptions, BakeResolution } from './resolve.ts';
export type { ReadFile, TargetPlan } from './stages.ts';
export { dockerfilePath } from './stages.ts';
export { parseOutput } from './resolve.ts';
export { readHcl } from './hcl.ts';
export { analyzeDefinition, emptyDefinition, type BakeAnalysis } from './analysis.ts';

/** The file names bake looks for, in its order, when no -f is given. */
export const DEFAULT_BAKE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml', 'docker-bake.json', 'docker-bake.hcl'];

export type BakeFormat = 'hcl' | 'json' | 'compose';

export function formatOf(name: string): BakeFormat {
  const base = name.split('/').at(-1)!.toLowerCase();
  if (base.endsWith('.json')) return 'json';
  if (base.endsWith('.yaml') || base.endsWith('.yml')) return 'compose';
  return 'hcl';
}

/** Reads the files in order; a later file's blocks add to and override an earlier one's. */
export function readBake(files: BakeFile[]): BakeDefinition {
  const definition = emptyDefinition();
  files.forEach((file, index) => {
    const format = formatOf(file.name);
    if (format === 'json') readJson(file.text, index, definition);
    else if (format === 'compose') readCompose(file.text, index, definition);
    else readHcl(file.text, index, definition);
  });
  return definition;
}

/** What `docker buildx bake [names…]` resolves and which stages each of its targets builds. */
export function analyzeBake(files: BakeFile[], readFile: ReadFile, options: BakeOptions = {}): BakeAnalysis {
  return analyzeDefinition(readBake(files), readFile, options);
}
