// BuildKit linter rule WorkdirRelativePath, frontend/dockerfile/linter/ruleset.go (dispatchWorkdir in dockerfile2llb/convert.go).

import type { Rule } from '../types.ts';
import { checkInstructions } from './scope-walk.ts';
import { expand } from './variables.ts';

export const workdirRelativePath: Rule = {
  meta: {
    id: 'workdir-relative-path',
    severity: 'warning',
    description: 'Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes.',
    rationale:
      '`WORKDIR app` is relative to the working directory the base image happens to set — `/` in one image, `/usr/src/app` or `/home/node` in another. Update the base image and your files land somewhere else. Once the Dockerfile itself has set an absolute WORKDIR (in the stage or in a stage it is built FROM), later relative ones are predictable, so BuildKit checks only the first. Hadolint reports relative WORKDIRs as DL3000.',
    hint: 'Start with an absolute path, e.g. `WORKDIR /app`.',
    lesson: 'pitfalls',
    sources: { buildkit: 'WorkdirRelativePath', hadolint: 'DL3000' },
  },
  check(context) {
    return checkInstructions(context, (instruction, scope) => {
      if (instruction.keyword !== 'WORKDIR' || scope.workdirSet) return [];
      const path = expand(instruction.argsText, scope.env, context.analysis.escape);
      // A variable the analyzer cannot see may come from the base image (and be absolute).
      if (path === null || path.unmatched.size > 0 || path.value.startsWith('/')) return [];
      return [
        {
          range: instruction.argsRange,
          message: `Relative workdir ${JSON.stringify(path.value)} can have unexpected results if the base image changes`,
          hint: `Use an absolute path, e.g. \`WORKDIR /${path.value.replace(/^\.\//, '')}\`.`,
        },
      ];
    }, ['WORKDIR']);
  },
  examples: {
    valid: [
      { code: 'FROM node:22-alpine\nWORKDIR /app\nWORKDIR src\n' },
      { code: 'FROM node:22-alpine AS base\nWORKDIR /app\nFROM base\nWORKDIR build\n' },
    ],
    invalid: [
      {
        code: 'FROM node:22-alpine\nWORKDIR app\nWORKDIR /srv\n',
        findings: [{ line: 2, column: 9, endLine: 2, endColumn: 12, message: 'Relative workdir "app" can have unexpected results if the base image changes' }],
      },
    ],
  },
};
