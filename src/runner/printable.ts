// Text from a Dockerfile or the command line, made safe to print on a terminal: control
// characters (ESC, BEL, CR, the C1 range …) would set the window title, clear the screen
// or colour the rest of the output, and bidirectional overrides would make a line read in
// a different order than it is ("Trojan Source"). Each is shown escaped instead (`\x1b`,
// `\u202e`), so the learner sees what the file really holds. Tabs stay; newlines stay only
// where a caller prints several lines. Pure: the CLI's reports and the runner's log use it.

const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const UNPRINTABLE_OR_NEWLINE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escaped(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line's worth of text: every control character escaped, newlines too. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE_OR_NEWLINE, escaped);
}

/** Several lines: control characters escaped, newlines kept. */
export function printableLines(text: string): string {
  return text.replace(UNPRINTABLE, escaped);
}
