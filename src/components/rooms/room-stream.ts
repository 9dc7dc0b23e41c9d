// Follows a room's live view over Server-Sent Events. EventSource reconnects by itself after
// a drop and sends the id of the last view it got (Last-Event-ID), so the server sends a
// newer view only. When the browser gives up (the server answered with an error, e.g. while
// a proxy restarts), this opens a new EventSource after a growing pause, up to 15 seconds.

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'ended';

export interface StreamHandlers<V> {
  view(view: V): void;
  state(state: StreamState, reason?: 'gone' | 'removed'): void;
}

export function followRoom<V>(url: string, handlers: StreamHandlers<V>): { close(): void } {
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let delay = 1000;
  let ended = false;

  const end = (reason: 'gone' | 'removed'): void => {
    ended = true;
    source?.close();
    handlers.state('ended', reason);
  };

  const open = (): void => {
    source = new EventSource(url);
    source.addEventListener('open', () => {
      delay = 1000;
      handlers.state('live');
    });
    source.addEventListener('view', (event) => {
      try {
        handlers.view(JSON.parse((event as MessageEvent<string>).data) as V);
      } catch {
        // A malformed event: keep the last view.
      }
    });
    source.addEventListener('gone', () => end('gone'));
    source.addEventListener('removed', () => end('removed'));
    source.addEventListener('error', () => {
      if (ended) return;
      handlers.state('reconnecting');
      if (source?.readyState === EventSource.CLOSED) {
        source.close();
        retry = setTimeout(open, delay);
        delay = Math.min(delay * 2, 15_000);
      }
    });
  };

  handlers.state('connecting');
  open();
  return {
    close() {
      ended = true;
      if (retry) clearTimeout(retry);
      source?.close();
    },
  };
}
