// What a learner can change to see the cache at work ("What re-runs if I change…"): the files of
// the build context the build reads, the ones .dockerignore leaves out, and the build arguments
// the Dockerfile declares. For pickers in the workbench and the playground.

import { analyze } from '../index.ts';
import { argPairs } from '../rules/buildkit/support/variables.ts';
import { contextPath, contextViews, selectFiles } from './context.ts';
import type { CacheInput } from './types.ts';
import { walkBuild } from './walk.ts';

export interface CacheChoices {
  /** Context files some step of the build copies or mounts (sorted). */
  files: string[];
  /** Context files .dockerignore leaves out: changing them changes nothing (sorted). */
  ignored: string[];
  /** Build arguments declared by ARG lines, each once, in file order, with the lines declaring them. */
  buildArgs: Array<{ name: string; lines: number[] }>;
}

export function cacheChoices(input: Omit<CacheInput, 'change'>): CacheChoices {
  const builder = input.builder ?? 'buildkit';
  const buildArgs = input.buildArgs ?? {};
  const analysis = analyze(input.dockerfile, { builder, target: input.target ?? null, buildArgs: { ...buildArgs }, rules: false });
  const { current } = contextViews(input.context, {}, false);
  const walk = walkBuild({ analysis, builder, buildArgs, view: current, editSalt: () => '' });
  const read = new Set<string>();
  for (const step of walk.steps) for (const source of step.contextSources) for (const file of selectFiles(current, source)) read.add(file);
  const sent = new Set(current.files.keys());
  const args = new Map<string, number[]>();
  for (const instruction of analysis.instructions) {
    if (instruction.keyword !== 'ARG') continue;
    for (const pair of argPairs(instruction)) args.set(pair.key, [...(args.get(pair.key) ?? []), instruction.range.start.line]);
  }
  return {
    files: [...read].sort(),
    ignored: [...new Set(input.context.files.map(contextPath))].filter((file) => !sent.has(file)).sort(),
    buildArgs: [...args].map(([name, lines]) => ({ name, lines })),
  };
}
