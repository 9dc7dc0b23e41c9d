// hadolint DL3002, per build target: the image the build produces should not run as root.

import { stageLabel } from '../../references.ts';
import { imageInstructions } from '../support/stage-chain.ts';
import type { Rule } from '../types.ts';

/** hadolint's test: `root`, `0`, or either with a group (`root:root`, `0:0`). */
function isRoot(user: string): boolean {
  return user === 'root' || user === '0' || user.startsWith('root:') || user.startsWith('0:');
}

export const lastUserRoot: Rule = {
  meta: {
    id: 'last-user-root',
    severity: 'warning',
    messages: {
      rootUser: 'The last USER of the shipped image is root.',
    },
    description: 'The last USER of the image a build produces should not be root.',
    rationale:
      'Containers run as the last USER the image sets, and the image is the target stage together with every stage it is built FROM. Switching to root to install something is fine in a build stage, but if the target ends as root, every process in the container runs with root privileges, and a compromised process owns the container. Which stage is the target depends on --target, so the same Dockerfile can pass for one target and not another.',
    hint: 'End the target stage with an unprivileged user, e.g. `USER 65532` or a user you create with `adduser`, after the steps that need root.',
    sources: { hadolint: 'DL3002' },
    perTarget: true,
  },
  check({ analysis, finalStage, targetLabel }) {
    if (!finalStage) return [];
    const user = imageInstructions(analysis, finalStage.index)
      .filter((instruction) => instruction.keyword === 'USER')
      .at(-1);
    const word = user?.words[0];
    if (!user || !word || !isRoot(word.value)) return [];
    const owner = analysis.stages[user.stage];
    const inherited = owner && owner.index !== finalStage.index ? `, set in stage "${stageLabel(owner)}" that it is built FROM` : '';
    return [
      {
        range: word.range,
        messageId: 'rootUser',
        message: `Last USER should not be root: ${targetLabel} runs as "${word.value}"${inherited}, so every process in the container has root privileges.`,
      },
    ];
  },
  examples: {
    valid: [
      { code: 'FROM golang:1.23 AS build\nUSER root\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /app\nUSER 65532\n' },
      { code: 'FROM alpine:3.20 AS base\nUSER root\nFROM base AS prod\nUSER app\n' },
      { note: 'Root for the install, then back to an unprivileged user.', code: 'FROM alpine:3.20\nUSER root\nRUN apk add --no-cache curl\nUSER nobody\n' },
    ],
    invalid: [
      {
        code: 'FROM alpine:3.20\nUSER app\nRUN id\nUSER root:root\n',
        findings: [{ line: 4, column: 6, endLine: 4, endColumn: 15, messageId: 'rootUser', message: 'the default target (stage 0) runs as "root:root"' }],
      },
      {
        code: 'FROM golang:1.23 AS build\nUSER 0\nRUN go build -o /out/app .\nFROM build AS debug\nRUN echo debug\nFROM alpine:3.20\nUSER 65532\n',
        options: { target: 'debug' },
        findings: [
          { line: 2, column: 6, endLine: 2, endColumn: 7, messageId: 'rootUser', message: 'debug runs as "0", set in stage "build" that it is built FROM' },
        ],
      },
      {
        note: 'Switched to root to install something, and never back.',
        code: 'FROM alpine:3.20 AS base\nUSER nobody\nFROM base\nUSER root\nRUN apk add --no-cache curl\n',
        findings: [{ line: 4, column: 6, endLine: 4, endColumn: 10, messageId: 'rootUser' }],
      },
    ],
  },
};
