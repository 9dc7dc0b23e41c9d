// BuildKit linter rule NoEmptyContinuation, frontend/dockerfile/linter/ruleset.go (found by parser/parser.go).

import type { Instruction } from '../../model.ts';
import type { Finding, Rule } from '../types.ts';
import { buildCheck } from './support/build-check.ts';
import { lineRange } from './support/positions.ts';
import { reach } from './support/reach.ts';

/** The line BuildKit's parser is on when the instruction's continuation ends: its last line,
 *  before any heredoc body (blank lines at the end of the file included). */
function lastContinuationLine(instruction: Instruction, blankLines: readonly number[]): number {
  const end = instruction.heredocs.length > 0 ? instruction.heredocs[0]!.range.start.line - 1 : instruction.range.end.line;
  return Math.max(end, ...blankLines);
}

export const noEmptyContinuation: Rule = {
  meta: buildCheck({
    id: 'no-empty-continuation',
    severity: 'warning',
    messages: {
      emptyContinuation: 'An empty line inside an instruction continued with a backslash.',
    },
    description: 'Empty continuation lines will become errors in a future release.',
    rationale:
      'A line ending in `\\` continues the instruction on the next line. Docker skips a blank line inside such an instruction, so `RUN apk add \\` followed by a blank line and `curl` still installs curl — but the blank line looks like the end of the instruction, and a future Docker release will reject it. A blank line there can even pull the next instruction in: after `RUN make \\` and a blank line, `CMD ["app"]` becomes part of the RUN. Docker reports the instruction once, on its last line; the hint names the blank lines.',
    hint: 'Delete the blank line, or end the instruction before it by removing the trailing `\\` on the line above.',
    sources: { buildkit: 'NoEmptyContinuation' },
  }),
  check(context) {
    if (!reach(context).parsed) return [];
    const findings: Finding[] = [];
    for (const instruction of context.analysis.instructions) {
      const lines = instruction.emptyContinuationLines;
      if (!lines) continue;
      const shown = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.slice(0, -1).join(', ')} and ${lines.at(-1)}`;
      findings.push({
        range: lineRange(context.text, lastContinuationLine(instruction, lines)),
        messageId: 'emptyContinuation',
        message: 'Empty continuation line',
        hint: `The blank ${shown} inside this ${instruction.keyword} ${lines.length === 1 ? 'is' : 'are'} skipped: delete ${lines.length === 1 ? 'it' : 'them'}, or end the instruction before ${lines.length === 1 ? 'it' : 'them'} by removing the trailing \`\\\` above.`,
      });
    }
    return findings;
  },
  examples: {
    valid: [
      { code: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n    # the tools the build needs\n    curl git\n' },
      {
        note: 'The blank line comes after the instruction ends: it separates instructions.',
        code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n\nCMD ["sh"]\n',
      },
      { note: 'A blank line before an instruction that continues is only a separator.', code: 'FROM alpine:3.20\n\nRUN echo one \\\n    && echo two\n' },
    ],
    invalid: [
      {
        code: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n\n    curl\n',
        findings: [{ line: 4, column: 1, endLine: 4, endColumn: 9, messageId: 'emptyContinuation', message: 'Empty continuation line' }],
      },
      {
        note: 'Two blank lines, one warning; the second pulls CMD into the RUN.',
        code: 'FROM alpine:3.20\nRUN echo building \\\n\n    && make \\\n\nCMD ["app"]\n',
        findings: [{ line: 6, column: 1, endLine: 6, endColumn: 12, messageId: 'emptyContinuation', message: 'Empty continuation line' }],
      },
      {
        note: 'The continuation ends before the heredoc body: that is the line Docker names.',
        code: 'FROM alpine:3.20\nRUN <<EOF \\\n\n    sh\necho hi\nEOF\n',
        findings: [{ line: 4, column: 1, endLine: 4, endColumn: 7, messageId: 'emptyContinuation', message: 'Empty continuation line' }],
      },
    ],
  },
};
