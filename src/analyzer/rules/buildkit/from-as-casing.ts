// BuildKit linter rule FromAsCasing, frontend/dockerfile/linter/ruleset.go (doesFromCaseMatchAsCase in instructions/parse.go).

import { isLowerCase, isUpperCase } from '../support/casing.ts';
import { instructionsWith } from '../support/instruction-index.ts';
import type { Finding, Rule } from '../types.ts';
import { buildCheck } from './support/build-check.ts';
import { onFirstLine } from './support/positions.ts';
import { parsedInstruction } from './support/reach.ts';

export const fromAsCasing: Rule = {
  meta: buildCheck({
    id: 'from-as-casing',
    severity: 'warning',
    messages: {
      asCaseMismatch: 'The word after the image on a FROM line (AS, or whatever stands there) is not in the case of FROM.',
    },
    description: "The 'as' keyword should match the case of the 'from' keyword.",
    rationale:
      'Docker accepts `FROM`/`from` and `AS`/`as` in any case, so `FROM golang AS build` and `from golang as build` mean the same. Mixing them, as in `FROM golang as build`, makes the keyword harder to tell apart from the image and the stage name around it. BuildKit asks for the same case as the FROM keyword (when FROM itself is written all upper or all lower case). It compares the second word after FROM, whatever it is: a FROM line that falls apart into more words, such as `FROM base-${V:?V must be set} AS final` (a FROM line is split at spaces before anything is substituted), gets this warning about `must` before the error.',
    hint: 'Write `AS` in the same case as `FROM`: `FROM image AS name` or `from image as name`.',
    sources: { buildkit: 'FromAsCasing' },
  }),
  check(context) {
    const findings: Finding[] = [];
    for (const from of instructionsWith(context, 'FROM')) {
      const keyword = from.keywordText;
      const second = from.words[1];
      // Three words or more (more is an error, reported after this check); FROM itself in one case.
      if (from.words.length < 3 || !second || !(isLowerCase(keyword) || isUpperCase(keyword)) || !parsedInstruction(context, from)) continue;
      const fromLower = isLowerCase(keyword);
      if (fromLower ? isLowerCase(second.raw) : isUpperCase(second.raw)) continue;
      const expected = fromLower ? second.raw.toLowerCase() : second.raw.toUpperCase();
      findings.push({
        range: onFirstLine(from, second.range),
        messageId: 'asCaseMismatch',
        message: `'${second.raw}' and '${keyword}' keywords' casing do not match`,
        hint:
          second.value.toLowerCase() === 'as'
            ? `Write \`${expected}\`, in the case of \`${keyword}\`.`
            : `Docker reads \`${second.raw}\` where \`AS\` would be: this FROM line has ${from.words.length} words, not one or three.`,
      });
    }
    return findings;
  },
  examples: {
    valid: [
      { code: 'FROM golang:1.23 AS build\nfrom alpine:3.20 as runtime\n' },
      { note: 'FROM in mixed case: BuildKit leaves AS alone (ConsistentInstructionCasing speaks instead).', code: 'From alpine:3.20 as base\n' },
      {
        note: 'Flags are not words: `AS` is still the second word after the image.',
        code: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nfrom --platform=$BUILDPLATFORM alpine:3.20 as tools\n',
      },
    ],
    invalid: [
      {
        code: 'FROM golang:1.23 as build\nfrom alpine:3.20 AS runtime\n',
        findings: [
          { line: 1, column: 18, endLine: 1, endColumn: 20, messageId: 'asCaseMismatch', message: "'as' and 'FROM' keywords' casing do not match" },
          { line: 2, column: 18, endLine: 2, endColumn: 20, messageId: 'asCaseMismatch', message: "'AS' and 'from' keywords' casing do not match" },
        ],
      },
      {
        note: 'A FROM line is split at spaces before ${…} is read: the second word is `must`.',
        code: 'ARG V=alpine:3.20\nFROM ${V:?V must be set} AS base\n',
        findings: [{ line: 2, column: 13, endLine: 2, endColumn: 17, messageId: 'asCaseMismatch', message: "'must' and 'FROM' keywords' casing do not match" }],
      },
      {
        note: 'Checked on the FROM line Docker reports, where AS sits on a continuation line.',
        code: 'FROM golang:1.23 \\\n    as build\n',
        findings: [{ line: 1, column: 1, endLine: 2, endColumn: 7, messageId: 'asCaseMismatch', message: "'as' and 'FROM' keywords' casing do not match" }],
      },
    ],
  },
};
