// BuildKit linter rule MultipleInstructionsDisallowed, frontend/dockerfile/linter/ruleset.go (validateUsedOnce in dockerfile2llb/convert.go).

import type { Instruction } from '../../model.ts';
import type { Finding, Rule } from '../types.ts';
import { instructionsWith } from '../instruction-index.ts';
import { lintedStages } from './variables.ts';
import { buildCheck } from './build-check.ts';
import { dispatched } from './reach.ts';

/** Instructions whose last occurrence in a stage replaces the earlier ones. */
const ONCE = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

export const multipleInstructionsDisallowed: Rule = {
  meta: buildCheck({
    id: 'multiple-instructions-disallowed',
    severity: 'warning',
    description: 'Multiple CMD, ENTRYPOINT or HEALTHCHECK instructions should not be used in the same stage.',
    rationale:
      'A stage has one command, one entrypoint and one health check: each CMD, ENTRYPOINT or HEALTHCHECK replaces the previous one, so only the last takes effect and the earlier ones are dead code that misleads the reader. BuildKit points at the instruction that is ignored. Hadolint reports the same as DL4003 (CMD) and DL4004 (ENTRYPOINT). A later stage may of course set its own CMD.',
    hint: 'Keep only the last one, or combine them into a single instruction.',
    lesson: 'build-vs-runtime',
    sources: { buildkit: 'MultipleInstructionsDisallowed', hadolint: 'DL4003' },
  }),
  check(context) {
    const linted = lintedStages(context);
    const findings: Finding[] = [];
    // Kind by kind (each instruction is reported at most once, so the final sort gives file order).
    for (const keyword of ONCE) {
      let previous: Instruction | null = null;
      for (const instruction of instructionsWith(context, keyword)) {
        if (instruction.stage < 0 || !linted.has(instruction.stage)) continue;
        // Reported when the later one is dispatched, at the earlier one.
        if (previous !== null && previous.stage === instruction.stage && dispatched(context, instruction)) {
          findings.push({
            range: previous.range,
            message: `Multiple ${instruction.keywordText} instructions should not be used in the same stage because only the last one will be used`,
            hint: `Line ${instruction.range.start.line} replaces this ${previous.keyword}. Delete this one, or merge the two.`,
          });
        }
        previous = instruction;
      }
    }
    return findings.sort((a, b) => a.range.start.offset - b.range.start.offset);
  },
  examples: {
    valid: [{ code: 'FROM node:22-alpine AS dev\nCMD ["npm", "run", "dev"]\nFROM node:22-alpine\nCMD ["node", "server.js"]\n' }],
    invalid: [
      {
        code: 'FROM node:22-alpine\nCMD ["npm", "start"]\nENTRYPOINT ["node"]\nCMD ["server.js"]\n',
        findings: [
          {
            line: 2,
            column: 1,
            endLine: 2,
            endColumn: 21,
            message: 'Multiple CMD instructions should not be used in the same stage because only the last one will be used',
          },
        ],
      },
    ],
  },
};
