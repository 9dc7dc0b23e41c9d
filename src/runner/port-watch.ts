// How the Node sandbox notices that a process has started a server: every process gets a
// free port in PORT (unless its environment sets one), and the sandbox tries to connect to
// that port until the process answers or exits. Polling a port we chose is robust where
// parsing output is not (servers print their address in every wording, or not at all);
// the cost is one local connection attempt per process every POLL_MS. Node-only.

import { connect, createServer } from 'node:net';

const POLL_MS = 100;
const HOSTS = ['127.0.0.1', '::1'] as const;

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The host that accepts a connection on `port`, or null. */
export async function answeringHost(port: number): Promise<string | null> {
  for (const host of HOSTS) {
    const answered = await new Promise<boolean>((resolve) => {
      const socket = connect({ port, host });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (answered) return host;
  }
  return null;
}

/**
 * Polls `port` until it answers (then calls `onReady` once with its URL) or `stop()` is
 * called. Returns stop().
 */
export function watchPort(port: number, onReady: (url: string) => void): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const poll = async () => {
    if (stopped) return;
    const host = await answeringHost(port);
    if (stopped) return;
    if (host !== null) {
      stopped = true;
      onReady(`http://${host.includes(':') ? `[${host}]` : host}:${port}/`);
      return;
    }
    timer = setTimeout(poll, POLL_MS);
  };
  timer = setTimeout(poll, POLL_MS);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
