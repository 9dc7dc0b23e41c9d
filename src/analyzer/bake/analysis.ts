// From a bake definition (the files read) to what `docker buildx bake [names…]` builds: the
// resolution (resolve.ts) and each target's Dockerfile stages (stages.ts). Apart from index.ts so
// that a caller reading HCL alone (the bake exercises in the browser) does not bundle the JSON and
// compose readers with their YAML parser.
import type { BakeDefinition } from './model.ts';
import { type BakeOptions, type BakeResolution, resolveBake } from './resolve.ts';
import { planTargets, type ReadFile, type TargetPlan } from './stages.ts';

export interface BakeAnalysis extends BakeResolution {
  plans: TargetPlan[];
}

/** A definition with nothing read into it yet. */
export function emptyDefinition(): BakeDefinition {
  return { variables: new Map(), groups: new Map(), targets: new Map(), diagnostics: [] };
}

export function analyzeDefinition(definition: BakeDefinition, readFile: ReadFile, options: BakeOptions = {}): BakeAnalysis {
  // A file that does not parse has no targets to speak of: its syntax errors are the answer.
  if (definition.diagnostics.some((d) => d.id === 'bake-syntax')) return { groups: {}, targets: [], where: {}, diagnostics: definition.diagnostics, plans: [] };
  const resolution = resolveBake(definition, options);
  const failed = resolution.diagnostics.some((d) => d.severity === 'error');
  return { ...resolution, plans: failed ? [] : planTargets(resolution, readFile) };
}
