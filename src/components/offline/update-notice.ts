// The notice that a newer build of the course has been downloaded: built on its own into
// dist/update-notice.js (src/integrations/service-worker.ts), which sw-register.ts adds to a
// page only then. It sits in the page under the site header, not over it: a status message
// screen readers announce without moving focus, and two buttons. The update applies by itself
// the next time the course is opened (every Stagecraft tab closed); "Update now" applies it at
// once and reloads this page, which loses nothing (the learner's work is saved as they type).
// "Dismiss" hides it for the rest of this tab's visit.
import { element } from '../../lib/dom-parts.ts';

const DISMISSED = 'stagecraft:update-notice-dismissed';

function dismissed(): boolean {
  try {
    return sessionStorage.getItem(DISMISSED) === '1';
  } catch {
    return false;
  }
}

function remember(): void {
  try {
    sessionStorage.setItem(DISMISSED, '1');
  } catch {
    // No storage: the notice comes back on the next page, which is all that is lost.
  }
}

/** Applies the waiting build now: it takes control, then this page reloads from it. */
function updateNow(registration: ServiceWorkerRegistration): void {
  const waiting = registration.waiting;
  if (!waiting) {
    // Another tab applied it already.
    location.reload();
    return;
  }
  navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
  waiting.postMessage({ type: 'SKIP_WAITING' });
}

function showUpdateNotice(registration: ServiceWorkerRegistration): void {
  if (dismissed() || document.querySelector('.update-notice')) return;
  const notice = element('section', 'update-notice');
  notice.setAttribute('aria-label', 'Course update');
  const inner = element('div', 'wrap update-notice__inner');
  const message = element('p', 'update-notice__message');
  message.setAttribute('role', 'status');
  const now = element('button', 'update-notice__button', 'Update now');
  now.type = 'button';
  const close = element('button', 'update-notice__button update-notice__button--secondary', 'Dismiss');
  close.type = 'button';
  const actions = element('p', 'update-notice__actions');
  actions.append(now, close);
  inner.append(message, actions);
  notice.append(inner);
  (document.querySelector('.site-header') ?? document.body.firstElementChild)?.after(notice);
  // The status region is in the page before its text, so screen readers announce the text.
  requestAnimationFrame(() => {
    message.textContent =
      'A new version of the course has been downloaded. It is used from the next time you open Stagecraft; update now to use it on this page (your work is saved).';
  });
  now.addEventListener('click', () => {
    now.disabled = true;
    updateNow(registration);
  });
  close.addEventListener('click', () => {
    remember();
    notice.remove();
    // The button had focus: leave it at the top of the content rather than nowhere.
    document.getElementById('main')?.focus();
  });
}

void navigator.serviceWorker.getRegistration().then((registration) => {
  if (registration?.waiting) showUpdateNotice(registration);
  // What it decided, on <html data-update-notice>: "shown" or "dismissed" (the tests wait for it).
  document.documentElement.dataset['updateNotice'] = document.querySelector('.update-notice') ? 'shown' : 'dismissed';
});
