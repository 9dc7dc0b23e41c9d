// The pure parts of scripts/record-checks.ts, which records the build checks offline: how a
// Dockerfile is made checkable without a registry, and how a missing image is recognised.

import { describe, expect, it } from 'vitest';
import { missingImage, offline, platformsIn } from '../../scripts/record-checks.ts';

describe('record-checks', () => {
  it('turns a # syntax= directive into a comment on the same line, so the built-in frontend checks the file', () => {
    expect(offline('# syntax=docker/dockerfile:1\nFROM alpine:3.20\n')).toBe('# (syntax directive left out when recording: no registry)\nFROM alpine:3.20\n');
    expect(offline('# check=skip=all\n# syntax=docker/dockerfile:1\nFROM alpine:3.20\n')).toBe(
      '# check=skip=all\n# (syntax directive left out when recording: no registry)\nFROM alpine:3.20\n',
    );
  });

  it('keeps a syntax directive that another directive follows (a comment would end the directives)', () => {
    const text = '# syntax=docker/dockerfile:1\n# escape=`\nFROM alpine:3.20\n';
    expect(offline(text)).toBe(text);
  });

  it('leaves files without a syntax directive, or with one after the first instruction, as they are', () => {
    for (const text of ['FROM alpine:3.20\n', 'FROM alpine:3.20\n# syntax=docker/dockerfile:1\n', '# escape=`\nFROM alpine:3.20\n'])
      expect(offline(text)).toBe(text);
  });

  it('names the image a build could not resolve, as the FROM line writes it', () => {
    expect(missingImage('nginx:1.27: failed to resolve source metadata for docker.io/library/nginx:1.27: failed to do request: Head …')).toBe('nginx:1.27');
    expect(missingImage('failed to resolve source metadata for ghcr.io/acme/app:2: failed to do request')).toBe('ghcr.io/acme/app:2');
    expect(missingImage('failed to resolve source metadata for docker.io/bitnami/redis:7: failed')).toBe('bitnami/redis:7');
    expect(missingImage('base name (${E}) should not be blank')).toBeNull();
  });

  it('lists the constant platforms FROM lines ask for (variables are the build platform)', () => {
    expect(platformsIn('FROM --platform=linux/arm64 a\nFROM --platform=$BUILDPLATFORM b\nFROM --platform=linux/arm64 c\nFROM d\n')).toEqual(['linux/arm64']);
  });
});
