// The environment a command of a RUN sees, in layers: the stage's ARG values, the ENV
// values (inherited through FROM <stage>), the RUN's `export`s so far, the command's own
// `NAME=value` prefixes. A later layer wins, as `new Map([...args, ...envs, ...exported,
// ...prefixes])` would have it: same values, same iteration order.
//
// Copying that Map for every instruction and every command cost O(variables) each, so a
// file with n ENV lines and n RUN lines took n² (final-image.ts makes one for every
// command). Each layer is a persistent map (../../persistent-map.ts), shared from one
// instruction to the next until an ENV or ARG changes it, and it keeps the first key of
// every lower-cased name, so the case-insensitive lookups package managers make
// (npm reads `npm_config_*` in any case) cost O(log n) instead of a walk over every name.

import { PersistentMap } from '../../../persistent-map.ts';

/** One layer: its values, and for each lower-cased name the first key that has it. */
export class EnvLayer {
  static readonly EMPTY = new EnvLayer(PersistentMap.EMPTY, PersistentMap.EMPTY);

  readonly values: PersistentMap<string>;
  private readonly lower: PersistentMap<string>;

  private constructor(values: PersistentMap<string>, lower: PersistentMap<string>) {
    this.values = values;
    this.lower = lower;
  }

  static of(entries: Iterable<readonly [string, string]>): EnvLayer {
    let layer = EnvLayer.EMPTY;
    for (const [key, value] of entries) layer = layer.set(key, value);
    return layer;
  }

  set(key: string, value: string): EnvLayer {
    const folded = key.toLowerCase();
    const lower = this.values.has(key) || this.lower.has(folded) ? this.lower : this.lower.set(folded, key);
    return new EnvLayer(this.values.set(key, value), lower);
  }

  /** The first key (in insertion order) whose lower case is `folded`. */
  firstKeyFolded(folded: string): string | undefined {
    return this.lower.get(folded);
  }
}

export class CommandEnv implements ReadonlyMap<string, string> {
  private readonly layers: readonly EnvLayer[];

  constructor(layers: readonly EnvLayer[]) {
    this.layers = layers;
  }

  /** This environment with one more layer on top. */
  with(layer: EnvLayer): CommandEnv {
    return layer.values.size === 0 ? this : new CommandEnv([...this.layers, layer]);
  }

  get(key: string): string | undefined {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const value = this.layers[i]!.values.get(key);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** The value of the first variable, in iteration order, whose name is `name` in any case. */
  getIgnoringCase(name: string): string | undefined {
    const folded = name.toLowerCase();
    // The first layer that has such a name holds the first one in iteration order (the
    // keys of a layer come before those that first appear in later layers).
    for (const layer of this.layers) {
      const key = layer.firstKeyFolded(folded);
      if (key !== undefined) return this.get(key);
    }
    return undefined;
  }

  get size(): number {
    let size = 0;
    for (const _ of this.keys()) size++;
    return size;
  }

  *keys(): MapIterator<string> {
    const seen = new Set<string>();
    for (const layer of this.layers) {
      for (const key of layer.values.keys()) {
        if (seen.has(key)) continue;
        seen.add(key);
        yield key;
      }
    }
  }

  *entries(): MapIterator<[string, string]> {
    for (const key of this.keys()) yield [key, this.get(key)!];
  }

  *values(): MapIterator<string> {
    for (const key of this.keys()) yield this.get(key)!;
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  forEach(callback: (value: string, key: string, map: ReadonlyMap<string, string>) => void, thisArg?: unknown): void {
    for (const key of this.keys()) callback.call(thisArg, this.get(key)!, key, this);
  }
}
