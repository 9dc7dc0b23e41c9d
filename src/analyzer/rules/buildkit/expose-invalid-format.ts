// BuildKit linter rule ExposeInvalidFormat, frontend/dockerfile/linter/ruleset.go (parsePort in dockerfile2llb/convert_expose.go).

import type { Rule } from '../types.ts';
import { buildCheck } from './support/build-check.ts';
import { exposedPorts } from './support/ports.ts';
import { asReported } from './support/reach.ts';

export const exposeInvalidFormat: Rule = {
  meta: buildCheck({
    id: 'expose-invalid-format',
    severity: 'warning',
    messages: {
      addressOrHostPort: 'An EXPOSE port names an IP address or a host port, which belong to `docker run -p`.',
    },
    description: 'IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release.',
    rationale:
      'EXPOSE documents the port the container listens on; it publishes nothing. Which host port (and host address) to map is decided when the container runs, with `docker run -p 8080:80` or `ports:` in Compose. Docker still accepts `EXPOSE 8080:80` or `EXPOSE 127.0.0.1:80:80` but ignores the host part, and a future release will reject it.',
    hint: 'Expose only the container port (`EXPOSE 80`) and map it when running: `docker run -p 8080:80 …`.',
    sources: { buildkit: 'ExposeInvalidFormat' },
  }),
  check(context) {
    return exposedPorts(context)
      .filter((spec) => spec.ip !== '' || spec.hostPort !== '')
      .map((spec) =>
        asReported(context, spec.instruction, {
          range: spec.word.range,
          messageId: 'addressOrHostPort',
          message: `EXPOSE instruction should not define an IP address or host-port mapping, found '${spec.raw}'`,
          hint: `Write \`EXPOSE ${spec.port}${spec.proto ? `/${spec.proto}` : ''}\` and publish the port when running the container, e.g. \`docker run -p ${spec.hostPort || spec.port}:${spec.port} …\`.`,
        }),
      );
  },
  examples: {
    valid: [
      { code: 'FROM nginx:1.27\nEXPOSE 80 443/tcp\n' },
      { code: 'FROM nginx:1.27\nEXPOSE 80/tcp 8000-8010\n' },
      { note: 'A variable that holds a plain port.', code: 'FROM nginx:1.27\nARG PORT=8080\nEXPOSE $PORT\n' },
    ],
    invalid: [
      {
        code: 'FROM nginx:1.27\nEXPOSE 127.0.0.1:80:80\nEXPOSE 8080:80\n',
        findings: [
          {
            line: 2,
            column: 8,
            endLine: 2,
            endColumn: 23,
            messageId: 'addressOrHostPort',
            message: "EXPOSE instruction should not define an IP address or host-port mapping, found '127.0.0.1:80:80'",
          },
          { line: 3, column: 8, endLine: 3, endColumn: 15, messageId: 'addressOrHostPort', message: "found '8080:80'" },
        ],
      },
      {
        note: 'A host port with a protocol is still a host port.',
        code: 'FROM nginx:1.27\nEXPOSE 8080:80/tcp\n',
        findings: [{ line: 2, column: 8, endLine: 2, endColumn: 19, messageId: 'addressOrHostPort' }],
      },
      {
        note: 'Checked after the variable is substituted.',
        code: 'FROM nginx:1.27\nARG HOST_PORT=8080\nEXPOSE ${HOST_PORT}:80\n',
        findings: [{ line: 3, column: 8, endLine: 3, endColumn: 23, messageId: 'addressOrHostPort' }],
      },
    ],
  },
};
