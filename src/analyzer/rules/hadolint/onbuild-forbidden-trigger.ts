// hadolint DL3043: ONBUILD cannot trigger FROM, MAINTAINER or another ONBUILD.

import { instructionsWith } from '../support/instruction-index.ts';
import type { Finding, Rule } from '../types.ts';
import { span } from './support/helpers.ts';

const DOCKER_ERROR: Record<string, string> = {
  ONBUILD: "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
  FROM: "FROM isn't allowed as an ONBUILD trigger",
  MAINTAINER: "MAINTAINER isn't allowed as an ONBUILD trigger",
};

export const onbuildForbiddenTrigger: Rule = {
  meta: {
    id: 'onbuild-forbidden-trigger',
    severity: 'warning',
    messages: {
      forbiddenTrigger: 'ONBUILD triggers ONBUILD, FROM or MAINTAINER, which Docker refuses.',
    },
    description: 'ONBUILD should not trigger FROM, MAINTAINER or ONBUILD.',
    rationale:
      'ONBUILD stores an instruction in the image, to run in a later build that starts FROM this image. It runs inside that later stage, after its FROM line, so it cannot start a stage itself: `ONBUILD FROM` has no meaning, and neither does a chained `ONBUILD ONBUILD` or the deprecated MAINTAINER. Docker refuses the Dockerfile while parsing it. To share steps between images today, a named stage that other stages build FROM is usually clearer than ONBUILD.',
    hint: 'Remove the ONBUILD line, or give it an instruction that can run in a stage (RUN, COPY, ENV …). To reuse steps, put them in a named stage and build FROM it.',
    sources: { hadolint: 'DL3043' },
  },
  check(context) {
    const findings: Finding[] = [];
    for (const instruction of instructionsWith(context, 'ONBUILD')) {
      const trigger = instruction.words[0];
      const error = trigger ? DOCKER_ERROR[trigger.value.toUpperCase()] : undefined;
      if (!trigger || !error) continue;
      findings.push({
        range: span(instruction.range, trigger.range),
        messageId: 'forbiddenTrigger',
        message: `ONBUILD, FROM or MAINTAINER triggered from within ONBUILD instruction: Docker refuses this line with "${error}".`,
      });
    }
    return findings;
  },
  examples: {
    valid: [
      { code: 'FROM node:22-alpine\nWORKDIR /app\nONBUILD COPY package.json ./\nONBUILD RUN npm ci\n' },
      { note: "The word FROM inside a trigger's arguments is no trigger.", code: 'FROM alpine:3.20\nONBUILD LABEL from=base\nONBUILD RUN echo FROM here\n' },
      { code: 'FROM alpine:3.20\nONBUILD COPY . /app\n' },
    ],
    invalid: [
      {
        code: 'FROM node:22-alpine\nONBUILD FROM node:22-alpine\nONBUILD onbuild RUN npm ci\n',
        findings: [
          // Docker refuses these lines, so the analyzer's error (the whole line) carries DL3043.
          { line: 2, column: 1, endLine: 2, endColumn: 13, messageId: 'forbiddenTrigger', message: "FROM isn't allowed as an ONBUILD trigger" },
          { line: 3, column: 1, endLine: 3, endColumn: 16, messageId: 'forbiddenTrigger', message: 'Chaining ONBUILD' },
        ],
      },
      {
        code: 'FROM alpine:3.20\nONBUILD MAINTAINER Ada\n',
        findings: [{ line: 2, column: 1, endLine: 2, endColumn: 19, messageId: 'forbiddenTrigger' }],
      },
      {
        code: 'FROM alpine:3.20 AS base\nRUN echo base\nONBUILD ONBUILD RUN echo twice\n',
        findings: [{ line: 3, column: 1, endLine: 3, endColumn: 16, messageId: 'forbiddenTrigger' }],
      },
    ],
  },
};
