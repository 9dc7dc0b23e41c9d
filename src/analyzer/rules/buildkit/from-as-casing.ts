// BuildKit linter rule FromAsCasing, frontend/dockerfile/linter/ruleset.go (checked in instructions/parse.go).

import { isLowerCase, isUpperCase } from '../casing.ts';
import type { Finding, Rule } from '../types.ts';

function selfConsistent(word: string): boolean {
  return isLowerCase(word) || isUpperCase(word);
}

export const fromAsCasing: Rule = {
  meta: {
    id: 'from-as-casing',
    severity: 'warning',
    description: "The 'as' keyword should match the case of the 'from' keyword.",
    rationale:
      'Docker accepts `FROM`/`from` and `AS`/`as` in any case, so `FROM golang AS build` and `from golang as build` mean the same. Mixing them, as in `FROM golang as build`, makes the keyword harder to tell apart from the image and the stage name around it. BuildKit asks for the same case as the FROM keyword (when FROM itself is written all upper or all lower case).',
    hint: 'Write `AS` in the same case as `FROM`: `FROM image AS name` or `from image as name`.',
    lesson: 'named-stages-and-target',
    sources: { buildkit: 'FromAsCasing' },
  },
  check({ analysis }) {
    const findings: Finding[] = [];
    for (const stage of analysis.stages) {
      const from = stage.from.keywordText;
      const as = stage.from.words[1];
      if (stage.from.words.length !== 3 || !as || as.value.toLowerCase() !== 'as' || !selfConsistent(from)) continue;
      const fromLower = isLowerCase(from);
      if (fromLower ? isLowerCase(as.raw) : isUpperCase(as.raw)) continue;
      const expected = fromLower ? as.raw.toLowerCase() : as.raw.toUpperCase();
      findings.push({ range: as.range, message: `'${as.raw}' and '${from}' keywords' casing do not match`, hint: `Write \`${expected}\`, in the case of \`${from}\`.` });
    }
    return findings;
  },
  examples: {
    valid: [{ code: 'FROM golang:1.23 AS build\nfrom alpine:3.20 as runtime\n' }],
    invalid: [
      {
        code: 'FROM golang:1.23 as build\nfrom alpine:3.20 AS runtime\n',
        findings: [
          { line: 1, column: 18, endLine: 1, endColumn: 20, message: "'as' and 'FROM' keywords' casing do not match" },
          { line: 2, column: 18, message: "'AS' and 'from' keywords' casing do not match" },
        ],
      },
    ],
  },
};
