// BuildKit linter rule FromPlatformFlagConstDisallowed, frontend/dockerfile/linter/ruleset.go (reportConstPlatformDisallowed in dockerfile2llb/convert.go).

import type { Finding, Rule } from '../types.ts';
import { buildCheck } from './support/build-check.ts';
import { parsePlatform } from './support/platform.ts';
import { onFirstLine } from './support/positions.ts';
import { expandedFrom } from './support/reach.ts';
import { fromLines } from './support/variables.ts';

export const fromPlatformFlagConstDisallowed: Rule = {
  meta: buildCheck({
    id: 'from-platform-flag-const-disallowed',
    severity: 'warning',
    messages: {
      constantPlatform: 'FROM --platform names a fixed platform, not a variable, and the stage name does not say why.',
    },
    description: 'FROM --platform flag should not use a constant value.',
    rationale:
      '`FROM --platform=linux/amd64 node:22` pins the stage to one platform whatever `docker build --platform` asks for: on an ARM machine, or in a multi-platform build, that stage is emulated or produces the wrong architecture. Use the predefined arguments instead (`$BUILDPLATFORM` for tools that run during the build, `$TARGETPLATFORM` for what ends up in the image). BuildKit accepts a constant when the stage name says which platform it is for, such as `AS build-amd64`.',
    hint: 'Use `--platform=$BUILDPLATFORM` (or leave the flag out to follow `docker build --platform`); if the stage really is for one platform, name it after it, e.g. `AS build-arm64`.',
    sources: { buildkit: 'FromPlatformFlagConstDisallowed' },
  }),
  check(context) {
    const findings: Finding[] = [];
    for (const { stage, platform } of fromLines(context).lines) {
      const expanded = platform?.expanded;
      // Any substitution, even of an undefined variable, means the value is not a constant.
      if (!platform || !expanded || expanded.matched.size > 0 || expanded.unmatched.size > 0 || !expandedFrom(context, stage, 'platform')) continue;
      const parsed = parsePlatform(expanded.value);
      const name = stage.name ?? '';
      if (parsed === null || name.includes(parsed.os) || name.includes(parsed.architecture)) continue;
      findings.push({
        range: onFirstLine(stage.from, platform.flag.range),
        messageId: 'constantPlatform',
        message: `FROM --platform flag should not use constant value ${JSON.stringify(expanded.value)}`,
      });
    }
    return findings;
  },
  examples: {
    valid: [
      { code: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\n' },
      { code: 'FROM --platform=linux/arm64 alpine:3.20 AS tools-arm64\n' },
      { note: 'A variable, even one with a fixed default, is not a constant.', code: 'ARG PLATFORM=linux/amd64\nFROM --platform=$PLATFORM alpine:3.20\n' },
    ],
    invalid: [
      {
        code: 'FROM --platform=linux/amd64 node:22-alpine AS build\n',
        findings: [
          {
            line: 1,
            column: 6,
            endLine: 1,
            endColumn: 28,
            messageId: 'constantPlatform',
            message: 'FROM --platform flag should not use constant value "linux/amd64"',
          },
        ],
      },
      {
        code: 'FROM --platform=linux/arm/v7 alpine:3.20\n',
        findings: [{ line: 1, column: 6, endLine: 1, endColumn: 29, messageId: 'constantPlatform' }],
      },
      {
        note: 'The name must say which platform: build-amd64 does not excuse linux/arm64.',
        code: 'FROM --platform=linux/arm64 golang:1.23 AS build-amd64\n',
        findings: [{ line: 1, column: 6, endLine: 1, endColumn: 28, messageId: 'constantPlatform' }],
      },
    ],
  },
};
