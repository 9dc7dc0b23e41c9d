// The playground's spare texts (src/lib/playground/text-slots.ts): whatever replaces the
// editor's text sets the old one aside, a share link never costs the learner their kept text,
// and "Back to previous" swaps.
import { describe, expect, it } from 'vitest';
import { backOffer, settled, setAside, swapBack } from '../../src/lib/playground/text-slots.ts';

const empty = { displaced: null, previous: null };

describe('text slots', () => {
  it('makes a share link visitor’s own kept text `previous` at their first write', () => {
    expect(settled({ displaced: 'mine', previous: 'older' })).toEqual({ displaced: null, previous: 'mine' });
    const plain = { displaced: null, previous: 'older' };
    expect(settled(plain)).toBe(plain);
  });

  it('sets the editor’s text aside when the whole text is replaced, unless it was blank', () => {
    expect(setAside(empty, 'FROM alpine')).toEqual({ displaced: null, previous: 'FROM alpine' });
    expect(setAside({ displaced: null, previous: 'older' }, '  \n')).toEqual({ displaced: null, previous: 'older' });
  });

  it('gives the displaced kept text the first claim on the previous slot', () => {
    expect(setAside({ displaced: 'mine', previous: 'older' }, 'from the link')).toEqual({ displaced: null, previous: 'mine' });
  });

  it('swaps the editor’s text with the one to go back to, the displaced one first', () => {
    expect(swapBack({ displaced: null, previous: 'older' }, 'now')).toEqual({ back: 'older', slots: { displaced: null, previous: 'now' } });
    expect(swapBack({ displaced: 'mine', previous: 'older' }, 'link')).toEqual({ back: 'mine', slots: { displaced: null, previous: 'link' } });
    expect(swapBack(empty, 'now')).toBeNull();
  });

  it('offers the way back only when there is a different text, naming the learner’s own', () => {
    expect(backOffer(empty, 'now').shown).toBe(false);
    expect(backOffer({ displaced: null, previous: 'now' }, 'now').shown).toBe(false);
    expect(backOffer({ displaced: null, previous: 'older' }, 'now')).toEqual({
      shown: true,
      label: 'Back to previous Dockerfile',
      offerShown: false,
      offer: '',
    });
    const fromLink = backOffer({ displaced: 'mine', previous: null }, 'link');
    expect(fromLink.shown).toBe(true);
    expect(fromLink.label).toBe('Back to your Dockerfile');
    expect(fromLink.offerShown).toBe(true);
    expect(fromLink.offer).toContain('“Back to your Dockerfile” brings it back');
  });
});
