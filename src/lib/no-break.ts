// Keeps command-line flags such as --target or --from=build on one line in plain text
// (browsers break after a hyphen, leaving "--" at the end of a line and "target" on the next).

export interface TextPart {
  text: string;
  /** True for a flag that must not be broken. */
  flag: boolean;
}

const FLAG = /(?<![\w-])(--?[A-Za-z][\w.:=/-]*)/g;

export function flagParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(FLAG)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index), flag: false });
    parts.push({ text: match[0], flag: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), flag: false });
  return parts;
}
