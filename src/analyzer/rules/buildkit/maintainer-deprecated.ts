// BuildKit linter rule MaintainerDeprecated, frontend/dockerfile/linter/ruleset.go (checked in instructions/parse.go).

import { instructionsWith } from '../support/instruction-index.ts';
import type { Rule } from '../types.ts';
import { buildCheck } from './support/build-check.ts';
import { parsedInstruction } from './support/reach.ts';

export const maintainerDeprecated: Rule = {
  meta: buildCheck({
    id: 'maintainer-deprecated',
    severity: 'warning',
    messages: {
      maintainer: 'The MAINTAINER instruction, deprecated in favour of a LABEL.',
    },
    description: 'The MAINTAINER instruction is deprecated, use a label instead to define an image author.',
    rationale:
      '`MAINTAINER` only fills the image\'s old "Author" field, which tools hardly read. A label such as `org.opencontainers.image.authors` carries the same information in the standard place, next to the image\'s other metadata. Hadolint reports the same as DL4000.',
    hint: 'Replace it with `LABEL org.opencontainers.image.authors="name <email>"`.',
    sources: { buildkit: 'MaintainerDeprecated', hadolint: 'DL4000' },
  }),
  check(context) {
    return instructionsWith(context, 'MAINTAINER')
      .filter((instruction) => parsedInstruction(context, instruction))
      .map((instruction) => ({ range: instruction.range, messageId: 'maintainer', message: 'Maintainer instruction is deprecated in favor of using label' }));
  },
  examples: {
    valid: [
      { code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Ada <ada@example.com>"\n' },
      { note: 'A label named maintainer is the suggested replacement.', code: 'FROM alpine:3.20\nLABEL maintainer="Ada <ada@example.com>"\n' },
      { note: 'The word in a RUN command is no instruction.', code: 'FROM alpine:3.20\nRUN echo MAINTAINER\n' },
    ],
    invalid: [
      {
        code: 'FROM alpine:3.20\nMAINTAINER Ada <ada@example.com>\n',
        findings: [
          { line: 2, column: 1, endLine: 2, endColumn: 33, messageId: 'maintainer', message: 'Maintainer instruction is deprecated in favor of using label' },
        ],
      },
      {
        note: 'In any case, and in a stage that is not the last.',
        code: 'FROM alpine:3.20 AS base\nmaintainer ada@example.com\nFROM base\n',
        findings: [{ line: 2, column: 1, endLine: 2, endColumn: 27, messageId: 'maintainer' }],
      },
      {
        code: 'FROM alpine:3.20\nMAINTAINER Ada\nFROM alpine:3.20\nMAINTAINER Grace\n',
        findings: [
          { line: 2, column: 1, endLine: 2, endColumn: 15, messageId: 'maintainer' },
          { line: 4, column: 1, endLine: 4, endColumn: 17, messageId: 'maintainer' },
        ],
      },
    ],
  },
};
