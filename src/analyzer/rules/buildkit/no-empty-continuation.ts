// BuildKit linter rule NoEmptyContinuation, frontend/dockerfile/linter/ruleset.go (found by parser/parser.go).

import type { Finding, Rule } from '../types.ts';
import { lineRange } from './positions.ts';

export const noEmptyContinuation: Rule = {
  meta: {
    id: 'no-empty-continuation',
    severity: 'warning',
    description: 'Empty continuation lines will become errors in a future release.',
    rationale:
      'A line ending in `\\` continues the instruction on the next line. Docker skips a blank line inside such an instruction, so `RUN apk add \\` followed by a blank line and `curl` still installs curl — but the blank line looks like the end of the instruction, and a future Docker release will reject it. BuildKit reports the instruction once; the analyzer points at each blank line.',
    hint: 'Delete the blank line, or end the instruction before it by removing the trailing `\\` on the line above.',
    lesson: 'pitfalls',
    sources: { buildkit: 'NoEmptyContinuation' },
  },
  check({ text, analysis }) {
    const findings: Finding[] = [];
    for (const instruction of analysis.instructions) {
      const lines = instruction.emptyContinuationLines;
      if (lines) for (const line of lines) findings.push({ range: lineRange(text, line), message: 'Empty continuation line' });
    }
    return findings;
  },
  examples: {
    valid: [{ code: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n    # the tools the build needs\n    curl git\n' }],
    invalid: [
      {
        code: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n\n    curl\n',
        findings: [{ line: 3, column: 1, endLine: 3, endColumn: 1, message: 'Empty continuation line' }],
      },
    ],
  },
};
