// What the built target is for, judged from its stage name, and how messages name it.
//
// A target's name usually says what its image is for: `prod`, `runtime` and `app` ship;
// `dev` and `debug` are run by developers; `test`, `build` and `deps` are steps that are
// built (often by CI with --target) but never shipped or run as a service. The checks
// about what ships (build tools, test tools, dev dependencies, heavy bases, root) skip
// development and build-step targets; unnamed and unrecognised names count as shipping.

import type { Stage } from '../../model.ts';
import type { RuleContext } from '../types.ts';

export type TargetRole = 'ship' | 'dev' | 'step' | 'unknown';

const SHIP = new Set(['prod', 'production', 'release', 'runtime', 'run', 'app', 'final', 'server', 'service', 'web', 'api', 'worker', 'main', 'live', 'deploy', 'image', 'serve', 'slim', 'distroless']);
const DEV = new Set(['dev', 'devel', 'develop', 'development', 'debug', 'local', 'devcontainer']);
const STEP = new Set([
  'test', 'tests', 'testing', 'unittest', 'e2e', 'lint', 'check', 'checks', 'ci', 'build', 'builder', 'compile', 'compiler',
  'deps', 'dependencies', 'base', 'export', 'artifact', 'artifacts', 'output', 'out', 'bin', 'binaries', 'vendor', 'tools',
  'toolchain', 'docs', 'fetch', 'download', 'cache', 'sources', 'src', 'assets', 'scan', 'audit', 'format', 'fmt', 'typecheck',
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
export const SHIPPED_TARGETS_ONLY = 'Targets named as development or build steps (dev, debug, test, build, deps…) are not checked.';

/** The target's stage when its image is meant to ship (role ship or unknown); null otherwise. */
export function shippedStage(context: RuleContext): Stage | null {
  const stage = context.finalStage;
  if (!stage) return null;
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
