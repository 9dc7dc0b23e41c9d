// BuildKit linter rule SecretsUsedInArgOrEnv, frontend/dockerfile/linter/ruleset.go (validateNoSecretKey in dockerfile2llb/convert.go).

import type { Rule } from '../types.ts';
import { buildCheck } from './support/build-check.ts';
import { prefixRange } from './support/positions.ts';
import { checkDispatched } from './support/reach.ts';
import { isSecretName } from './support/secrets.ts';
import { argPairs, keyValuePairs } from './support/variables.ts';

/** A FILE or VERSION part: the names newer BuildKit releases exempt (they hold a path or a version). */
const PATH_OR_VERSION = /(?:^|_)(?:file|version)(?:_|$)/i;

function hintFor(name: string): string {
  const id = name.toLowerCase();
  if (PATH_OR_VERSION.test(name)) {
    return `If ${name} holds a path or a version rather than the secret itself, it leaks nothing: Docker 28.5 still reports it, newer Docker releases do not. Rename it, or skip the check for this file with \`# check=skip=SecretsUsedInArgOrEnv\` at the top of the file.`;
  }
  // `env=` on the mount: Docker 28.5's BuildKit runs it, 26.1's refuses it ("unexpected key 'env' in 'env=TOKEN'"); tried on both engines.
  return `Mount it as a secret where it is needed instead: \`RUN --mount=type=secret,id=${id},env=${name} …\` (Docker 28.5 supports \`env=\` on the mount, Docker 26.1 does not: there, read the file /run/secrets/${id}), built with \`docker build --secret id=${id},env=${name}\`.`;
}

export const secretsUsedInArgOrEnv: Rule = {
  meta: buildCheck({
    id: 'secrets-used-in-arg-or-env',
    severity: 'warning',
    messages: {
      secretName: "An ARG or ENV whose name says it holds a secret, which then stays in the image's history or environment.",
    },
    description: 'Sensitive data should not be used in the ARG or ENV instructions.',
    rationale:
      "ARG and ENV values are not secret: ENV values are stored in the image config for anyone who pulls it, and ARG values show up in `docker history` and in the build cache. A token passed this way leaks with the image — even from a build stage, if its layers are pushed or cached. BuildKit guesses from the name (a part such as TOKEN, PASSWORD, SECRET, KEY, AUTH or CREDENTIALS, unless another part is PUBLIC) and checks the ARG and ENV lines inside stages. Docker 28.5 also flags names with a FILE or VERSION part, such as `GITHUB_TOKEN_FILE` or `NODE_AUTH_TOKEN_VERSION`, which usually hold a path or a version number; BuildKit releases newer than Docker 28.5's leave those alone.",
    hint: 'Pass the secret with a secret mount instead: `RUN --mount=type=secret,id=token TOKEN=$(cat /run/secrets/token) …`, built with `docker build --secret id=token,env=GITHUB_TOKEN` (the secret is read from the GITHUB_TOKEN variable of the shell that runs the build).',
    sources: { buildkit: 'SecretsUsedInArgOrEnv' },
  }),
  check(context) {
    return checkDispatched(
      context,
      (instruction) => {
        const pairs = instruction.keyword === 'ARG' ? argPairs(instruction) : instruction.keyword === 'ENV' ? keyValuePairs(instruction) : [];
        return pairs
          .filter((pair) => isSecretName(pair.key))
          .map((pair) => ({
            range: prefixRange(context.text, pair.word.range, pair.key),
            messageId: 'secretName',
            message: `Do not use ARG or ENV instructions for sensitive data (${instruction.keyword} ${JSON.stringify(pair.key)})`,
            hint: hintFor(pair.key),
          }));
      },
      ['ARG', 'ENV'],
    );
  },
  examples: {
    valid: [
      { code: 'FROM alpine:3.20\nARG PUBLIC_KEY_URL\nENV APP_MODE=production\nRUN --mount=type=secret,id=token cat /run/secrets/token\n' },
      { code: 'ARG GITHUB_TOKEN\nFROM alpine:3.20\n' },
      {
        note: 'The secret words count only as whole parts of the name, between underscores.',
        code: 'FROM alpine:3.20\nARG TOKENIZER_MODEL=bert\nENV PASSWORDLESS_LOGIN=1\n',
      },
    ],
    invalid: [
      {
        code: 'FROM alpine:3.20\nARG GITHUB_TOKEN\nENV DB_PASSWORD=hunter2 MODE=prod\n',
        findings: [
          {
            line: 2,
            column: 5,
            endLine: 2,
            endColumn: 17,
            messageId: 'secretName',
            message: 'Do not use ARG or ENV instructions for sensitive data (ARG "GITHUB_TOKEN")',
          },
          { line: 3, column: 5, endLine: 3, endColumn: 16, messageId: 'secretName', message: '(ENV "DB_PASSWORD")' },
        ],
      },
      {
        note: 'Docker 28.5 flags these too (newer releases exempt FILE and VERSION parts).',
        code: 'FROM alpine:3.20\nARG GITHUB_TOKEN_FILE=/run/secrets/token\nENV NODE_AUTH_TOKEN_VERSION=2\n',
        findings: [
          { line: 2, column: 5, endLine: 2, endColumn: 22, messageId: 'secretName', message: '(ARG "GITHUB_TOKEN_FILE")' },
          { line: 3, column: 5, endLine: 3, endColumn: 28, messageId: 'secretName', message: '(ENV "NODE_AUTH_TOKEN_VERSION")' },
        ],
      },
      {
        note: 'Any case, and every pair of a multi-variable ENV.',
        code: 'FROM alpine:3.20\nARG npm_token\nENV AWS_SECRET_ACCESS_KEY=x API_KEY=y\n',
        findings: [
          { line: 2, column: 5, endLine: 2, endColumn: 14, messageId: 'secretName' },
          { line: 3, column: 5, endLine: 3, endColumn: 26, messageId: 'secretName' },
          { line: 3, column: 29, endLine: 3, endColumn: 36, messageId: 'secretName' },
        ],
      },
    ],
  },
};
