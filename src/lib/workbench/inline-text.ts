// Hints and messages in the islands, with their `code` spans as <code> elements: the text is
// set with createTextNode/textContent only, so nothing in it is parsed as HTML.
import { textParts } from '../code-spans.ts';

/** The nodes of `text`: text nodes, and a <code> element for each `code` span. */
export function inlineNodes(doc: Document, text: string): Node[] {
  return textParts(text).map((part) => {
    if (!part.code) return doc.createTextNode(part.text);
    const code = doc.createElement('code');
    code.textContent = part.text;
    return code;
  });
}

/** Replaces the children of `node` with `text`, code spans as <code>. */
export function setInlineText(node: Element, text: string): void {
  node.replaceChildren(...inlineNodes(node.ownerDocument, text));
}
