// BuildKit linter rule SecretsUsedInArgOrEnv, frontend/dockerfile/linter/ruleset.go (validateNoSecretKey in dockerfile2llb/convert.go).

import type { Rule } from '../types.ts';
import { prefixRange } from './positions.ts';
import { isSecretName } from './secrets.ts';
import { argPairs, keyValuePairs } from './variables.ts';
import { buildCheck } from './build-check.ts';
import { checkDispatched } from './reach.ts';

export const secretsUsedInArgOrEnv: Rule = {
  meta: buildCheck({
    id: 'secrets-used-in-arg-or-env',
    severity: 'warning',
    description: 'Sensitive data should not be used in the ARG or ENV instructions.',
    rationale:
      'ARG and ENV values are not secret: ENV values are stored in the image config for anyone who pulls it, and ARG values show up in `docker history` and in the build cache. A token passed this way leaks with the image — even from a build stage, if its layers are pushed or cached. BuildKit guesses from the name (a part such as TOKEN, PASSWORD, SECRET, KEY, AUTH or CREDENTIALS) and checks the ARG and ENV lines inside stages.',
    hint: 'Pass the secret with a secret mount instead: `RUN --mount=type=secret,id=token TOKEN=$(cat /run/secrets/token) …`, built with `docker build --secret id=token,env=GITHUB_TOKEN`.',
    lesson: 'advanced-builds',
    sources: { buildkit: 'SecretsUsedInArgOrEnv' },
  }),
  check(context) {
    return checkDispatched(context, (instruction) => {
      const pairs = instruction.keyword === 'ARG' ? argPairs(instruction) : instruction.keyword === 'ENV' ? keyValuePairs(instruction) : [];
      return pairs
        .filter((pair) => isSecretName(pair.key))
        .map((pair) => ({
          range: prefixRange(context.text, pair.word.range, pair.key),
          message: `Do not use ARG or ENV instructions for sensitive data (${instruction.keyword} ${JSON.stringify(pair.key)})`,
          hint: `Mount it as a secret where it is needed instead: \`RUN --mount=type=secret,id=${pair.key.toLowerCase()},env=${pair.key} …\`, built with \`docker build --secret id=${pair.key.toLowerCase()},env=${pair.key}\`.`,
        }));
    }, ['ARG', 'ENV']);
  },
  examples: {
    valid: [
      { code: 'FROM alpine:3.20\nARG PUBLIC_KEY_URL\nENV APP_MODE=production\nRUN --mount=type=secret,id=token cat /run/secrets/token\n' },
      { code: 'ARG GITHUB_TOKEN\nFROM alpine:3.20\n' },
    ],
    invalid: [
      {
        code: 'FROM alpine:3.20\nARG GITHUB_TOKEN\nENV DB_PASSWORD=hunter2 MODE=prod\n',
        findings: [
          { line: 2, column: 5, endLine: 2, endColumn: 17, message: 'Do not use ARG or ENV instructions for sensitive data (ARG "GITHUB_TOKEN")' },
          { line: 3, column: 5, endLine: 3, endColumn: 16, message: '(ENV "DB_PASSWORD")' },
        ],
      },
    ],
  },
};
