// The parts of the server-rendered playground (Playground.astro) the island drives, found
// once by their data attributes. A missing part throws MissingPart and the page stays the
// static sample.
import { part } from '../../lib/dom-parts.ts';

export function findPlaygroundParts(root: HTMLElement) {
  return {
    status: part<HTMLElement>(root, '[data-status]'),
    offer: part<HTMLElement>(root, '[data-offer]'),
    offerText: part<HTMLElement>(root, '[data-offer-text]'),
    statics: [...root.querySelectorAll<HTMLElement>('[data-static]')],
    jsOnly: [...root.querySelectorAll<HTMLElement>('[data-js-only]')],
    open: part<HTMLButtonElement>(root, '[data-open]'),
    file: part<HTMLInputElement>(root, '[data-file]'),
    share: part<HTMLButtonElement>(root, '[data-share]'),
    previous: part<HTMLButtonElement>(root, '[data-previous]'),
    sample: part<HTMLButtonElement>(root, '[data-sample]'),
    help: part<HTMLElement>(root, '.playground__help'),
    editorBox: part<HTMLElement>(root, '[data-editor]'),
    shareBox: part<HTMLElement>(root, '[data-share-box]'),
    shareUrl: part<HTMLInputElement>(root, '[data-share-url]'),
    target: part<HTMLSelectElement>(root, '[data-target]'),
    builders: [...root.querySelectorAll<HTMLInputElement>('.playground__builder input[type="radio"]')],
    engines: [...root.querySelectorAll<HTMLInputElement>('.playground__engine input[type="radio"]')],
    engineNote: part<HTMLElement>(root, '[data-engines]'),
    args: part<HTMLTextAreaElement>(root, '[data-args]'),
    argsProblems: part<HTMLElement>(root, '[data-args-problems]'),
    problemCount: part<HTMLElement>(root, '[data-problem-count]'),
    context: part<HTMLElement>(root, '[data-context]'),
    problems: part<HTMLElement>(root, '[data-problems]'),
    graph: part<HTMLElement>(root, '[data-graph]'),
    image: part<HTMLElement>(root, '[data-image]'),
    plans: part<HTMLElement>(root, '[data-plans]'),
  };
}

export type PlaygroundParts = ReturnType<typeof findPlaygroundParts>;
