// Registers the course's service worker (written at build time by
// src/integrations/service-worker.ts) and, when a newer build has been downloaded and waits
// for the next visit, loads the notice that says so (update-notice.ts).
//
// This is part of the header's script on every page, so it stays about 160 bytes (gzip):
// workbox-window would do the same in about 2.5 KB. The notice is a file of its own,
// /update-notice.js (about 0.8 KB gzip), bundled at build time and added to the page only on
// the visit when an update waits, so no page's budget in scripts/check-budgets.ts counts it.
// Not an import(): Vite would then load its preload helper (about 0.9 KB) with every page.
//
// Not in `astro dev` (there is no worker there), and nowhere a browser offers no service
// worker: an http:// address other than localhost, some private windows.
if (import.meta.env.PROD) {
  addEventListener('load', () => {
    // Optional chaining ends the whole chain where the browser has no navigator.serviceWorker.
    navigator.serviceWorker?.register(`${import.meta.env.BASE_URL}sw.js`).then(
      (registration) => {
        // Nothing to watch when the registration was refused quietly (automation tools that
        // block service workers resolve register() with undefined).
        if (!registration) return;
        // A worker waiting while this page has one in control: a newer build than the page's
        // is ready. (A first install has nothing in control and nothing waiting.) The notice
        // shows itself once, however often its script is added.
        const check = (): void => {
          if (registration.waiting && navigator.serviceWorker.controller) {
            document.head.append(Object.assign(document.createElement('script'), { src: `${import.meta.env.BASE_URL}update-notice.js` }));
          }
        };
        const watch = (): void => registration.installing?.addEventListener('statechange', check);
        check();
        watch();
        registration.addEventListener('updatefound', watch);
      },
      () => {
        // No worker (a host that does not serve sw.js, storage refused): the site works online as before.
      },
    );
  });
}
