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

/** A word that starts like a heredoc opener (`<<EOF`, `<<-EOF`, `3<<EOF`): what /^\d*<<-?/
 *  matches, without a regular expression per word (rules ask about every COPY word). */
export function isHeredocOpener(word: string): boolean {
  let i = 0;
  while (i < word.length && word.charCodeAt(i) >= 48 && word.charCodeAt(i) <= 57) i++;
  return word.charCodeAt(i) === 60 && word.charCodeAt(i + 1) === 60;
}
