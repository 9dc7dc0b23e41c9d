// When a missed question comes back: expanding intervals of 1, 3, 7 and 21 whole local days.
//
// A miss (in a lesson's quiz, a prediction, a live room, or on review) puts the card on the
// first interval: due tomorrow. A right answer on review, once the card is due, moves it to
// the next interval; a right answer after the 21-day one retires it as learned. A right
// answer before the card is due changes nothing: answering again minutes after reading the
// explanation says nothing about remembering it.
//
// Days are the learner's local calendar days, written YYYY-MM-DD, so "due" compares as text
// and a card missed at 23:50 is due the next morning, not 24 hours later. Every function takes
// the clock (a Date) from its caller: tests pass a fixed one, the pages `new Date()`.
// Pure: no DOM, no storage.

/** Days until a card is due again, by step: step 0 is the first interval. */
export const INTERVALS = [1, 3, 7, 21] as const;
/** The step of a card that has been answered right after its last interval. */
export const LEARNED = INTERVALS.length;

/** Where a miss happened. */
export type CardSource = 'quiz' | 'prediction' | 'room';

export interface Card {
  from: CardSource;
  /** 0 to 3: the interval the card waits for now; 4 (LEARNED): retired. */
  step: number;
  /** The local day the card is due (YYYY-MM-DD); absent once learned. */
  due?: string;
  /** When it was last missed (ISO). */
  missed: string;
  /** How many times it was missed. */
  misses: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day of `now`, as YYYY-MM-DD. */
export function localDay(now: Date): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `day` + `days` calendar days (daylight saving time does not shift it). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  // Noon UTC: far from any midnight, so the arithmetic is on calendar days only.
  const date = new Date(Date.UTC(y, m - 1, d + days, 12));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const utc = (day: string) => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

export function isDue(card: Card, now: Date): boolean {
  return card.due !== undefined && card.step < LEARNED && card.due <= localDay(now);
}

/** The card after a miss: back to the first interval, due tomorrow. */
export function afterMiss(card: Card | undefined, from: CardSource, now: Date): Card {
  return { ...(card ?? {}), from, step: 0, due: addDays(localDay(now), INTERVALS[0]), missed: now.toISOString(), misses: (card?.misses ?? 0) + 1 };
}

/** The card after a right answer: the next interval when it was due, learned after the last; unchanged when not due. */
export function afterRight(card: Card, now: Date): Card {
  if (!isDue(card, now)) return card;
  const step = card.step + 1;
  if (step >= LEARNED) {
    const { due: _due, ...rest } = card;
    return { ...rest, step: LEARNED };
  }
  return { ...card, step, due: addDays(localDay(now), INTERVALS[step]!) };
}

/** The card after an answer, right or wrong; null when a right answer leaves no card (there was none). */
export function afterAnswer(card: Card | undefined, from: CardSource, correct: boolean, now: Date): Card | null {
  if (!correct) return afterMiss(card, from, now);
  return card ? afterRight(card, now) : null;
}
