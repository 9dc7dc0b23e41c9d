// The buildkit rules, in the order their reference pages list them.

import type { Rule } from '../types.ts';
import { consistentInstructionCasing } from './consistent-instruction-casing.ts';
import { copyIgnoredFile } from './copy-ignored-file.ts';
import { duplicateStageName } from './duplicate-stage-name.ts';
import { exposeInvalidFormat } from './expose-invalid-format.ts';
import { exposeProtoCasing } from './expose-proto-casing.ts';
import { fromAsCasing } from './from-as-casing.ts';
import { fromPlatformFlagConstDisallowed } from './from-platform-flag-const-disallowed.ts';
import { invalidDefaultArgInFrom } from './invalid-default-arg-in-from.ts';
import { jsonArgsRecommended } from './json-args-recommended.ts';
import { legacyKeyValueFormat } from './legacy-key-value-format.ts';
import { maintainerDeprecated } from './maintainer-deprecated.ts';
import { multipleInstructionsDisallowed } from './multiple-instructions-disallowed.ts';
import { noEmptyContinuation } from './no-empty-continuation.ts';
import { redundantTargetPlatform } from './redundant-target-platform.ts';
import { reservedStageName } from './reserved-stage-name.ts';
import { secretsUsedInArgOrEnv } from './secrets-used-in-arg-or-env.ts';
import { stageNameCasing } from './stage-name-casing.ts';
import { undefinedArgInFrom } from './undefined-arg-in-from.ts';
import { undefinedVar } from './undefined-var.ts';
import { workdirRelativePath } from './workdir-relative-path.ts';

export const buildkitRules: readonly Rule[] = [
  stageNameCasing,
  fromAsCasing,
  noEmptyContinuation,
  consistentInstructionCasing,
  duplicateStageName,
  reservedStageName,
  jsonArgsRecommended,
  maintainerDeprecated,
  undefinedArgInFrom,
  workdirRelativePath,
  undefinedVar,
  multipleInstructionsDisallowed,
  legacyKeyValueFormat,
  redundantTargetPlatform,
  secretsUsedInArgOrEnv,
  invalidDefaultArgInFrom,
  fromPlatformFlagConstDisallowed,
  exposeProtoCasing,
  exposeInvalidFormat,
  copyIgnoredFile,
];
