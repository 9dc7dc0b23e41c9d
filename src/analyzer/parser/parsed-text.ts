// Parse once per text. The pages analyze one text several times in a row — the editor's
// colours, the diagnostics of the selected target, each goal of an exercise, two builders
// for every target of the playground's table — and the parse (a third of an analysis, and
// the same for every target, builder and build argument) is kept for the last text seen,
// so the later analyses of that text start from it.
//
// What is kept is never changed by an analysis: the instructions are read, not written
// (instruction.stage is set while reading the stages, to the same value every time), and
// everything that depends on the options (stages, plan, diagnostics) is made per analysis.

import { sourceMapOf, type SourceMap } from '../source.ts';
import { parse, type ParseResult } from './parse.ts';

export interface ParsedText extends ParseResult {
  source: SourceMap;
}

let lastText: string | null = null;
let lastDirectives: ReadonlySet<string> | undefined;
let lastParsed: ParsedText | null = null;

/**
 * The parse of `text`, made now or kept from the previous call with the same text and the
 * same parser directives (the engine's: Docker 26.1 does not know `# check=`, so a file that
 * starts with one parses differently there). Engines' directive sets are constants.
 */
export function parseText(text: string, directives?: ReadonlySet<string>): ParsedText {
  if (lastParsed !== null && lastText === text && lastDirectives === directives) return lastParsed;
  const source = sourceMapOf(text);
  const parsed: ParsedText = { ...parse(text, source, undefined, directives), source };
  lastText = text;
  lastDirectives = directives;
  lastParsed = parsed;
  return parsed;
}
