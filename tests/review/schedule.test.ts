// The review's schedule: whole local days, 1 → 3 → 7 → 21 days, then learned; a miss goes back to 1.
// Every clock is a fixed local date (new Date(y, m, d, h)), so the tests do not depend on today.
import { describe, expect, it } from 'vitest';
import { addDays, afterAnswer, afterMiss, afterRight, daysBetween, INTERVALS, isDue, LEARNED, localDay, type Card } from '../../src/lib/review/schedule.ts';

const at = (y: number, m: number, d: number, h = 10, min = 0) => new Date(y, m - 1, d, h, min);

describe('local days', () => {
  it('writes the local calendar day, whatever the hour', () => {
    expect(localDay(at(2026, 12, 7, 0, 5))).toBe('2026-12-07');
    expect(localDay(at(2026, 12, 7, 23, 55))).toBe('2026-12-07');
  });

  it('adds calendar days across months, years and leap days', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-28', 7)).toBe('2026-04-04');
    expect(daysBetween('2026-12-07', '2026-12-28')).toBe(21);
    expect(daysBetween('2026-12-07', '2026-12-06')).toBe(-1);
  });
});

describe('a missed question', () => {
  it('is due the next local day, even when missed just before midnight', () => {
    const card = afterMiss(undefined, 'quiz', at(2026, 12, 7, 23, 50));
    expect(card).toMatchObject({ from: 'quiz', step: 0, due: '2026-12-08', misses: 1 });
    expect(isDue(card, at(2026, 12, 7, 23, 59))).toBe(false);
    expect(isDue(card, at(2026, 12, 8, 0, 1))).toBe(true);
    // Still due when the learner comes back days later.
    expect(isDue(card, at(2026, 12, 20))).toBe(true);
  });

  it('comes back after 1, 3, 7 and 21 days while answered right, then is learned', () => {
    let now = at(2026, 12, 7);
    let card: Card = afterMiss(undefined, 'prediction', now);
    const gaps: number[] = [];
    for (let i = 0; i < INTERVALS.length; i++) {
      gaps.push(daysBetween(localDay(now), card.due!));
      now = at(...(card.due!.split('-').map(Number) as [number, number, number]));
      card = afterRight(card, now);
    }
    expect(gaps).toEqual([1, 3, 7, 21]);
    expect(card.step).toBe(LEARNED);
    expect(card.due).toBeUndefined();
    expect(isDue(card, at(2027, 6, 1))).toBe(false);
  });

  it('goes back to 1 day when missed on review, and counts the misses', () => {
    const first = afterMiss(undefined, 'room', at(2026, 12, 7));
    const second = afterRight(first, at(2026, 12, 8));
    expect(second).toMatchObject({ step: 1, due: '2026-12-11' });
    const missed = afterAnswer(second, 'quiz', false, at(2026, 12, 11));
    expect(missed).toMatchObject({ step: 0, due: '2026-12-12', misses: 2, from: 'quiz' });
  });

  it('does not move on when answered right before it is due', () => {
    const card = afterMiss(undefined, 'quiz', at(2026, 12, 7, 9));
    expect(afterRight(card, at(2026, 12, 7, 9, 5))).toBe(card);
  });

  it('a right answer to a question without a card makes none', () => {
    expect(afterAnswer(undefined, 'quiz', true, at(2026, 12, 7))).toBeNull();
  });
});
