/**
 * A logical line: the text BuildKit's parser sees after joining continuation lines, with
 * the source offset of each piece so positions survive the joining. Stored as one segment
 * per physical line, not one entry per character; most instructions have a single piece,
 * which needs no arrays at all.
 *
 * The parser asks for offsets in (mostly) increasing order, word after word, so a cursor
 * remembers the piece of the last lookup and moves forward from it: a RUN continued over
 * n lines costs O(n) in all, not O(n) per word (a share link with a RUN continued over
 * 60,000 lines used to take a minute).
 */
export class LogicalLine {
  text = '';
  /** Source offset of the first piece. */
  private firstSource = 0;
  /** For the pieces after the first: logical index where each starts, and its source offset. */
  private starts: number[] | null = null;
  private sources: number[] | null = null;
  private pieces = 0;
  private endOffset = 0;
  /** Pieces not yet joined into `text` (joined on first read: one concatenation in all). */
  private parts: string[] | null = null;
  private length = 0;
  /** The piece of the last lookup (-1: the first piece). */
  private cursor = -1;

  /** Empties the line for the next instruction (one object serves the whole scan). */
  reset(): void {
    this.text = '';
    this.starts = null;
    this.sources = null;
    this.pieces = 0;
    this.endOffset = 0;
    this.parts = null;
    this.length = 0;
    this.cursor = -1;
  }

  append(source: string, from: number, to: number): void {
    if (this.pieces === 0) {
      this.firstSource = from;
      this.text = source.slice(from, to);
    } else {
      (this.starts ??= []).push(this.length);
      (this.sources ??= []).push(from);
      (this.parts ??= [this.text]).push(source.slice(from, to));
    }
    this.length += to - from;
    this.pieces++;
    this.endOffset = to;
  }

  /** Joins the pieces appended since the last call (call before reading `text`). */
  finish(): void {
    if (this.parts !== null) {
      this.text = this.parts.join('');
      this.parts = null;
    }
  }

  /** Source offset of a logical index; the index just past the end maps to the end of the last piece. */
  sourceOffset(index: number): number {
    if (index >= this.length) return this.endOffset;
    const starts = this.starts;
    if (starts === null || index < starts[0]!) return this.firstSource + Math.max(0, index);
    // The last piece that starts at or before `index`: from the cursor forward when the
    // lookups move forward (the usual case), else by binary search.
    let piece = this.cursor;
    if (piece < 0 || starts[piece]! > index) {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= index) lo = mid;
        else hi = mid - 1;
      }
      piece = lo;
    } else {
      while (piece + 1 < starts.length && starts[piece + 1]! <= index) piece++;
    }
    this.cursor = piece;
    return this.sources![piece]! + (index - starts[piece]!);
  }

  /** Source offset just after logical index `index - 1` (for the end of a span). */
  sourceEnd(index: number): number {
    if (index <= 0) return this.sourceOffset(0);
    return this.sourceOffset(index - 1) + 1;
  }
}
