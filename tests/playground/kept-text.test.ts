// The Dockerfile kept in this browser (src/lib/playground/kept-text.ts): which text the
// editor opens with (a share link, the kept text, the sample), and that neither a share
// link nor a broken stored value ever costs the learner their kept text.
import { describe, expect, it } from 'vitest';
import { KEPT_KEY, keepText, readKept, startingText } from '../../src/lib/playground/kept-text.ts';
import { SAMPLE_DOCKERFILE } from '../../src/lib/playground/sample.ts';
import type { StorageLike } from '../../src/lib/progress/storage.ts';

class FakeStorage implements StorageLike {
  readonly data = new Map<string, string>();
  refuse = false;
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.refuse) throw new Error('QuotaExceededError');
    this.data.set(key, value);
  }
}

const MINE = 'FROM alpine:3.20 AS mine\nRUN echo mine\n';
const SHARED = 'FROM alpine:3.20 AS shared\n';
const NOW = new Date('2025-01-02T03:04:05.000Z');

describe('which text the playground opens with', () => {
  it('the sample on a first visit', () => {
    const start = startingText(null, readKept(new FakeStorage()), SAMPLE_DOCKERFILE);
    expect(start).toEqual({ text: SAMPLE_DOCKERFILE, from: 'sample', displaced: null, previous: null, unreadable: false });
  });

  it('the kept text on the next visit, with its previous one', () => {
    const storage = new FakeStorage();
    keepText(storage, MINE, 'FROM old\n', NOW);
    expect(startingText(null, readKept(storage), SAMPLE_DOCKERFILE)).toEqual({
      text: MINE,
      from: 'kept',
      displaced: null,
      previous: 'FROM old\n',
      unreadable: false,
    });
  });

  it('a kept empty editor stays empty (the learner cleared it)', () => {
    const storage = new FakeStorage();
    keepText(storage, '', null, NOW);
    expect(startingText(null, readKept(storage), SAMPLE_DOCKERFILE)).toMatchObject({ text: '', from: 'kept' });
  });

  it('a share link wins, and the kept text it displaces is offered back, not overwritten', () => {
    const storage = new FakeStorage();
    keepText(storage, MINE, null, NOW);
    const before = storage.getItem(KEPT_KEY);
    const start = startingText(SHARED, readKept(storage), SAMPLE_DOCKERFILE);
    expect(start).toMatchObject({ text: SHARED, from: 'shared', displaced: MINE });
    // Opening the link wrote nothing.
    expect(storage.getItem(KEPT_KEY)).toBe(before);
  });

  it('a share link of the kept text itself displaces nothing', () => {
    const storage = new FakeStorage();
    keepText(storage, MINE, null, NOW);
    expect(startingText(MINE, readKept(storage), SAMPLE_DOCKERFILE).displaced).toBeNull();
  });

  it('an unreadable stored value: the sample, flagged; the first write copies the value aside first', () => {
    for (const raw of [
      '{"version":1,"text":',
      '<img src=x onerror=alert(1)>',
      '[1,2,3]',
      'null',
      '{"version":2,"text":"x","previous":null,"updated":"x"}',
      '{"version":1,"text":"x","previous":null,"updated":"x","__proto__":{"polluted":1}}',
    ]) {
      const storage = new FakeStorage();
      storage.data.set(KEPT_KEY, raw);
      const start = startingText(null, readKept(storage), SAMPLE_DOCKERFILE);
      expect(start, raw).toMatchObject({ text: SAMPLE_DOCKERFILE, from: 'sample', unreadable: true });
      expect(keepText(storage, MINE, null, NOW).ok, raw).toBe(true);
      expect(storage.getItem(`${KEPT_KEY}:backup`), raw).toBe(raw);
      expect(readKept(storage).value.text).toBe(MINE);
    }
    expect((Object.prototype as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('keeping the text', () => {
  it('writes text and previous; without a previous, keeps the stored one', () => {
    const storage = new FakeStorage();
    keepText(storage, 'one', 'zero', NOW);
    keepText(storage, 'two', undefined, NOW);
    expect(JSON.parse(storage.getItem(KEPT_KEY)!)).toEqual({ version: 1, text: 'two', previous: 'zero', updated: NOW.toISOString() });
  });

  it('reports a refused write and changes nothing', () => {
    const storage = new FakeStorage();
    keepText(storage, MINE, null, NOW);
    storage.refuse = true;
    expect(keepText(storage, 'other', null, NOW).ok).toBe(false);
    expect(readKept(storage).value.text).toBe(MINE);
  });

  it('without storage (blocked cookies): ok false, and reading gives the sample', () => {
    expect(keepText(null, MINE).ok).toBe(false);
    expect(startingText(null, readKept(null), SAMPLE_DOCKERFILE).from).toBe('sample');
  });

  it('never writes a record it could not read back (over the storage record limit)', () => {
    const storage = new FakeStorage();
    keepText(storage, MINE, null, NOW);
    // Backslashes double when escaped as JSON: two of these are over a million characters.
    const heavy = '\\'.repeat(260_000);
    expect(keepText(storage, heavy, heavy, NOW).ok).toBe(false);
    expect(readKept(storage).value.text).toBe(MINE);
    // Over 256 KB is not kept at all.
    expect(keepText(storage, 'x'.repeat(256 * 1024 + 1), null, NOW).ok).toBe(false);
  });
});
