// A drill's link (src/lib/drills/link.ts): ?level=&seed= reproduce a drill; anything else is
// ignored with a message that quotes at most a short piece of it.
import { describe, expect, it } from 'vitest';
import { drillSearch, parseDrillLink } from '../../src/lib/drills/link.ts';

describe('parseDrillLink', () => {
  it('reads a level and a seed, and round-trips drillSearch', () => {
    expect(parseDrillLink('?level=2&seed=12345')).toEqual({ level: 2, seed: 12345, problem: null });
    expect(parseDrillLink(drillSearch(4, 4294967295))).toEqual({ level: 4, seed: 4294967295, problem: null });
    expect(parseDrillLink('?seed=0')).toEqual({ level: null, seed: 0, problem: null });
    expect(parseDrillLink('')).toEqual({ level: null, seed: null, problem: null });
  });

  it.each([
    ['?level=5&seed=1', 'level "5" is not one of 1 to 4'],
    ['?level=1.0&seed=1', 'level "1.0"'],
    ['?level=2&seed=-1', 'seed "-1" is not a whole number'],
    ['?level=2&seed=4294967296', 'seed "4294967296"'],
    ['?level=2&seed=1e3', 'seed "1e3"'],
    ['?level=2&seed=0x10', 'seed "0x10"'],
    ['?level=%3Cscript%3Ealert(1)%3C/script%3E&seed=1', 'level "<script>alert(1)</script…"'],
  ])('ignores %s with a message', (search, message) => {
    const link = parseDrillLink(search);
    expect(link.problem).toContain(message);
    expect(link.problem).toContain('so it was ignored');
  });

  it('quotes at most 24 characters of a huge value', () => {
    const link = parseDrillLink(`?seed=${'9'.repeat(100_000)}`);
    expect(link.seed).toBeNull();
    expect(link.problem!.length).toBeLessThan(200);
  });
});
