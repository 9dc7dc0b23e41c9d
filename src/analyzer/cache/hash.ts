// Short stand-ins for the builders' cache keys: a step's key is a hash of its parts (the parent
// step's key, its definition, its files…), so equal parts give equal keys and a change anywhere
// up the chain gives a new one, without strings that grow with every step.
// cyrb53 (public domain): two 32-bit lanes, fast and well mixed; not cryptographic, which a
// model of cache hits does not need.

export function hashParts(...parts: ReadonlyArray<string | number | null | undefined>): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const mix = (code: number) => {
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  };
  for (const part of parts) {
    const text = part === null || part === undefined ? '\u0001' : String(part);
    for (let i = 0; i < text.length; i++) mix(text.charCodeAt(i));
    // A separator no part contains, so ('ab', 'c') and ('a', 'bc') differ.
    mix(0xffff);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}
