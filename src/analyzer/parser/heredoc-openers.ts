// Finds the heredocs a RUN/COPY/ADD line opens, as BuildKit's heredocsFromLine does:
// every word of the form `[fd]<<[-]NAME` (NAME possibly quoted) opens one, in order.

import { splitWords } from './words.ts';

export interface HeredocOpener {
  name: string;
  quoted: boolean;
  chomp: boolean;
}

const OPENER = /^(\d*)<<(-?)([^<]*)$/;

export function heredocsOnLine(line: string): HeredocOpener[] {
  const openers: HeredocOpener[] = [];
  // BuildKit lexes this line with `\` as the escape character whatever the directive says.
  for (const word of splitWords(line, '\\')) {
    const match = OPENER.exec(word.raw);
    const rest = match?.[3];
    if (!match || !rest) continue;
    const inner = splitWords(rest, '\\');
    if (inner.length !== 1) continue;
    const name = inner[0]!.value;
    if (name === '') continue;
    openers.push({ name, quoted: /['"]/.test(rest), chomp: match[2] === '-' });
  }
  return openers;
}
