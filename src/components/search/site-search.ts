// <site-search>: starts Pagefind's UI (pagefind-ui.js, loaded by the page as an external
// script) in [data-ui], and searches for ?q= (the header's search link and any bookmarked
// search). When the index is missing (the dev server), or the server's Content-Security-Policy
// forbids WebAssembly, it says so instead.

import { SEARCH_RANKING } from './ranking.ts';

interface PagefindUIInstance {
  triggerSearch(term: string): void;
}

type PagefindUIConstructor = new (options: Record<string, unknown>) => PagefindUIInstance;

declare global {
  interface Window {
    PagefindUI?: PagefindUIConstructor;
  }
}

/**
 * Whether this page may compile WebAssembly, which Pagefind's search needs. A
 * Content-Security-Policy whose script-src lacks 'wasm-unsafe-eval' forbids it; then search
 * cannot work, and the page says so instead of searching forever.
 */
function canRunWasm(): boolean {
  try {
    // The smallest valid module: the magic number and version 1.
    new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    return true;
  } catch {
    return false;
  }
}

class SiteSearch extends HTMLElement {
  connectedCallback(): void {
    const container = this.querySelector<HTMLElement>('[data-ui]');
    const unavailable = this.querySelector<HTMLElement>('[data-unavailable]');
    const blocked = this.querySelector<HTMLElement>('[data-blocked]');
    const PagefindUI = window.PagefindUI;
    if (!container || !PagefindUI) {
      if (unavailable) unavailable.hidden = false;
      return;
    }
    if (!canRunWasm()) {
      if (blocked) blocked.hidden = false;
      return;
    }
    const ui = new PagefindUI({
      element: container,
      bundlePath: this.dataset['bundle'],
      showImages: false,
      showSubResults: true,
      resetStyles: false,
      autofocus: true,
      translations: { placeholder: 'Search lessons and rules' },
      // Passed on to Pagefind itself (every option the UI does not know is).
      ranking: SEARCH_RANKING,
    });
    // Pagefind labels its form but gives the input only a title (axe: label-title-only).
    const label = (): boolean => {
      const input = container.querySelector<HTMLInputElement>('input.pagefind-ui__search-input');
      input?.setAttribute('aria-label', 'Search lessons and rules');
      return input !== null;
    };
    if (!label()) requestAnimationFrame(() => label());
    const query = new URLSearchParams(window.location.search).get('q')?.trim();
    if (query) ui.triggerSearch(query);
  }
}

if (!customElements.get('site-search')) customElements.define('site-search', SiteSearch);
