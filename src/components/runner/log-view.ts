// The stage runner's output: what the build and the command write, drawn as plain text
// (never markup) through a terminal model (src/lib/runner-ui/terminal.ts) that understands
// carriage returns and keeps the last MAX_LINES lines.
import { MAX_LINES, TerminalText } from '../../lib/runner-ui/terminal.ts';

/**
 * The output log: finished lines are appended as text nodes (so a screen reader's live
 * region hears only what is new), the line being written is the last node, and at most
 * MAX_LINES lines stay. Drawn once per animation frame, however fast output comes.
 */
export class LogView {
  readonly #pre: HTMLPreElement;
  readonly #terminal = new TerminalText();
  readonly #tail = document.createTextNode('');
  /** Finished lines drawn so far (all time), and how many each drawn node holds. */
  #drawn = 0;
  #nodes: Array<{ node: Text; lines: number }> = [];
  #scheduled = false;

  constructor(pre: HTMLPreElement) {
    this.#pre = pre;
    pre.replaceChildren(this.#tail);
  }

  write(chunk: string): void {
    this.#terminal.write(chunk);
    this.#schedule();
  }

  clear(): void {
    this.#terminal.clear();
    this.#drawn = 0;
    this.#nodes = [];
    this.#tail.data = '';
    this.#pre.replaceChildren(this.#tail);
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    requestAnimationFrame(() => {
      this.#scheduled = false;
      this.#flush();
    });
  }

  #flush(): void {
    const pre = this.#pre;
    const atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 8;
    const { lines, dropped, current } = this.#terminal;
    const total = dropped + lines.length;
    const fresh = Math.min(total - this.#drawn, lines.length);
    if (fresh > 0) {
      const node = document.createTextNode(
        lines
          .slice(lines.length - fresh)
          .map((line) => `${line}\n`)
          .join(''),
      );
      pre.insertBefore(node, this.#tail);
      this.#nodes.push({ node, lines: fresh });
      let kept = this.#nodes.reduce((sum, entry) => sum + entry.lines, 0);
      while (kept > MAX_LINES && this.#nodes.length > 1) {
        const oldest = this.#nodes.shift()!;
        oldest.node.remove();
        kept -= oldest.lines;
      }
    }
    this.#drawn = total;
    this.#tail.data = current;
    if (atBottom) pre.scrollTop = pre.scrollHeight;
  }
}
