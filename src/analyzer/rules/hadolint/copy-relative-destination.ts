// hadolint DL3045: COPY to a relative path in a stage that never set WORKDIR.

import type { Stage } from '../../model.ts';
import { stageLabel } from '../../references.ts';
import type { Finding, Rule } from '../types.ts';
import { copyContexts, copyDestination } from './support/helpers.ts';

export const copyRelativeDestination: Rule = {
  meta: {
    id: 'copy-relative-destination',
    severity: 'warning',
    messages: {
      relativeDestination: 'COPY has a relative destination in a stage where no WORKDIR is set.',
    },
    description: 'COPY to a relative destination needs a WORKDIR in the stage.',
    rationale:
      'A relative COPY destination is resolved against the working directory. Each stage starts with the working directory of what it is built FROM: a WORKDIR in an earlier stage carries over only to stages built FROM that stage, never to a stage that starts from an image and merely copies files out of it. Without a WORKDIR of its own, the stage uses whatever the base image set (often `/`), so `COPY --from=build /src/dist ./dist` can land somewhere other than where the program looks.',
    hint: 'Set the directory first with `WORKDIR /app`, or give an absolute destination, e.g. `/app/dist`.',
    sources: { hadolint: 'DL3045' },
  },
  check(context) {
    const { analysis } = context;
    const findings: Finding[] = [];
    // Only needed for a finding, which is rare.
    let withWorkdir: Stage[] | null = null;
    for (const { instruction, stage, workdir } of copyContexts(context)) {
      if (workdir) continue;
      const dest = copyDestination(instruction);
      // Absolute (also Windows `C:\`), or a variable: hadolint lets those through.
      if (!dest || /^[/$]/.test(dest.value) || /^.:[\\/]/.test(dest.value)) continue;
      withWorkdir ??= analysis.stages.filter((other) => other.instructions.some((i) => i.keyword === 'WORKDIR'));
      // No stage this one is built FROM sets a WORKDIR, so any other stage's WORKDIR is elsewhere.
      const elsewhere = withWorkdir.find((other) => other.index !== stage.index);
      const note = elsewhere ? ` The WORKDIR in stage "${stageLabel(elsewhere)}" does not carry over: this stage is not built FROM it.` : '';
      findings.push({
        range: dest.range,
        messageId: 'relativeDestination',
        message: `COPY to a relative destination without WORKDIR set: "${dest.value}" lands in whatever working directory the base image of stage "${stageLabel(stage)}" has (often /).${note}`,
        hint: `Add \`WORKDIR /app\` (or the directory you mean) before this COPY, or write an absolute destination, e.g. \`/app/${dest.value.replace(/^\.\/?/, '')}\`.`,
      });
    }
    return findings;
  },
  examples: {
    valid: [
      {
        code: 'FROM node:22 AS build\nWORKDIR /app\nCOPY package.json ./\nFROM build AS test\nCOPY test ./test\nFROM node:22-slim\nCOPY --from=build /app/dist /app/dist\n',
      },
      { code: 'FROM alpine:3.20\nARG DEST=/opt\nCOPY app ${DEST}\n' },
      { code: 'FROM alpine:3.20\nCOPY app.sh /usr/local/bin/\n' },
    ],
    invalid: [
      {
        code: 'FROM node:22 AS build\nWORKDIR /app\nRUN npm run build\nFROM node:22-slim\nCOPY --from=build /app/dist ./dist\n',
        findings: [
          { line: 5, column: 29, endLine: 5, endColumn: 35, messageId: 'relativeDestination', message: 'The WORKDIR in stage "build" does not carry over' },
        ],
      },
      {
        code: 'FROM alpine:3.20\nCOPY app.sh ./\nWORKDIR /app\nCOPY config.yaml ./\n',
        findings: [{ line: 2, column: 13, endLine: 2, endColumn: 15, messageId: 'relativeDestination', message: '"./" lands in whatever working directory' }],
      },
      {
        note: '`.` is relative too.',
        code: 'FROM python:3.12-slim\nCOPY requirements.txt .\n',
        findings: [{ line: 2, column: 23, endLine: 2, endColumn: 24, messageId: 'relativeDestination' }],
      },
    ],
  },
};
