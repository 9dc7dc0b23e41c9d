// Reading a shell-form RUN or CMD line as the runner can run it: simple commands joined
// with `&&`, each an optional `NAME=value` prefix and words. Anything that needs a real
// shell to mean what it says (pipes, redirections, `;`, `||`, subshells, command
// substitution, file patterns …) is reported by name instead, so the step is skipped with
// a reason rather than run wrongly. Words are kept raw (quotes and `$VAR` as written) and
// expanded when the step runs, with the environment it runs in.

export interface ShellCommand {
  /** `NAME=value` words before the command: variables for that command only. */
  assignments: Array<{ name: string; raw: string }>;
  /** The command and its arguments as written (quotes kept, variables not expanded). */
  words: string[];
}

export type ShellParse = { ok: true; commands: ShellCommand[] } | { ok: false; feature: string };

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Splits `text` into the commands of an `&&` chain, or names the shell feature it needs. */
export function parseShellCommand(text: string): ShellParse {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const unsupported = (feature: string): ShellParse => ({ ok: false, feature });

  for (let i = 0; i < text.length;) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (ch === ' ' || ch === '\t') {
      endWord();
      i++;
    } else if (ch === '\n' || ch === '\r') {
      if (text.slice(i).trim() !== '') return unsupported('several lines of commands');
      break;
    } else if (ch === '#' && !inWord) {
      break; // A comment runs to the end of the line.
    } else if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      if (close === -1) return unsupported('a quote that is never closed');
      word += text.slice(i, close + 1);
      inWord = true;
      i = close + 1;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\') j++;
        else if (text[j] === '`' || (text[j] === '$' && text[j + 1] === '(')) return unsupported('command substitution ($(…) or `…`)');
      }
      if (j >= text.length) return unsupported('a quote that is never closed');
      word += text.slice(i, j + 1);
      inWord = true;
      i = j + 1;
    } else if (ch === '\\') {
      word += text.slice(i, i + 2);
      inWord = true;
      i += 2;
    } else if (ch === '$') {
      if (next === '(') return unsupported('command substitution ($(…) or `…`)');
      if (next === '{') {
        const close = text.indexOf('}', i + 2);
        if (close === -1) return unsupported('a ${…} that is never closed');
        word += text.slice(i, close + 1);
        i = close + 1;
      } else {
        word += ch;
        i++;
      }
      inWord = true;
    } else if (ch === '&') {
      if (next !== '&') return unsupported('a background job (&)');
      endWord();
      if (words.length === 0) return unsupported('an empty command before &&');
      commands.push(words);
      words = [];
      i += 2;
    } else if (ch === '|') {
      return unsupported(next === '|' ? '|| (run if the command before fails)' : 'a pipe (|)');
    } else if (ch === ';') {
      return unsupported('; (commands in a row)');
    } else if (ch === '>' || ch === '<') {
      return unsupported('a redirection (> or <)');
    } else if (ch === '(' || ch === ')') {
      return unsupported('a subshell ( … )');
    } else if (ch === '`') {
      return unsupported('command substitution ($(…) or `…`)');
    } else if (ch === '*' || ch === '?' || ch === '[') {
      return unsupported('a file pattern (*, ? or [ ]) the shell would expand');
    } else if (ch === '~' && !inWord) {
      return unsupported('the home folder shortcut ~');
    } else if ((ch === '{' || ch === '}') && !inWord && (next === undefined || next === ' ' || next === '\t')) {
      return unsupported('a command group { … }');
    } else {
      word += ch;
      inWord = true;
      i++;
    }
  }
  endWord();
  if (words.length === 0) return commands.length === 0 ? unsupported('no command at all') : unsupported('an empty command after &&');
  commands.push(words);

  const parsed: ShellCommand[] = [];
  for (const all of commands) {
    let first = 0;
    while (first < all.length && ASSIGNMENT.test(all[first]!)) first++;
    if (first === all.length) return unsupported('a shell variable assignment without a command');
    parsed.push({
      assignments: all.slice(0, first).map((raw) => {
        const eq = raw.indexOf('=');
        return { name: raw.slice(0, eq), raw: raw.slice(eq + 1) };
      }),
      words: all.slice(first),
    });
  }
  return { ok: true, commands: parsed };
}

/** The text of a word when it is the same whatever the environment (no `$`); null otherwise.
 *  Quotes and backslashes are removed as the shell removes them. */
export function literalWord(raw: string): string | null {
  if (raw.includes('$')) return null;
  let value = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === "'") {
      const close = raw.indexOf("'", i + 1);
      value += raw.slice(i + 1, close);
      i = close;
    } else if (ch === '"') {
      for (i++; i < raw.length && raw[i] !== '"'; i++) {
        if (raw[i] === '\\' && '"\\$`'.includes(raw[i + 1] ?? '')) i++;
        value += raw[i];
      }
    } else if (ch === '\\') {
      if (i + 1 < raw.length) value += raw[++i];
    } else value += ch;
  }
  return value;
}
