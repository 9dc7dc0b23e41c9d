// The shared target chooser (src/lib/target-chooser.ts) rebuilds its options only when the
// choices differ from what the <select> shows; this is the comparison that decides it.
import { describe, expect, it } from 'vitest';
import { sameOptions } from '../../src/lib/target-chooser.ts';

const choices = [
  { value: '', label: 'Default: the last stage (prod)' },
  { value: 'build', label: 'build' },
];

describe('sameOptions', () => {
  it('is true for the same values and labels in the same order', () => {
    expect(
      sameOptions(
        [
          ['', 'Default: the last stage (prod)'],
          ['build', 'build'],
        ],
        choices,
      ),
    ).toBe(true);
  });

  it('is false when a label changed (a stage renamed with the same value is shown anew)', () => {
    expect(
      sameOptions(
        [
          ['', 'Default: the last stage (app)'],
          ['build', 'build'],
        ],
        choices,
      ),
    ).toBe(false);
  });

  it('is false when a value changed, the order changed, or the counts differ', () => {
    expect(
      sameOptions(
        [
          ['', 'Default: the last stage (prod)'],
          ['Build', 'build'],
        ],
        choices,
      ),
    ).toBe(false);
    expect(
      sameOptions(
        [
          ['build', 'build'],
          ['', 'Default: the last stage (prod)'],
        ],
        choices,
      ),
    ).toBe(false);
    expect(sameOptions([['', 'Default: the last stage (prod)']], choices)).toBe(false);
    expect(sameOptions([], [])).toBe(true);
  });
});
