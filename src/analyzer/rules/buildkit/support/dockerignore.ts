// .dockerignore matching as Docker does it: the file is read like moby/patternmatcher's
// ignorefile.ReadAll (`#` comment lines, blank lines skipped, `!` exceptions, patterns
// cleaned, a leading `/` dropped) and matched like PatternMatcher.MatchesOrParentMatches
// (`*` and `?` stay within one path segment, `**` spans any number of them, a pattern that
// matches a parent directory excludes everything below it, the last matching pattern wins).

/** One element of a pattern: patternmatcher turns each into a piece of a regular expression. */
type Token =
  | { kind: 'char'; char: string }
  | { kind: 'one' } // `?`: one character but `/`
  | { kind: 'star' } // `*`: any run without `/`
  | { kind: 'segments' } // `**/`: nothing, or anything ending in `/`
  | { kind: 'all' } // a trailing `**`: anything
  | { kind: 'class'; negate: boolean; items: Array<[string, string]> };

interface Pattern {
  exclusion: boolean;
  tokens: Token[];
}

export interface IgnoreMatcher {
  /** True when `path` (relative to the context root) or one of its parent directories is excluded. */
  excludes(path: string): boolean;
}

/** Go's path.Clean: collapse `//`, `.` and `..`, drop a trailing `/`. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out.at(-1) !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  return rooted ? `/${joined}` : joined || '.';
}

/** Go's path.Dir. */
function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return cleanPath(slash === -1 ? '' : path.slice(0, slash + 1));
}

/** The lines of a .dockerignore as ignorefile.ReadAll returns them. */
export function readIgnoreFile(lines: readonly string[]): string[] {
  const patterns: string[] = [];
  lines.forEach((line, index) => {
    let pattern = index === 0 ? line.replace(/^\uFEFF/, '') : line;
    if (pattern.startsWith('#')) return;
    pattern = pattern.trim();
    if (pattern === '') return;
    const invert = pattern.startsWith('!');
    if (invert) pattern = pattern.slice(1).trim();
    if (pattern.length > 0) {
      pattern = cleanPath(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    patterns.push(invert ? `!${pattern}` : pattern);
  });
  return patterns;
}

/** A class body such as `a-z_` or `^0-9` (Go regexp syntax, which patternmatcher passes on). */
function classToken(body: string): Token {
  const negate = body.startsWith('^');
  const items: Array<[string, string]> = [];
  const chars: string[] = [];
  for (let i = negate ? 1 : 0; i < body.length; i++) chars.push(body[i] === '\\' && i + 1 < body.length ? body[++i]! : body[i]!);
  for (let i = 0; i < chars.length; i++) {
    if (chars[i + 1] === '-' && i + 2 < chars.length) {
      items.push([chars[i]!, chars[i + 2]!]);
      i += 2;
    } else items.push([chars[i]!, chars[i]!]);
  }
  return { kind: 'class', negate, items };
}

/** A pattern as patternmatcher compiles it; null for a malformed one (an unclosed `[`). */
function tokenize(pattern: string): Token[] | null {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') {
      if (pattern[i + 1] !== '*') tokens.push({ kind: 'star' });
      else {
        i++;
        if (pattern[i + 1] === '/') i++;
        tokens.push(i + 1 >= pattern.length ? { kind: 'all' } : { kind: 'segments' });
      }
    } else if (ch === '?') tokens.push({ kind: 'one' });
    else if (ch === '\\') tokens.push({ kind: 'char', char: i + 1 < pattern.length ? pattern[++i]! : '\\' });
    else if (ch === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) return null;
      tokens.push(classToken(pattern.slice(i + 1, close)));
      i = close;
    } else tokens.push({ kind: 'char', char: ch });
  }
  return tokens;
}

function inClass(token: Extract<Token, { kind: 'class' }>, ch: string): boolean {
  return token.items.some(([from, to]) => ch >= from && ch <= to) !== token.negate;
}

/**
 * Whether the tokens match the whole path. Runs the pattern as an automaton, one path
 * character at a time (state 2i: at token i; 2i+1: inside the `**` group of token i), so a
 * pattern full of `*` cannot make it backtrack exponentially.
 */
function matches(tokens: readonly Token[], path: string): boolean {
  const end = tokens.length;
  const close = (states: Set<number>): Set<number> => {
    for (const state of states) {
      if (state % 2 === 1 || state / 2 >= end) continue;
      const kind = tokens[state / 2]!.kind;
      if (kind === 'star' || kind === 'segments' || kind === 'all') states.add(state + 2);
    }
    return states;
  };
  let states = close(new Set([0]));
  for (const ch of path) {
    const next = new Set<number>();
    for (const state of states) {
      const i = Math.floor(state / 2);
      if (i >= end) continue;
      const token = tokens[i]!;
      if (state % 2 === 1 || token.kind === 'segments') {
        next.add(2 * i + 1);
        if (ch === '/') next.add(2 * i + 2);
        continue;
      }
      switch (token.kind) {
        case 'char':
          if (ch === token.char) next.add(state + 2);
          break;
        case 'one':
          if (ch !== '/') next.add(state + 2);
          break;
        case 'star':
          if (ch !== '/') next.add(state);
          break;
        case 'all':
          next.add(state);
          break;
        case 'class':
          if (inClass(token, ch)) next.add(state + 2);
          break;
      }
    }
    if (next.size === 0) return false;
    states = close(next);
  }
  return states.has(2 * end);
}

/** A matcher for the .dockerignore lines, or null when Docker would reject a pattern. */
export function ignoreMatcher(lines: readonly string[]): IgnoreMatcher | null {
  const patterns: Pattern[] = [];
  for (let text of readIgnoreFile(lines)) {
    text = cleanPath(text.trim());
    const exclusion = text.startsWith('!');
    if (exclusion) {
      if (text.length === 1) return null;
      text = text.slice(1);
    }
    const tokens = tokenize(text);
    if (tokens === null) return null;
    patterns.push({ exclusion, tokens });
  }
  return {
    excludes(path) {
      const parent = dirname(path);
      const parentDirs = parent.split('/');
      let matched = false;
      for (const pattern of patterns) {
        // An inclusion cannot change an excluded path, nor an exception an included one.
        if (pattern.exclusion !== matched) continue;
        let match = matches(pattern.tokens, path);
        if (!match && parent !== '.') {
          for (let i = 1; i <= parentDirs.length && !match; i++) match = matches(pattern.tokens, parentDirs.slice(0, i).join('/'));
        }
        if (match) matched = !pattern.exclusion;
      }
      return matched;
    },
  };
}
