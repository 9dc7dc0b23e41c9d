// hadolint DL3061: nothing but ARG (and comments) may come before the first FROM.
// Docker refuses such a file; the finding joins the analyzer's error at the same place.

import { KNOWN_INSTRUCTIONS } from '../../instruction-check.ts';
import type { Instruction } from '../../model.ts';
import type { Rule } from '../types.ts';

export const instructionBeforeFrom: Rule = {
  meta: {
    id: 'instruction-before-from',
    severity: 'warning',
    messages: {
      beforeFrom: 'An instruction other than ARG comes before the first FROM.',
    },
    description: 'A Dockerfile must begin with FROM, ARG or a comment.',
    rationale:
      'Every instruction except ARG runs inside a stage, and a stage begins at a FROM line. Before the first FROM there is no stage, so Docker stops with "no build stage in current context". ARG is the exception: an ARG before the first FROM declares a global build argument that FROM lines can use, e.g. to choose a base image version.',
    hint: 'Move the instruction below a FROM line, into the stage that needs it. Only ARG may come before the first FROM.',
    sources: { hadolint: 'DL3061' },
  },
  check({ analysis }) {
    // The instructions before the first FROM are the first ones of the file: stop at a stage.
    const before: Instruction[] = [];
    for (const instruction of analysis.instructions) {
      if (instruction.stage !== -1) break;
      before.push(instruction);
    }
    return before
      .filter((instruction) => instruction.keyword !== 'ARG' && instruction.keyword !== 'FROM' && KNOWN_INSTRUCTIONS.includes(instruction.keyword))
      .map((instruction) => ({
        range: instruction.range,
        messageId: 'beforeFrom',
        message: `Invalid instruction order. Dockerfile must begin with FROM, ARG or comment: ${instruction.keyword} comes before the first FROM, where there is no stage to run it in.`,
        hint: `Move this ${instruction.keyword} below a FROM line, into the stage that needs it. Only ARG may come before the first FROM.`,
      }));
  },
  examples: {
    valid: [
      { code: '# syntax=docker/dockerfile:1\nARG ALPINE_VERSION=3.20\nFROM alpine:${ALPINE_VERSION}\nRUN echo hi\n' },
      { note: 'Directives, comments and blank lines may come first.', code: '# escape=\\\n# Build the app\n\nFROM alpine:3.20\n' },
      { code: 'ARG BASE=alpine\nARG TAG=3.20\nFROM ${BASE}:${TAG}\n' },
    ],
    invalid: [
      {
        code: 'ARG VERSION=3.20\nENV APP_HOME=/app\nFROM alpine:${VERSION}\n',
        findings: [{ line: 2, column: 1, endLine: 2, endColumn: 18, messageId: 'beforeFrom', message: 'no build stage in current context' }],
      },
      {
        code: 'RUN echo hi\nFROM alpine:3.20\n',
        findings: [{ line: 1, column: 1, endLine: 1, endColumn: 12, messageId: 'beforeFrom' }],
      },
      {
        note: 'An ARG first does not make a later instruction legal.',
        code: 'ARG TAG=3.20\nWORKDIR /app\nFROM alpine:${TAG}\n',
        findings: [{ line: 2, column: 1, endLine: 2, endColumn: 13, messageId: 'beforeFrom' }],
      },
    ],
  },
};
