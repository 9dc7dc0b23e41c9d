/**
 * A logical line: the text BuildKit's parser sees after joining continuation lines, with
 * the source offset of each piece so positions survive the joining. Stored as one segment
 * per physical line (most instructions have one), not one entry per character.
 */
export class LogicalLine {
  text = '';
  /** Logical index where each piece starts, and the source offset it came from. */
  private readonly starts: number[] = [];
  private readonly sources: number[] = [];
  private endOffset = 0;

  append(source: string, from: number, to: number): void {
    this.starts.push(this.text.length);
    this.sources.push(from);
    this.text += source.slice(from, to);
    this.endOffset = to;
  }

  /** Source offset of a logical index; the index just past the end maps to the end of the last piece. */
  sourceOffset(index: number): number {
    if (index >= this.text.length) return this.endOffset;
    let piece = this.starts.length - 1;
    while (piece > 0 && this.starts[piece]! > index) piece--;
    return this.sources[piece]! + (Math.max(0, index) - this.starts[piece]!);
  }

  /** Source offset just after logical index `index - 1` (for the end of a span). */
  sourceEnd(index: number): number {
    if (index <= 0) return this.sourceOffset(0);
    return this.sourceOffset(index - 1) + 1;
  }
}
