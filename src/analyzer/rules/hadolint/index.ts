// The hadolint rules, in the order their reference pages list them.

import type { Rule } from '../types.ts';
import { copyEntireFilesystem } from './copy-entire-filesystem.ts';
import { copyFromOwnStage } from './copy-from-own-stage.ts';
import { copyFromUndefinedStage } from './copy-from-undefined-stage.ts';
import { copyRelativeDestination } from './copy-relative-destination.ts';
import { instructionBeforeFrom } from './instruction-before-from.ts';
import { lastUserRoot } from './last-user-root.ts';
import { latestBaseImage } from './latest-base-image.ts';
import { onbuildForbiddenTrigger } from './onbuild-forbidden-trigger.ts';
import { untaggedBaseImage } from './untagged-base-image.ts';

export const hadolintRules: readonly Rule[] = [
  instructionBeforeFrom,
  untaggedBaseImage,
  latestBaseImage,
  copyFromUndefinedStage,
  copyFromOwnStage,
  copyEntireFilesystem,
  copyRelativeDestination,
  lastUserRoot,
  onbuildForbiddenTrigger,
];
