// BuildKit linter rule RedundantTargetPlatform, frontend/dockerfile/linter/ruleset.go (reportRedundantTargetPlatform in dockerfile2llb/convert.go).

import type { Finding, Rule } from '../types.ts';
import { buildCheck } from './support/build-check.ts';
import { onFirstLine } from './support/positions.ts';
import { expandedFrom } from './support/reach.ts';
import { fromLines } from './support/variables.ts';

export const redundantTargetPlatform: Rule = {
  meta: buildCheck({
    id: 'redundant-target-platform',
    severity: 'warning',
    messages: {
      redundantPlatform: 'FROM --platform=$TARGETPLATFORM, which is what a build does without the flag.',
    },
    description: 'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior.',
    rationale:
      'Every stage is built for the target platform unless its FROM says otherwise, so `FROM --platform=$TARGETPLATFORM` changes nothing. The flag is useful the other way round: `FROM --platform=$BUILDPLATFORM` runs a stage natively on the build machine — for a cross-compiler, say — while the other stages still target the requested platform.',
    hint: 'Remove `--platform=$TARGETPLATFORM`; if you meant the machine running the build, write `--platform=$BUILDPLATFORM`.',
    sources: { buildkit: 'RedundantTargetPlatform' },
  }),
  check(context) {
    const { scope, lines } = fromLines(context);
    const findings: Finding[] = [];
    for (const { stage, platform } of lines) {
      const expanded = platform?.expanded;
      if (!expandedFrom(context, stage, 'platform')) continue;
      // Only when TARGETPLATFORM is the one variable used and the flag comes out as its value.
      if (!platform || !expanded || expanded.matched.size !== 1 || expanded.unmatched.size !== 0 || !expanded.matched.has('TARGETPLATFORM')) continue;
      if (expanded.value !== scope.env.get('TARGETPLATFORM')) continue;
      findings.push({
        range: onFirstLine(stage.from, platform.flag.range),
        messageId: 'redundantPlatform',
        message: `Setting platform to predefined ${platform.value} in FROM is redundant as this is the default behavior`,
      });
    }
    return findings;
  },
  examples: {
    valid: [
      { code: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nFROM alpine:3.20\n' },
      {
        note: 'A fixed platform is not the default (FromPlatformFlagConstDisallowed has its own say).',
        code: 'FROM --platform=linux/arm64 alpine:3.20 AS tools-arm64\n',
      },
      { note: '`$TARGETOS` is predefined too, but it is not the whole platform.', code: 'FROM --platform=$TARGETOS alpine:3.20\n' },
    ],
    invalid: [
      {
        code: 'FROM --platform=$TARGETPLATFORM alpine:3.20\nFROM --platform=${TARGETPLATFORM} alpine:3.20 AS second\n',
        findings: [
          {
            line: 1,
            column: 6,
            endLine: 1,
            endColumn: 32,
            messageId: 'redundantPlatform',
            message: 'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior',
          },
          { line: 2, column: 6, endLine: 2, endColumn: 34, messageId: 'redundantPlatform', message: 'predefined ${TARGETPLATFORM} in FROM' },
        ],
      },
      {
        code: 'FROM --platform=$TARGETPLATFORM node:22-alpine AS build\nRUN npm ci\n',
        findings: [{ line: 1, column: 6, endLine: 1, endColumn: 32, messageId: 'redundantPlatform' }],
      },
      {
        note: 'In a later stage.',
        code: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nFROM --platform=$TARGETPLATFORM alpine:3.20\n',
        findings: [{ line: 2, column: 6, endLine: 2, endColumn: 32, messageId: 'redundantPlatform' }],
      },
    ],
  },
};
