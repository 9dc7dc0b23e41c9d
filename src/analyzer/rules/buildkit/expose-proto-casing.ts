// BuildKit linter rule ExposeProtoCasing, frontend/dockerfile/linter/ruleset.go (parsePort in dockerfile2llb/convert_expose.go).

import type { Rule } from '../types.ts';
import { buildCheck } from './support/build-check.ts';
import { exposedPorts } from './support/ports.ts';
import { asReported } from './support/reach.ts';

export const exposeProtoCasing: Rule = {
  meta: buildCheck({
    id: 'expose-proto-casing',
    severity: 'warning',
    messages: {
      upperCaseProtocol: "An EXPOSE port's protocol is not written in lower case.",
    },
    description: 'Protocol in EXPOSE instruction should be lowercase.',
    rationale:
      'EXPOSE records which ports the container listens on, optionally with a protocol: `tcp` (the default), `udp` or `sctp`. Docker accepts `80/TCP` and lower-cases it in the image, so what you read in the Dockerfile differs from what `docker inspect` shows. Lower case keeps them the same.',
    hint: 'Write the protocol in lower case, e.g. `EXPOSE 53/udp`.',
    sources: { buildkit: 'ExposeProtoCasing' },
  }),
  check(context) {
    return exposedPorts(context)
      .filter((spec) => spec.proto !== spec.proto.toLowerCase())
      .map((spec) =>
        asReported(context, spec.instruction, {
          range: spec.word.range,
          messageId: 'upperCaseProtocol',
          message: `Defined protocol '${spec.raw}' in EXPOSE instruction should be lowercase`,
          hint: `Write \`${spec.raw.replace(/\/[^/]*$/, (proto) => proto.toLowerCase())}\`.`,
        }),
      );
  },
  examples: {
    valid: [
      { code: 'FROM nginx:1.27\nEXPOSE 80/tcp 443 53/udp\n' },
      { code: 'FROM nginx:1.27\nEXPOSE 8080\n' },
      { note: 'A port range with its protocol in lower case.', code: 'FROM nginx:1.27\nEXPOSE 8000-8010/udp\n' },
    ],
    invalid: [
      {
        code: 'FROM nginx:1.27\nEXPOSE 80/TCP 53/Udp\n',
        findings: [
          {
            line: 2,
            column: 8,
            endLine: 2,
            endColumn: 14,
            messageId: 'upperCaseProtocol',
            message: "Defined protocol '80/TCP' in EXPOSE instruction should be lowercase",
          },
          { line: 2, column: 15, endLine: 2, endColumn: 21, messageId: 'upperCaseProtocol', message: "Defined protocol '53/Udp'" },
        ],
      },
      {
        code: 'FROM nginx:1.27\nEXPOSE 8000-8010/UDP\n',
        findings: [{ line: 2, column: 8, endLine: 2, endColumn: 21, messageId: 'upperCaseProtocol' }],
      },
      {
        note: 'Checked after the variable is substituted.',
        code: 'FROM nginx:1.27\nARG PROTO=TCP\nEXPOSE 80/$PROTO\n',
        findings: [{ line: 3, column: 8, endLine: 3, endColumn: 17, messageId: 'upperCaseProtocol' }],
      },
    ],
  },
};
