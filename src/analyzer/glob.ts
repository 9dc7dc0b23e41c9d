// Shell glob patterns (`*`, `?`, `[...]`, `\x`) for ${V#p}, ${V%p} and ${V/p/r}.
//
// Matched by dynamic programming over (pattern, text) positions rather than by building a
// RegExp: a pattern such as `*a*a*a*b` makes a backtracking engine take exponential time
// on a long value, and the analyzer runs on every keystroke.

type Token = { kind: 'any' } | { kind: 'one' } | { kind: 'char'; char: string } | { kind: 'class'; negate: boolean; body: string };

export function tokenize(glob: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') tokens.push({ kind: 'any' });
    else if (ch === '?') tokens.push({ kind: 'one' });
    else if (ch === '[' && glob.indexOf(']', i + 2) !== -1) {
      const close = glob.indexOf(']', i + 2);
      let body = glob.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      tokens.push({ kind: 'class', negate, body });
      i = close;
    } else if (ch === '\\' && i + 1 < glob.length) tokens.push({ kind: 'char', char: glob[++i]! });
    else tokens.push({ kind: 'char', char: ch });
  }
  return tokens;
}

function inClass(body: string, ch: string): boolean {
  for (let i = 0; i < body.length; i++) {
    if (body[i + 1] === '-' && i + 2 < body.length) {
      if (ch >= body[i]! && ch <= body[i + 2]!) return true;
      i += 2;
    } else if (body[i] === ch) return true;
  }
  return false;
}

function matchesOne(token: Token, ch: string): boolean {
  switch (token.kind) {
    case 'one':
      return true;
    case 'char':
      return token.char === ch;
    case 'class':
      return inClass(token.body, ch) !== token.negate;
    default:
      return false;
  }
}

/**
 * For a match starting at `start`, every end position e (start ≤ e ≤ text.length) such
 * that text[start, e) matches the whole pattern. O(text × pattern).
 */
export function matchEnds(tokens: Token[], text: string, start: number): boolean[] {
  // reach[k]: the first k tokens can match text[start, i) — advanced one character at a time.
  let reach = new Array<boolean>(tokens.length + 1).fill(false);
  reach[0] = true;
  const closeStars = (r: boolean[]) => {
    for (let k = 0; k < tokens.length; k++) if (r[k] && tokens[k]!.kind === 'any') r[k + 1] = true;
  };
  closeStars(reach);
  const ends = new Array<boolean>(text.length + 1).fill(false);
  ends[start] = reach[tokens.length]!;
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    const next = new Array<boolean>(tokens.length + 1).fill(false);
    let alive = false;
    for (let k = 0; k < tokens.length; k++) {
      if (!reach[k]) continue;
      const token = tokens[k]!;
      if (token.kind === 'any') next[k] = true;
      else if (matchesOne(token, ch)) next[k + 1] = true;
    }
    closeStars(next);
    for (const r of next) alive ||= r;
    reach = next;
    ends[i + 1] = reach[tokens.length]!;
    if (!alive) break;
  }
  return ends;
}

/** ${V#p} / ${V##p}: remove the shortest / longest prefix matching the pattern. */
export function trimPrefix(value: string, glob: string, longest: boolean): string {
  const ends = matchEnds(tokenize(glob), value, 0);
  const order = longest ? ends.lastIndexOf(true) : ends.indexOf(true);
  return order === -1 ? value : value.slice(order);
}

/** ${V%p} / ${V%%p}: remove the shortest / longest suffix matching the pattern. */
export function trimSuffix(value: string, glob: string, longest: boolean): string {
  const reversed = reverseTokens(tokenize(glob));
  const ends = matchEnds(reversed, reverseText(value), 0);
  const cut = longest ? ends.lastIndexOf(true) : ends.indexOf(true);
  return cut === -1 ? value : value.slice(0, value.length - cut);
}

function reverseTokens(tokens: Token[]): Token[] {
  return [...tokens].reverse();
}

/** Reversed by UTF-16 unit, so indices stay comparable with the original's. */
function reverseText(text: string): string {
  return text.split('').reverse().join('');
}

/** ${V/p/r} and ${V//p/r}: replace the leftmost (longest) match, or every match. */
export function replaceGlob(value: string, glob: string, replacement: string, all: boolean): string {
  const tokens = tokenize(glob);
  if (tokens.length === 0) return value;
  let result = '';
  let from = 0;
  while (from <= value.length) {
    const match = leftmostMatch(tokens, value, from);
    if (!match) break;
    result += value.slice(from, match.start) + replacement;
    if (!all) return result + value.slice(match.end);
    if (match.end === match.start) {
      if (match.end < value.length) result += value[match.end];
      from = match.end + 1;
    } else from = match.end;
  }
  return result + value.slice(Math.min(from, value.length));
}

function leftmostMatch(tokens: Token[], value: string, from: number): { start: number; end: number } | null {
  // The starts where the pattern matches some substring, found in one pass over the
  // reversed text with `*` followed by the reversed pattern; then the longest end from
  // the leftmost such start.
  const reversed: Token[] = [{ kind: 'any' }, ...reverseTokens(tokens)];
  const tail = reverseText(value.slice(from));
  const canStart = matchEnds(reversed, tail, 0);
  for (let start = from; start <= value.length; start++) {
    if (!canStart[value.length - start]) continue;
    const ends = matchEnds(tokens, value, start);
    return { start, end: ends.lastIndexOf(true) };
  }
  return null;
}
