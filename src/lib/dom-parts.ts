// The DOM helpers every island app uses (the workbench, the playground, the stage
// runner): find a part of the server-rendered markup, and make an element whose text is set
// with textContent, so text from a learner or a process never becomes markup.

/** A part the server-rendered markup should have is not there (the island then leaves the
 *  page as it was). */
export class MissingPart extends Error {}

export function part<T extends Element>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new MissingPart(selector);
  return found;
}

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// The target chooser's renderer (target-chooser.ts), shared by the same islands: reached
// through this module so the bundler keeps it in this one shared chunk, not a chunk of its
// own (a few hundred bytes more on the workbench and playground pages).
export { showTargetChoices } from './target-chooser.ts';
