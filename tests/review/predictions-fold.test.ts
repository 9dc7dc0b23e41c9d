// A lesson's wrong predictions join the review on /progress/, from the choices predict-reveal.ts
// keeps (src/lib/progress/predictions.ts), once.
import { describe, expect, it } from 'vitest';
import { readPrediction, writePrediction } from '../../src/lib/progress/predictions.ts';
import type { ReviewBank, ReviewQuestion } from '../../src/lib/review/bank.ts';
import { foldPredictions, readPredictions } from '../../src/lib/review/predictions-fold.ts';
import { emptyReview } from '../../src/lib/review/schema.ts';
import { FakeStorage } from '../support/fake-storage.ts';

const question = (id: string, answer: number): ReviewQuestion => ({
  id: `prediction:${id}`,
  quiz: 'prediction',
  quizTitle: 'Prediction',
  kind: 'single',
  prompt: 'Which?',
  multiple: false,
  options: [0, 1, 2].map((key) => ({ key, label: String(key) })),
  correct: [answer],
  anticipated: [],
  answer: String(answer),
  why: ['Because.'],
  wrong: [],
  lesson: 'what-is-a-stage',
  lessonTitle: 'What is a stage',
});

const bank: ReviewBank = { version: 1, questions: { 'prediction:wrong-one': question('wrong-one', 1), 'prediction:right-one': question('right-one', 2) } };

describe('folding predictions into the review', () => {
  it('a wrong choice becomes a card missed when it was made, due the next day; a right one none', () => {
    const storage = new FakeStorage();
    writePrediction(storage, 'wrong-one', 0, new Date(2026, 11, 7, 22));
    writePrediction(storage, 'right-one', 2, new Date(2026, 11, 7, 22));
    writePrediction(storage, 'removed-from-the-course', 0, new Date(2026, 11, 7, 22));
    const review = foldPredictions(emptyReview(), readPredictions(storage), bank);
    expect(Object.keys(review.cards)).toEqual(['prediction:wrong-one']);
    expect(review.cards['prediction:wrong-one']).toMatchObject({ from: 'prediction', step: 0, due: '2026-12-08', misses: 1 });
  });

  it('folds each choice once: a card as recent as the choice is left as it is', () => {
    const storage = new FakeStorage();
    writePrediction(storage, 'wrong-one', 0, new Date(2026, 11, 7, 22));
    const once = foldPredictions(emptyReview(), readPredictions(storage), bank);
    expect(foldPredictions(once, readPredictions(storage), bank)).toBe(once);
    // Predicted wrong again later (after "Try again"): a new miss.
    writePrediction(storage, 'wrong-one', 2, new Date(2026, 11, 9, 8));
    writePrediction(storage, 'wrong-one', 0, new Date(2026, 11, 9, 8));
    expect(foldPredictions(once, readPredictions(storage), bank).cards['prediction:wrong-one']).toMatchObject({ due: '2026-12-10', misses: 2 });
  });

  it('reads the records predictions.ts writes, and refuses what it refuses', () => {
    const storage = new FakeStorage();
    writePrediction(storage, 'wrong-one', 0, new Date(2026, 11, 7, 22));
    expect(readPredictions(storage).choices['wrong-one']).toEqual(readPrediction(storage, 'wrong-one'));
    storage.setItem('stagecraft:predictions', JSON.stringify({ version: 1, choices: { 'wrong-one': { choice: -1, at: 'now' } } }));
    expect(readPrediction(storage, 'wrong-one')).toBeNull();
    expect(readPredictions(storage).choices).toEqual({});
  });
});
