// hadolint DL3023: a stage cannot COPY --from itself.

import { stageIndexOf, stageLabel } from '../../references.ts';
import type { Finding, Rule } from '../types.ts';
import { copyFromReferences } from './support/helpers.ts';

export const copyFromOwnStage: Rule = {
  meta: {
    id: 'copy-from-own-stage',
    severity: 'warning',
    messages: {
      ownStage: 'COPY --from names the stage the instruction is in.',
    },
    description: 'COPY --from should not name the stage it is in.',
    rationale:
      'COPY --from reads the finished filesystem of another stage, and a stage is not finished while its own steps run. BuildKit sees a stage that depends on itself and stops with a circular dependency; the classic builder does not know the stage name until the stage is done, so it reads it as an image and tries to pull it. The files of the current stage are already in place: use them by path.',
    hint: 'Refer to the file by its path in this stage (e.g. `RUN cp /out/app /usr/local/bin/app`), or copy from an earlier stage.',
    sources: { hadolint: 'DL3023' },
  },
  check(context) {
    const findings: Finding[] = [];
    for (const { stage, ref } of copyFromReferences(context)) {
      const index = stageIndexOf(ref.text);
      const own = index !== null ? index === stage.index : stage.name !== null && ref.text.toLowerCase() === stage.name;
      if (!own) continue;
      const classic =
        index !== null
          ? 'the classic builder stops with "refers to current build stage"'
          : `the classic builder, which does not know stage "${stage.name}" until it is finished, tries to pull an image called "${ref.text}"`;
      findings.push({
        range: ref.range,
        messageId: 'ownStage',
        message: `COPY --from cannot reference its own FROM alias: stage "${stageLabel(stage)}" copies from itself. BuildKit stops with a circular dependency on this stage, and ${classic}.`,
      });
    }
    return findings;
  },
  examples: {
    valid: [
      { code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n' },
      {
        note: 'Copying from the stage this one is built FROM is fine.',
        code: 'FROM alpine:3.20 AS base\nRUN echo hi > /hi\nFROM base AS app\nCOPY --from=base /hi /copy-of-hi\n',
      },
      { code: 'FROM golang:1.23\nRUN go version > /version\nFROM alpine:3.20\nCOPY --from=0 /version /version\n' },
    ],
    invalid: [
      {
        code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nCOPY --from=build /out/app /usr/local/bin/app\n',
        findings: [{ line: 3, column: 6, endLine: 3, endColumn: 18, messageId: 'ownStage', message: 'stage "build" copies from itself' }],
      },
      {
        code: 'FROM golang:1.23\nFROM alpine:3.20\nCOPY --from=1 /out/app /app\n',
        findings: [{ line: 3, column: 6, endLine: 3, endColumn: 14, messageId: 'ownStage', message: 'stage "stage-1" copies from itself' }],
      },
      {
        note: 'Names are compared without case.',
        code: 'FROM alpine:3.20 AS app\nCOPY --from=APP /etc/os-release /os-release\n',
        findings: [{ line: 2, column: 6, endLine: 2, endColumn: 16, messageId: 'ownStage' }],
      },
    ],
  },
};
