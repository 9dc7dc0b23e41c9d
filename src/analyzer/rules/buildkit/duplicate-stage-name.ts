// BuildKit linter rule DuplicateStageName, frontend/dockerfile/linter/ruleset.go (validateStageNames in dockerfile2llb/convert.go).

import type { Stage } from '../../model.ts';
import type { Finding, Rule } from '../types.ts';
import { buildCheck } from './support/build-check.ts';
import { onFirstLine } from './support/positions.ts';
import { reach } from './support/reach.ts';

export const duplicateStageName: Rule = {
  meta: buildCheck({
    id: 'duplicate-stage-name',
    severity: 'warning',
    messages: {
      duplicateName: 'A stage takes a name (compared without case) an earlier stage already has.',
    },
    description: 'Stage names should be unique.',
    rationale:
      'Each `AS name` should name one stage. BuildKit accepts a repeated name but lets the later stage win: `--target`, `COPY --from` and `FROM name` written after it all mean the last definition, so the earlier stage is silently unreachable by name. The classic builder refuses the file when it reaches the second definition. Hadolint reports the same problem as DL3024.',
    hint: 'Rename one of the stages so every `AS` name is used once.',
    sources: { buildkit: 'DuplicateStageName', hadolint: 'DL3024' },
  }),
  check(context) {
    const { analysis } = context;
    if (!reach(context).file) return [];
    const seen = new Map<string, Stage>();
    const findings: Finding[] = [];
    for (const stage of analysis.stages) {
      if (stage.name === null) continue;
      const previous = seen.get(stage.name);
      seen.set(stage.name, stage);
      if (!previous) continue;
      findings.push({
        range: onFirstLine(stage.from, stage.nameRange ?? stage.from.range),
        messageId: 'duplicateName',
        message: `Duplicate stage name "${stage.name}", stage names should be unique`,
        hint: `BuildKit builds this file (Docker 28.5 with a warning), but --target ${stage.name} and --from=${stage.name} now mean this later stage (line ${stage.from.range.start.line}), and the classic builder stops with an error when a build reaches this line. Rename one of the two stages (the other is on line ${previous.from.range.start.line}).`,
      });
    }
    return findings;
  },
  examples: {
    valid: [
      { code: 'FROM golang:1.23 AS build\nFROM node:22 AS assets\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n' },
      { note: 'Names that only share a prefix are different stages.', code: 'FROM alpine:3.20 AS app\nFROM alpine:3.20 AS app-debug\n' },
      { note: 'A stage built FROM another reuses its name as a base, not as a name.', code: 'FROM golang:1.23 AS build\nFROM build AS test\n' },
    ],
    invalid: [
      {
        code: 'FROM golang:1.23 AS build\nFROM node:22 AS Build\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n',
        findings: [
          { line: 2, column: 17, endLine: 2, endColumn: 22, messageId: 'duplicateName', message: 'Duplicate stage name "build", stage names should be unique' },
        ],
      },
      {
        code: 'FROM alpine:3.20 AS app\nRUN echo one\nFROM alpine:3.20 AS app\nRUN echo two\n',
        findings: [{ line: 3, column: 21, endLine: 3, endColumn: 24, messageId: 'duplicateName' }],
      },
      {
        note: 'Each repeat is reported, at its own name.',
        code: 'FROM alpine:3.20 AS base\nFROM alpine:3.20 AS base\nFROM alpine:3.20 AS base\n',
        findings: [
          { line: 2, column: 21, endLine: 2, endColumn: 25, messageId: 'duplicateName' },
          { line: 3, column: 21, endLine: 3, endColumn: 25, messageId: 'duplicateName' },
        ],
      },
    ],
  },
};
