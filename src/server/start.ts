// The server behind `npm start`: the built site (scripts/serve.ts, with the production
// security headers) and, in front of it, the live-room API (rooms/api.ts) on its store
// (SQLite in the data folder, or PostgreSQL with DATABASE_URL). The site itself stays
// static: copies of dist/ hosted anywhere work, without live rooms.
import { readFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type RunningServer } from '../../scripts/serve.ts';
import { CATALOG_PATH, type RoomCatalog } from '../lib/rooms/catalog.ts';
import { RoomApi, type RoomApiOptions } from './rooms/api.ts';
import { openStore } from './store/open.ts';
import type { RoomStore } from './store/room-store.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DEFAULT_DATA_DIR = join(PROJECT_ROOT, 'data');

export interface StartOptions {
  root?: string | undefined;
  host?: string;
  port?: number;
  dataDir?: string;
  databaseUrl?: string | undefined;
  trustProxy?: boolean;
  /** For tests: the clock of the room API. */
  now?: () => number;
  /** For tests: other rate limits. */
  limits?: RoomApiOptions['limits'];
}

export interface RunningRoomServer extends RunningServer {
  api: RoomApi;
  store: RoomStore;
  /** Whether the built site has the room catalog (else the API says to build it). */
  catalog: boolean;
}

async function readCatalog(root: string): Promise<RoomCatalog | null> {
  try {
    return JSON.parse(await readFile(join(root, CATALOG_PATH), 'utf8')) as RoomCatalog;
  } catch {
    return null;
  }
}

/** http://192.168.1.20:4321 and the like: where other devices reach a server listening on every interface. */
export function lanUrls(host: string, port: number): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [];
  return Object.values(networkInterfaces())
    .flat()
    .filter((info) => info !== undefined && info.family === 'IPv4' && !info.internal)
    .map((info) => `http://${info!.address}:${port}`);
}

export async function startServer(options: StartOptions = {}): Promise<RunningRoomServer> {
  const root = resolve(options.root ?? join(PROJECT_ROOT, 'dist'));
  const host = options.host ?? '127.0.0.1';
  const catalog = await readCatalog(root);
  const store = await openStore({ databaseUrl: options.databaseUrl, dataDir: options.dataDir ?? DEFAULT_DATA_DIR });
  let port = options.port ?? 0;
  const api = new RoomApi({
    store,
    catalog,
    trustProxy: options.trustProxy ?? false,
    lanUrls: () => lanUrls(host, port),
    ...(options.now ? { now: options.now } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  await api.sweep();
  let running: RunningServer;
  try {
    running = await serve({ root, host, port, routes: (request, response) => api.handle(request, response) });
  } catch (error) {
    api.close();
    await store.close();
    throw error;
  }
  port = running.port;
  // Keep idle connections longer than proxies and browsers do (a load balancer's idle timeout
  // is typically 60 s): a client then never reuses a connection the server is closing.
  running.server.keepAliveTimeout = 65_000;
  running.server.headersTimeout = 66_000;
  return {
    ...running,
    api,
    store,
    catalog: catalog !== null,
    close: async () => {
      api.close();
      await running.close();
      await store.close();
    },
  };
}
