// <nav-menu>: the header's "More" / "Menu" disclosure (SiteNav.astro, which works without
// it). Base.astro loads it with the theme toggle (theme-toggle.ts) in one script.
//
// Closes the menu on Escape (focus back on its summary), on a click outside it and when
// keyboard focus moves out of it.
class NavMenu extends HTMLElement {
  #details: HTMLDetailsElement | null = null;

  connectedCallback(): void {
    this.#details = this.querySelector('details');
    this.addEventListener('keydown', this.#onKeydown);
    this.addEventListener('focusout', this.#onFocusout);
    document.addEventListener('click', this.#onDocumentClick);
  }

  disconnectedCallback(): void {
    this.removeEventListener('keydown', this.#onKeydown);
    this.removeEventListener('focusout', this.#onFocusout);
    document.removeEventListener('click', this.#onDocumentClick);
  }

  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.#details?.open) return;
    this.#details.open = false;
    this.querySelector<HTMLElement>('summary')?.focus();
  };

  #onFocusout = (event: FocusEvent): void => {
    if (this.#details?.open && event.relatedTarget instanceof Node && !this.contains(event.relatedTarget)) this.#details.open = false;
  };

  #onDocumentClick = (event: MouseEvent): void => {
    if (this.#details?.open && event.target instanceof Node && !this.contains(event.target)) this.#details.open = false;
  };
}

if (!customElements.get('nav-menu')) customElements.define('nav-menu', NavMenu);
