// Results the rules of one analysis share (the variable scope walk, COPY --from references,
// base images …): computed on first use, then read by every rule that asks. Keyed by the
// RuleContext runRules makes for each analyze() call, so nothing outlives that call.

import type { RuleContext } from '../types.ts';

const memos = new WeakMap<object, Map<string, unknown>>();
// The rules of one analysis ask dozens of times in a row: remember the last context's cache.
let lastContext: object | null = null;
let lastCache: Map<string, unknown> | null = null;

/** Drops what the rules of `context` computed, as soon as they are done: a WeakMap entry
 *  whose key has been promoted to the old generation stays until the next full collection,
 *  and would keep the walk, and through it the whole analysis, alive (and copied) until then. */
export function releaseMemo(context: object): void {
  memos.delete(context);
  if (lastContext === context) lastContext = lastCache = null;
}

/** `compute()` once per context and key. Keys are constant strings (a string made on each
 *  call would be hashed on each call). */
export function memo<T>(context: Pick<RuleContext, 'analysis'>, key: string, compute: () => T): T {
  let cache = context === lastContext ? lastCache : memos.get(context);
  if (!cache) memos.set(context, (cache = new Map()));
  lastContext = context;
  lastCache = cache;
  if (!cache.has(key)) cache.set(key, compute());
  return cache.get(key) as T;
}
