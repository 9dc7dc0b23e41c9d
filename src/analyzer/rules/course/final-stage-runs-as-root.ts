// The image a target produces sets no USER anywhere in its stage chain and starts from an
// image known to run as root, so its process runs as root. (A USER root written last is
// hadolint's DL3002.)

import { imageInstructions } from '../support/stage-chain.ts';
import type { Rule } from '../types.ts';
import { imageText, startsAsRoot, type ImageName } from './support/base-images.ts';
import { rootBase } from './support/final-image.ts';
import { capitalize, imageOf, shippedStage } from './support/target.ts';

/** How to switch to an unprivileged user on this base. */
function userHint(image: ImageName | null): string {
  if (image === null) return 'A scratch image has no /etc/passwd, so use numeric ids: `USER 65534:65534`.';
  if (image.repository === 'node') return 'The node images come with a `node` user: add `USER node` before CMD.';
  if (image.repository.startsWith('gcr.io/distroless/')) return `Use the nonroot variant: \`FROM ${image.repository}:nonroot\`.`;
  if (['alpine', 'busybox'].includes(image.repository) || (image.tag ?? '').includes('alpine')) {
    return 'Create a user and switch to it before CMD: `RUN adduser -D -H app` then `USER app`.';
  }
  return 'Create a user and switch to it before CMD: `RUN useradd --system --no-create-home app` then `USER app`.';
}

export const finalStageRunsAsRoot: Rule = {
  meta: {
    id: 'final-stage-runs-as-root',
    severity: 'info',
    messages: {
      runsAsRoot: 'The shipped image runs as root: no USER in its stages, and its base sets none.',
    },
    description: 'The image a target produces should switch to an unprivileged user.',
    rationale:
      'Without a USER instruction a container runs its process as root (user 0), because that is what the common base images (alpine, debian, node, python, distroless without :nonroot, scratch…) default to. If the application is compromised, root inside the container makes escaping it or tampering with mounted files much easier. Add a USER in the stage you ship, after the steps that need root (installing packages), or start from a base that already runs as a non-root user (distroless :nonroot, Chainguard images). Images whose base we know nothing about are not reported, nor are FROM scratch images that run nothing (no CMD or ENTRYPOINT), nor targets asked for with --target whose names say they are for development or a build step (the image of a plain `docker build .` is always checked). Some images start as root on purpose and drop privileges themselves (nginx, postgres), hence info rather than a warning.',
    hint: 'Switch to an unprivileged user before CMD, e.g. `USER node` on node images or `USER 65534:65534` on scratch.',
    sources: {},
    perTarget: true,
  },
  check(context) {
    const stage = shippedStage(context);
    if (!stage) return [];
    const instructions = imageInstructions(context.analysis, stage.index);
    if (instructions.some((i) => i.keyword === 'USER')) return [];
    const image = rootBase(context, stage.index)?.image ?? null;
    const runs = instructions.some((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
    if (image === null ? !runs : !startsAsRoot(image)) return [];
    const base = image === null ? 'an image built FROM scratch runs as root (user 0)' : `${imageText(image)} starts as root`;
    return [
      {
        range: stage.from.range,
        messageId: 'runsAsRoot',
        message: `${capitalize(imageOf(context))} runs as root: no USER is set in its stages and ${base}`,
        hint: userHint(image),
      },
    ];
  },
  examples: {
    valid: [
      { code: 'FROM node:20-slim\nCOPY . /app\nUSER node\nCMD ["node", "/app/server.js"]\n' },
      { code: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\nENTRYPOINT ["/app"]\n' },
      { code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\n\nFROM scratch AS export\nCOPY --from=build /out/app /\n' },
      { code: 'FROM registry.example.com/team/base:1\nCMD ["/app"]\n' },
    ],
    invalid: [
      {
        code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\n\nFROM alpine:3.20\nCOPY --from=build /out/app /usr/local/bin/app\nCMD ["app"]\n',
        findings: [
          {
            line: 4,
            column: 1,
            endLine: 4,
            endColumn: 17,
            messageId: 'runsAsRoot',
            message: 'runs as root: no USER is set in its stages and alpine:3.20 starts as root',
          },
        ],
      },
      {
        code: 'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]\n',
        findings: [{ line: 1, column: 1, endLine: 1, endColumn: 13, messageId: 'runsAsRoot', message: 'FROM scratch runs as root' }],
      },
      {
        note: 'The default target switches user; --target api does not.',
        code: 'FROM python:3.12-slim AS api\nCMD ["python3", "-m", "http.server"]\n\nFROM api AS release\nUSER nobody\n',
        options: { target: 'api' },
        findings: [{ line: 1, column: 1, endLine: 1, endColumn: 29, messageId: 'runsAsRoot', message: 'The image for target "api" runs as root' }],
      },
    ],
  },
};
