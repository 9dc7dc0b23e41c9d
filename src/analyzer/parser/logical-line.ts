/**
 * A logical line: the text BuildKit's parser sees after joining continuation lines,
 * with the source offset of every character so positions survive the joining.
 */
export class LogicalLine {
  text = '';
  /** offsets[i] is the source offset of text[i]; one extra entry marks the end. */
  private offsets: number[] = [];
  private endOffset = 0;

  append(source: string, from: number, to: number): void {
    for (let i = from; i < to; i++) this.offsets.push(i);
    this.text += source.slice(from, to);
    this.endOffset = to;
  }

  /** Source offset of a logical index; the index just past the end maps to the end of the last piece. */
  sourceOffset(index: number): number {
    if (index < this.offsets.length) return this.offsets[Math.max(0, index)]!;
    return this.endOffset;
  }

  /** Source offset just after logical index `index - 1` (for the end of a span). */
  sourceEnd(index: number): number {
    if (index <= 0) return this.sourceOffset(0);
    return this.sourceOffset(index - 1) + 1;
  }
}
