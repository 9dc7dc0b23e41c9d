// Variable substitution forms, as BuildKit's shell lexer evaluates them.

import { describe, expect, it } from 'vitest';
import { expandWord } from '../../src/analyzer/expand.ts';

const env = new Map([
  ['V', 'slim'],
  ['EMPTY', ''],
  ['PATHV', 'a/b/c.tar.gz'],
]);
const x = (word: string) => expandWord(word, env).value;

describe('expandWord', () => {
  it('expands plain forms and leaves unknown variables empty', () => {
    expect(x('base-$V')).toBe('base-slim');
    expect(x('base-${V}-x')).toBe('base-slim-x');
    expect(x('base-${NOPE}')).toBe('base-');
    expect(x('$')).toBe('$');
  });

  it('supports default and alternative values, with and without the colon', () => {
    expect(x('${NOPE:-full}')).toBe('full');
    expect(x('${EMPTY:-full}')).toBe('full');
    expect(x('${EMPTY-full}')).toBe('');
    expect(x('${V:+x}')).toBe('x');
    expect(x('${EMPTY:+x}')).toBe('');
    expect(x('${EMPTY+x}')).toBe('x');
  });

  it('removes prefixes and suffixes, shortest or longest', () => {
    expect(x('${PATHV#*/}')).toBe('b/c.tar.gz');
    expect(x('${PATHV##*/}')).toBe('c.tar.gz');
    expect(x('${PATHV%.*}')).toBe('a/b/c.tar');
    expect(x('${PATHV%%.*}')).toBe('a/b/c');
  });

  it('replaces the first or every match', () => {
    expect(x('${V/s/S}')).toBe('Slim');
    expect(x('${PATHV//\\//-}')).toBe('a-b-c.tar.gz');
  });

  it('removes quotes and honours escapes', () => {
    expect(x(`"a $V"'$V'`)).toBe('a slim$V');
    expect(x('\\$V')).toBe('$V');
  });

  it('records which variables were looked up', () => {
    const result = expandWord('${V}-${NOPE:-d}', env);
    expect([...result.matched]).toEqual(['V']);
    expect([...result.unmatched]).toEqual(['NOPE']);
  });

  it('fails with BuildKit wording on malformed or required forms', () => {
    expect(() => x('${V')).toThrow("syntax error: missing '}'");
    expect(() => x('${}')).toThrow('bad substitution');
    expect(() => x('${NOPE:?must be set}')).toThrow('NOPE: must be set');
    expect(() => x('${NOPE?}')).toThrow('NOPE: is not allowed to be unset');
    expect(() => x('${V:#x}')).toThrow('unsupported modifier (:#) in substitution');
    expect(() => x('"open')).toThrow('matching double-quote');
  });
});

describe('glob patterns in substitutions', () => {
  const v = (value: string, word: string) => expandWord(word, new Map([['V', value]])).value;

  it('match character classes and single characters', () => {
    expect(v('v1.2.3', '${V#v[0-9]}')).toBe('.2.3');
    expect(v('abc', '${V#?}')).toBe('bc');
    expect(v('abc', '${V%[!a]}')).toBe('ab');
  });

  it('replace the leftmost longest match, or every match', () => {
    expect(v('aXbXc', '${V/X*/-}')).toBe('a-');
    expect(v('a.b.c', '${V//./-}')).toBe('a-b-c');
    expect(v('abc', '${V/z/-}')).toBe('abc');
  });

  it('stay fast on patterns that make a backtracking engine explode', () => {
    const value = 'a'.repeat(2000);
    expect(v(value, '${V#*a*a*a*b}')).toBe(value);
    expect(v(value, '${V%%a*a*a*a}')).toBe('');
    expect(v(value, '${V//*a*a*b/x}')).toBe(value);
  });
});
