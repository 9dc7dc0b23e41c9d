// BuildKit linter rule WorkdirRelativePath, frontend/dockerfile/linter/ruleset.go (dispatchWorkdir in dockerfile2llb/convert.go).

import type { Rule } from '../types.ts';
import { buildCheck } from './support/build-check.ts';
import { checkDispatched } from './support/reach.ts';
import { expand } from './support/variables.ts';

export const workdirRelativePath: Rule = {
  meta: buildCheck({
    id: 'workdir-relative-path',
    severity: 'warning',
    messages: {
      relativeWorkdir: 'A WORKDIR with a relative path, before any absolute WORKDIR in the stage.',
    },
    description: 'Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes.',
    rationale:
      '`WORKDIR app` is relative to the working directory the base image happens to set — `/` in one image, `/usr/src/app` or `/home/node` in another. Update the base image and your files land somewhere else. BuildKit checks only the first WORKDIR of a stage and the stages it is built FROM: after that the directory is one the Dockerfile chose. A variable that nothing defines expands to nothing, so `WORKDIR $APP_DIR` without a value for APP_DIR is reported as `Relative workdir ""`. Hadolint reports relative WORKDIRs as DL3000.',
    hint: 'Start with an absolute path, e.g. `WORKDIR /app`.',
    sources: { buildkit: 'WorkdirRelativePath', hadolint: 'DL3000' },
  }),
  check(context) {
    return checkDispatched(
      context,
      (instruction, scope) => {
        if (instruction.keyword !== 'WORKDIR' || scope.workdirSet) return [];
        const path = expand(instruction.argsText, scope.env, context.analysis.escape);
        // Like UndefinedVar, this takes the base image to define no variable but PATH: an
        // undefined one expands to nothing, and Docker reports `Relative workdir ""`.
        if (path === null || path.value.startsWith('/')) return [];
        return [
          {
            range: instruction.argsRange,
            messageId: 'relativeWorkdir',
            message: `Relative workdir ${JSON.stringify(path.value)} can have unexpected results if the base image changes`,
            hint:
              path.value === ''
                ? `\`${instruction.argsText}\` expands to nothing here, so the working directory stays whatever the base image set. Define the variable first, or write an absolute path such as \`WORKDIR /app\`.`
                : `Use an absolute path, e.g. \`WORKDIR /${path.value.replace(/^\.\//, '')}\`.`,
          },
        ];
      },
      ['WORKDIR'],
    );
  },
  examples: {
    valid: [
      { code: 'FROM node:22-alpine\nWORKDIR /app\nWORKDIR src\n' },
      { code: 'FROM node:22-alpine AS base\nWORKDIR /app\nFROM base\nWORKDIR build\n' },
      { note: 'An ARG with an absolute default gives an absolute path.', code: 'FROM alpine:3.20\nARG APP_DIR=/srv/app\nWORKDIR $APP_DIR\n' },
    ],
    invalid: [
      {
        code: 'FROM node:22-alpine\nWORKDIR app\nWORKDIR /srv\n',
        findings: [
          {
            line: 2,
            column: 9,
            endLine: 2,
            endColumn: 12,
            messageId: 'relativeWorkdir',
            message: 'Relative workdir "app" can have unexpected results if the base image changes',
          },
        ],
      },
      {
        note: 'An ARG without a value, or a variable nothing defines, expands to nothing.',
        code: 'FROM node:22-alpine\nARG APP_DIR\nWORKDIR $APP_DIR\n',
        findings: [
          {
            line: 3,
            column: 9,
            endLine: 3,
            endColumn: 17,
            messageId: 'relativeWorkdir',
            message: 'Relative workdir "" can have unexpected results if the base image changes',
          },
        ],
      },
      {
        note: './ is relative too; a later absolute WORKDIR does not undo the first.',
        code: 'FROM alpine:3.20\nWORKDIR ./src\nWORKDIR /app\n',
        findings: [{ line: 2, column: 9, endLine: 2, endColumn: 14, messageId: 'relativeWorkdir' }],
      },
    ],
  },
};
