// The course rules, in the order their reference pages list them.

import type { Rule } from '../types.ts';
import { buildToolsInFinalImage } from './build-tools-in-final-image.ts';
import { dependencyInstallAfterCopyAll } from './dependency-install-after-copy-all.ts';
import { devDependenciesInFinalImage } from './dev-dependencies-in-final-image.ts';
import { finalStageRunsAsRoot } from './final-stage-runs-as-root.ts';
import { heavyFinalBase } from './heavy-final-base.ts';
import { noCommandInFinalImage } from './no-command-in-final-image.ts';
import { testToolsInFinalImage } from './test-tools-in-final-image.ts';
import { unreachableStage } from './unreachable-stage.ts';

export const courseRules: readonly Rule[] = [
  buildToolsInFinalImage,
  testToolsInFinalImage,
  devDependenciesInFinalImage,
  heavyFinalBase,
  finalStageRunsAsRoot,
  dependencyInstallAfterCopyAll,
  unreachableStage,
  noCommandInFinalImage,
];
