// The rounds of an attempt at a quiz: which questions a round asks, in which order, and
// what its results add up to. Pure and dependency-free but for the seeded shuffle: no
// grading here (session.ts's answer() grades and records a response), so the <quiz-form>
// island can lay out a round without loading the grader.
//
// A full attempt asks every question, shuffled when the quiz says so. Its score is what the
// learner's progress keeps. "Retry missed questions" then asks only the questions the
// attempt got wrong, again and again until none is left; a retry is practice and does not
// change the recorded score. "Start over" begins a new full attempt with a new seed.

import { shuffle, type Seed } from './shuffle.ts';

export interface QuestionResult {
  response: number[];
  correct: boolean;
}

export interface Round {
  /** The questions asked in this round, in the order shown. */
  order: string[];
  /** Results of the questions answered so far in this round, by question id. */
  results: Record<string, QuestionResult>;
  /** True for the first, full round of an attempt; false for a retry of missed questions. */
  full: boolean;
}

export interface Score {
  correct: number;
  total: number;
}

/** The question order of a full attempt: the file's order, or a shuffle drawn from `seed`. */
export function attemptOrder(ids: readonly string[], shuffled: boolean, seed: Seed): string[] {
  return shuffled ? shuffle(ids, seed) : [...ids];
}

export function startRound(order: readonly string[], full: boolean): Round {
  return { order: [...order], results: {}, full };
}

export function isFinished(round: Round): boolean {
  return round.order.every((id) => Object.hasOwn(round.results, id));
}

export function score(round: Round): Score {
  return { correct: round.order.filter((id) => round.results[id]?.correct === true).length, total: round.order.length };
}

/** The questions of the round answered wrongly (or not at all), in the order they were asked. */
export function missed(round: Round): string[] {
  return round.order.filter((id) => round.results[id]?.correct !== true);
}

/** The next round: only the questions this one missed, in the same order. Null when none was missed. */
export function retryRound(round: Round): Round | null {
  const ids = missed(round);
  return ids.length > 0 ? startRound(ids, false) : null;
}
