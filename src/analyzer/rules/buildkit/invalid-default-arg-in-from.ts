// BuildKit linter rule InvalidDefaultArgInFrom, frontend/dockerfile/linter/ruleset.go (validateBaseImagesWithDefaultArgs in dockerfile2llb/convert.go).

import type { Stage } from '../../model.ts';
import { imageReferenceErrors } from '../support/image-refs.ts';
import type { Finding, Rule } from '../types.ts';
import { buildCheck } from './support/build-check.ts';
import { onFirstLine } from './support/positions.ts';
import { reach } from './support/reach.ts';
import { expand, fromLines, fromScope } from './support/variables.ts';

function hintFor(raw: string, value: string, stages: readonly Stage[]): string {
  if (value === '') return `Without --build-arg, ${raw} expands to nothing. Give the ARG it uses a default before the first FROM.`;
  if (raw.includes('$')) return `Without --build-arg, ${raw} expands to "${value}", which is no valid image name. Give the ARG a default that is.`;
  const stage = stages.find((s) => s.name === value.toLowerCase());
  return stage
    ? `"${raw}" is no valid image name (they are lower case), and FROM compares stage names exactly: write \`FROM ${stage.name}\` to build on the stage.`
    : `"${raw}" is no valid image name: image names are lower case, e.g. \`${value.toLowerCase()}\`.`;
}

export const invalidDefaultArgInFrom: Rule = {
  meta: buildCheck({
    id: 'invalid-default-arg-in-from',
    severity: 'warning',
    messages: {
      invalidDefaultBase: "With the global ARGs at their defaults, a FROM line's base is empty or no valid image name.",
    },
    description: 'Default value for global ARG results in an empty or invalid base image name.',
    rationale:
      'A FROM line built from arguments should work without any `--build-arg`. With `ARG TAG` (no default) and `FROM alpine:$TAG`, a plain `docker build` asks for the image `alpine:`, which is no valid name, and fails; only builds that remember to pass `--build-arg TAG=…` succeed. BuildKit evaluates every FROM with the defaults alone to catch this. It parses every base name that way, with or without a variable, so `FROM Build` (a capital letter, where a stage is called `build`) gets this warning too, with its odd wording, before the build fails on it.',
    hint: 'Give the ARG a default that makes a valid image name, e.g. `ARG TAG=3.20`.',
    sources: { buildkit: 'InvalidDefaultArgInFrom' },
  }),
  check(context) {
    const { file, defaultArgs } = reach(context);
    if (!file || !defaultArgs) return [];
    // Global ARGs with their defaults only: --build-arg values are ignored on purpose.
    const { env } = fromScope(context, false);
    // Without --build-arg that is the scope the FROM lines were already expanded with.
    const lines = fromLines(context);
    const expandedBefore = lines.scope.env === env ? lines.lines : null;
    const findings: Finding[] = [];
    const imageReferenceError = imageReferenceErrors(context);
    // Every FROM line, even one without a variable or one that names a stage: BuildKit
    // parses each base name as an image reference before it looks for stages.
    for (const stage of context.analysis.stages) {
      const word = stage.from.words[0];
      if (!word) continue;
      const expanded = expandedBefore ? expandedBefore[stage.index]!.base!.expanded : expand(word.raw, env, context.analysis.escape);
      // BuildKit abandons the check at the first FROM it cannot expand.
      if (expanded === null) break;
      if (imageReferenceError(expanded.value) === null) continue;
      findings.push({
        range: onFirstLine(stage.from, word.range),
        messageId: 'invalidDefaultBase',
        message: `Default value for ARG ${word.raw} results in empty or invalid base image name`,
        hint: hintFor(word.raw, expanded.value, context.analysis.stages),
      });
    }
    return findings;
  },
  examples: {
    valid: [
      { code: 'ARG TAG=3.20\nFROM alpine:$TAG\n' },
      { code: 'ARG IMAGE=alpine\nARG TAG=3.20\nFROM ${IMAGE}:${TAG} AS base\n' },
      {
        note: 'A global ARG with a default that names a whole image, and a FROM that names a stage.',
        code: 'ARG BASE=alpine:3.20\nFROM ${BASE} AS base\nFROM base\n',
      },
    ],
    invalid: [
      {
        code: 'ARG TAG\nFROM alpine:$TAG\n',
        options: { buildArgs: { TAG: '3.20' } },
        findings: [
          {
            line: 2,
            column: 6,
            endLine: 2,
            endColumn: 17,
            messageId: 'invalidDefaultBase',
            message: 'Default value for ARG alpine:$TAG results in empty or invalid base image name',
          },
        ],
      },
      {
        note: 'No variable at all: the name is checked the same way, then the build fails on it (the analyzer shows the check with that error).',
        code: 'FROM golang:1.23 AS build\nFROM Build AS test\n',
        findings: [{ line: 2, column: 6, endLine: 2, endColumn: 11, messageId: 'invalidDefaultBase', message: 'failed to parse stage name "Build"' }],
      },
      {
        note: 'An ARG declared inside a stage is no global ARG: $IMAGE is empty for FROM.',
        code: 'FROM alpine:3.20 AS base\nARG IMAGE=alpine:3.20\nFROM $IMAGE\n',
        findings: [
          {
            line: 3,
            column: 6,
            endLine: 3,
            endColumn: 12,
            messageId: 'invalidDefaultBase',
            message: 'Default value for ARG $IMAGE results in empty or invalid base image name',
          },
        ],
      },
    ],
  },
};
