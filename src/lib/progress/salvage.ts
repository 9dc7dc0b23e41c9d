// What can still be read of a damaged JSON value: a stray byte appended, a value cut short
// (storage full in the middle of a write by another program, a hand edit), a broken entry.
// JSON.parse gives all or nothing; this reads the same grammar and, where the text stops
// being JSON, keeps every object member and array element it had completed before that
// point, drops the broken one and the rest, and says the result is not the whole.
//
// A hand-written reader because no JSON library in the bundle recovers partial input, and
// this one is small: strings and numbers are still decoded by JSON.parse itself. Keys that
// could reach a prototype are left out, as parseJson (storage.ts) refuses them, and nesting
// is bounded so a hostile value cannot exhaust the stack.

export interface Salvaged {
  value: unknown;
  /** False when something was dropped (or followed the value). */
  complete: boolean;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 64;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
/** The longest start of a string that is still valid: a string cut short keeps its beginning. */
const STRING_START = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*/y;
const SPACE = /[ \t\n\r]*/y;

class Broken extends Error {}

class Reader {
  #at = 0;
  complete = true;
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  #space(): void {
    SPACE.lastIndex = this.#at;
    SPACE.exec(this.#text);
    this.#at = SPACE.lastIndex;
  }

  #match(pattern: RegExp): string | null {
    pattern.lastIndex = this.#at;
    const found = pattern.exec(this.#text);
    if (!found) return null;
    this.#at = pattern.lastIndex;
    return found[0];
  }

  #expect(char: string): void {
    this.#space();
    if (this.#text[this.#at] !== char) throw new Broken();
    this.#at++;
  }

  /** The value at the current position, or Broken when there is none. */
  value(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new Broken();
    this.#space();
    const char = this.#text[this.#at];
    if (char === '{') return this.#object(depth);
    if (char === '[') return this.#array(depth);
    if (char === '"') {
      const string = this.#match(STRING);
      if (string !== null) return JSON.parse(string) as string;
      // Cut short, or broken inside: what is read of it up to there (a learner's text, mostly).
      const start = this.#match(STRING_START);
      throw new Partial(JSON.parse(`${start ?? '"'}"`) as string);
    }
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.#text.startsWith(word, this.#at)) {
        this.#at += word.length;
        return value;
      }
    }
    const number = this.#match(NUMBER);
    if (number === null) throw new Broken();
    return Number(number);
  }

  #object(depth: number): Record<string, unknown> {
    this.#at++;
    const result: Record<string, unknown> = {};
    this.#space();
    if (this.#text[this.#at] === '}') {
      this.#at++;
      return result;
    }
    const keep = (name: string, value: unknown) => {
      if (FORBIDDEN_KEYS.has(name)) this.complete = false;
      else Object.defineProperty(result, name, { value, enumerable: true, writable: true, configurable: true });
    };
    for (;;) {
      let name: string | null = null;
      try {
        this.#space();
        const key = this.#match(STRING);
        if (key === null) throw new Broken();
        this.#expect(':');
        name = JSON.parse(key) as string;
        keep(name, this.value(depth + 1));
        this.#space();
        const next = this.#text[this.#at++];
        if (next === '}') return result;
        if (next !== ',') throw new Broken();
      } catch (error) {
        if (!(error instanceof Broken)) throw error;
        // Keep the members read so far (and what was read of a member cut short); the rest is lost.
        if (error instanceof Partial && name !== null) keep(name, error.value);
        this.complete = false;
        throw new Partial(result);
      }
    }
  }

  #array(depth: number): unknown[] {
    this.#at++;
    const result: unknown[] = [];
    this.#space();
    if (this.#text[this.#at] === ']') {
      this.#at++;
      return result;
    }
    for (;;) {
      try {
        result.push(this.value(depth + 1));
        this.#space();
        const next = this.#text[this.#at++];
        if (next === ']') return result;
        if (next !== ',') throw new Broken();
      } catch (error) {
        if (!(error instanceof Broken)) throw error;
        if (error instanceof Partial) result.push(error.value);
        this.complete = false;
        throw new Partial(result);
      }
    }
  }

  /** True when only whitespace follows. */
  atEnd(): boolean {
    this.#space();
    return this.#at === this.#text.length;
  }
}

/** An object or array cut short: what was read of it travels up as the value. */
class Partial extends Broken {
  readonly value: unknown;
  constructor(value: unknown) {
    super();
    this.value = value;
  }
}

/**
 * Reads what it can of `text`. Null when not even the start of a value is there. A
 * partial inner value becomes its parent's last member, and the parent ends there.
 */
export function salvageJson(text: string): Salvaged | null {
  const reader = new Reader(text);
  let value: unknown;
  try {
    value = reader.value(0);
  } catch (error) {
    if (error instanceof Partial) return { value: error.value, complete: false };
    if (error instanceof Broken) return null;
    throw error;
  }
  return { value, complete: reader.complete && reader.atEnd() };
}
