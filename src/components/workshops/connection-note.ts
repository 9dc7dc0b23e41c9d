// /workshops/: says so when the facilitator has opened the page where browsers withhold what
// the stage runner and the offline copy need (a secure context: https, or localhost), which is
// what participants on the same address will meet. docs/hosting.md shows how to add https.
const note = document.querySelector<HTMLElement>('[data-insecure-note]');
if (note && !window.isSecureContext) {
  const host = note.querySelector('[data-insecure-host]');
  if (host) host.textContent = location.host;
  note.hidden = false;
}
