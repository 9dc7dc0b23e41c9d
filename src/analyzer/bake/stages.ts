// Which Dockerfile stages each bake target builds: bake hands every target to BuildKit as one
// build of its context's Dockerfile with its `target` and `args`, so the Dockerfile analyzer's
// BuildKit plan for that build is the answer. A `target` naming no stage of the Dockerfile fails
// that target, reported on the bake file's `target` attribute.

import { analyze } from '../index.ts';
import type { Analysis, Diagnostic, Engine } from '../model.ts';
import { bakeError } from './hcl.ts';
import type { BakeDiagnostic, ResolvedTarget } from './model.ts';
import type { BakeResolution } from './resolve.ts';

export interface TargetPlan {
  name: string;
  /** The Dockerfile path bake reads: the context joined with `dockerfile`. */
  dockerfilePath: string;
  /** The stage it builds (its `target`, else the Dockerfile's last stage); null when unknown. */
  stage: string | null;
  /** The stages BuildKit runs for it, in build order; empty when the build fails before any runs. */
  stages: string[];
  fails: boolean;
  /** The Dockerfile's errors for this build (positions in the Dockerfile). */
  dockerfileErrors: Diagnostic[];
  /** Problems this target has in the bake file (positions in the bake file). */
  diagnostics: BakeDiagnostic[];
}

/** Reads a file relative to the bake file's folder; null when there is none. */
export type ReadFile = (path: string) => string | null;

export function planTargets(resolution: BakeResolution, readFile: ReadFile, engine?: Engine): TargetPlan[] {
  return resolution.targets.map((target) => planTarget(target, resolution, readFile, engine));
}

function planTarget(target: ResolvedTarget, resolution: BakeResolution, readFile: ReadFile, engine?: Engine): TargetPlan {
  const path = dockerfilePath(target);
  const text = readFile(path);
  const where = resolution.where[target.name]!;
  const base = { name: target.name, dockerfilePath: path, dockerfileErrors: [] as Diagnostic[] };
  if (text === null) {
    const diagnostic = bakeError(
      'bake-missing-dockerfile',
      `failed to read dockerfile: open ${path}: no such file or directory`,
      `Target "${target.name}" builds ${path}; check its context and dockerfile.`,
      where.block.range,
      where.block.file,
    );
    return { ...base, stage: target.target ?? null, stages: [], fails: true, diagnostics: [diagnostic] };
  }
  const analysis = analyze(text, { target: target.target ?? null, buildArgs: target.args ?? {}, builder: 'buildkit', ...(engine ? { engine } : {}) });
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
  if (analysis.target.index === -1 && target.target !== undefined) {
    const at = where.target ?? where.block;
    // The Dockerfile analyzer's hint speaks of --target; in a bake file it is the `target` attribute.
    const names = analysis.stages.flatMap((stage) => (stage.name ? [stage.name] : []));
    const diagnostic = bakeError(
      'bake-missing-stage',
      `target "${target.name}": target stage "${target.target}" could not be found in ${path}`,
      names.length > 0
        ? `\`target\` names the ${path} stage to build (names ignore case); its stages: ${names.join(', ')}.`
        : `${path} names no stage (FROM … AS name); without \`target\`, bake builds its last stage.`,
      at.range,
      at.file,
    );
    return {
      ...base,
      stage: target.target,
      stages: [],
      fails: true,
      dockerfileErrors: errors.filter((d) => d.id !== 'unknown-target'),
      diagnostics: [diagnostic],
    };
  }
  return {
    ...base,
    stage: stageName(analysis, analysis.target.index),
    stages: analysis.plan.stages.map((i) => stageName(analysis, i)!),
    fails: analysis.plan.fails,
    dockerfileErrors: errors,
    diagnostics: [],
  };
}

function stageName(analysis: Analysis, index: number): string | null {
  const stage = analysis.stages[index];
  return stage ? (stage.name ?? String(index)) : null;
}

/** `dockerfile` relative to `context`, as bake resolves it (an absolute dockerfile stands alone). */
export function dockerfilePath(target: ResolvedTarget): string {
  if (target.dockerfile.startsWith('/')) return target.dockerfile;
  const parts = `${target.context}/${target.dockerfile}`.split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out.at(-1) !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/') || '.';
}
