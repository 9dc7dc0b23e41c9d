// A small POSIX-shell reader for RUN scripts: enough to find the simple commands a script
// runs (`apt-get install -y gcc`), with each word's offset in the script. It follows
// quoting, escapes, line continuations, comments, `$(…)`, redirections and here-documents,
// and splits on `&&`, `||`, `;`, `|`, `&`, parentheses and newlines. It does not expand
// variables or run anything: `$PKGS` stays `$PKGS`.

export interface ShellWord {
  /** The word with quotes removed and escapes applied. */
  value: string;
  /** Offsets in the script: the first character of the word and just past its last. */
  start: number;
  end: number;
}

export interface SimpleCommand<W extends { value: string } = ShellWord> {
  /** The program and its arguments, after leading assignments and wrappers (`sudo`, `env`…). */
  words: W[];
  /** `NAME=value` assignments before the program (they apply to this command only). */
  assignments: Record<string, string>;
}

type Token = (ShellWord & { kind: 'word' }) | { kind: 'op' | 'redirect'; value: string; start: number; end: number };

const BLANK = new Set([' ', '\t', '\r', '\v', '\f']);
const TWO_CHAR_OPS = new Set(['&&', '||', ';;', '|&']);
const REDIRECTS = ['<<<', '<<-', '&>>', '<<', '>>', '<&', '>&', '<>', '>|', '&>', '<', '>'];

/** Offset just past the `)` that closes the `(` at `open` (quotes inside are skipped). */
function closeParen(script: string, open: number): number {
  let depth = 0;
  for (let i = open; i < script.length; i++) {
    const ch = script[i];
    if (ch === '\\') i++;
    else if (ch === "'") i = script.indexOf("'", i + 1) === -1 ? script.length : script.indexOf("'", i + 1);
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i + 1;
  }
  return script.length;
}

/** Offset just past the `close` character that ends a group opened at `open`. */
function closeAt(script: string, open: number, close: string): number {
  for (let i = open + 1; i < script.length; i++) {
    if (script[i] === '\\') i++;
    else if (script[i] === close) return i + 1;
  }
  return script.length;
}

export function tokenize(script: string): Token[] {
  const tokens: Token[] = [];
  const heredocs: Array<{ name: string; chomp: boolean }> = [];
  let heredocNext: { chomp: boolean } | null = null;
  let word: { value: string; start: number } | null = null;
  let i = 0;

  const begin = (at: number) => {
    word ??= { value: '', start: at };
    return word;
  };
  const flush = (end: number) => {
    if (!word) return;
    tokens.push({ kind: 'word', value: word.value, start: word.start, end });
    if (heredocNext) {
      heredocs.push({ name: word.value, chomp: heredocNext.chomp });
      heredocNext = null;
    }
    word = null;
  };
  /** After a newline: skip the bodies of the here-documents opened on the line before. */
  const skipHeredocBodies = () => {
    while (heredocs.length > 0 && i < script.length) {
      const { name, chomp } = heredocs[0]!;
      const nl = script.indexOf('\n', i);
      const lineEnd = nl === -1 ? script.length : nl;
      let line = script.slice(i, lineEnd).replace(/\r$/, '');
      if (chomp) line = line.replace(/^\t+/, '');
      i = nl === -1 ? script.length : nl + 1;
      if (line === name) heredocs.shift();
    }
    heredocs.length = 0;
  };

  while (i < script.length) {
    const ch = script[i]!;
    if (ch === '\\') {
      if (script[i + 1] === '\n') i += 2;
      else if (script[i + 1] === '\r' && script[i + 2] === '\n') i += 3;
      else {
        if (i + 1 < script.length) begin(i).value += script[i + 1];
        i += 2;
      }
    } else if (ch === '\n') {
      flush(i);
      tokens.push({ kind: 'op', value: '\n', start: i, end: i + 1 });
      i++;
      skipHeredocBodies();
    } else if (BLANK.has(ch)) {
      flush(i);
      i++;
    } else if (ch === '#' && !word) {
      const nl = script.indexOf('\n', i);
      i = nl === -1 ? script.length : nl;
    } else if (ch === "'") {
      const close = script.indexOf("'", i + 1);
      const stop = close === -1 ? script.length : close;
      begin(i).value += script.slice(i + 1, stop);
      i = stop + 1;
    } else if (ch === '"') {
      const current = begin(i);
      i++;
      while (i < script.length && script[i] !== '"') {
        if (script[i] === '\\' && i + 1 < script.length && '"\\$`\n'.includes(script[i + 1]!)) {
          if (script[i + 1] !== '\n') current.value += script[i + 1];
          i += 2;
        } else if (script[i] === '$' && script[i + 1] === '(') {
          const end = closeParen(script, i + 1);
          current.value += script.slice(i, end);
          i = end;
        } else {
          current.value += script[i];
          i++;
        }
      }
      i++;
    } else if (ch === '$' && (script[i + 1] === '(' || script[i + 1] === '{')) {
      const end = script[i + 1] === '(' ? closeParen(script, i + 1) : closeAt(script, i + 1, '}');
      begin(i).value += script.slice(i, end);
      i = end;
    } else if (ch === '`') {
      const end = closeAt(script, i, '`');
      begin(i).value += script.slice(i, end);
      i = end;
    } else if (ch === '<' || ch === '>' || (ch === '&' && script[i + 1] === '>')) {
      // A word of digits right before the operator is its file descriptor (`2>&1`).
      const current = word as { value: string; start: number } | null;
      if (current && /^\d+$/.test(current.value) && script.slice(current.start, i) === current.value) word = null;
      else flush(i);
      const op = REDIRECTS.find((candidate) => script.startsWith(candidate, i))!;
      tokens.push({ kind: 'redirect', value: op, start: i, end: i + op.length });
      if (op === '<<' || op === '<<-') heredocNext = { chomp: op === '<<-' };
      i += op.length;
    } else if (ch === '&' || ch === '|' || ch === ';' || ch === '(' || ch === ')') {
      flush(i);
      const two = script.slice(i, i + 2);
      const op = TWO_CHAR_OPS.has(two) ? two : ch;
      tokens.push({ kind: 'op', value: op, start: i, end: i + op.length });
      i += op.length;
    } else {
      begin(i).value += ch;
      i++;
    }
  }
  flush(script.length);
  return tokens;
}

const RESERVED = new Set(['!', '{', '}', 'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'time']);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/;
/** Options of `sudo` and `env` that take a separate value. */
const WRAPPER_VALUE_OPTIONS: Record<string, Set<string>> = {
  sudo: new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-R', '-T']),
  env: new Set(['-u', '--unset', '-C', '--chdir', '-S', '--split-string']),
  command: new Set(),
  exec: new Set(['-a']),
  nohup: new Set(),
};

/**
 * The simple command `words` form, as the shell runs it: leading `NAME=value` assignments,
 * reserved words (`then`, `do`, `!`…) and wrappers (`sudo`, `env`, `exec`, `command`,
 * `nohup`) are set aside, so `words[0]` is the program. Works on any word type.
 */
export function simpleCommand<W extends { value: string }>(words: readonly W[]): SimpleCommand<W> {
  const rest = [...words];
  const assignments: Record<string, string> = {};
  for (;;) {
    const first = rest[0];
    if (!first) break;
    const assignment = ASSIGNMENT.exec(first.value);
    const wrapper = WRAPPER_VALUE_OPTIONS[first.value];
    if (assignment) {
      assignments[assignment[1]!] = assignment[2]!;
      rest.shift();
    } else if (RESERVED.has(first.value)) {
      rest.shift();
    } else if (wrapper) {
      rest.shift();
      while (rest[0]?.value.startsWith('-')) {
        const option = rest.shift()!;
        if (wrapper.has(option.value)) rest.shift();
        if (option.value === '--') break;
      }
    } else break;
  }
  return { words: rest, assignments };
}

/** Every simple command of a shell script, in order. */
export function splitCommands(script: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: ShellWord[] = [];
  let redirectTarget = false;
  const finish = () => {
    const command = simpleCommand(words);
    if (command.words.length > 0 || Object.keys(command.assignments).length > 0) commands.push(command);
    words = [];
  };
  for (const token of tokenize(script)) {
    if (token.kind === 'op') {
      finish();
      redirectTarget = false;
    } else if (token.kind === 'redirect') {
      redirectTarget = true;
    } else if (redirectTarget) {
      redirectTarget = false;
    } else {
      words.push({ value: token.value, start: token.start, end: token.end });
    }
  }
  finish();
  return commands;
}

/** `/usr/bin/apt-get` → `apt-get`. */
export function programName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

export function isShell(program: string): boolean {
  return SHELLS.has(programName(program));
}
