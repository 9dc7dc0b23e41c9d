// What a participant's browser keeps of a room (src/components/rooms/room-api.ts): which revealed
// answers it has recorded for review, so a reload that shows the same reveal again does not count
// a second miss.
import { describe, expect, it } from 'vitest';
import { keptRooms, noteOnce } from '../../src/components/rooms/room-api.ts';
import type { StorageLike } from '../../src/lib/progress/storage.ts';

function memoryStorage(): StorageLike & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
    get length() {
      return map.size;
    },
    key: (index) => [...map.keys()][index] ?? null,
  } as StorageLike & { map: Map<string, string> };
}

describe('noteOnce', () => {
  const room = { code: 'ABCD', secret: 's', title: 'Onboarding', expiresAt: Date.now() + 3_600_000 };

  it('says a question is to be recorded once per joined room, and remembers it across reloads', () => {
    const storage = memoryStorage();
    storage.setItem('stagecraft:rooms:joined', JSON.stringify([room]));
    expect(noteOnce('ABCD', 'myth-buster/q1', storage)).toBe(true);
    // A reload: a new page reads the same storage.
    expect(noteOnce('ABCD', 'myth-buster/q1', storage)).toBe(false);
    expect(noteOnce('ABCD', 'myth-buster/q2', storage)).toBe(true);
    expect(keptRooms('player', storage)[0]!.noted).toEqual(['myth-buster/q1', 'myth-buster/q2']);
  });

  it('records as before for a room this browser does not keep, or when storage is blocked', () => {
    const storage = memoryStorage();
    expect(noteOnce('WXYZ', 'myth-buster/q1', storage)).toBe(true);
    expect(noteOnce('WXYZ', 'myth-buster/q1', storage)).toBe(true);
    expect(noteOnce('ABCD', 'myth-buster/q1', null)).toBe(true);
  });
});
