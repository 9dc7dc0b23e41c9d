// The option a learner chose in each PredictReveal, remembered across visits under its own
// key: { version: 1, choices: { [id]: { choice: 0-based option index, at: ISO date } } }.
import * as z from 'zod/mini';
import { idKey, isoDate } from './schema.ts';
import { readRecord, writeRecord, type StorageLike, type WriteResult } from './storage.ts';

export const PREDICTIONS_KEY = 'stagecraft:predictions';

const predictionSchema = z.looseObject({
  choice: z.int().check(z.minimum(0), z.maximum(99)),
  at: isoDate,
});

export const predictionsSchema = z.looseObject({
  version: z.literal(1),
  choices: z.record(idKey, predictionSchema),
});

export type Predictions = z.infer<typeof predictionsSchema>;
export type Prediction = z.infer<typeof predictionSchema>;

export function emptyPredictions(): Predictions {
  return { version: 1, choices: {} };
}

/** The remembered choice for a PredictReveal, or null. Never throws. */
export function readPrediction(storage: StorageLike | null, id: string): Prediction | null {
  const { value } = readRecord(storage, PREDICTIONS_KEY, predictionsSchema, emptyPredictions);
  return Object.hasOwn(value.choices, id) ? (value.choices[id] ?? null) : null;
}

/** Remembers `choice` for `id`, or forgets it when choice is null. Never throws. */
export function writePrediction(storage: StorageLike | null, id: string, choice: number | null, now = new Date()): WriteResult<Predictions> {
  return writeRecord(storage, PREDICTIONS_KEY, predictionsSchema, emptyPredictions, (current) => {
    const choices: Predictions['choices'] = {};
    for (const [key, value] of Object.entries(current.choices)) if (key !== id) choices[key] = value;
    if (choice !== null) Object.defineProperty(choices, id, { value: { choice, at: now.toISOString() }, enumerable: true, writable: true, configurable: true });
    return { ...current, choices };
  });
}
