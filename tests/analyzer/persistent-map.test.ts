// The persistent map and set behind the scope walk behave as Map and Set do (values,
// sizes, insertion order when iterating) while every earlier version stays as it was.

import { describe, expect, it } from 'vitest';
import { PersistentMap, PersistentSet } from '../../src/analyzer/persistent-map.ts';
import { Random } from '../../src/shared/random.ts';

describe('PersistentMap', () => {
  it('matches Map through random sets, and keeps every version', () => {
    const random = new Random(17);
    // Few distinct keys (so keys are set again) and many (past the first 256 kept in order).
    for (const keySpace of [5, 40, 2000]) {
      let map: PersistentMap<string> = PersistentMap.EMPTY;
      const reference = new Map<string, string>();
      const versions: Array<[PersistentMap<string>, Array<[string, string]>]> = [];
      for (let step = 0; step < 3000; step++) {
        const key = `k${random.int(keySpace)}`;
        const value = `v${random.int(3)}`;
        map = map.set(key, value);
        reference.set(key, value);
        if (step % 97 === 0) versions.push([map, [...reference]]);
        expect(map.get(key)).toBe(value);
      }
      expect(map.size).toBe(reference.size);
      expect([...map]).toEqual([...reference]);
      expect([...map.keys()]).toEqual([...reference.keys()]);
      expect([...map.values()]).toEqual([...reference.values()]);
      for (const [version, entries] of versions) {
        expect([...version.entries()]).toEqual(entries);
        expect(version.size).toBe(entries.length);
      }
      expect(map.get('absent')).toBeUndefined();
      expect(map.has('absent')).toBe(false);
    }
  });

  it('gives the same map back when a key is set to the value it has', () => {
    const map = PersistentMap.of([['A', '1']]);
    expect(map.set('A', '1')).toBe(map);
    expect(map.set('A', '2')).not.toBe(map);
  });

  it('keeps keys whose hashes collide apart', () => {
    // Two strings with the same 32-bit FNV-1a hash (found by a search over `x<base 36>`).
    const pairs = ['x3rnw', 'xkpba'] as const;
    expect(fnv(pairs[0])).toBe(fnv(pairs[1]));
    let map: PersistentMap<number> = PersistentMap.EMPTY;
    map = map.set(pairs[0], 1).set(pairs[1], 2).set(pairs[0], 3);
    expect([...map]).toEqual([
      [pairs[0], 3],
      [pairs[1], 2],
    ]);
  });
});

describe('PersistentSet', () => {
  it('matches Set and keeps every version', () => {
    const one = PersistentSet.EMPTY.add('A');
    const two = one.add('B').add('A');
    expect([...one]).toEqual(['A']);
    expect([...two]).toEqual(['A', 'B']);
    expect(two.has('B')).toBe(true);
    expect(one.has('B')).toBe(false);
    expect(two.size).toBe(2);
    expect(one.add('A')).toBe(one);
  });
});

function fnv(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
