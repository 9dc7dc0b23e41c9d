// BuildKit linter rule InvalidDefaultArgInFrom, frontend/dockerfile/linter/ruleset.go (validateBaseImagesWithDefaultArgs in dockerfile2llb/convert.go).

import { imageReferenceErrors } from '../image-refs.ts';
import type { Finding, Rule } from '../types.ts';
import { expand, fromLines, fromScope } from './variables.ts';

export const invalidDefaultArgInFrom: Rule = {
  meta: {
    id: 'invalid-default-arg-in-from',
    severity: 'warning',
    description: 'Default value for global ARG results in an empty or invalid base image name.',
    rationale:
      'A FROM line built from arguments should work without any `--build-arg`. With `ARG TAG` (no default) and `FROM alpine:$TAG`, a plain `docker build` asks for the image `alpine:`, which is no valid name, and fails; only builds that remember to pass `--build-arg TAG=…` succeed. BuildKit evaluates every FROM with the defaults alone to catch this.',
    hint: 'Give the ARG a default that makes a valid image name, e.g. `ARG TAG=3.20`.',
    lesson: 'one-dockerfile-every-environment',
    sources: { buildkit: 'InvalidDefaultArgInFrom' },
  },
  check(context) {
    // Global ARGs with their defaults only: --build-arg values are ignored on purpose.
    const { env } = fromScope(context, false);
    // Without --build-arg that is the scope the FROM lines were already expanded with.
    const lines = fromLines(context);
    const expandedBefore = lines.scope.env === env ? lines.lines : null;
    const findings: Finding[] = [];
    const imageReferenceError = imageReferenceErrors(context);
    for (const stage of context.analysis.stages) {
      const word = stage.from.words[0];
      // Only FROM lines built from arguments: a plain bad name is already an error, and a
      // name the builder resolved to a stage (the classic builder ignores case) is fine.
      if (!word || !word.raw.includes('$') || stage.base.kind === 'stage') continue;
      const expanded = expandedBefore ? expandedBefore[stage.index]!.base!.expanded : expand(word.raw, env, context.analysis.escape);
      // BuildKit abandons the check at the first FROM it cannot expand.
      if (expanded === null) break;
      if (imageReferenceError(expanded.value) === null) continue;
      findings.push({
        range: word.range,
        message: `Default value for ARG ${word.raw} results in empty or invalid base image name`,
        hint:
          expanded.value === ''
            ? `Without --build-arg, ${word.raw} expands to nothing. Give the ARG it uses a default before the first FROM.`
            : `Without --build-arg, ${word.raw} expands to "${expanded.value}", which is no valid image name. Give the ARG a default that is.`,
      });
    }
    return findings;
  },
  examples: {
    valid: [{ code: 'ARG TAG=3.20\nFROM alpine:$TAG\n' }, { code: 'ARG IMAGE=alpine\nARG TAG=3.20\nFROM ${IMAGE}:${TAG} AS base\n' }],
    invalid: [
      {
        code: 'ARG TAG\nFROM alpine:$TAG\n',
        options: { buildArgs: { TAG: '3.20' } },
        findings: [{ line: 2, column: 6, endLine: 2, endColumn: 17, message: 'Default value for ARG alpine:$TAG results in empty or invalid base image name' }],
      },
    ],
  },
};
