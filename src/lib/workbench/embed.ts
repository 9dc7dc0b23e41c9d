// The exercise travels from the build to the browser as JSON in a data block,
// <script type="application/json">, which the browser never runs and which a strict CSP
// allows. Inside <script>, the HTML parser ends the element at the first `</script` and
// treats `<!--` specially, whatever the JSON means; so every `<` (and, for good measure,
// `>`, `&` and the JavaScript line separators) is written as a \u escape, which JSON.parse
// reads back as the same character.
import type { Exercise } from '../../exercises/types.ts';

const UNSAFE = /[<>&\u2028\u2029]/g;

/** JSON safe to put between <script type="application/json"> and </script>. */
export function embedJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('embedJson: value is not JSON-serialisable');
  return json.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The value of a data block's text, or null when it is not valid JSON. */
export function readEmbeddedJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The exercise in a data block, checked for the fields the workbench uses, or null. The
 * content schema has already validated it at build time; this only guards the page against
 * a block it cannot use (the server-rendered fallback then stays).
 */
export function exerciseFromJson(value: unknown): Exercise | null {
  if (!isRecord(value)) return null;
  const { id, title, lesson, task, starter, solution, files, goals, hints } = value;
  if (![id, title, lesson, task, starter, solution].every(isString)) return null;
  if (!isRecord(files) || !Object.values(files).every(isString)) return null;
  if (!Array.isArray(hints) || !hints.every(isString)) return null;
  if (!Array.isArray(goals) || !goals.every((g) => isRecord(g) && isString(g['id']) && isString(g['kind']) && isString(g['statement']))) return null;
  return value as unknown as Exercise;
}
