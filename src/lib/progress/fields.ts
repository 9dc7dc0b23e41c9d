// The building blocks every progress schema shares (schema.ts, quiz-progress.ts,
// exercise-progress.ts, predictions.ts, summary.ts). A module of its own, importing only
// valibot, so quiz-progress.ts can use them without an import cycle through schema.ts.
import * as v from 'valibot';
import type { Validator } from './storage.ts';

/** A lesson slug, exercise or quiz id: letters, digits and single - _ . : between them. */
export const idKey = v.pipe(
  v.string(),
  v.maxLength(100),
  v.regex(/^[a-z0-9]+(?:[-_.:][a-z0-9]+)*$/i),
  // Valibot's records silently drop these two keys (and JSON.parse in storage.ts refuses
  // them), so an entry under either could never be kept: refuse the id instead.
  v.check((id) => id !== 'constructor' && id !== 'prototype'),
);

/**
 * A UTC timestamp as Date#toISOString writes it: a real calendar date, seconds, any
 * fraction, and `Z` (no offset). The same pattern as Zod's `z.iso.datetime()`, which this
 * replaced; valibot's isoTimestamp() also takes offsets, a space for the T and commas.
 */
export const isoDate = v.pipe(
  v.string(),
  v.regex(
    /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8])))T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?Z$/,
  ),
);

/** A whole number from `min` to `max` (100,000 unless given). */
export const count = (min: number, max = 100_000) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

// Valibot's object and record schemas take any non-null object, arrays included, and would
// turn `[]` into `{}`; Zod's refused arrays (and, for records, anything but a plain object).
// These guards keep that: a stored `"lessons": []` is damaged data, not an empty record.
const isObject = (input: unknown): input is Record<string, unknown> => typeof input === 'object' && input !== null && !Array.isArray(input);

const isPlainObject = (input: unknown): input is Record<string, unknown> => {
  if (!isObject(input)) return false;
  const proto: unknown = Object.getPrototypeOf(input);
  return proto === Object.prototype || proto === null;
};

/** An object whose listed fields are checked and whose other fields are kept as they are. */
export const entry = <const E extends v.ObjectEntries>(entries: E) => v.pipe(v.custom<Record<string, unknown>>(isObject), v.looseObject(entries));

/** A plain object from ids (idKey) to values of `value`. */
export const idRecord = <const V extends v.GenericSchema>(value: V) => v.pipe(v.custom<Record<string, unknown>>(isPlainObject), v.record(idKey, value));

/** A valibot schema in storage.ts's Validator shape (readRecord, writeRecord). */
export const validator = <T>(schema: v.GenericSchema<unknown, T>): Validator<T> => ({
  safeParse(value) {
    const result = v.safeParse(schema, value);
    return result.success ? { success: true, data: result.output } : { success: false };
  },
});
