// BuildKit linter rule UndefinedArgInFrom, frontend/dockerfile/linter/ruleset.go (reportUnusedFromArgs in dockerfile2llb/convert.go).

import type { Instruction, Range } from '../../model.ts';
import { suggest } from '../../suggest.ts';
import { instructionsWith } from '../support/instruction-index.ts';
import type { Finding, Rule } from '../types.ts';
import { buildCheck } from './support/build-check.ts';
import { onFirstLine, variableRange } from './support/positions.ts';
import { expandedFrom } from './support/reach.ts';
import { argPairs, type Expanded, fromLines, unmatchedNames } from './support/variables.ts';

export const undefinedArgInFrom: Rule = {
  meta: buildCheck({
    id: 'undefined-arg-in-from',
    severity: 'warning',
    messages: {
      undeclaredArg: 'A FROM line uses a variable no global ARG (nor a predefined one) declares.',
    },
    description: 'FROM command must use declared ARGs.',
    rationale:
      'A FROM line can only use arguments declared with ARG before the first FROM, plus the ones BuildKit predefines (BUILDPLATFORM, TARGETPLATFORM, TARGETOS, TARGETARCH, …). Anything else — a typo, or an ARG declared inside a stage — expands to nothing, so `FROM node:22${VARIANT}` silently becomes `FROM node:22`, and `--build-arg VARIANT=…` has no effect until the ARG is declared.',
    hint: 'Declare the argument before the first FROM, e.g. `ARG VARIANT=-alpine`, or fix its spelling.',
    sources: { buildkit: 'UndefinedArgInFrom' },
  }),
  check(context) {
    const { scope, lines } = fromLines(context);
    // Read once, and only for a finding (each would otherwise go through every instruction).
    let stageArgs: Set<string> | null = null;
    const inStage = (name: string): boolean => {
      if (stageArgs === null) {
        stageArgs = new Set();
        for (const instruction of instructionsWith(context, 'ARG'))
          if (instruction.stage >= 0) for (const pair of argPairs(instruction)) stageArgs.add(pair.key);
      }
      return stageArgs.has(name);
    };
    const findings: Finding[] = [];
    const report = (expanded: Expanded | null, within: Range, from: Instruction): void => {
      if (expanded === null || expanded.unmatched.size === 0) return;
      for (const name of unmatchedNames([expanded], (n) => scope.declared.includes(n))) {
        const match = suggest(name, scope.declared);
        findings.push({
          range: onFirstLine(from, variableRange(context.text, within, name) ?? from.range),
          messageId: 'undeclaredArg',
          message: `FROM argument '${name}' is not declared${match ? ` (did you mean ${match}?)` : ''}`,
          hint: inStage(name)
            ? `ARG ${name} is declared inside a stage, which FROM lines do not see. Move the declaration above the first FROM.`
            : `${match ? `Did you mean ${match}? Otherwise declare` : 'Declare'} it before the first FROM: \`ARG ${name}=…\`.`,
        });
      }
    };
    for (const line of lines) {
      if (line.base && expandedFrom(context, line.stage, 'base')) report(line.base.expanded, line.base.word.range, line.stage.from);
      if (line.platform && expandedFrom(context, line.stage, 'platform')) report(line.platform.expanded, line.platform.flag.range, line.stage.from);
    }
    return findings.sort((a, b) => a.range.start.offset - b.range.start.offset);
  },
  examples: {
    valid: [
      { code: 'ARG VARIANT=-alpine3.20\nFROM node:22${VARIANT} AS build\nFROM --platform=$BUILDPLATFORM golang:1.23 AS tools\n' },
      { code: 'ARG TAG\nFROM alpine:${TAG:-3.20}\n' },
      {
        note: 'Every predefined platform ARG is declared for FROM.',
        code: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nFROM --platform=$TARGETOS/$TARGETARCH alpine:3.20\n',
      },
    ],
    invalid: [
      {
        code: 'FROM node:22${VARIANT} AS build\nFROM --platform=$BUILDPLATFROM golang:1.23\n',
        findings: [
          { line: 1, column: 13, endLine: 1, endColumn: 23, messageId: 'undeclaredArg', message: "FROM argument 'VARIANT' is not declared" },
          {
            line: 2,
            column: 17,
            endLine: 2,
            endColumn: 31,
            messageId: 'undeclaredArg',
            message: "FROM argument 'BUILDPLATFROM' is not declared (did you mean BUILDPLATFORM?)",
          },
        ],
      },
      {
        note: 'An ARG after FROM belongs to the stage: the FROM line above it cannot see it.',
        code: 'FROM node:22${VARIANT}\nARG VARIANT=-alpine\n',
        findings: [{ line: 1, column: 13, endLine: 1, endColumn: 23, messageId: 'undeclaredArg' }],
      },
      {
        note: 'Names are case sensitive.',
        code: 'ARG variant=-alpine\nFROM node:22${VARIANT}\n',
        findings: [{ line: 2, column: 13, endLine: 2, endColumn: 23, messageId: 'undeclaredArg' }],
      },
    ],
  },
};
