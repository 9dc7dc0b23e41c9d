// A small client of the room API for the load test (scripts/loadtest-rooms.ts) and the
// room server's tests: JSON requests and an event-stream reader over node:http.
import { request as httpRequest, type Agent, type IncomingMessage } from 'node:http';

export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: IncomingMessage['headers'];
}

/** One HTTP request with a JSON body (or a raw string body), on a fresh connection. */
export function request<T = Record<string, unknown>>(
  base: string,
  path: string,
  options: { method?: string; body?: unknown; raw?: string; token?: string; headers?: Record<string, string>; agent?: Agent } = {},
): Promise<JsonResponse<T>> {
  const url = new URL(path, base);
  const payload = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string> = { ...(payload !== undefined ? { 'Content-Type': 'application/json' } : {}), ...options.headers };
  if (options.token) headers['Authorization'] = `Bearer ${options.token}`;
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? (payload === undefined ? 'GET' : 'POST'), headers, agent: options.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        if ((res.headers['content-type'] ?? '').includes('json')) body = text === '' ? null : JSON.parse(text);
        resolve({ status: res.statusCode ?? 0, body: body as T, headers: res.headers });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export interface StreamEvent {
  id: string | null;
  event: string;
  data: string;
}

/**
 * An open event stream: `next(predicate)` resolves with the first event (already received
 * or coming) that matches, or rejects after `timeout` ms.
 */
export interface EventStream {
  status: number;
  events: StreamEvent[];
  next(predicate: (event: StreamEvent) => boolean, timeout?: number): Promise<StreamEvent>;
  /** Calls `listener` with every event from now on. */
  onEvent(listener: (event: StreamEvent) => void): void;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export function openStream(base: string, path: string, cookieHeader: string, lastEventId?: string): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Accept: 'text/event-stream', Cookie: cookieHeader };
    if (lastEventId) headers['Last-Event-ID'] = lastEventId;
    const req = httpRequest(new URL(path, base), { headers, agent: false }, (res) => {
      const events: StreamEvent[] = [];
      const listeners: Array<(event: StreamEvent) => void> = [];
      const waiters = new Set<{ predicate: (event: StreamEvent) => boolean; resolve: (event: StreamEvent) => void }>();
      let buffer = '';
      let endResolve: () => void = () => {};
      const ended = new Promise<void>((r) => (endResolve = r));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let split: number;
        while ((split = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          const event: StreamEvent = { id: null, event: 'message', data: '' };
          let hasData = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':') || line === '') continue;
            const colon = line.indexOf(':');
            const name = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (name === 'id') event.id = value;
            else if (name === 'event') event.event = value;
            else if (name === 'data') {
              event.data += (hasData ? '\n' : '') + value;
              hasData = true;
            }
          }
          if (!hasData) continue;
          events.push(event);
          for (const listener of listeners) listener(event);
          for (const waiter of [...waiters]) {
            if (waiter.predicate(event)) {
              waiters.delete(waiter);
              waiter.resolve(event);
            }
          }
        }
      });
      res.on('end', () => endResolve());
      res.on('close', () => endResolve());
      res.on('error', () => endResolve());
      resolve({
        status: res.statusCode ?? 0,
        events,
        ended,
        onEvent(listener) {
          listeners.push(listener);
        },
        next(predicate, timeout = 10_000) {
          const found = events.find(predicate);
          if (found) return Promise.resolve(found);
          return new Promise((resolveNext, rejectNext) => {
            const waiter = {
              predicate,
              resolve: (event: StreamEvent) => {
                clearTimeout(timer);
                resolveNext(event);
              },
            };
            const timer = setTimeout(() => {
              waiters.delete(waiter);
              rejectNext(new Error(`no matching event within ${timeout} ms (got ${events.length}: ${events.map((e) => e.event).join(', ')})`));
            }, timeout);
            waiters.add(waiter);
          });
        },
        close() {
          req.destroy();
          res.destroy();
        },
      });
    });
    req.on('error', reject);
    req.end();
  });
}
