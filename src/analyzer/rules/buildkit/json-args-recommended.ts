// BuildKit linter rule JSONArgsRecommended, frontend/dockerfile/linter/ruleset.go (dispatchCmd/dispatchEntrypoint in dockerfile2llb/convert.go).

import type { Instruction } from '../../model.ts';
import type { Rule } from '../types.ts';
import { buildCheck } from './support/build-check.ts';
import { checkDispatched } from './support/reach.ts';

/** The whole argument text is one JSON array (of strings or not: an array holding anything
 *  else is an error Docker raises, not shell form). */
function isJsonArray(args: string): boolean {
  if (!args.startsWith('[')) return false;
  try {
    return Array.isArray(JSON.parse(args));
  } catch {
    return false;
  }
}

/**
 * Shell form as Docker 28.5 reads it: anything but one JSON array. That includes an empty
 * CMD, and an array with text after it (`CMD ["node"] server.js`), which Docker 28.5 runs
 * with sh (recorded; Docker 26.1's BuildKit ran the array and dropped the rest).
 */
function isShellForm(instruction: Instruction): boolean {
  return !isJsonArray(instruction.argsText);
}

export const jsonArgsRecommended: Rule = {
  meta: buildCheck({
    id: 'json-args-recommended',
    severity: 'warning',
    messages: {
      shellForm: 'CMD or ENTRYPOINT is written in shell form, so the program runs under /bin/sh -c and gets no signals.',
    },
    description: 'JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals.',
    rationale:
      'In shell form (`CMD node server.js`) Docker runs `/bin/sh -c "node server.js"`. Whether your program or the shell then runs as PID 1 depends on the shell: the shells of Alpine (BusyBox) and bash hand PID 1 over to a single command, Debian\'s dash (the /bin/sh of `node:22` or `python:3.12-slim`) does not, and no shell does for commands joined with `;` or a pipe. A shell left as PID 1 does not pass on signals, so `docker stop` waits ten seconds and then kills your program without letting it shut down cleanly. Exec form (`CMD ["node", "server.js"]`) starts the program itself as PID 1. BuildKit stays silent when a SHELL instruction chose the shell on purpose. An empty `CMD` counts as shell form, and an `ONBUILD CMD …` is checked where it runs: in the stage built FROM its stage, on that FROM line. Hadolint reports the same as DL3025.',
    hint: 'Write the command as a JSON array, e.g. `CMD ["node", "server.js"]`, or set the shell explicitly with SHELL if you need one.',
    sources: { buildkit: 'JSONArgsRecommended', hadolint: 'DL3025' },
  }),
  check(context) {
    return checkDispatched(
      context,
      (instruction, scope) => {
        if ((instruction.keyword !== 'CMD' && instruction.keyword !== 'ENTRYPOINT') || !isShellForm(instruction) || scope.shell) return [];
        const simple = !/[|&;<>$`*?(){}[\]\\'"]/.test(instruction.argsText);
        return [
          {
            range: instruction.argsRange,
            messageId: 'shellForm',
            message: `JSON arguments recommended for ${instruction.keywordText} to prevent unintended behavior related to OS signals`,
            ...(simple
              ? { hint: `Write it in exec form: \`${instruction.keywordText} [${instruction.words.map((w) => JSON.stringify(w.value)).join(', ')}]\`.` }
              : {}),
          },
        ];
      },
      ['CMD', 'ENTRYPOINT'],
    );
  },
  examples: {
    valid: [
      { code: 'FROM node:22-alpine\nENTRYPOINT ["node"]\nCMD ["server.js"]\n' },
      { code: 'FROM alpine:3.20\nSHELL ["/bin/ash", "-c"]\nCMD echo "hello"\n' },
      {
        note: 'ENTRYPOINT in exec form with arguments, and a HEALTHCHECK in shell form (not checked).',
        code: 'FROM alpine:3.20\nHEALTHCHECK CMD wget -q -O- http://localhost:8080/ || exit 1\nENTRYPOINT ["/usr/local/bin/app", "--port", "8080"]\n',
      },
    ],
    invalid: [
      {
        code: 'FROM node:22-alpine\nCMD node server.js\nFROM alpine:3.20\nENTRYPOINT my-program start\n',
        findings: [
          {
            line: 2,
            column: 5,
            endLine: 2,
            endColumn: 19,
            messageId: 'shellForm',
            message: 'JSON arguments recommended for CMD to prevent unintended behavior related to OS signals',
          },
          { line: 4, column: 12, endLine: 4, endColumn: 28, messageId: 'shellForm', message: 'JSON arguments recommended for ENTRYPOINT' },
        ],
      },
      {
        note: 'Text after the array makes it shell form: sh runs `["node"] server.js`.',
        code: 'FROM node:22-alpine\nCMD ["node"] server.js\n',
        findings: [{ line: 2, column: 5, endLine: 2, endColumn: 23, messageId: 'shellForm', message: 'JSON arguments recommended for CMD' }],
      },
      {
        note: 'An empty CMD is shell form too; an ONBUILD trigger is checked in the stage that runs it.',
        code: 'FROM alpine:3.20 AS base\nCMD\nONBUILD CMD node server.js\nFROM base\n',
        findings: [
          { line: 2, column: 4, endLine: 2, endColumn: 4, messageId: 'shellForm', message: 'JSON arguments recommended for CMD' },
          { line: 4, column: 1, endLine: 4, endColumn: 10, messageId: 'shellForm', message: 'JSON arguments recommended for CMD' },
        ],
      },
    ],
  },
};
