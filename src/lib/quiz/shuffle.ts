// Seeded shuffling, so an attempt's order can be reproduced from its seed (tests pass one;
// the <quiz-form> island draws a fresh one per attempt). Pure, dependency-free.

/** A 32-bit seed. */
export type Seed = number;

/** mulberry32: a small, fast PRNG with a 32-bit state; returns numbers in [0, 1). */
export function seededRandom(seed: Seed): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A copy of `items` in a Fisher–Yates order drawn from `seed`. The same seed gives the same order. */
export function shuffle<T>(items: readonly T[], seed: Seed): T[] {
  const out = [...items];
  const random = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A fresh seed (crypto when available). */
export function randomSeed(): Seed {
  const crypto = globalThis.crypto;
  if (crypto?.getRandomValues) return crypto.getRandomValues(new Uint32Array(1))[0]!;
  return Math.floor(Math.random() * 4294967296);
}

/** Reads a seed from text such as a URL parameter; null when it is not a whole number 0…2³²−1. */
export function parseSeed(text: string | null | undefined): Seed | null {
  if (!text || !/^\d{1,10}$/.test(text)) return null;
  const n = Number(text);
  return n <= 4294967295 ? n : null;
}
