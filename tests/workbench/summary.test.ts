// The final-image summary (src/lib/workbench/summary.ts): base image, user, ENTRYPOINT/CMD
// and COPY --from, following FROM <stage> chains; never a size figure.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { describeCopy, describeSetting, finalImage, SIZE_NOTE, summaryRows, type FinalImage } from '../../src/lib/workbench/summary.ts';

type Ok = Extract<FinalImage, { status: 'ok' }>;
const ok = (text: string, target?: string): Ok => {
  const image = finalImage(analyze(text, { target: target ?? null }));
  if (image.status !== 'ok') throw new Error(`expected an image, got: ${image.reason}`);
  return image;
};

const CHAIN = `FROM golang:1.23 AS build
RUN go build -o /out/app .

FROM alpine:3.20 AS base
USER app
CMD ["sh"]

FROM base AS prod
COPY --from=build /out/app /usr/local/bin/app
COPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/
COPY --from=0 ["/out/a", "/out/b", "/opt/"]
ENTRYPOINT ["/usr/local/bin/app"]
`;

describe('finalImage', () => {
  it('follows the FROM <stage> chain to the base image', () => {
    const image = ok(CHAIN);
    expect(image.stage).toBe('prod');
    expect(image.chain).toEqual(['base', 'prod']);
    expect(image.base).toEqual({ kind: 'image', ref: 'alpine:3.20' });
  });

  it('takes USER from the stage the target is built on', () => {
    expect(ok(CHAIN).user).toMatchObject({ kind: 'set', value: 'app', line: 5, stage: 'base' });
  });

  it('clears an inherited CMD when a later stage sets ENTRYPOINT (as BuildKit does)', () => {
    const image = ok(CHAIN);
    expect(image.entrypoint).toMatchObject({ kind: 'set', value: '["/usr/local/bin/app"]', form: 'exec', line: 12 });
    expect(image.cmd).toEqual({ kind: 'cleared', line: 12, stage: 'prod' });
  });

  it('keeps a CMD set earlier in the same stage as the ENTRYPOINT', () => {
    const image = ok('FROM alpine\nCMD echo hi\nENTRYPOINT ["tool"]\n');
    expect(image.cmd).toMatchObject({ kind: 'set', value: 'echo hi', form: 'shell', line: 2 });
  });

  it('says what is inherited from an image and what a scratch base leaves unset', () => {
    const fromImage = ok('FROM node:22\nRUN true\n');
    expect(fromImage.user).toEqual({ kind: 'inherited', image: 'node:22' });
    expect(describeSetting(fromImage.user, 'user')).toContain('root unless that image sets a user');
    const scratch = ok('FROM scratch\nCOPY app /app\n');
    expect(scratch.base).toEqual({ kind: 'scratch' });
    expect(scratch.cmd).toEqual({ kind: 'unset' });
  });

  it('lists COPY --from from stages (by name or index) and images, with sources and destination', () => {
    const copies = ok(CHAIN).copies;
    expect(copies.map((c) => [c.from, c.fromKind, c.sources, c.destination, c.line])).toEqual([
      ['build', 'stage', ['/out/app'], '/usr/local/bin/app', 9],
      ['nginx:1.27', 'image', ['/etc/nginx/nginx.conf'], '/etc/nginx/', 10],
      ['build', 'stage', ['/out/a', '/out/b'], '/opt/', 11],
    ]);
    expect(describeCopy(copies[0]!)).toBe('/out/app → /usr/local/bin/app, from stage build (line 9)');
    expect(describeCopy(copies[1]!)).toBe('/etc/nginx/nginx.conf → /etc/nginx/, from image nginx:1.27 (line 10)');
  });

  it('names an unnamed stage once: "from stage 0", never "from stage stage 0"', () => {
    const image = finalImage(analyze('FROM golang:1.23\nRUN go build -o /out/app .\n\nFROM alpine:3.20\nCOPY --from=0 /out/app /app\nENTRYPOINT ["/app"]\n'));
    if (image.status !== 'ok') throw new Error(image.reason);
    expect(describeCopy(image.copies[0]!)).toBe('/out/app → /app, from stage 0 (line 5)');
    expect(summaryRows(image).find((row) => row.term === 'ENTRYPOINT')!.detail).toBe('["/app"] (exec form, line 6, stage 1)');
  });

  it('only counts the chain of the built target', () => {
    const image = ok(CHAIN, 'base');
    expect(image.copies).toEqual([]);
    expect(image.cmd).toMatchObject({ kind: 'set', value: '["sh"]' });
  });

  it('reports no image when Docker refuses the build', () => {
    const image = finalImage(analyze(CHAIN, { target: 'nope' }));
    expect(image.status).toBe('fails');
    expect(summaryRows(image)[0]!.detail).toContain('target stage "nope" could not be found');
  });
});

describe('summaryRows', () => {
  it('names every part and never estimates a size', () => {
    const rows = summaryRows(ok(CHAIN));
    expect(rows.map((r) => r.term)).toEqual(['Built stage', 'Base image', 'User', 'ENTRYPOINT', 'CMD', 'Size']);
    expect(rows.find((r) => r.term === 'Size')!.detail).toBe(SIZE_NOTE);
    expect(SIZE_NOTE).toMatch(/not estimated/i);
    for (const row of rows) expect(row.detail).not.toMatch(/\d\s*(?:[kmg]i?b|bytes)\b/i);
    expect(rows[1]!.detail).toBe('alpine:3.20 (through base → prod)');
  });
});
