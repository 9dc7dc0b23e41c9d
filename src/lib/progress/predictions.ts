// The option a learner chose in each PredictReveal, remembered across visits under its own
// key: { version: 1, choices: { [id]: { choice: 0-based option index, at: ISO date } } }.
import * as v from 'valibot';
import { count, entry, idRecord, isoDate, validator } from './fields.ts';
import { readRecord, writeRecord, type StorageLike, type WriteResult } from './storage.ts';

export const PREDICTIONS_KEY = 'stagecraft:predictions';

const predictionSchema = entry({
  choice: count(0, 99),
  at: isoDate,
});

export const predictionsSchema = entry({
  version: v.literal(1),
  choices: idRecord(predictionSchema),
});

const predictionsValidator = validator(predictionsSchema);

export type Predictions = v.InferOutput<typeof predictionsSchema>;
export type Prediction = v.InferOutput<typeof predictionSchema>;

export function emptyPredictions(): Predictions {
  return { version: 1, choices: {} };
}

/** The remembered choice for a PredictReveal, or null. Never throws. */
export function readPrediction(storage: StorageLike | null, id: string): Prediction | null {
  const { value } = readRecord(storage, PREDICTIONS_KEY, predictionsValidator, emptyPredictions);
  return Object.hasOwn(value.choices, id) ? (value.choices[id] ?? null) : null;
}

/** Remembers `choice` for `id`, or forgets it when choice is null. Never throws. */
export function writePrediction(storage: StorageLike | null, id: string, choice: number | null, now = new Date()): WriteResult<Predictions> {
  return writeRecord(storage, PREDICTIONS_KEY, predictionsValidator, emptyPredictions, (current) => {
    const choices: Predictions['choices'] = {};
    for (const [key, value] of Object.entries(current.choices)) if (key !== id) choices[key] = value;
    if (choice !== null) Object.defineProperty(choices, id, { value: { choice, at: now.toISOString() }, enumerable: true, writable: true, configurable: true });
    return { ...current, choices };
  });
}
