// BuildKit linter rule LegacyKeyValueFormat, frontend/dockerfile/linter/ruleset.go (dispatchEnv/dispatchLabel in dockerfile2llb/convert.go).

import type { Rule } from '../types.ts';
import { buildCheck } from './support/build-check.ts';
import { checkDispatched } from './support/reach.ts';
import { isLegacyKeyValue, keyValuePairs } from './support/variables.ts';

export const legacyKeyValueFormat: Rule = {
  meta: buildCheck({
    id: 'legacy-key-value-format',
    severity: 'warning',
    messages: {
      legacyFormat: 'ENV or LABEL uses the legacy `key value` form instead of `key=value`.',
    },
    description: 'Legacy key/value format with whitespace separator should not be used.',
    rationale:
      '`ENV NAME value` (and `LABEL name value`) is an old form that sets one variable to everything after the first space: `ENV PATH /app/bin:$PATH DEBUG 1` sets PATH to "/app/bin:… DEBUG 1". The `NAME=value` form says exactly where each value ends, and lets one instruction set several.',
    hint: 'Write `ENV NAME=value` (quote the value if it contains spaces: `ENV GREETING="hello world"`).',
    sources: { buildkit: 'LegacyKeyValueFormat' },
  }),
  check(context) {
    return checkDispatched(
      context,
      (instruction) => {
        if ((instruction.keyword !== 'ENV' && instruction.keyword !== 'LABEL') || !isLegacyKeyValue(instruction)) return [];
        const kw = instruction.keywordText;
        const value = keyValuePairs(instruction)[0]?.value ?? '';
        const quoted = /\s/.test(value) && !/^["']/.test(value) ? JSON.stringify(value) : value;
        return [
          {
            range: instruction.argsRange,
            messageId: 'legacyFormat',
            message: `"${kw} key=value" should be used instead of legacy "${kw} key value" format`,
            hint: `Write \`${kw} ${instruction.words[0]!.raw}=${quoted}\`.`,
          },
        ];
      },
      ['ENV', 'LABEL'],
    );
  },
  examples: {
    valid: [
      { code: 'FROM alpine:3.20\nENV APP_HOME=/app MODE=production\nLABEL org.opencontainers.image.title="demo app"\n' },
      { code: 'FROM alpine:3.20\nENV PATH=/app/bin:$PATH\n' },
      { note: 'Quoted values with spaces in key=value form.', code: 'FROM alpine:3.20\nLABEL description="a small demo" version=1.0\n' },
    ],
    invalid: [
      {
        code: 'FROM alpine:3.20\nENV APP_HOME /app\nLABEL title demo app\n',
        findings: [
          {
            line: 2,
            column: 5,
            endLine: 2,
            endColumn: 18,
            messageId: 'legacyFormat',
            message: '"ENV key=value" should be used instead of legacy "ENV key value" format',
          },
          { line: 3, column: 7, endLine: 3, endColumn: 21, messageId: 'legacyFormat', message: '"LABEL key=value" should be used' },
        ],
      },
      {
        note: 'The legacy form takes the rest of the line as the value, spaces and all.',
        code: 'FROM alpine:3.20\nENV GREETING hello world\n',
        findings: [{ line: 2, column: 5, endLine: 2, endColumn: 25, messageId: 'legacyFormat' }],
      },
      {
        note: 'Reported in every stage, also where a later stage writes it the right way.',
        code: 'FROM alpine:3.20 AS base\nENV MODE dev\nFROM base\nENV MODE=prod\n',
        findings: [{ line: 2, column: 5, endLine: 2, endColumn: 13, messageId: 'legacyFormat' }],
      },
    ],
  },
};
