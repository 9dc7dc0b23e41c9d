// Blanks in a faded worked example: the starter of a "fill the blanks" exercise has `___`
// where the learner writes the missing part (`FROM ___ AS build`, `COPY --from=___ …`).
// The `no-blanks` goal (goal-engine.ts) and the editor (src/lib/workbench/analysed-text.ts)
// find the blanks still left with findBlanks() and say, at each one's position, what it asks
// for. Which blank of the starter a blank left in the learner's text is, is read from the
// line it is on: a line as the starter wrote it (spaces aside) is that line's blank, whatever
// the learner added or removed above it; a blank on a line the learner changed gets the
// generic message. A blank is a run of three or more underscores that is not part of a
// longer word, so `MY___VAR` is a name, not a blank.
//
// Most blanks make a file Docker refuses (`FROM ___`, `COPY --from=___`: "invalid reference
// format" on Docker 26.1 and 28.5, tests/fixtures/builds/faded-blanks-left), but not all:
// `USER ___` builds (faded-blank-user). So the no-blanks goal, not the build, says a blank is left.
//
// Only faded examples have blanks, so the browser loads this module only for an exercise with a
// no-blanks goal (src/components/exercise/workbench.ts, room-board.ts), as it does the cache
// goals' checker; goals.ts, for Node and the tests, has it always.
//
// Pure: no DOM, no Node APIs.

export const BLANK = '___';

const BLANK_PATTERN = /(?<![A-Za-z0-9_])_{3,}(?![A-Za-z0-9_])/g;

export interface Blank {
  /** UTF-16 offsets into the text, as the analyzer's and CodeMirror's. */
  from: number;
  to: number;
  /** 1-based. */
  line: number;
  column: number;
  /** The text of its line, trimmed. */
  lineText: string;
}

/** Every blank of `text`, in order. */
export function findBlanks(text: string): Blank[] {
  const blanks: Blank[] = [];
  let lineStart = 0;
  let line = 1;
  for (const lineText of text.split('\n')) {
    for (const match of lineText.matchAll(BLANK_PATTERN)) {
      const from = lineStart + match.index;
      blanks.push({ from, to: from + match[0].length, line, column: match.index + 1, lineText: lineText.trim() });
    }
    lineStart += lineText.length + 1;
    line += 1;
  }
  return blanks;
}

const squash = (line: string) => line.replace(/\s+/g, ' ').trim();

/**
 * What each blank of `text` asks for: `asks` lists, in the starter's order, what each of the
 * starter's blanks is for ("the image with the Go toolchain"). A blank on a line that reads as
 * a starter line with one blank gets that blank's words; any other blank, null.
 */
export function blankPrompts(text: string, starter: string, asks: readonly string[]): Array<{ blank: Blank; asks: string | null }> {
  const byLine = new Map<string, string | null>();
  findBlanks(starter).forEach((blank, i) => {
    const key = squash(blank.lineText);
    // A starter line with two blanks cannot tell them apart once one is filled: no words for it.
    byLine.set(key, byLine.has(key) ? null : (asks[i] ?? null));
  });
  return findBlanks(text).map((blank) => ({ blank, asks: byLine.get(squash(blank.lineText)) ?? null }));
}

/** The sentence for one blank left: where it is (unless `place` is false: the editor's mark is
 *  at the blank, and its list says the line), and what it asks for. */
export function blankMessage(blank: Blank, asks: string | null, place = true): string {
  const where = place ? `Line ${blank.line}, column ${blank.column} is still a blank (${BLANK})` : `This blank (${BLANK}) is still to fill`;
  return asks ? `${where}: write ${asks}.` : `${where}: replace it with what the Dockerfile needs there.`;
}

/** The no-blanks goal: passed when no blank is left; else where the first one is, what it asks
 *  for, and how many more there are. */
export function checkNoBlanks(text: string, starter: string, asks: readonly string[]): { passed: true } | { passed: false; detail: string } {
  const left = blankPrompts(text, starter, asks);
  const first = left[0];
  if (!first) return { passed: true };
  const more = left.length - 1;
  const rest = more === 0 ? '' : ` ${more === 1 ? 'One more blank is' : `${more} more blanks are`} left after it.`;
  return { passed: false, detail: `${blankMessage(first.blank, first.asks)}${rest}` };
}
