// BuildKit's StageNameCasing: stage names are lower-cased by Docker, so one written in
// capitals reads differently from how it is matched.

import { isLowerCase } from '../casing.ts';
import type { Rule } from '../types.ts';

export const stageNameCasing: Rule = {
  meta: {
    id: 'stage-name-casing',
    severity: 'warning',
    description: 'Stage names should be lowercase.',
    rationale:
      'Docker lower-cases every stage name: `AS Build` defines a stage called `build`. `--target` and `COPY --from` ignore case, but BuildKit compares `FROM Build` exactly with the lower-cased name, so it reads it as an image called "Build" and fails. Writing names in lower case keeps what you read and what Docker matches the same.',
    hint: 'Write the stage name in lower case, e.g. `AS build`, and use the same spelling wherever you refer to it.',
    lesson: 'named-stages-and-target',
    sources: { buildkit: 'StageNameCasing' },
  },
  check({ analysis }) {
    return analysis.stages
      .filter((stage) => stage.nameAsWritten !== null && stage.nameRange !== null && !isLowerCase(stage.nameAsWritten))
      .map((stage) => ({
        range: stage.nameRange!,
        message: `Stage name '${stage.nameAsWritten}' should be lowercase`,
        hint: `Write \`AS ${stage.nameAsWritten!.toLowerCase()}\`; Docker calls the stage "${stage.nameAsWritten!.toLowerCase()}" anyway.`,
      }));
  },
  examples: {
    valid: [{ code: 'FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n' }],
    invalid: [
      {
        code: 'FROM golang:1.23 AS Build\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n',
        findings: [{ line: 1, column: 21, endLine: 1, endColumn: 26, message: "Stage name 'Build' should be lowercase" }],
      },
    ],
  },
};
