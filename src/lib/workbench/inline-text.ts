// Hints and messages in the islands, with their `code` spans as <code> elements: the text is
// set with createTextNode/textContent only, so nothing in it is parsed as HTML. Long code spans
// wrap as InlineText.astro makes them wrap at build time: at their spaces, each word whole,
// except a word too long for a phone's line (global.css keeps inline code on one line otherwise,
// and a cache goal's `RUN pip install --no-cache-dir -r requirements.txt` pushed a phone's page sideways).
import { textParts } from '../code-spans.ts';

/** Longer than this, a word could pass a 320 px phone's line at the code font (as InlineText.astro). */
const LONG_WORD = 24;

function codeElement(doc: Document, text: string): HTMLElement {
  const code = doc.createElement('code');
  if (!text.includes(' ')) {
    if (text.length > LONG_WORD) code.className = 'code-long';
    code.textContent = text;
    return code;
  }
  code.className = 'code-words';
  for (const word of text.split(/( +)/).filter((w) => w !== '')) {
    if (word.trim() === '') {
      code.append(doc.createTextNode(word));
      continue;
    }
    const span = doc.createElement('span');
    span.className = word.length > LONG_WORD ? 'code-long' : 'nowrap';
    span.textContent = word;
    code.append(span);
  }
  return code;
}

/** The nodes of `text`: text nodes, and a <code> element for each `code` span. */
export function inlineNodes(doc: Document, text: string): Node[] {
  return textParts(text).map((part) => (part.code ? codeElement(doc, part.text) : doc.createTextNode(part.text)));
}

/** Replaces the children of `node` with `text`, code spans as <code>. */
export function setInlineText(node: Element, text: string): void {
  node.replaceChildren(...inlineNodes(node.ownerDocument, text));
}
