// The image a target produces starts from the full variant of an image that has an official
// slimmer one (node:20 vs node:20-slim). Toolchain images (golang, JDKs…) are
// build-tools-in-final-image's; see heavy-bases.ts for the catalogue.

import type { Rule } from '../types.ts';
import { imageText } from './support/base-images.ts';
import { rootBase } from './support/final-image.ts';
import { heavyBase } from './support/heavy-bases.ts';
import { capitalize, imageOf, shippedStage, SHIPPED_TARGETS_ONLY } from './support/target.ts';

export const heavyFinalBase: Rule = {
  meta: {
    id: 'heavy-final-base',
    severity: 'info',
    messages: {
      fullVariant: 'The shipped image starts from the full variant of an image that has a slim one.',
    },
    description: 'The image a target produces should start from a slim variant when its image family has one.',
    rationale:
      'Official images such as node, python and ruby come in a full variant, built on buildpack-deps with compilers, make, git and many -dev header packages so that native extensions can be compiled, and in -slim and -alpine variants without them; debian has -slim tags without documentation and man pages. The full variant is the right base for a build stage. For the stage you ship, the slim variant runs the same program in a much smaller image that is quicker to pull and has fewer packages to patch. This is advice rather than a fault (an application that compiles code at run time, or a debugging image, may need the full variant), so it is reported as info. ' +
      SHIPPED_TARGETS_ONLY,
    hint: 'Keep the full image for the build stage and start the final stage from the slim variant, e.g. `FROM node:20-slim`.',
    sources: {},
    perTarget: true,
  },
  check(context) {
    const stage = shippedStage(context);
    if (!stage) return [];
    const base = rootBase(context, stage.index);
    const image = base?.image;
    const heavy = image ? heavyBase(image) : null;
    if (!base || !image || !heavy || heavy.family.kind !== 'full') return [];
    const alternatives = heavy.alternatives.join(' or ');
    return [
      {
        range: base.word.range,
        messageId: 'fullVariant',
        message: `${capitalize(imageOf(context))} is based on ${imageText(image)}, ${heavy.family.what}, which ships ${heavy.family.why}. It is ${heavy.family.comparison} than ${alternatives}`,
        hint: `Start the final stage from \`FROM ${heavy.alternatives[0]}\` (keep ${imageText(image)} for a build stage if it needs to compile something).`,
      },
    ];
  },
  examples: {
    valid: [
      { code: 'FROM node:20 AS build\nRUN npm ci && npm run build\n\nFROM node:20-slim\nCOPY --from=build /app/dist /app\nCMD ["node", "/app/server.js"]\n' },
      { code: 'FROM python:3.12-alpine\nCMD ["python3", "-m", "http.server"]\n' },
      { code: 'FROM debian:bookworm-slim\n' },
    ],
    invalid: [
      {
        code: 'FROM node:20\nCOPY . /app\nCMD ["node", "/app/server.js"]\n',
        findings: [
          { line: 1, column: 6, endLine: 1, endColumn: 13, messageId: 'fullVariant', message: 'It is much larger than node:20-slim or node:20-alpine' },
        ],
      },
      {
        code: 'FROM debian:bookworm\nCOPY app /usr/local/bin/app\n',
        findings: [{ line: 1, column: 6, endLine: 1, endColumn: 21, messageId: 'fullVariant', message: 'debian:bookworm-slim' }],
      },
      {
        note: 'The default target (prod) is slim; --target web ships the full python image.',
        code: 'FROM python:3.12 AS web\nCMD ["python3", "app.py"]\n\nFROM python:3.12-slim AS prod\nCMD ["python3", "app.py"]\n',
        options: { target: 'web' },
        findings: [{ line: 1, column: 6, endLine: 1, endColumn: 17, messageId: 'fullVariant', message: 'The image for target "web" is based on python:3.12' }],
      },
    ],
  },
};
