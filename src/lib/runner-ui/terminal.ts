// The runner's output log as plain lines: what a terminal would show of the processes'
// output, without a terminal emulator. Colour and cursor escape sequences are dropped, a
// carriage return rewrites the line it is on (npm's progress spinner), and only the last
// MAX_LINES lines are kept. The panel shows the lines as text (textContent), never markup.
//
// Pure and DOM-free: tests/runner-ui/terminal.test.ts feeds it chunks.

/** Lines kept; older ones are dropped (and counted) so a chatty install cannot grow the page forever. */
export const MAX_LINES = 1000;

/** ESC [ … final byte (CSI: colours, cursor moves, erase), ESC ] … BEL/ST (OSC: titles), other ESC pairs. */
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]/g;
/** Control characters a log cannot show (tab, newline and carriage return are handled; ERASE is ours). */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u0017\u0019-\u001f\u007f]/g;
/** "Cursor to column n" (ESC [ n G): npm's progress line goes back to the start with it. */
const TO_COLUMN = /\u001b\[\d*G/g;
/** "Erase in line" (ESC [ K, 0K, 2K), kept as one character until the line is drawn. */
const ERASE_LINE = /\u001b\[[02]?K/g;
const ERASE = '\u0018';

export class TerminalText {
  /** Finished lines (ended by a newline). */
  #lines: string[] = [];
  /** The line being written. */
  #current = '';
  /** Finished lines dropped from the start so far. */
  #dropped = 0;
  /** An escape sequence split across chunks waits here for the rest. */
  #pending = '';
  /** A carriage return ended the last output: the next text overwrites the line. */
  #returned = false;
  readonly #maxLines: number;

  constructor(maxLines = MAX_LINES) {
    this.#maxLines = maxLines;
  }

  /** Adds a chunk of raw output. */
  write(chunk: string): void {
    let text = this.#pending + chunk;
    this.#pending = '';
    // Keep an unfinished escape sequence at the end for the next chunk.
    const lastEscape = text.lastIndexOf('\u001b');
    if (lastEscape >= 0 && lastEscape > text.length - 32) {
      const tail = text.slice(lastEscape);
      if (!/^\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/.test(tail)) {
        this.#pending = tail;
        text = text.slice(0, lastEscape);
      }
    }
    text = text.replace(TO_COLUMN, '\r').replace(ERASE_LINE, ERASE).replace(ESCAPES, '').replace(/\r\n/g, '\n').replace(CONTROLS, '');
    for (let i = 0; i < text.length;) {
      const newline = text.indexOf('\n', i);
      const end = newline < 0 ? text.length : newline;
      this.#put(text.slice(i, end));
      if (newline < 0) break;
      this.#lines.push(this.#current);
      this.#current = '';
      this.#returned = false;
      i = newline + 1;
    }
    const excess = this.#lines.length - this.#maxLines;
    if (excess > 0) {
      this.#lines.splice(0, excess);
      this.#dropped += excess;
    }
  }

  /**
   * Writes a piece of one line. A carriage return goes back to the line's start: the text
   * after it replaces the line (a spinner redrawing itself), also when it comes in a later
   * chunk; until then the line stays as it is, unless it is erased there.
   */
  #put(piece: string): void {
    const segments = piece.split('\r');
    let line = this.#current;
    let last = '';
    segments.forEach((segment, index) => {
      const atStart = index > 0 || this.#returned;
      last = segment.replaceAll(ERASE, '');
      if (!atStart) line += last;
      else if (last !== '' || segment.includes(ERASE)) line = last;
    });
    this.#returned = (segments.length > 1 || this.#returned) && last === '';
    this.#current = line;
  }

  /** Adds a line of the runner's own (a step starting, a process exiting). */
  note(line: string): void {
    if (this.#current !== '') this.write('\n');
    this.write(`${line}\n`);
  }

  get lines(): readonly string[] {
    return this.#lines;
  }

  get current(): string {
    return this.#current;
  }

  get dropped(): number {
    return this.#dropped;
  }

  /** Everything kept, as one text (finished lines, then the line being written). */
  text(): string {
    const head = this.#dropped > 0 ? [`… ${this.#dropped} earlier lines not shown`] : [];
    return [...head, ...this.#lines, ...(this.#current ? [this.#current] : [])].join('\n');
  }

  clear(): void {
    this.#lines = [];
    this.#current = '';
    this.#dropped = 0;
    this.#pending = '';
    this.#returned = false;
  }
}
