// What the workbench's status line says: when the exercise was completed (and whether the
// text now in the editor still meets every goal), what saving the learner's text reports
// (workbench-persistence.ts), and whether this browser keeps progress at all. Pure, so the
// sentences are tested alone (tests/workbench/status-sentences.test.ts).

export interface StatusFacts {
  /** When the exercise was first completed (an ISO date), or null. */
  completed: string | null;
  /** Whether the text now in the editor meets every goal; null when it was not checked. */
  meetsGoals: boolean | null;
  /** What saving the learner's text has to say. */
  saving: readonly string[];
  /** Whether the browser kept the progress. */
  progressSaved: boolean;
  /** What the learner edits (default: Dockerfile; a bake exercise's: bake file). */
  noun?: string;
}

export function statusSentences(facts: StatusFacts, formatDate: (date: Date) => string): string[] {
  const sentences: string[] = [];
  if (facts.completed) {
    sentences.push(`You completed this exercise on ${formatDate(new Date(facts.completed))}.`);
    if (facts.meetsGoals === false) sentences.push(`Your current ${facts.noun ?? 'Dockerfile'} does not meet every goal.`);
  }
  sentences.push(...facts.saving);
  if (!facts.progressSaved) sentences.push('This browser did not let the site save your progress, so it lasts only while this page is open.');
  return sentences;
}
