// BuildKit linter rule UndefinedVar, frontend/dockerfile/linter/ruleset.go (reportUnmatchedVariables in dockerfile2llb/convert.go).

import type { Instruction, Range } from '../../model.ts';
import { suggest } from '../../suggest.ts';
import type { Finding, Rule } from '../types.ts';
import { buildCheck } from './support/build-check.ts';
import { variableRange } from './support/positions.ts';
import { asReported, dispatched } from './support/reach.ts';
import { argDefaultEvents, instructionEvents, type Scope } from './support/scope-walk.ts';
import { type Expanded, expand, expandRaw, fromScope, keyValuePairs, NON_ENV_ARGS, unmatchedNames } from './support/variables.ts';

/** The instructions expandedWords (or a COPY/ADD heredoc) gives anything to expand. */
const EXPANDING = ['ENV', 'LABEL', 'ADD', 'COPY', 'VOLUME', 'WORKDIR', 'USER', 'STOPSIGNAL', 'RUN'];

/** Flags whose value BuildKit expands, per instruction. */
const EXPANDED_FLAGS: Record<string, readonly string[]> = { ADD: ['chown', 'chmod', 'checksum'], COPY: ['chown', 'chmod'], RUN: ['mount'] };

/**
 * The words BuildKit expands with the stage's variables before running an instruction
 * (the commands implementing SupportsSingleWordExpansion). RUN, CMD and ENTRYPOINT in
 * shell form are left to the shell; EXPOSE is expanded but never reported; ARG defaults
 * are reported as they are evaluated.
 */
function expandedWords(instruction: Instruction): string[] {
  const flags = instruction.flags.filter((flag) => EXPANDED_FLAGS[instruction.keyword]?.includes(flag.name) && flag.value !== null).map((flag) => flag.value!);
  switch (instruction.keyword) {
    case 'ENV':
    case 'LABEL':
      return keyValuePairs(instruction).flatMap((pair) => [pair.key, pair.value ?? '']);
    case 'ADD':
    case 'COPY':
    case 'VOLUME':
      return [...flags, ...(instruction.json ?? instruction.words.filter((word) => !word.raw.startsWith('<<')).map((word) => word.raw))];
    case 'WORKDIR':
    case 'USER':
    case 'STOPSIGNAL':
      return [instruction.argsText];
    case 'RUN':
      return flags;
    default:
      return [];
  }
}

/** False when no word that expandedWords lists (nor a COPY/ADD heredoc) can hold a variable:
 *  without a `$`, expansion looks nothing up. True for few instructions, so the words of the
 *  others are never listed. (JSON values are checked on their own: `\u0024` decodes to `$`.) */
function mayUseVariables(instruction: Instruction): boolean {
  const flags = EXPANDED_FLAGS[instruction.keyword];
  if (flags) for (const flag of instruction.flags) if (flag.value?.includes('$') && flags.includes(flag.name)) return true;
  switch (instruction.keyword) {
    case 'ADD':
    case 'COPY':
    case 'VOLUME':
      for (const heredoc of instruction.heredocs) if (!heredoc.quoted && heredoc.body.includes('$')) return true;
      if (instruction.json) return instruction.json.some((value) => value.includes('$'));
      return instruction.argsText.includes('$');
    case 'ENV':
    case 'LABEL':
    case 'WORKDIR':
    case 'USER':
    case 'STOPSIGNAL':
      return instruction.argsText.includes('$');
    default:
      return false;
  }
}

export const undefinedVar: Rule = {
  meta: buildCheck({
    id: 'undefined-var',
    severity: 'warning',
    messages: {
      undefinedVariable: 'An instruction uses a variable that no ARG or ENV defines where it is used.',
    },
    description: 'Variables should be defined before their use.',
    rationale:
      "A `$NAME` that is not defined expands to nothing without an error, so `COPY $APP_DIR /app` quietly copies the whole context and `ENV PATH=$PAHT:/app/bin` wipes the PATH. In a stage, a variable is defined by an earlier ENV or ARG in the stage or in the stage it is built FROM, or by the base image; a global ARG (declared before the first FROM) must be declared again with `ARG NAME` inside the stage. Shell-form RUN, CMD and ENTRYPOINT are not checked, since the shell expands those at run time. The analyzer cannot see a base image's own variables, other than PATH. Docker reports the check on the instruction's first line, even for a variable in a `COPY <<EOF` body, and on the FROM line of the stage that runs an ONBUILD trigger.",
    hint: 'Declare the variable before using it (`ARG NAME` or `ENV NAME=value` in this stage), or fix the spelling.',
    sources: { buildkit: 'UndefinedVar' },
  }),
  check(context) {
    const { text, analysis } = context;
    const findings: Finding[] = [];
    const global = new Set(fromScope(context, false).declared);
    const hintFor = (name: string, match: string | null): string =>
      global.has(name)
        ? `${name} is defined before the first FROM, which only FROM lines see. Declare it again inside this stage, with \`ARG ${name}\`, to use its value here.`
        : match
          ? `Did you mean $${match}? Otherwise declare ${name} before this line (\`ARG ${name}\` or \`ENV ${name}=…\`).`
          : `Declare ${name} before this line, with \`ARG ${name}\` (set by --build-arg) or \`ENV ${name}=…\`.`;
    const report = (instruction: Instruction, expansions: Array<Expanded | null>, scope: Scope, within: Range): void => {
      // An ARG declared without a value is not in the environment, but BuildKit counts it as defined.
      for (const name of unmatchedNames(expansions, (n) => scope.args.has(n) || NON_ENV_ARGS.has(n))) {
        const match = suggest(name, scope.env.keys());
        findings.push(
          asReported(context, instruction, {
            range: variableRange(text, within, name) ?? instruction.range,
            messageId: 'undefinedVariable',
            message: `Usage of undefined variable '$${name}'${match ? ` (did you mean $${match}?)` : ''}`,
            hint: hintFor(name, match),
          }),
        );
      }
    };
    // Only the kinds of instruction whose words BuildKit expands, kind by kind, then the ARG
    // defaults: the findings are put in file order at the end (no two instructions share an offset).
    for (const keyword of EXPANDING) {
      for (const { instruction, scope } of instructionEvents(context, [keyword])) {
        if (!mayUseVariables(instruction) || !dispatched(context, instruction)) continue;
        const expansions = expandedWords(instruction).map((word) => expand(word, scope.env, analysis.escape));
        if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
          for (const heredoc of instruction.heredocs) if (!heredoc.quoted) expansions.push(expandRaw(heredoc.body, scope.env));
        }
        report(instruction, expansions, scope, { start: instruction.keywordRange.end, end: instruction.range.end });
      }
    }
    for (const { pair, scope, instruction } of argDefaultEvents(context)) {
      if (pair.value === null || !pair.value.includes('$') || !dispatched(context, instruction)) continue;
      report(instruction, [expand(pair.value ?? '', scope.env, analysis.escape)], scope, pair.word.range);
    }
    return findings.sort((a, b) => a.range.start.offset - b.range.start.offset);
  },
  examples: {
    valid: [
      { code: 'FROM alpine:3.20 AS base\nARG VERSION\nENV APP_HOME=/app\nCOPY app-$VERSION.tar.gz $APP_HOME/\nRUN echo "$UNSET_IN_SHELL"\n' },
      { code: 'ARG BASE_DIR=/srv\nFROM alpine:3.20 AS base\nARG BASE_DIR\nENV PATH=$BASE_DIR/bin:$PATH\nFROM base\nWORKDIR $BASE_DIR\n' },
      { note: 'An escaped dollar sign is no variable.', code: 'FROM alpine:3.20\nENV PRICE=\\$5\nLABEL price=\\$5\n' },
    ],
    invalid: [
      {
        code: 'FROM alpine:3.20\nCOPY $foo .\nENV APP_HOME=/app PATH=$PAHT:/app/bin\nARG VERSION=${RELEASE}\n',
        findings: [
          { line: 2, column: 6, endLine: 2, endColumn: 10, messageId: 'undefinedVariable', message: "Usage of undefined variable '$foo'" },
          {
            line: 3,
            column: 24,
            endLine: 3,
            endColumn: 29,
            messageId: 'undefinedVariable',
            message: "Usage of undefined variable '$PAHT' (did you mean $PATH?)",
          },
          { line: 4, column: 13, endLine: 4, endColumn: 23, messageId: 'undefinedVariable', message: "Usage of undefined variable '$RELEASE'" },
        ],
      },
      {
        code: 'ARG VERSION=1.0\nFROM alpine:3.20\nCOPY app-${VERSION}.tar.gz /app/\n',
        findings: [{ line: 3, column: 10, endLine: 3, endColumn: 20, messageId: 'undefinedVariable', message: "Usage of undefined variable '$VERSION'" }],
      },
      {
        note: '--chmod is expanded; a heredoc body is reported on the COPY line, as Docker does.',
        code: 'FROM alpine:3.20\nCOPY --chmod=$MODE app /app\nCOPY <<EOF /etc/motd\nWelcome to $APP_NAME\nEOF\n',
        findings: [
          { line: 2, column: 14, endLine: 2, endColumn: 19, messageId: 'undefinedVariable', message: "Usage of undefined variable '$MODE'" },
          { line: 3, column: 1, endLine: 4, endColumn: 21, messageId: 'undefinedVariable', message: "Usage of undefined variable '$APP_NAME'" },
        ],
      },
      {
        note: 'An ONBUILD trigger runs in the stage built FROM its stage: reported on that FROM line.',
        code: 'FROM alpine:3.20 AS base\nONBUILD COPY $SRC /app\nFROM base\n',
        findings: [{ line: 3, column: 1, endLine: 3, endColumn: 10, messageId: 'undefinedVariable', message: "Usage of undefined variable '$SRC'" }],
      },
    ],
  },
};
