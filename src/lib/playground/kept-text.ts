// The playground's Dockerfile kept in this browser (localStorage), and which text the editor
// opens with.
//
//   stagecraft:playground = { version: 1, text, previous, updated }
//
//   text      what the editor last held, restored on the next visit
//   previous  the text that something from outside (a share link, an opened file, the
//             sample) last replaced, so "Back to previous" can bring it back
//
// Precedence when the page opens: a readable share link wins (that is what its visitor
// came for), then the kept text, then the sample. A share link never costs the kept text:
// nothing is written until the learner edits, and then the kept text becomes `previous`.
// Reading and writing go through src/lib/progress/storage.ts, which never throws and
// copies an unreadable value aside (`stagecraft:playground:backup`) before overwriting it.
import { MAX_RECORD_LENGTH, readRecord, writeRecord, type ReadResult, type StorageLike, type Validator, type WriteResult } from '../progress/storage.ts';
import { MAX_DOCKERFILE_BYTES } from './text-check.ts';

export const KEPT_KEY = 'stagecraft:playground';

/** Texts longer than this are not kept. */
export const MAX_KEPT_TEXT = MAX_DOCKERFILE_BYTES;

export interface KeptRecord {
  version: 1;
  text: string;
  previous: string | null;
  /** ISO date of the last write. */
  updated: string;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_KEPT_TEXT;

/** A hand-written validator (the Validator shape of storage.ts): zod would double this page's script. */
export const keptSchema: Validator<KeptRecord> = {
  safeParse(value) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { success: false };
    const { version, text, previous, updated } = value as Record<string, unknown>;
    if (version !== 1 || !isText(text) || !(previous === null || isText(previous)) || typeof updated !== 'string' || updated.length > 40)
      return { success: false };
    const data: KeptRecord = { version: 1, text, previous, updated };
    // storage.ts does not read back a record over its size limit: never write one.
    if (JSON.stringify(data).length > MAX_RECORD_LENGTH) return { success: false };
    return { success: true, data };
  },
};

const empty = (): KeptRecord => ({ version: 1, text: '', previous: null, updated: '' });

export function readKept(storage: StorageLike | null): ReadResult<KeptRecord> {
  return readRecord(storage, KEPT_KEY, keptSchema, empty);
}

/**
 * Keeps `text` (and, when given, `previous`; otherwise the stored `previous` stays).
 * ok: false when the browser refused (or the text is too long to keep).
 */
export function keepText(storage: StorageLike | null, text: string, previous?: string | null, now: Date = new Date()): WriteResult<KeptRecord> {
  return writeRecord(storage, KEPT_KEY, keptSchema, empty, (current) => ({
    version: 1,
    text,
    previous: previous === undefined ? current.previous : previous,
    updated: now.toISOString(),
  }));
}

export type StartSource = 'shared' | 'kept' | 'sample';

export interface Start {
  text: string;
  from: StartSource;
  /**
   * The kept text a share link displaced: offered back ("Back to your Dockerfile") and put
   * in `previous` at the first write. Null when there was none, or it is the same text.
   */
  displaced: string | null;
  /** The kept `previous`, offered by "Back to previous". */
  previous: string | null;
  /** Something is stored under the key, but not a record this page can read. */
  unreadable: boolean;
}

/** The text the editor opens with; see the module comment for the order. */
export function startingText(shared: string | null, kept: ReadResult<KeptRecord>, sample: string): Start {
  const hasKept = kept.status === 'ok';
  const unreadable = kept.status === 'invalid';
  if (shared !== null) {
    const own = hasKept && kept.value.text !== shared && kept.value.text.trim() !== '' ? kept.value.text : null;
    return { text: shared, from: 'shared', displaced: own, previous: hasKept ? kept.value.previous : null, unreadable };
  }
  if (hasKept) return { text: kept.value.text, from: 'kept', displaced: null, previous: kept.value.previous, unreadable };
  return { text: sample, from: 'sample', displaced: null, previous: null, unreadable };
}
