// BuildKit linter rule MultipleInstructionsDisallowed, frontend/dockerfile/linter/ruleset.go (validateUsedOnce in dockerfile2llb/convert.go).

import type { Finding, Rule } from '../types.ts';
import { buildCheck } from './support/build-check.ts';
import { asReported, dispatched } from './support/reach.ts';
import { type InstructionEvent, instructionEvents } from './support/scope-walk.ts';

/** Instructions whose last occurrence in a stage replaces the earlier ones. */
const ONCE = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

export const multipleInstructionsDisallowed: Rule = {
  meta: buildCheck({
    id: 'multiple-instructions-disallowed',
    severity: 'warning',
    messages: {
      replaced: 'A CMD, ENTRYPOINT or HEALTHCHECK that a later one in the same stage replaces.',
    },
    description: 'Multiple CMD, ENTRYPOINT or HEALTHCHECK instructions should not be used in the same stage.',
    rationale:
      'A stage has one command, one entrypoint and one health check: each CMD, ENTRYPOINT or HEALTHCHECK replaces the previous one, so only the last takes effect and the earlier ones are dead code that misleads the reader. BuildKit points at the instruction that is ignored. Hadolint reports the same as DL4003 (CMD) and DL4004 (ENTRYPOINT). A later stage may of course set its own CMD. An `ONBUILD CMD` of the stage it is built FROM runs first in a stage, so a CMD of its own replaces it: Docker reports that on the FROM line.',
    hint: 'Keep only the last one, or combine them into a single instruction.',
    sources: { buildkit: 'MultipleInstructionsDisallowed', hadolint: 'DL4003' },
  }),
  check(context) {
    const findings: Finding[] = [];
    // Kind by kind (each instruction is reported at most once, so the final sort gives file
    // order); the ONBUILD triggers a stage runs count as its first instructions.
    for (const keyword of ONCE) {
      let previous: InstructionEvent | null = null;
      for (const event of instructionEvents(context, [keyword])) {
        const { instruction } = event;
        // Reported when the later one is dispatched, at the earlier one.
        if (previous !== null && previous.stage === event.stage && dispatched(context, instruction)) {
          findings.push(
            asReported(context, previous.instruction, {
              range: previous.instruction.range,
              messageId: 'replaced',
              message: `Multiple ${instruction.keywordText} instructions should not be used in the same stage because only the last one will be used`,
              hint: `Line ${instruction.range.start.line} replaces this ${previous.instruction.keyword}. Delete this one, or merge the two.`,
            }),
          );
        }
        previous = event;
      }
    }
    return findings.sort((a, b) => a.range.start.offset - b.range.start.offset);
  },
  examples: {
    valid: [
      { code: 'FROM node:22-alpine AS dev\nCMD ["npm", "run", "dev"]\nFROM node:22-alpine\nCMD ["node", "server.js"]\n' },
      { note: 'One ENTRYPOINT and one CMD: CMD gives its arguments.', code: 'FROM alpine:3.20\nENTRYPOINT ["/usr/local/bin/app"]\nCMD ["--help"]\n' },
      {
        note: 'A stage built FROM another may replace its CMD: that is a new stage.',
        code: 'FROM node:22-alpine AS base\nCMD ["node", "server.js"]\nFROM base AS dev\nCMD ["npm", "run", "dev"]\n',
      },
    ],
    invalid: [
      {
        code: 'FROM node:22-alpine\nCMD ["npm", "start"]\nENTRYPOINT ["node"]\nCMD ["server.js"]\n',
        findings: [
          {
            line: 2,
            column: 1,
            endLine: 2,
            endColumn: 21,
            messageId: 'replaced',
            message: 'Multiple CMD instructions should not be used in the same stage because only the last one will be used',
          },
        ],
      },
      {
        note: "The ONBUILD trigger runs first in the stage built FROM base, and its CMD replaces the trigger's.",
        code: 'FROM node:22-alpine AS base\nONBUILD CMD ["npm", "start"]\nFROM base AS app\nCMD ["node", "server.js"]\n',
        findings: [
          { line: 3, column: 1, endLine: 3, endColumn: 17, messageId: 'replaced', message: 'Multiple CMD instructions should not be used in the same stage' },
        ],
      },
      {
        note: 'ENTRYPOINT too: only the last one is used.',
        code: 'FROM alpine:3.20\nENTRYPOINT ["/bin/sh"]\nRUN echo hi\nENTRYPOINT ["/usr/local/bin/app"]\n',
        findings: [{ line: 2, column: 1, endLine: 2, endColumn: 23, messageId: 'replaced' }],
      },
    ],
  },
};
