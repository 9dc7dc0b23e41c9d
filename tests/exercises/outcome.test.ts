// The build outcome the goals judge by (src/exercises/outcome.ts): the analyzer's verdict,
// and a pull of a misnamed stage counted as the failure it is, said with the image's full name.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { buildOutcome, pulledImage } from '../../src/exercises/outcome.ts';

describe('pulledImage', () => {
  it('names the image Docker pulls, as BuildKit prints it', () => {
    expect(pulledImage('build')).toBe('docker.io/library/build:latest');
    expect(pulledImage('node:22')).toBe('docker.io/library/node:22');
    expect(pulledImage('team/tools')).toBe('docker.io/team/tools:latest');
    expect(pulledImage('registry.example.com:5000/tools:1')).toBe('registry.example.com:5000/tools:1');
    expect(pulledImage('localhost/tools')).toBe('localhost/tools:latest');
    expect(pulledImage('alpine@sha256:abc')).toBe('docker.io/library/alpine@sha256:abc');
  });
});

describe('buildOutcome', () => {
  const outcome = (text: string, options: Parameters<typeof analyze>[1] = {}) => buildOutcome(analyze(text, options));

  it('builds when Docker would build what the author meant', () => {
    expect(outcome('FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=build /a /a\n')).toEqual({ builds: true });
    // An image on purpose: tagged, or nothing like a stage name.
    expect(outcome('FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from=nginx:1.27 /a /a\nCOPY --from=busybox /bin/sh /bin/sh\n')).toEqual({
      builds: true,
    });
  });

  it('fails on an empty file, and with Docker’s own words when Docker refuses the file', () => {
    expect(outcome('')).toEqual({ builds: false, reason: 'The Dockerfile has no stage: Docker needs at least one FROM line.' });
    expect(outcome('FROM alpine:3.20 AS a\nCOPY --from b /x /y\n')).toMatchObject({
      builds: false,
      reason: expect.stringMatching(/^Docker refuses the file before running any step \(line 2\): missing a value on flag: (--)?from\.$/),
    });
  });

  it('says where the classic builder stops part-way', () => {
    const text = 'FROM alpine:3.20 AS test\nRUN echo one\nFROM alpine:3.20 AS test\nFROM alpine:3.20 AS prod\n';
    expect(outcome(text, { builder: 'classic' })).toEqual({ builds: false, reason: 'Docker stops at line 3: test stage name already used.' });
  });

  it('only looks at the stages the build runs', () => {
    const devAbove = 'FROM build AS dev\nFROM node:22 AS build\nFROM node:22-alpine AS prod\n';
    expect(outcome(devAbove)).toEqual({ builds: true });
    expect(outcome(devAbove, { target: 'dev' })).toMatchObject({ builds: false });
    expect(outcome(devAbove, { builder: 'classic' })).toMatchObject({ builds: false });
  });
});
