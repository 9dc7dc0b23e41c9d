// <theme-toggle>: the header's dark theme button (ThemeToggle.astro). public/theme-init.js
// applies a stored choice before first paint; this only handles clicks. Base.astro loads it
// with the site navigation's menu (nav-menu.ts) in one script.
type Theme = 'light' | 'dark';
const STORAGE_KEY = 'theme';
const root = document.documentElement;
const systemDark = window.matchMedia('(prefers-color-scheme: dark)');

function currentTheme(): Theme {
  const chosen = root.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return systemDark.matches ? 'dark' : 'light';
}

function store(theme: Theme): void {
  try {
    localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Storage can be unavailable (private mode, blocked cookies): the choice
    // then lasts for this page only.
  }
}

class ThemeToggle extends HTMLElement {
  #button: HTMLButtonElement | null = null;
  #sync = (): void => {
    this.#button?.setAttribute('aria-pressed', String(currentTheme() === 'dark'));
  };

  connectedCallback(): void {
    this.#button = this.querySelector('button');
    if (!this.#button) return;
    this.#button.addEventListener('click', this.#onClick);
    systemDark.addEventListener('change', this.#sync);
    this.#sync();
    this.#button.hidden = false;
  }

  disconnectedCallback(): void {
    this.#button?.removeEventListener('click', this.#onClick);
    systemDark.removeEventListener('change', this.#sync);
  }

  #onClick = (): void => {
    const next: Theme = currentTheme() === 'dark' ? 'light' : 'dark';
    root.dataset.theme = next;
    store(next);
    this.#sync();
  };
}

if (!customElements.get('theme-toggle')) customElements.define('theme-toggle', ThemeToggle);
