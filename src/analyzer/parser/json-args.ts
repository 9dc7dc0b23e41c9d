// Exec form detection, as BuildKit's parseJSON: arguments that start with `[` and decode
// as a JSON array. Go's json.Decoder reads one value and ignores what follows it, so
// trailing text after a valid array still counts as exec form. Invalid JSON falls back
// to shell form; a valid array holding a non-string is an error.

export type JsonArgs = { kind: 'exec'; values: string[] } | { kind: 'shell' } | { kind: 'not-strings' };

// Asked for every instruction: the answers without values are shared, not allocated each time.
const SHELL: JsonArgs = Object.freeze({ kind: 'shell' });
const NOT_STRINGS: JsonArgs = Object.freeze({ kind: 'not-strings' });

export function parseJsonArgs(args: string): JsonArgs {
  if (args.charCodeAt(0) !== 91 /* [ */) return SHELL;
  const end = arrayEnd(args);
  if (end === -1) return SHELL;
  let parsed: unknown;
  try {
    parsed = JSON.parse(args.slice(0, end));
  } catch {
    return SHELL;
  }
  if (!Array.isArray(parsed)) return SHELL;
  if (!parsed.every((v) => typeof v === 'string')) return NOT_STRINGS;
  return { kind: 'exec', values: parsed as string[] };
}

/** Index just past the `]` that closes the array opened at 0, or -1. */
function arrayEnd(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}
