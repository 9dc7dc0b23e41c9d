// The image a target produces sets no CMD or ENTRYPOINT, and what it would run instead is
// nothing (FROM scratch) or an interactive prompt that exits at once (node, python, ruby).

import { imageInstructions } from '../support/stage-chain.ts';
import type { Rule, RuleContext } from '../types.ts';
import { defaultCommand, imageText } from './support/base-images.ts';
import { rootBase } from './support/final-image.ts';
import { capitalize, imageOf, isDefaultTarget, stageRole } from './support/target.ts';

/**
 * Is the target meant to be run? Build steps (test, build, deps, export…) are not; prod,
 * runtime, app, dev, debug… are; a stage with another name or none counts when it is the
 * default (last) stage, which is what `docker build .` produces.
 */
function meantToRun(context: RuleContext): boolean {
  const stage = context.finalStage;
  if (!stage) return false;
  const role = stageRole(stage);
  return role === 'ship' || role === 'dev' || (role === 'unknown' && isDefaultTarget(context));
}

export const noCommandInFinalImage: Rule = {
  meta: {
    id: 'no-command-in-final-image',
    severity: 'warning',
    messages: {
      scratchNoCommand: 'The shipped image starts FROM scratch and has no CMD or ENTRYPOINT, so `docker run` fails.',
      baseShellCommand: "The shipped image has no CMD or ENTRYPOINT and runs its base's default command (a shell) instead of the program.",
    },
    description: 'An image meant to be run should say what it runs, with CMD or ENTRYPOINT.',
    rationale:
      'Without CMD or ENTRYPOINT in its stages, an image runs whatever its base image sets. A FROM scratch image sets nothing, so `docker run` fails with "no command specified". The node, python and ruby images run their interactive prompt (`node`, `python3`, `irb`): started without a terminal (no -it), it reads an empty input and exits at once, so the container stops without starting your program. (OS images such as alpine default to a shell, but are commonly run with an explicit command, so they are not reported.) Files copied into the image do not run by themselves. Checked when the target is meant to run: the default (last) stage, or a target whose name says it runs (prod, runtime, app, dev, debug…); stages named as build steps (test, build, deps, export…) are not checked.',
    hint: 'Say what the image runs, e.g. `CMD ["node", "server.js"]` or `ENTRYPOINT ["/usr/local/bin/app"]`.',
    sources: {},
    perTarget: true,
  },
  check(context) {
    const stage = context.finalStage;
    if (!stage || !meantToRun(context)) return [];
    const instructions = imageInstructions(context.analysis, stage.index);
    if (instructions.some((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT')) return [];
    const base = rootBase(context, stage.index);
    if (!base) return [];
    const subject = capitalize(imageOf(context));
    if (base.image === null) {
      return [
        {
          range: stage.from.range,
          messageId: 'scratchNoCommand',
          message: `${subject} has no CMD or ENTRYPOINT and starts FROM scratch, so \`docker run\` has nothing to run and fails with "no command specified"`,
          hint: 'Add the command to run, e.g. `ENTRYPOINT ["/app"]`. If this stage only exports files (docker build --output), name it after that, e.g. `AS export`.',
        },
      ];
    }
    const fallback = defaultCommand(base.image);
    if (!fallback) return [];
    return [
      {
        range: stage.from.range,
        messageId: 'baseShellCommand',
        message: `${subject} has no CMD or ENTRYPOINT, so it runs the default command of ${imageText(base.image)}, \`${fallback.command}\` (${fallback.what}), which exits at once without a terminal instead of starting your program`,
      },
    ];
  },
  examples: {
    valid: [
      { code: 'FROM node:20-slim\nCOPY . /app\nCMD ["node", "/app/server.js"]\n' },
      { code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\n\nFROM scratch AS export\nCOPY --from=build /out/app /\n' },
      { code: 'FROM python:3.12-slim AS base\nCMD ["python3", "app.py"]\n\nFROM base AS prod\nCOPY . /app\n' },
    ],
    invalid: [
      {
        code: 'FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\n\nFROM scratch\nCOPY --from=build /out/app /app\n',
        findings: [
          { line: 4, column: 1, endLine: 4, endColumn: 13, messageId: 'scratchNoCommand', message: 'starts FROM scratch, so `docker run` has nothing to run' },
        ],
      },
      {
        code: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\n',
        findings: [
          {
            line: 1,
            column: 1,
            endLine: 1,
            endColumn: 18,
            messageId: 'baseShellCommand',
            message: 'the default command of node:20-slim, `node` (the interactive Node.js REPL)',
          },
        ],
      },
      {
        note: 'The default target (test) is a build step; --target prod is meant to run and has no command.',
        code: 'FROM python:3.12-slim AS prod\nCOPY . /app\n\nFROM prod AS test\nRUN python3 -m pytest /app\n',
        options: { target: 'prod' },
        findings: [
          { line: 1, column: 1, endLine: 1, endColumn: 30, messageId: 'baseShellCommand', message: 'The image for target "prod" has no CMD or ENTRYPOINT' },
        ],
      },
    ],
  },
};
