// Share links (src/lib/playground/share-link.ts): what goes in comes out, byte for byte,
// whatever the text; and whatever a link holds that the playground did not write — garbage,
// markup, a cut-off or bogus stream, a zip bomb, a binary file, a format from the future —
// gives a reason and no text. Node has the same Compression Streams as the browser.
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { toBase64url } from '../../src/lib/playground/base64url.ts';
import {
  DOCKERFILE_PARAM,
  fragmentParams,
  MAX_LINK_DATA,
  readSharedDockerfile,
  shareFragment,
  streamCodec,
  type Codec,
} from '../../src/lib/playground/share-link.ts';
import { MAX_DOCKERFILE_BYTES } from '../../src/lib/playground/text-check.ts';
import { SAMPLE_DOCKERFILE } from '../../src/lib/playground/sample.ts';
import { mulberry32 as makeRandom } from '../../src/shared/random.ts';

const NO_COMPRESSION: Codec = { deflate: null, inflate: null };

/** The <data> of a fragment made by shareFragment. */
async function dataOf(text: string, target = '', codec?: Codec): Promise<string> {
  const link = await shareFragment(text, { target }, codec);
  if (!link.ok) throw new Error(link.reason);
  const data = fragmentParams(link.fragment).dockerfile;
  if (data === null) throw new Error(`no dockerfile= in ${link.fragment}`);
  return data;
}

async function roundTrip(text: string, codec?: Codec): Promise<string> {
  const read = await readSharedDockerfile(await dataOf(text, '', codec), codec);
  if (!read.ok) throw new Error(read.reason);
  return read.text;
}

async function reason(data: string, codec?: Codec): Promise<string> {
  const read = await readSharedDockerfile(data, codec);
  if (read.ok) throw new Error(`expected a refusal, got text: ${read.text.slice(0, 80)}`);
  return read.reason;
}

const z1 = (bytes: Uint8Array) => `z1.${toBase64url(bytes)}`;
const t1 = (text: string) => `t1.${toBase64url(new TextEncoder().encode(text))}`;

describe('share links: round trips', () => {
  const texts: Array<[string, string]> = [
    ['the sample', SAMPLE_DOCKERFILE],
    ['an empty text', ''],
    ['one character', 'F'],
    ['unicode: accents, CJK, emoji, right-to-left', 'FROM alpine\n# café 日本語 🐳👩‍💻 עברית\nLABEL note="naïve — “quoted”"\n'],
    ['CRLF line ends and tabs', 'FROM alpine\r\n\tRUN echo hi\r\n'],
    ['markup in the text', 'FROM alpine AS <script>alert(1)</script>\nLABEL x="</textarea><img src=x onerror=alert(2)>"\n'],
  ];

  it.each(texts)('%s comes back unchanged, compressed', async (_, text) => {
    expect(await roundTrip(text)).toBe(text);
  });

  it.each(texts)('%s comes back unchanged, plain (no CompressionStream)', async (_, text) => {
    expect(await roundTrip(text, NO_COMPRESSION)).toBe(text);
  });

  it('a large Dockerfile (about 60 KB of repetitive text) round-trips compressed within the link limit', async () => {
    const text = Array.from({ length: 1500 }, (_, i) => `RUN echo "step ${i}" && apk add --no-cache curl\n`).join('');
    expect(text.length).toBeGreaterThan(60_000);
    const data = await dataOf(text);
    expect(data.startsWith('z1.')).toBe(true);
    expect(data.length).toBeLessThanOrEqual(MAX_LINK_DATA);
    expect(await roundTrip(text)).toBe(text);
  });

  it('random texts of every kind of character round-trip both ways', async () => {
    const random = makeRandom(9);
    const alphabet = ['a', 'Z', ' ', '\n', '\t', '\\', '"', '<', '>', '&', '#', '=', 'é', '日', '🐳', '\u200f'];
    for (let n = 0; n < 40; n++) {
      const text = Array.from({ length: Math.floor(random() * 400) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(await roundTrip(text)).toBe(text);
      expect(await roundTrip(text, NO_COMPRESSION)).toBe(text);
    }
  });

  it('uses the shorter form: plain for tiny texts, compressed for real Dockerfiles', async () => {
    expect((await dataOf('FROM a')).startsWith('t1.')).toBe(true);
    expect((await dataOf(SAMPLE_DOCKERFILE)).startsWith('z1.')).toBe(true);
  });

  it('carries the target, escaped, and reads it back', async () => {
    const link = await shareFragment(SAMPLE_DOCKERFILE, { target: 'prod' });
    expect(link.ok && link.fragment).toMatch(/^#dockerfile=z1\.[A-Za-z0-9_-]+&target=prod$/);
    expect(fragmentParams(link.ok ? link.fragment : '').target).toBe('prod');
    const odd = await shareFragment('FROM a AS b&c', { target: 'b&c' });
    expect(fragmentParams(odd.ok ? odd.fragment : '').target).toBe('b&c');
  });

  it('carries the older Docker release when it is picked; today’s adds nothing, so old links stay valid', async () => {
    const older = await shareFragment(SAMPLE_DOCKERFILE, { target: 'prod', engine: '26.1' });
    expect(older.ok && older.fragment).toMatch(/^#dockerfile=z1\.[A-Za-z0-9_-]+&target=prod&engine=26\.1$/);
    expect(fragmentParams(older.ok ? older.fragment : '')).toMatchObject({ target: 'prod', engine: '26.1' });
    const today = await shareFragment(SAMPLE_DOCKERFILE, { engine: '28.5' });
    expect(today.ok && today.fragment).toMatch(/^#dockerfile=z1\.[A-Za-z0-9_-]+$/);
    expect(fragmentParams(today.ok ? today.fragment : '').engine).toBeNull();
  });

  it('refuses to make a link over the limit, and says so', async () => {
    // Random bytes as hex do not compress below the limit.
    const random = makeRandom(3);
    const text = `FROM alpine\nLABEL blob="${Array.from({ length: 60_000 }, () => Math.floor(random() * 16).toString(16)).join('')}"\n`;
    const link = await shareFragment(text);
    expect(link.ok).toBe(false);
    expect(!link.ok && link.reason).toMatch(/too big to share as a link.*even compressed.*16,384/);
    const huge = await shareFragment('x'.repeat(MAX_DOCKERFILE_BYTES + 1));
    expect(!huge.ok && huge.reason).toMatch(/too big to share.*256 KB/);
  });
});

describe('share links: fragments', () => {
  it('finds the playground parameters and ignores the rest', () => {
    expect(fragmentParams('')).toEqual({ dockerfile: null, target: null, engine: null });
    expect(fragmentParams('#main')).toEqual({ dockerfile: null, target: null, engine: null });
    expect(fragmentParams('#target=prod')).toEqual({ dockerfile: null, target: 'prod', engine: null });
    expect(fragmentParams('#x=1&dockerfile=t1.QQ&dockerfile=t1.Qg&target=a&target=b&engine=26.1&engine=28.5')).toEqual({
      dockerfile: 't1.QQ',
      target: 'a',
      engine: '26.1',
    });
    // A mail program that escaped the data.
    expect(fragmentParams('#dockerfile=t1%2EQQ').dockerfile).toBe('t1.QQ');
  });

  it('drops a target that cannot be a stage name', () => {
    expect(fragmentParams('#target=%E0%A4%A').target).toBeNull(); // broken escape
    expect(fragmentParams(`#target=${'a'.repeat(200)}`).target).toBeNull();
    expect(fragmentParams('#target=a%20b').target).toBeNull();
    expect(fragmentParams('#target=a%0Ab').target).toBeNull();
    // Markup is only ever text: kept as the (impossible) name it is, Docker's own error follows.
    expect(fragmentParams('#target=%3Cimg%2Fsrc%3Dx%3E').target).toBe('<img/src=x>');
  });

  it('drops an engine the analyzer does not model (the page then shows today’s)', () => {
    for (const value of ['27.0', '26.1%20', '%3Cb%3E', '', '26', 'latest']) expect(fragmentParams(`#engine=${value}`).engine, value).toBeNull();
    expect(fragmentParams('#engine=26.1').engine).toBe('26.1');
    expect(fragmentParams('#engine=28.5').engine).toBe('28.5');
  });
});

describe('share links: hostile and broken data', () => {
  it('refuses garbage and markup that is not base64url', async () => {
    expect(await reason('')).toMatch(/not a Stagecraft share link/);
    expect(await reason('hello')).toMatch(/not a Stagecraft share link/);
    expect(await reason('<script>alert(1)</script>')).toMatch(/not a Stagecraft share link/);
    expect(await reason('z1.<script>alert(1)</script>')).toMatch(/damaged/);
    expect(await reason('t1.aGVsbG8gd29ybGQ=')).toMatch(/damaged/); // padding is not base64url as written here
    expect(await reason('t1.a+b/')).toMatch(/damaged/);
    expect(await reason('t1.A')).toMatch(/damaged/); // one digit over: cut short
  });

  it('refuses a format it does not know, naming a newer playground when that is what it looks like', async () => {
    expect(await reason(`z2.${toBase64url(deflateRawSync('FROM alpine'))}`)).toMatch(/newer version of the playground \(format “z2”\)/);
    expect(await reason('t9.QQ')).toMatch(/newer version/);
    expect(await reason(`gz.${toBase64url(deflateRawSync('FROM alpine'))}`)).toMatch(/not a Stagecraft share link/);
  });

  it('refuses cut-off and bogus compressed data', async () => {
    const packed = deflateRawSync(SAMPLE_DOCKERFILE);
    expect(await reason(z1(packed.subarray(0, Math.floor(packed.length / 2))))).toMatch(/compressed data is damaged/);
    expect(await reason(z1(new TextEncoder().encode('this is not deflate at all, just text')))).toMatch(/damaged/);
    expect(await reason(z1(new Uint8Array([0xff, 0xff, 0xff, 0xff])))).toMatch(/damaged/);
    // A whole stream with bytes after its end (as Chrome, Node refuses it).
    expect(await reason(z1(new Uint8Array([...packed, 1, 2, 3, 4])))).toMatch(/damaged/);
  });

  it('refuses data longer than a link can be, without decoding it', async () => {
    let decoded = false;
    const spy: Codec = {
      deflate: null,
      inflate: async () => {
        decoded = true;
        return new Uint8Array();
      },
    };
    expect(await reason(`z1.${'A'.repeat(MAX_LINK_DATA)}`, spy)).toMatch(/longer than a share link can be/);
    expect(decoded).toBe(false);
  });

  it('stops unpacking a zip bomb at 256 KB', async () => {
    const bomb = deflateRawSync(Buffer.alloc(10 * 1024 * 1024, 'a'));
    const data = z1(bomb);
    expect(data.length).toBeLessThan(MAX_LINK_DATA);
    expect(await reason(data)).toMatch(/unpacks to more than 256 KB/);
  });

  it('refuses binary content and text in another encoding', async () => {
    expect(await reason(z1(deflateRawSync(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))))).toMatch(/not UTF-8|NUL bytes/);
    expect(await reason(t1('FROM alpine\u0000\u0000'))).toMatch(/NUL bytes/);
    expect(await reason(`t1.${toBase64url(new Uint8Array([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xe9, 0x74, 0xe9]))}`)).toMatch(/not UTF-8/); // Latin-1 "FROM été"
  });

  it('says so when the browser cannot unpack, rather than failing', async () => {
    expect(await reason(z1(deflateRawSync(SAMPLE_DOCKERFILE)), NO_COMPRESSION)).toMatch(/cannot unpack compressed share links/);
    // …and plain links still open there.
    expect((await readSharedDockerfile(t1('FROM alpine\n'), NO_COMPRESSION)).ok).toBe(true);
  });

  it('reads what Node’s own raw deflate writes (the format is plain RFC 1951)', async () => {
    const read = await readSharedDockerfile(z1(deflateRawSync(SAMPLE_DOCKERFILE)), streamCodec());
    expect(read.ok && read.text).toBe(SAMPLE_DOCKERFILE);
  });

  it('puts its parameter name in the fragment', () => {
    expect(DOCKERFILE_PARAM).toBe('dockerfile');
  });
});
