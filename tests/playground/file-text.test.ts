// Opening or dropping a file (src/lib/playground/file-text.ts, text-check.ts): text files of
// up to 256 KB open; anything else is refused with a reason, and an oversized file is
// refused before a byte of it is read.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readDockerfileFile, refusal, type FileLike } from '../../src/lib/playground/file-text.ts';
import { binaryReason, MAX_DOCKERFILE_BYTES, textFromBytes } from '../../src/lib/playground/text-check.ts';
import { formatBytes } from '../../src/shared/format-bytes.ts';

function file(name: string, content: Uint8Array | string): FileLike & { reads: number } {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const fake = {
    name,
    size: bytes.length,
    reads: 0,
    async arrayBuffer() {
      fake.reads++;
      return bytes.slice().buffer;
    },
  };
  return fake;
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x01, 0x00]);

describe('opening a file', () => {
  it('opens a Dockerfile as text, whatever its name', async () => {
    const result = await readDockerfileFile(file('Dockerfile', 'FROM alpine:3.20\nRUN echo hi\n'));
    expect(result).toEqual({ ok: true, name: 'Dockerfile', text: 'FROM alpine:3.20\nRUN echo hi\n' });
  });

  it('drops a UTF-8 byte-order mark and keeps unicode', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('FROM alpine\n# café 🐳\n')]);
    expect(await readDockerfileFile(file('Dockerfile', bytes))).toMatchObject({ ok: true, text: 'FROM alpine\n# café 🐳\n' });
  });

  it('opens an empty file (the analysis then says it is empty)', async () => {
    expect(await readDockerfileFile(file('empty', ''))).toMatchObject({ ok: true, text: '' });
  });

  it('refuses a file over 256 KB without reading it', async () => {
    const big = file('huge.log', new Uint8Array(MAX_DOCKERFILE_BYTES + 1).fill(0x61));
    const result = await readDockerfileFile(big);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toBe('it is 257 KB, and the playground opens Dockerfiles of up to 256 KB');
    expect(big.reads).toBe(0);
    // Exactly 256 KB is fine.
    expect((await readDockerfileFile(file('edge', new Uint8Array(MAX_DOCKERFILE_BYTES).fill(0x61)))).ok).toBe(true);
  });

  it('refuses binary files: an image, a gzip archive, an executable-like blob', async () => {
    for (const [name, bytes] of [
      ['logo.png', PNG],
      ['context.tar.gz', new Uint8Array(gzipSync('FROM alpine\n'))],
      ['app', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0])],
    ] as const) {
      const result = await readDockerfileFile(file(name, bytes));
      expect(result.ok, name).toBe(false);
      expect(!result.ok && result.reason, name).toMatch(/binary file|not UTF-8/);
    }
  });

  it('refuses text in another encoding (Latin-1, UTF-16)', async () => {
    const latin1 = new Uint8Array([0x46, 0x52, 0x4f, 0x4d, 0x20, 0x61, 0x0a, 0x23, 0x20, 0xe9, 0x74, 0xe9, 0x0a]);
    expect(await readDockerfileFile(file('latin1', latin1))).toMatchObject({ ok: false, reason: expect.stringMatching(/not UTF-8/) });
    const utf16 = new Uint8Array([0xff, 0xfe, 0x46, 0x00, 0x52, 0x00, 0x4f, 0x00, 0x4d, 0x00]);
    expect((await readDockerfileFile(file('utf16', utf16))).ok).toBe(false);
  });

  it('says which file and that the editor is unchanged, with the name as plain text', async () => {
    const result = await readDockerfileFile(file('<img src=x onerror=alert(1)>.png', PNG));
    if (result.ok) throw new Error('expected a refusal');
    expect(refusal(result)).toBe(
      'Could not open “<img src=x onerror=alert(1)>.png”: it holds NUL bytes, so it is a binary file, not a Dockerfile. Your Dockerfile in the editor is unchanged.',
    );
    const long = await readDockerfileFile(file(`${'x'.repeat(200)}.bin`, PNG));
    if (long.ok) throw new Error('expected a refusal');
    expect(refusal(long).length).toBeLessThan(200);
  });

  it('reports a file the browser cannot read', async () => {
    const broken: FileLike = { name: 'gone', size: 10, arrayBuffer: () => Promise.reject(new Error('NotReadableError')) };
    expect(await readDockerfileFile(broken)).toEqual({ ok: false, name: 'gone', reason: 'the browser could not read it' });
  });
});

describe('what counts as text', () => {
  it('allows tabs, form feeds, CRLF and a stray escape character; refuses runs of control characters', () => {
    expect(binaryReason('FROM a\r\n\tRUN x\f\n# \u001b[31mred\u001b[0m\n')).toBeNull();
    expect(binaryReason('FROM a\n' + '\u0001\u0002\u0003'.repeat(10))).toMatch(/control characters/);
    expect(binaryReason('a\u0000b')).toMatch(/NUL/);
  });

  it('checks the size of bytes from anywhere (a share link too)', () => {
    expect(textFromBytes(new Uint8Array(MAX_DOCKERFILE_BYTES + 10))).toMatchObject({ ok: false, reason: expect.stringMatching(/256 KB/) });
  });

  it('formats sizes for messages', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(900)).toBe('900 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(300 * 1024)).toBe('300 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(formatBytes(256 * 1024)).toBe('256 KB');
    expect(formatBytes(256 * 1024 + 1)).toBe('257 KB');
  });
});
