// Token buckets per key (a client address, a participant): `burst` requests at once, then
// `perSecond` on average. In memory and per process: with several processes behind a load
// balancer each applies its own limits, which still bounds what one client can do.

export interface Bucket {
  burst: number;
  perSecond: number;
}

export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  readonly bucket: Bucket;
  readonly now: () => number;

  constructor(bucket: Bucket, now: () => number = () => performance.now()) {
    this.bucket = bucket;
    this.now = now;
  }

  /** Takes one token for `key`; false when none is left (the caller answers 429). */
  take(key: string): boolean {
    const now = this.now();
    const entry = this.#buckets.get(key) ?? { tokens: this.bucket.burst, at: now };
    entry.tokens = Math.min(this.bucket.burst, entry.tokens + ((now - entry.at) / 1000) * this.bucket.perSecond);
    entry.at = now;
    const allowed = entry.tokens >= 1;
    if (allowed) entry.tokens -= 1;
    this.#buckets.set(key, entry);
    return allowed;
  }

  /** Seconds until `key` has a token again. */
  retryAfter(key: string): number {
    const entry = this.#buckets.get(key);
    if (!entry || entry.tokens >= 1) return 0;
    return Math.ceil((1 - entry.tokens) / this.bucket.perSecond);
  }

  /** Forgets keys whose bucket is full again (keeps the map small). */
  sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.#buckets) {
      if (entry.tokens + ((now - entry.at) / 1000) * this.bucket.perSecond >= this.bucket.burst) this.#buckets.delete(key);
    }
  }

  get size(): number {
    return this.#buckets.size;
  }
}
