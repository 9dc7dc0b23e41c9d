// BuildKit linter rule StageNameCasing, frontend/dockerfile/linter/ruleset.go (isLowerCaseStageName in instructions/parse.go).

import { isLowerCase } from '../support/casing.ts';
import { instructionsWith } from '../support/instruction-index.ts';
import type { Finding, Rule } from '../types.ts';
import { buildCheck } from './support/build-check.ts';
import { onFirstLine } from './support/positions.ts';
import { parsedInstruction } from './support/reach.ts';

export const stageNameCasing: Rule = {
  meta: buildCheck({
    id: 'stage-name-casing',
    severity: 'warning',
    messages: {
      upperCaseName: 'A stage name has upper-case letters.',
    },
    description: 'Stage names should be lowercase.',
    rationale:
      'Docker lower-cases every stage name: `AS Build` defines a stage called `build`. `--target` and `COPY --from` ignore case, but BuildKit compares `FROM Build` exactly with the lower-cased name, so it reads it as an image called "Build" and fails. Writing names in lower case keeps what you read and what Docker matches the same.',
    hint: 'Write the stage name in lower case, e.g. `AS build`, and use the same spelling wherever you refer to it.',
    sources: { buildkit: 'StageNameCasing' },
  }),
  check(context) {
    const findings: Finding[] = [];
    for (const from of instructionsWith(context, 'FROM')) {
      // BuildKit looks at the third word of any three-word FROM line, before it checks the second is AS.
      const name = from.words.length === 3 ? from.words[2]! : null;
      if (name === null || isLowerCase(name.raw) || !parsedInstruction(context, from)) continue;
      findings.push({
        range: onFirstLine(from, name.range),
        messageId: 'upperCaseName',
        message: `Stage name '${name.raw}' should be lowercase`,
        hint: `Write \`AS ${name.raw.toLowerCase()}\`; Docker calls the stage "${name.raw.toLowerCase()}" anyway.`,
      });
    }
    return findings;
  },
  examples: {
    valid: [
      { code: 'FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n' },
      {
        note: 'Lower case with digits, hyphens, underscores and dots is what BuildKit asks for.',
        code: 'FROM golang:1.23 AS build-env_2\nFROM alpine:3.20 AS runtime.v1\n',
      },
      {
        note: 'Only stage names count: upper case elsewhere on the FROM line or in the stage is fine.',
        code: 'FROM --platform=$BUILDPLATFORM golang:1.23\nLABEL Stage=Build\n',
      },
    ],
    invalid: [
      {
        code: 'FROM golang:1.23 AS Build\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n',
        findings: [{ line: 1, column: 21, endLine: 1, endColumn: 26, messageId: 'upperCaseName', message: "Stage name 'Build' should be lowercase" }],
      },
      {
        note: 'Reported on the FROM line, where Docker reports it, though the name is on the next.',
        code: 'FROM golang:1.23 \\\n    AS Build\n',
        findings: [{ line: 1, column: 1, endLine: 2, endColumn: 13, messageId: 'upperCaseName', message: "Stage name 'Build' should be lowercase" }],
      },
      {
        note: 'All upper case, and a lower-case FROM line whose name is mixed.',
        code: 'FROM alpine:3.20 AS BASE\nfrom base as Test\n',
        findings: [
          { line: 1, column: 21, endLine: 1, endColumn: 25, messageId: 'upperCaseName' },
          { line: 2, column: 14, endLine: 2, endColumn: 18, messageId: 'upperCaseName' },
        ],
      },
    ],
  },
};
