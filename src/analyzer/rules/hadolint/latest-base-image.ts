// hadolint DL3007: FROM <image>:latest follows whatever the publisher pushed last.

import type { Rule } from '../types.ts';
import { baseImages } from './support/base-images.ts';

export const latestBaseImage: Rule = {
  meta: {
    id: 'latest-base-image',
    severity: 'warning',
    messages: {
      latestTag: 'A base image is pinned to the `latest` tag.',
    },
    description: 'FROM images should not use the :latest tag.',
    rationale:
      'The :latest tag is not a version: it points at whatever the publisher pushed last. Writing it out looks deliberate but pins nothing, so the base of a build or runtime stage can change under you (a new major version, a different libc) between two builds of the same Dockerfile. A release tag, or a digest, keeps builds repeatable. A `:latest` reference that also carries a digest is pinned by the digest and is left alone.',
    hint: 'Replace :latest with a release tag, e.g. `FROM alpine:3.20`.',
    sources: { hadolint: 'DL3007' },
  },
  check(context) {
    return baseImages(context)
      .filter((image) => image.tag === 'latest' && !image.digest)
      .map((image) => ({
        range: image.word.range,
        messageId: 'latestTag',
        message: `Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag: ${image.shown} follows whatever ${image.name}:latest points to when you build.`,
        hint: `Replace :latest with a release tag, e.g. \`FROM ${image.name}:<version>\`.`,
      }));
  },
  examples: {
    valid: [
      { code: 'FROM golang:1.23 AS build\nFROM alpine:3.20\nFROM alpine:latest@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5\n' },
      {
        note: 'Only the tag counts: `latest` in a path, or a tag that starts like a release name, is fine.',
        code: 'FROM registry.example.com/latest/app:1.0\nFROM node:lts-alpine\n',
      },
      { code: 'FROM scratch\n' },
    ],
    invalid: [
      {
        code: 'FROM golang:1.23 AS build\nFROM alpine:latest\nCOPY --from=build /out/app /app\n',
        findings: [
          { line: 2, column: 6, endLine: 2, endColumn: 19, messageId: 'latestTag', message: '"alpine:latest" follows whatever alpine:latest points to' },
        ],
      },
      {
        code: 'ARG TAG=latest\nFROM node:${TAG}\n',
        findings: [{ line: 2, column: 6, endLine: 2, endColumn: 17, messageId: 'latestTag', message: '"node:${TAG}" (node:latest)' }],
      },
      {
        code: 'FROM docker.io/library/python:latest AS base\nRUN python3 --version\n',
        findings: [{ line: 1, column: 6, endLine: 1, endColumn: 37, messageId: 'latestTag' }],
      },
    ],
  },
};
