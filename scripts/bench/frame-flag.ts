// For the browser benchmarks (scripts/bench-browser.ts, scripts/profile-keystroke.ts), added to
// a page before its own scripts (BrowserContext.addInitScript).

/** Before the page's own scripts: window.__inFrame is true from a frame's first animation
 *  frame callback until that frame is painted (a task posted from the callback, which runs
 *  after the paint, clears it), so armLatency knows whether a change made now will be
 *  painted in this frame or the next. Only requestAnimationFrame is wrapped; nothing else
 *  of the page's changes. */
export function frameFlag(): void {
  const flags = window as unknown as { __inFrame?: boolean };
  const request = window.requestAnimationFrame.bind(window);
  const channel = new MessageChannel();
  channel.port1.onmessage = () => (flags.__inFrame = false);
  window.requestAnimationFrame = (callback) =>
    request((time) => {
      if (!flags.__inFrame) {
        flags.__inFrame = true;
        channel.port2.postMessage(null);
      }
      callback(time);
    });
}
