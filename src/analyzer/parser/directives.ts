// Parser directives, as BuildKit reads them: `# name=value` lines at the very top of the
// file. The first line that is not a known directive (a comment, a blank line, an
// instruction, or an unknown `# key=value`) ends the directive section for good.

const DIRECTIVE = /^#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(.+?)[ \t]*$/;
/** The directives Docker 28.5 knows; Docker 26.1 does not know `check` (engine.ts). */
const KNOWN: ReadonlySet<string> = new Set(['escape', 'syntax', 'check']);

export interface DirectiveMatch {
  name: string;
  value: string;
  /** Offsets within the line of the value. */
  valueStart: number;
}

export class DirectiveReader {
  private done = false;
  private readonly known: ReadonlySet<string>;

  constructor(known: ReadonlySet<string> = KNOWN) {
    this.known = known;
  }

  /** True once the directive section has ended (so callers can skip building the line). */
  get finished(): boolean {
    return this.done;
  }
  private readonly seen = new Set<string>();

  /** Reads one left-trimmed line; returns the directive it holds, if the section is still open. */
  read(line: string): DirectiveMatch | { duplicate: string } | null {
    if (this.done) return null;
    const match = DIRECTIVE.exec(line);
    const name = match?.[1]?.toLowerCase();
    if (!match || !name || !this.known.has(name)) {
      this.done = true;
      return null;
    }
    if (this.seen.has(name)) return { duplicate: name };
    this.seen.add(name);
    const value = match[2]!;
    return { name, value, valueStart: line.lastIndexOf(value) };
  }
}
