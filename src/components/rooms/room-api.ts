// The room pages' side of the room API (src/server/rooms/api.ts): JSON requests that never
// throw, the server probe, and what this browser remembers of its rooms.
import { browserStorage, type StorageLike } from '../../lib/progress/storage.ts';

export const API = '/api/rooms';

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: string };

/** A request to the room API; status 0 means the server could not be reached. */
export async function call<T>(path: string, init: { method?: string; body?: unknown; token?: string | null } = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  if (init.token) headers['Authorization'] = `Bearer ${init.token}`;
  let response: Response;
  try {
    response = await fetch(`${API}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      body: init.body === undefined ? null : JSON.stringify(init.body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return { ok: false, status: 0, error: 'The room server cannot be reached. Check the connection; the page keeps trying.' };
  }
  const type = response.headers.get('content-type') ?? '';
  const data: unknown = type.includes('application/json') ? await response.json().catch(() => null) : null;
  if (response.ok && data !== null) return { ok: true, data: data as T };
  const message =
    data !== null && typeof data === 'object' && typeof (data as { error?: unknown }).error === 'string'
      ? (data as { error: string }).error
      : `The room server answered ${response.status}.`;
  return { ok: false, status: response.status, error: message };
}

export interface ServerStatus {
  rooms: boolean;
  storage: string;
  lifetimeHours: number;
  maxParticipants: number;
  addresses: string[];
}

/** The server's status, or null when this copy of the site has no room server (static hosting). */
export async function probe(): Promise<ServerStatus | null> {
  const result = await call<ServerStatus>('/status');
  return result.ok && result.data.rooms === true ? result.data : null;
}

/** What this browser keeps of a room: the facilitator's key or the participant's token. */
export interface KeptRoom {
  code: string;
  secret: string;
  title: string;
  name?: string;
  expiresAt: number;
  /** The questions whose revealed answer this participant has had recorded for review. */
  noted?: string[];
}

const KEYS = { host: 'stagecraft:rooms:hosted', player: 'stagecraft:rooms:joined' } as const;

export function keptRooms(role: keyof typeof KEYS, storage: StorageLike | null = browserStorage()): KeptRoom[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(KEYS[role]) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    const now = Date.now();
    return parsed.filter(
      (room): room is KeptRoom =>
        room !== null &&
        typeof room === 'object' &&
        typeof room.code === 'string' &&
        typeof room.secret === 'string' &&
        typeof room.title === 'string' &&
        typeof room.expiresAt === 'number' &&
        room.expiresAt > now,
    );
  } catch {
    return [];
  }
}

export function keepRoom(role: keyof typeof KEYS, room: KeptRoom): void {
  const rooms = [room, ...keptRooms(role).filter((kept) => kept.code !== room.code)].slice(0, 20);
  try {
    browserStorage()?.setItem(KEYS[role], JSON.stringify(rooms));
  } catch {
    // Storage full or blocked: the room still works in this tab.
  }
}

/**
 * Whether question `id` of the joined room `code` is still to be recorded for review, marking it
 * recorded: a reload shows the same revealed answer again, which is not a second miss.
 */
export function noteOnce(code: string, id: string, storage: StorageLike | null = browserStorage()): boolean {
  const rooms = keptRooms('player', storage);
  const room = rooms.find((kept) => kept.code === code);
  if (!room) return true;
  if (room.noted?.includes(id)) return false;
  room.noted = [...(room.noted ?? []), id];
  try {
    storage?.setItem(KEYS.player, JSON.stringify(rooms));
  } catch {
    // Not kept: a reload may record the miss again, as before.
  }
  return true;
}

export function forgetRoom(role: keyof typeof KEYS, code: string): void {
  try {
    browserStorage()?.setItem(KEYS[role], JSON.stringify(keptRooms(role).filter((kept) => kept.code !== code)));
  } catch {
    // Nothing to do.
  }
}

const timeFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/** "Tue 17:05": when a room expires. */
export function expiryText(expiresAt: number): string {
  return timeFormat.format(new Date(expiresAt));
}
