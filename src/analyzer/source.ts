import type { Position, Range } from './model.ts';

/** Maps 0-based offsets of one text to 1-based line/column positions. */
export class SourceMap {
  readonly text: string;
  /** Offset at which each line starts. */
  readonly lineStarts: number[];

  constructor(text: string) {
    this.text = text;
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
  }

  /** The line of the previous lookup: positions are mostly asked for in source order. */
  private lastLine = 0;

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    const guess = this.lastLine;
    if (starts[guess]! <= clamped && (guess + 1 >= starts.length || starts[guess + 1]! > clamped)) {
      return { line: guess + 1, column: clamped - starts[guess]! + 1, offset: clamped };
    }
    if (guess + 2 < starts.length && starts[guess + 1]! <= clamped && starts[guess + 2]! > clamped) {
      this.lastLine = guess + 1;
      return { line: guess + 2, column: clamped - starts[guess + 1]! + 1, offset: clamped };
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) lo = mid;
      else hi = mid - 1;
    }
    this.lastLine = lo;
    return { line: lo + 1, column: clamped - this.lineStarts[lo]! + 1, offset: clamped };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }
}

let lastMap: SourceMap | null = null;

/** The SourceMap of `text`, kept for the last text asked about: the parser and the rules'
 *  position helpers map offsets of the same text, and each map costs a pass over it. */
export function sourceMapOf(text: string): SourceMap {
  if (lastMap === null || lastMap.text !== text) lastMap = new SourceMap(text);
  return lastMap;
}
