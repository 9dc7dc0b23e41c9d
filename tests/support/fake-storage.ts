// localStorage / sessionStorage in memory for the progress tests: the whole Storage shape
// (listing and removing keys too), a quota counted in characters as browsers count it
// (keys and values), and switches that make reads or writes throw.
import type { StorageLike } from '../../src/lib/progress/storage.ts';

export class FakeStorage implements StorageLike {
  readonly items = new Map<string, string>();
  failReads = false;
  failWrites = false;
  /** Refuse writes to keys that start with this. */
  refuse: string | null = null;
  quota: number;

  constructor(quota = Infinity) {
    this.quota = quota;
  }

  get length(): number {
    if (this.failReads) throw new DOMException('The operation is insecure.', 'SecurityError');
    return this.items.size;
  }

  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }

  getItem(key: string): string | null {
    if (this.failReads) throw new DOMException('The operation is insecure.', 'SecurityError');
    return this.items.get(key) ?? null;
  }

  /** Characters in use, as a browser counts them against its quota. */
  used(except?: string): number {
    let sum = 0;
    for (const [key, value] of this.items) if (key !== except) sum += key.length + value.length;
    return sum;
  }

  setItem(key: string, value: string): void {
    if (this.failWrites || (this.refuse !== null && key.startsWith(this.refuse))) throw new DOMException('blocked', 'QuotaExceededError');
    if (this.used(key) + key.length + String(value).length > this.quota) throw new DOMException('quota', 'QuotaExceededError');
    this.items.set(key, String(value));
  }

  removeItem(key: string): void {
    if (this.failWrites) throw new DOMException('blocked', 'SecurityError');
    this.items.delete(key);
  }
}
