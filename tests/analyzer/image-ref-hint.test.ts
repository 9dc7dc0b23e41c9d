// The hint for a FROM that Docker cannot parse says why it cannot: an empty tag from an
// undeclared ARG is not a stage name in the wrong case.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { fromReferenceHint } from '../../src/analyzer/image-ref-hint.ts';

const hintOf = (text: string, builder: 'buildkit' | 'classic') =>
  analyze(text, { builder }).diagnostics.find((d) => d.id === 'invalid-image-reference')?.hint ?? '';

describe('fromReferenceHint', () => {
  it('FROM alpine:${ALPINE_VERSION} with no ARG: names the variable and where to declare it, on both builders', () => {
    for (const builder of ['buildkit', 'classic'] as const) {
      const hint = hintOf('FROM alpine:${ALPINE_VERSION}\nRUN echo hi\n', builder);
      expect(hint, builder).toContain('${ALPINE_VERSION} has no value here');
      expect(hint, builder).toContain('`ARG ALPINE_VERSION=<value>`');
      expect(hint, builder).not.toMatch(/lower.?case/i);
    }
  });

  it('a stage name in capitals: the lower-case advice', () => {
    expect(hintOf('FROM alpine:3.20 AS Base\nFROM Base\n', 'buildkit')).toContain('write the stage name in lower case');
  });

  it('other shapes', () => {
    expect(fromReferenceHint('node@', 'node@')).toContain('Part of the reference is empty');
    expect(fromReferenceHint('my image', '${IMAGE}')).toContain('reads "my image"');
    expect(fromReferenceHint('a..b', 'a..b')).toContain('name:tag');
  });
});
