// Prose with `code` spans, as the course writes hints and the analyzer writes messages:
// text between backticks is code. Pure, so the build (InlineText.astro), the islands
// (src/lib/workbench/inline-text.ts) and the playground's view trees split text the same way.

/** A piece of prose: plain text, or text that was between backticks (shown as code). */
export interface TextPart {
  code: boolean;
  text: string;
}

/** Splits prose on `code` spans; an unmatched backtick stays as text. */
export function textParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  const pattern = /`([^`]+)`/g;
  let last = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match.index > last) parts.push({ code: false, text: text.slice(last, match.index) });
    parts.push({ code: true, text: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ code: false, text: text.slice(last) });
  return parts;
}
