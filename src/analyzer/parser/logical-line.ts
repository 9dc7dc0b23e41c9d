/**
 * A logical line: the text BuildKit's parser sees after joining continuation lines, with
 * the source offset of each piece so positions survive the joining. Stored as one segment
 * per physical line, not one entry per character; most instructions have a single piece,
 * which needs no arrays at all.
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

  /** Empties the line for the next instruction (one object serves the whole scan). */
  reset(): void {
    this.text = '';
    this.starts = null;
    this.sources = null;
    this.pieces = 0;
    this.endOffset = 0;
  }

  append(source: string, from: number, to: number): void {
    if (this.pieces === 0) {
      this.firstSource = from;
      this.text = source.slice(from, to);
    } else {
      (this.starts ??= []).push(this.text.length);
      (this.sources ??= []).push(from);
      this.text += source.slice(from, to);
    }
    this.pieces++;
    this.endOffset = to;
  }

  /** Source offset of a logical index; the index just past the end maps to the end of the last piece. */
  sourceOffset(index: number): number {
    if (index >= this.text.length) return this.endOffset;
    const starts = this.starts;
    if (starts !== null) {
      for (let piece = starts.length - 1; piece >= 0; piece--) {
        if (starts[piece]! <= index) return this.sources![piece]! + (Math.max(0, index) - starts[piece]!);
      }
    }
    return this.firstSource + Math.max(0, index);
  }

  /** Source offset just after logical index `index - 1` (for the end of a span). */
  sourceEnd(index: number): number {
    if (index <= 0) return this.sourceOffset(0);
    return this.sourceOffset(index - 1) + 1;
  }
}
