// Persistent (immutable) maps and sets of strings: `set` and `add` return a new map that
// shares all but one path with the old one, so keeping every version costs O(log n) per
// change instead of a copy of the whole map.
//
// The scope walk (rules/buildkit/support/scope-walk.ts) keeps the ENV/ARG scope of every
// instruction; copying a Map at each ENV or ARG made a file of n variables cost n² (4,000
// ENV lines took seconds). A hash array mapped trie (HAMT) is the usual answer; libraries
// that have one (Immutable.js and the like) would add tens of KB to every page with an
// editor for the few operations needed here, so it is written out below.
//
// They behave as ReadonlyMap / ReadonlySet, iteration included: in insertion order, and a
// key that is set again keeps its place (as with Map), so anything that walks the names
// (the did-you-mean of undefined variables) sees them in the same order as before.

interface Leaf<V> {
  readonly kind: 0;
  readonly hash: number;
  readonly key: string;
  readonly value: V;
  /** When the key was first added along this map's history (for insertion order). */
  readonly order: number;
}

interface Branch<V> {
  readonly kind: 1;
  /** Bit i set: a child for the 5-bit hash chunk i, at popcount(bitmap & (bit - 1)). */
  readonly bitmap: number;
  readonly children: readonly Node<V>[];
}

/** Keys whose 32-bit hashes are equal. */
interface Collision<V> {
  readonly kind: 2;
  readonly hash: number;
  readonly leaves: readonly Leaf<V>[];
}

type Node<V> = Leaf<V> | Branch<V> | Collision<V>;

const BITS = 5;
const MASK = 31;

/** Increases forever: the order of first insertion, comparable across every map. */
let insertions = 0;

/** FNV-1a over the UTF-16 code units. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 63;
}

function find<V>(node: Node<V> | null, hash: number, key: string): Leaf<V> | undefined {
  let shift = 0;
  while (node !== null) {
    if (node.kind === 0) return node.hash === hash && node.key === key ? node : undefined;
    if (node.kind === 2) return node.hash === hash ? node.leaves.find((leaf) => leaf.key === key) : undefined;
    const bit = 1 << ((hash >>> shift) & MASK);
    if ((node.bitmap & bit) === 0) return undefined;
    node = node.children[popcount(node.bitmap & (bit - 1))]!;
    shift += BITS;
  }
  return undefined;
}

/** A branch holding two nodes with different hashes (`a` stays where it is, `b` is new). */
function merge<V>(a: Leaf<V> | Collision<V>, b: Leaf<V>, shift: number): Branch<V> {
  const ia = (a.hash >>> shift) & MASK;
  const ib = (b.hash >>> shift) & MASK;
  if (ia === ib) return { kind: 1, bitmap: 1 << ia, children: [merge(a, b, shift + BITS)] };
  return { kind: 1, bitmap: (1 << ia) | (1 << ib), children: ia < ib ? [a, b] : [b, a] };
}

/** `node` with `leaf.key` set to `leaf` (keeping the order of a key already there). Returns
 *  the same node when nothing changes. */
function insert<V>(node: Node<V> | null, leaf: Leaf<V>, shift: number): Node<V> {
  if (node === null) return leaf;
  if (node.kind === 0) {
    if (node.hash !== leaf.hash) return merge(node, leaf, shift);
    if (node.key === leaf.key) return Object.is(node.value, leaf.value) ? node : { ...leaf, order: node.order };
    return { kind: 2, hash: node.hash, leaves: [node, leaf] };
  }
  if (node.kind === 2) {
    if (node.hash !== leaf.hash) return merge(node, leaf, shift);
    const at = node.leaves.findIndex((l) => l.key === leaf.key);
    if (at === -1) return { kind: 2, hash: node.hash, leaves: [...node.leaves, leaf] };
    const old = node.leaves[at]!;
    if (Object.is(old.value, leaf.value)) return node;
    const leaves = node.leaves.slice();
    leaves[at] = { ...leaf, order: old.order };
    return { kind: 2, hash: node.hash, leaves };
  }
  const bit = 1 << ((leaf.hash >>> shift) & MASK);
  const index = popcount(node.bitmap & (bit - 1));
  const children = node.children.slice();
  if ((node.bitmap & bit) === 0) {
    children.splice(index, 0, leaf);
    return { kind: 1, bitmap: node.bitmap | bit, children };
  }
  const child = insert(node.children[index]!, leaf, shift + BITS);
  if (child === node.children[index]) return node;
  children[index] = child;
  return { kind: 1, bitmap: node.bitmap, children };
}

function collect<V>(node: Node<V> | null, into: Leaf<V>[]): Leaf<V>[] {
  if (node === null) return into;
  if (node.kind === 0) into.push(node);
  else if (node.kind === 2) into.push(...node.leaves);
  else for (const child of node.children) collect(child, into);
  return into;
}

/**
 * How many of the first keys a map keeps in order, in a list of their own: reading the
 * first names (the did-you-mean compares at most 256, src/analyzer/suggest.ts) then costs
 * nothing, where the trie has to gather and sort every entry to know their order.
 */
const FIRST_KEYS = 256;

/** An immutable map of strings; `set` gives a new one. */
export class PersistentMap<V> implements ReadonlyMap<string, V> {
  static readonly EMPTY = new PersistentMap<never>(null, 0, []);

  private readonly root: Node<V> | null;
  readonly size: number;
  /** The first FIRST_KEYS keys, in insertion order. */
  private readonly firstKeys: readonly string[];

  private constructor(root: Node<V> | null, size: number, firstKeys: readonly string[]) {
    this.root = root;
    this.size = size;
    this.firstKeys = firstKeys;
  }

  static of<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
    let map: PersistentMap<V> = PersistentMap.EMPTY;
    for (const [key, value] of entries) map = map.set(key, value);
    return map;
  }

  get(key: string): V | undefined {
    return find(this.root, hashOf(key), key)?.value;
  }

  has(key: string): boolean {
    return find(this.root, hashOf(key), key) !== undefined;
  }

  set(key: string, value: V): PersistentMap<V> {
    const hash = hashOf(key);
    const had = find(this.root, hash, key) !== undefined;
    const root = insert(this.root, { kind: 0, hash, key, value, order: insertions++ }, 0);
    if (root === this.root) return this;
    if (had) return new PersistentMap(root, this.size, this.firstKeys);
    const firstKeys = this.firstKeys.length < FIRST_KEYS ? [...this.firstKeys, key] : this.firstKeys;
    return new PersistentMap(root, this.size + 1, firstKeys);
  }

  /** The keys in insertion order: the first ones from their list, the rest (if any) sorted
   *  only when the iteration gets that far. */
  *keys(): MapIterator<string> {
    yield* this.firstKeys;
    if (this.size === this.firstKeys.length) return;
    const rest = collect(this.root, []).sort((a, b) => a.order - b.order);
    for (let i = this.firstKeys.length; i < rest.length; i++) yield rest[i]!.key;
  }

  *entries(): MapIterator<[string, V]> {
    for (const key of this.keys()) yield [key, this.get(key)!];
  }

  *values(): MapIterator<V> {
    for (const key of this.keys()) yield this.get(key)!;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const key of this.keys()) callback.call(thisArg, this.get(key)!, key, this);
  }
}

/** An immutable set of strings; `add` gives a new one. */
export class PersistentSet implements ReadonlySet<string> {
  static readonly EMPTY = new PersistentSet(PersistentMap.EMPTY);

  private readonly map: PersistentMap<true>;

  private constructor(map: PersistentMap<true>) {
    this.map = map;
  }

  get size(): number {
    return this.map.size;
  }

  has(value: string): boolean {
    return this.map.has(value);
  }

  add(value: string): PersistentSet {
    const map = this.map.set(value, true);
    return map === this.map ? this : new PersistentSet(map);
  }

  keys(): SetIterator<string> {
    return this.map.keys();
  }

  values(): SetIterator<string> {
    return this.map.keys();
  }

  *entries(): SetIterator<[string, string]> {
    for (const key of this.map.keys()) yield [key, key];
  }

  [Symbol.iterator](): SetIterator<string> {
    return this.map.keys();
  }

  forEach(callback: (value: string, key: string, set: ReadonlySet<string>) => void, thisArg?: unknown): void {
    for (const key of this.map.keys()) callback.call(thisArg, key, key, this);
  }

  // The ES2025 set operations, for the ReadonlySet interface (nothing here needs them).
  union<U>(other: ReadonlySetLike<U>): Set<string | U> {
    return new Set<string>(this).union(other);
  }

  intersection<U>(other: ReadonlySetLike<U>): Set<string & U> {
    return new Set<string>(this).intersection(other);
  }

  difference<U>(other: ReadonlySetLike<U>): Set<string> {
    return new Set<string>(this).difference(other);
  }

  symmetricDifference<U>(other: ReadonlySetLike<U>): Set<string | U> {
    return new Set<string>(this).symmetricDifference(other);
  }

  isSubsetOf(other: ReadonlySetLike<unknown>): boolean {
    return new Set<string>(this).isSubsetOf(other);
  }

  isSupersetOf(other: ReadonlySetLike<unknown>): boolean {
    return new Set<string>(this).isSupersetOf(other);
  }

  isDisjointFrom(other: ReadonlySetLike<unknown>): boolean {
    return new Set<string>(this).isDisjointFrom(other);
  }
}
