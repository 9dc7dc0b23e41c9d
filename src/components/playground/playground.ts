// <dockerfile-playground>: the small part the /playground/ page loads up front. The editor
// is the page's reason to exist, so it starts loading at once (no waiting for the viewport,
// unlike the lessons' workbench): playground-app.ts, with CodeMirror and the analyzer, is
// a separate chunk. Until it has loaded, and if it fails, the server-rendered sample and
// its analysis stay as they are.

class DockerfilePlayground extends HTMLElement {
  connectedCallback(): void {
    if (this.dataset['state']) return;
    this.dataset['state'] = 'loading';
    import('./playground-app.ts')
      .then(({ mountPlayground }) => mountPlayground(this))
      .then(() => {
        this.dataset['state'] = 'ready';
      })
      .catch(() => {
        this.dataset['state'] = 'failed';
        const status = this.querySelector<HTMLElement>('[data-status]');
        if (status) status.textContent = 'The editor could not be loaded. The sample Dockerfile and its analysis are below; reload the page to try again.';
      });
  }
}

if (!customElements.get('dockerfile-playground')) customElements.define('dockerfile-playground', DockerfilePlayground);
