// A drill's shareable link: `/drills/?level=2&seed=12345` opens the same Dockerfile and question
// in any browser. Values that are not a level from 1 to 4 or a whole number from 0 to 2^32-1
// (a hostile or mistyped link) are ignored with a message saying so; the message quotes at most
// a few characters of the value, and the page shows it as text, never markup.
import { LEVELS, MAX_SEED, type Level } from './generate.ts';

export interface DrillLink {
  level: Level | null;
  seed: number | null;
  /** What was wrong with the link, for the learner; null when it was fine or empty. */
  problem: string | null;
}

const quote = (value: string) => JSON.stringify(value.length > 24 ? `${value.slice(0, 24)}…` : value);

export function parseDrillLink(search: string): DrillLink {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  let level: Level | null = null;
  let seed: number | null = null;
  const rawLevel = params.get('level');
  if (rawLevel !== null) {
    const found = LEVELS.find((l) => String(l) === rawLevel.trim());
    if (found === undefined) problems.push(`level ${quote(rawLevel)} is not one of 1 to 4`);
    else level = found;
  }
  const rawSeed = params.get('seed');
  if (rawSeed !== null) {
    const text = rawSeed.trim();
    const n = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
    if (Number.isInteger(n) && n <= MAX_SEED) seed = n;
    else problems.push(`seed ${quote(rawSeed)} is not a whole number from 0 to ${MAX_SEED}`);
  }
  const problem = problems.length > 0 ? `This link's ${problems.join(', and its ')}, so it was ignored: here is a new drill.` : null;
  return { level, seed, problem };
}

export function drillSearch(level: Level, seed: number): string {
  return `?level=${level}&seed=${seed}`;
}
