// BuildKit linter rule ConsistentInstructionCasing, frontend/dockerfile/linter/ruleset.go (validateCommandCasing in dockerfile2llb/convert.go).

import { KNOWN_INSTRUCTIONS } from '../../instruction-check.ts';
import type { Instruction } from '../../model.ts';
import { isLowerCase, isUpperCase } from '../support/casing.ts';
import type { Finding, Rule } from '../types.ts';
import { buildCheck } from './support/build-check.ts';
import { reach } from './support/reach.ts';

const KNOWN = new Set(KNOWN_INSTRUCTIONS);

export const consistentInstructionCasing: Rule = {
  meta: buildCheck({
    id: 'consistent-instruction-casing',
    severity: 'warning',
    messages: {
      notMajorityCase: 'An instruction keyword is not written in the case (upper or lower) most instructions of the file use.',
    },
    description: 'All instructions within the Dockerfile should use the same casing (either upper or lower).',
    rationale:
      'Docker reads `RUN`, `run` and `Run` alike, but a file that mixes them is harder to scan: the instructions no longer stand out from their arguments in the same way. BuildKit counts the instructions of the stages written all upper case and all lower case, and reports every instruction that does not follow the majority (upper case wins a tie). ARG lines before the first FROM are not counted.',
    hint: 'Write every instruction in the case most of the file uses — usually upper case, `RUN`, `COPY`, `FROM`.',
    sources: { buildkit: 'ConsistentInstructionCasing' },
  }),
  check(context) {
    const { analysis } = context;
    // The instructions of the stages (those before the first FROM are not counted).
    const counted = (instruction: Instruction): boolean => instruction.stage >= 0 && KNOWN.has(instruction.keyword);
    let lower = 0;
    let upper = 0;
    let mixed = 0;
    for (const instruction of analysis.instructions) {
      if (!counted(instruction)) continue;
      const { keyword, keywordText } = instruction;
      // Written as the keyword itself: the parser shares that string, so no need to read it.
      if (keywordText === keyword) upper++;
      else if (isLowerCase(keywordText)) lower++;
      else if (isUpperCase(keywordText)) upper++;
      else mixed++;
    }
    const majorityLower = lower > upper;
    const findings: Finding[] = [];
    // Usually every instruction follows the majority: nothing to report, no second pass.
    if ((mixed === 0 && (majorityLower ? upper : lower) === 0) || !reach(context).file) return findings;
    for (const instruction of analysis.instructions) {
      if (!counted(instruction)) continue;
      const { keyword, keywordText, keywordRange } = instruction;
      if (majorityLower ? isLowerCase(keywordText) : keywordText === keyword || isUpperCase(keywordText)) continue;
      const expected = majorityLower ? keywordText.toLowerCase() : keywordText.toUpperCase();
      findings.push({
        range: keywordRange,
        messageId: 'notMajorityCase',
        message: `Command '${keywordText}' should match the case of the command majority (${majorityLower ? 'lowercase' : 'uppercase'})`,
        hint: `Write \`${expected}\`, like most instructions in this file.`,
      });
    }
    return findings;
  },
  examples: {
    valid: [
      { code: 'FROM alpine:3.20\nRUN echo hi\nCOPY . /src\n' },
      { code: 'from alpine:3.20\nrun echo hi\n' },
      {
        note: 'Instructions before the first FROM are not counted: the lower-case `arg` is alone in its casing but not checked.',
        code: 'arg VERSION=3.20\nFROM alpine:${VERSION}\nRUN echo hi\n',
      },
    ],
    invalid: [
      {
        code: 'FROM alpine:3.20\nrun echo hi\nCopy . /src\nCMD ["sh"]\n',
        findings: [
          {
            line: 2,
            column: 1,
            endLine: 2,
            endColumn: 4,
            messageId: 'notMajorityCase',
            message: "Command 'run' should match the case of the command majority (uppercase)",
          },
          {
            line: 3,
            column: 1,
            endLine: 3,
            endColumn: 5,
            messageId: 'notMajorityCase',
            message: "Command 'Copy' should match the case of the command majority (uppercase)",
          },
        ],
      },
      {
        note: 'A lower-case majority: the one upper-case instruction is reported.',
        code: 'from alpine:3.20\nrun echo hi\nCOPY . /src\ncmd ["sh"]\n',
        findings: [{ line: 3, column: 1, endLine: 3, endColumn: 5, messageId: 'notMajorityCase' }],
      },
      {
        note: 'A tie counts as an upper-case majority.',
        code: 'FROM alpine:3.20\nrun echo hi\n',
        findings: [{ line: 2, column: 1, endLine: 2, endColumn: 4, messageId: 'notMajorityCase' }],
      },
    ],
  },
};
