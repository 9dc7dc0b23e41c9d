// Variable substitution as BuildKit's shell lexer (frontend/dockerfile/shell/lex.go)
// performs it on FROM lines and ARG defaults: $V, ${V}, ${V:-w}, ${V-w}, ${V:+w}, ${V+w},
// ${V:?m}, ${V?m}, ${V#p}, ${V##p}, ${V%p}, ${V%%p}, ${V/p/r}, ${V//p/r}; quotes removed;
// errors worded as BuildKit words them.

import { replaceGlob, trimPrefix, trimSuffix } from './glob.ts';

export interface Expansion {
  value: string;
  /** Variables that were looked up and found / not found. */
  matched: Set<string>;
  unmatched: Set<string>;
}

export class ExpandError extends Error {}

/** Nesting deeper than the analyzer follows (Docker has no such limit; no real file gets near it). */
export class ExpandLimitError extends Error {}

const MAX_NESTING = 100;
/** Longest value an expansion makes. `ARG A=$A$A` doubles A on each line: twenty such lines
 *  make a million characters, forty a trillion, and the page would freeze building them. */
const MAX_LENGTH = 1 << 20;

const SPECIAL_PARAMS = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** A letter, digit or `_` (Unicode letters and digits too), as a variable name allows. */
function isNameChar(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || isDigit(code) || code === 95;
  return /[\p{L}\p{N}_]/u.test(text[at]!);
}

class Lexer {
  private pos = 0;
  private depth = 0;
  readonly matched = new Set<string>();
  readonly unmatched = new Set<string>();
  private readonly text: string;
  private readonly env: ReadonlyMap<string, string>;
  private readonly escape: string;

  constructor(text: string, env: ReadonlyMap<string, string>, escape: string) {
    this.text = text;
    this.env = env;
    this.escape = escape;
  }

  private peek(): string | undefined {
    return this.text[this.pos];
  }

  private next(): string | undefined {
    return this.text[this.pos++];
  }

  private lookup(name: string): string | undefined {
    const value = this.env.get(name);
    if (value === undefined) this.unmatched.add(name);
    else this.matched.add(name);
    return value;
  }

  /** Reads up to `stop` (consumed) or the end; `rawEscapes` keeps the escape character. */
  process(stop: string | null, rawEscapes: boolean): string {
    let result = '';
    while (this.peek() !== undefined) {
      const ch = this.peek()!;
      if (stop !== null && ch === stop) {
        this.next();
        return result;
      }
      if (ch === "'") result += this.singleQuote();
      else if (ch === '"') result += this.doubleQuote();
      else if (ch === '$') result = this.grown(result + this.dollar());
      else {
        this.next();
        if (ch === this.escape) {
          if (rawEscapes) result += ch;
          const escaped = this.next();
          if (escaped === undefined) break;
          result += escaped;
        } else result += ch;
      }
    }
    if (stop !== null) throw new ExpandError(`unexpected end of statement while looking for matching ${stop}`);
    return result;
  }

  /** `text`, unless it has grown past MAX_LENGTH (only a variable's value makes it grow). */
  private grown(text: string): string {
    if (text.length > MAX_LENGTH) throw new ExpandLimitError(`a substitution expands to more than ${MAX_LENGTH} characters`);
    return text;
  }

  private singleQuote(): string {
    this.next();
    const close = this.text.indexOf("'", this.pos);
    if (close === -1) throw new ExpandError('unexpected end of statement while looking for matching single-quote');
    const value = this.text.slice(this.pos, close);
    this.pos = close + 1;
    return value;
  }

  private doubleQuote(): string {
    this.next();
    let result = '';
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) throw new ExpandError('unexpected end of statement while looking for matching double-quote');
      if (ch === '"') {
        this.next();
        return result;
      }
      if (ch === '$') {
        result = this.grown(result + this.dollar());
        continue;
      }
      this.next();
      if (ch === this.escape) {
        const after = this.peek();
        if (after === undefined) continue;
        if (after === '"' || after === '$' || after === this.escape) {
          result += this.next();
          continue;
        }
      }
      result += ch;
    }
  }

  // Read by character code and sliced once: FROM lines and ARG defaults are expanded on every keystroke.
  private name(): string {
    const text = this.text;
    const start = this.pos;
    if (start >= text.length) return '';
    const first = text.charCodeAt(start);
    if (first >= 48 && first <= 57) {
      while (this.pos < text.length && isDigit(text.charCodeAt(this.pos))) this.pos++;
      return text.slice(start, this.pos);
    }
    if (SPECIAL_PARAMS.has(text[start]!)) return this.next()!;
    while (this.pos < text.length && isNameChar(text, this.pos)) this.pos++;
    return text.slice(start, this.pos);
  }

  private dollar(): string {
    if (++this.depth > MAX_NESTING) throw new ExpandLimitError(`variable substitutions nested more than ${MAX_NESTING} deep`);
    try {
      return this.dollarBody();
    } finally {
      this.depth--;
    }
  }

  private dollarBody(): string {
    this.next();
    if (this.peek() !== '{') {
      const name = this.name();
      if (name === '') return '$';
      return this.lookup(name) ?? '';
    }
    this.next();
    const first = this.peek();
    if (first === undefined) throw new ExpandError("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new ExpandError('syntax error: bad substitution');
    const name = this.name();
    let op = this.next();
    if (op === undefined) throw new ExpandError("syntax error: missing '}'");
    if (op === '}') return this.lookup(name) ?? '';
    let modifier = op;
    let nullIsUnset = false;
    if (op === ':') {
      nullIsUnset = true;
      op = this.next();
      if (op === undefined) throw new ExpandError("syntax error: missing '}'");
      modifier += op;
    }
    if (op === '/' && !nullIsUnset) return this.replace(name);
    if (!'+-?#%'.includes(op)) throw new ExpandError(`unsupported modifier (${modifier}) in substitution`);
    const pattern = op === '#' || op === '%';
    if (nullIsUnset && pattern) throw new ExpandError(`unsupported modifier (${modifier}) in substitution`);
    const word = this.wordUntilBrace(pattern);
    const value = this.lookup(name);
    const unset = value === undefined || (nullIsUnset && value === '');
    switch (op) {
      case '-':
        return unset ? word : value!;
      case '+':
        return unset ? '' : word;
      case '?':
        if (value === undefined) throw new ExpandError(`${name}: ${word || 'is not allowed to be unset'}`);
        if (unset) throw new ExpandError(`${name}: ${word || 'is not allowed to be empty'}`);
        return value;
      default: {
        const greedy = word.startsWith(op);
        const glob = greedy ? word.slice(1) : word;
        return op === '#' ? trimPrefix(value ?? '', glob, greedy) : trimSuffix(value ?? '', glob, greedy);
      }
    }
  }

  private wordUntilBrace(rawEscapes: boolean): string {
    try {
      return this.process('}', rawEscapes);
    } catch (error) {
      if (this.peek() === undefined) throw new ExpandError("syntax error: missing '}'");
      throw error;
    }
  }

  private replace(name: string): string {
    const all = this.peek() === '/';
    if (all) this.next();
    let pattern: string;
    try {
      pattern = this.process('/', true);
    } catch {
      throw new ExpandError("syntax error: missing '}'");
    }
    const replacement = this.wordUntilBrace(true);
    const value = this.lookup(name) ?? '';
    return replaceGlob(value, pattern, replacement, all);
  }
}

/** True when expanding `text` gives it back unchanged and looks nothing up: no `$`, quote or
 *  escape character in it (most words), so callers can skip the lexer. */
export function isLiteral(text: string, escape: string): boolean {
  const esc = escape.charCodeAt(0);
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 36 /* $ */ || ch === 39 /* ' */ || ch === 34 /* " */ || ch === esc) return false;
  }
  return true;
}

/** Expands one word. Throws ExpandError with BuildKit's wording on a malformed substitution. */
export function expandWord(text: string, env: ReadonlyMap<string, string>, escape = '\\'): Expansion {
  const lexer = new Lexer(text, env, escape);
  const value = lexer.process(null, false);
  return { value, matched: lexer.matched, unmatched: lexer.unmatched };
}
