// Which image ships, and how messages name it.
//
// What ships comes from what the user builds, not from what a stage is called: a plain
// `docker build .` builds the last stage, and that image is the one a deploy script pushes,
// whatever its name (a single stage called `build` ships the Go toolchain all the same). A
// target asked for with --target is built for a reason its name usually states: `prod`,
// `runtime` and `app` ship; `dev` and `debug` are run by developers; `test`, `build` and
// `deps` are steps CI builds but never ships. So the checks about what ships (build tools,
// test tools, dev dependencies, heavy bases, root) always check the default target, and
// check a requested target unless its name says it is for development or a build step.

import type { Stage } from '../../../model.ts';
import type { RuleContext } from '../../types.ts';

export type TargetRole = 'ship' | 'dev' | 'step' | 'unknown';

const SHIP = new Set([
  'prod',
  'production',
  'release',
  'runtime',
  'run',
  'app',
  'final',
  'server',
  'service',
  'web',
  'api',
  'worker',
  'main',
  'live',
  'deploy',
  'image',
  'serve',
  'slim',
  'distroless',
]);
const DEV = new Set(['dev', 'devel', 'develop', 'development', 'debug', 'local', 'devcontainer']);
const STEP = new Set([
  'test',
  'tests',
  'testing',
  'unittest',
  'e2e',
  'lint',
  'check',
  'checks',
  'ci',
  'build',
  'builder',
  'compile',
  'compiler',
  'deps',
  'dependencies',
  'base',
  'export',
  'artifact',
  'artifacts',
  'output',
  'out',
  'bin',
  'binaries',
  'vendor',
  'tools',
  'toolchain',
  'docs',
  'fetch',
  'download',
  'cache',
  'sources',
  'src',
  'assets',
  'scan',
  'audit',
  'format',
  'fmt',
  'typecheck',
]);

/** A stage's role from the words of its name (`prod-api` → ship, `build-deps` → step). */
export function stageRole(stage: Stage): TargetRole {
  const words = (stage.name ?? '').split(/[-_.]/).filter(Boolean);
  if (words.some((w) => SHIP.has(w))) return 'ship';
  if (words.some((w) => DEV.has(w))) return 'dev';
  if (words.some((w) => STEP.has(w))) return 'step';
  return 'unknown';
}

/** True when no --target is given, so the last stage is built. */
export function isDefaultTarget(context: RuleContext): boolean {
  return context.analysis.target.requested === null;
}

/** Said in the rationale of the rules that use `shippedStage`. */
export const SHIPPED_TARGETS_ONLY =
  'The image a plain `docker build .` produces (the last stage) is always checked, whatever its name, because it is the one that ships. A target asked for with --target is checked unless its name says it is for development or a build step (dev, debug, test, build, deps…).';

/** The target's stage when its image ships: always for the default target, and for a requested
 *  target unless its name says development or build step; null otherwise. */
export function shippedStage(context: RuleContext): Stage | null {
  const stage = context.finalStage;
  if (!stage) return null;
  if (isDefaultTarget(context)) return stage;
  const role = stageRole(stage);
  return role === 'ship' || role === 'unknown' ? stage : null;
}

/** `the image for target "prod"` / `the image for the default target (prod)`. */
export function imageOf(context: RuleContext): string {
  return isDefaultTarget(context) ? `the image for ${context.targetLabel}` : `the image for target "${context.targetLabel}"`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `stage "build"` / `stage 2`. */
export function stageName(stage: Stage): string {
  return stage.name ? `stage "${stage.name}"` : `stage ${stage.index}`;
}

/** Where an instruction of `stage` lands: in the target image itself, or in a stage it is built FROM. */
export function whereIn(context: RuleContext, stage: Stage): string {
  return context.finalStage && stage.index !== context.finalStage.index
    ? `in ${stageName(stage)}, which ${imageOf(context)} is built on`
    : `in ${imageOf(context)}`;
}
