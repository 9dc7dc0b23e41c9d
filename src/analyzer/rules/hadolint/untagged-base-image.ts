// hadolint DL3006: a FROM image without a tag is whatever :latest is on the day you build.

import type { Rule } from '../types.ts';
import { baseImages } from './support/base-images.ts';
import { laterStageNamed } from './support/helpers.ts';

export const untaggedBaseImage: Rule = {
  meta: {
    id: 'untagged-base-image',
    severity: 'warning',
    messages: {
      noTag: 'A base image has no tag, so Docker pulls whatever :latest is on the day.',
      laterStage: 'FROM names a stage defined further down, which FROM cannot see, so Docker pulls an untagged image of that name.',
    },
    description: 'FROM images should have an explicit tag.',
    rationale:
      'A FROM image without a tag means :latest, which moves whenever the publisher pushes a new release. The same Dockerfile then builds on a different base from one week to the next, and a build or runtime stage can break without a single line changing. Naming the version (or pinning a digest) makes every build start from the same image. Stage names (`FROM build`), `scratch` and references that start with a variable are not images you pull, so they are left alone.',
    hint: 'Pin a version, e.g. `FROM node:22-alpine`, or a digest (`node@sha256:…`), so every build starts from the same image.',
    sources: { hadolint: 'DL3006' },
  },
  check(context) {
    const laterStageOf = laterStageNamed(context);
    return (
      baseImages(context)
        // hadolint leaves `FROM ${IMAGE}` alone: the tag is the build's to choose.
        .filter((image) => image.tag === null && !image.digest && !image.word.raw.startsWith('$'))
        .map((image) => {
          const pinned = `Pin a version, e.g. \`FROM ${image.name}:<version>\`, or a digest (\`${image.name}@sha256:…\`), so every build starts from the same image.`;
          // `FROM later` where a stage called "later" comes further down: FROM sees earlier stages only.
          const later = laterStageOf(image.name.toLowerCase(), image.stage.index);
          return {
            range: image.word.range,
            messageId: later ? 'laterStage' : 'noTag',
            message: later
              ? `Always tag the version of an image explicitly: ${image.shown} has no tag, so Docker pulls ${image.name}:latest. FROM sees only the stages above it, and stage "${later.name}" comes after (line ${later.from.range.start.line}).`
              : `Always tag the version of an image explicitly: ${image.shown} has no tag, so Docker pulls ${image.name}:latest, whatever that is on the day you build.`,
            hint: later ? `To build on stage "${later.name}", move it above this FROM line. ${pinned}` : pinned,
          };
        })
    );
  },
  examples: {
    valid: [
      { code: 'FROM golang:1.23 AS build\nFROM build AS test\nFROM scratch\nCOPY --from=build /out/app /app\n' },
      { code: 'ARG IMAGE=alpine\nFROM ${IMAGE}\nFROM alpine@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5\n' },
      {
        note: '`localhost:5000` is a registry host and port, not a tag; this image has its tag, `1.2`, after the path.',
        code: 'FROM localhost:5000/tools:1.2\n',
      },
    ],
    invalid: [
      {
        code: 'FROM golang AS build\nFROM localhost:5000/tools\n',
        findings: [
          { line: 1, column: 6, endLine: 1, endColumn: 12, messageId: 'noTag', message: '"golang" has no tag, so Docker pulls golang:latest' },
          { line: 2, column: 6, endLine: 2, endColumn: 26, messageId: 'noTag' },
        ],
      },
      {
        code: 'FROM base AS app\nRUN echo app\nFROM alpine:3.20 AS base\n',
        findings: [{ line: 1, column: 6, endLine: 1, endColumn: 10, messageId: 'laterStage', message: 'stage "base" comes after (line 3)' }],
      },
      {
        code: 'ARG NAME=node\nFROM ${NAME} AS dev\nFROM docker.io/library/${NAME}\n',
        findings: [
          { line: 3, column: 6, endLine: 3, endColumn: 31, messageId: 'noTag', message: '"docker.io/library/${NAME}" (docker.io/library/node) has no tag' },
        ],
      },
    ],
  },
};
