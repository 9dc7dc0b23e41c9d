// BuildKit linter rule ReservedStageName, frontend/dockerfile/linter/ruleset.go (validateStageNames in dockerfile2llb/convert.go).

import type { Rule } from '../types.ts';
import { buildCheck } from './support/build-check.ts';
import { onFirstLine } from './support/positions.ts';
import { reach } from './support/reach.ts';

/** Names BuildKit gives a meaning of its own: the empty image and the build context. */
const RESERVED = new Set(['context', 'scratch']);

export const reservedStageName: Rule = {
  meta: buildCheck({
    id: 'reserved-stage-name',
    severity: 'warning',
    messages: {
      reservedName: 'A stage is named `scratch` or `context`, names Docker reserves.',
    },
    description: 'Reserved words should not be used as stage names.',
    rationale:
      '`scratch` is the empty image, and BuildKit reserves `context` as well. A stage may still take either name, and then the name means the stage: after `FROM alpine:3.20 AS scratch`, a later `FROM scratch` starts from that stage, not from the empty image (recorded on Docker 28.5 and 26.1, both builders). Without such a stage, `COPY --from=context` does not read the build context: Docker takes `context` for an image name and tries to pull it.',
    hint: 'Choose another stage name, e.g. `AS empty` or `AS sources`.',
    sources: { buildkit: 'ReservedStageName' },
  }),
  check(context) {
    if (!reach(context).file) return [];
    return context.analysis.stages
      .filter((stage) => stage.name !== null && RESERVED.has(stage.name))
      .map((stage) => ({
        range: onFirstLine(stage.from, stage.nameRange ?? stage.from.range),
        messageId: 'reservedName',
        message: `Stage name should not use the same name as reserved stage "${stage.name}"`,
      }));
  },
  examples: {
    valid: [
      { code: 'FROM scratch AS empty\nFROM alpine:3.20 AS sources\n' },
      { note: 'A name that contains a reserved word is not reserved.', code: 'FROM alpine:3.20 AS scratchpad\nFROM alpine:3.20 AS build-context\n' },
      { code: 'FROM scratch\nCOPY app /app\n' },
    ],
    invalid: [
      {
        code: 'FROM alpine:3.20 AS scratch\nFROM alpine:3.20 AS Context\n',
        findings: [
          {
            line: 1,
            column: 21,
            endLine: 1,
            endColumn: 28,
            messageId: 'reservedName',
            message: 'Stage name should not use the same name as reserved stage "scratch"',
          },
          { line: 2, column: 21, endLine: 2, endColumn: 28, messageId: 'reservedName', message: 'reserved stage "context"' },
        ],
      },
      {
        code: 'FROM alpine:3.20 AS context\nCOPY . /src\n',
        findings: [{ line: 1, column: 21, endLine: 1, endColumn: 28, messageId: 'reservedName' }],
      },
      {
        note: 'Compared without case: SCRATCH is scratch (and StageNameCasing reports the upper case too).',
        code: 'FROM golang:1.23 AS SCRATCH\nRUN go version\n',
        findings: [{ line: 1, column: 21, endLine: 1, endColumn: 28, messageId: 'reservedName' }],
      },
    ],
  },
};
