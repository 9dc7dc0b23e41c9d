// The live part of a room: Server-Sent Events. Each page of a room keeps one stream open
// (EventSource); the server sends it the page's whole view (views.ts) whenever something it
// shows changes. Every event carries the view's version as its id, so a browser that lost the
// connection (wifi, a server restart) reconnects by itself with Last-Event-ID, and gets the
// current view if it is newer than the one it has, nothing otherwise.
//
// Changes come from the store (store.onChange: this process's own, and with PostgreSQL
// every other process's). Work is coalesced per room: a change after a quiet moment is sent
// at once; while a room's views are being built, and for ROUND_INTERVAL_MS after, further
// changes only mark it dirty, and one more round follows. Under a burst of 200 answers the
// facilitator receives a view every tenth of a second, each with every answer committed so
// far, rather than 200 views that would each cost a read and a 40 KB write.
import type { ServerResponse } from 'node:http';
import type { RoomChange, RoomStore } from '../store/room-store.ts';
import type { RoomViews } from './views.ts';

/** How often an idle stream gets a comment line, so proxies and NAT keep it open. */
const HEARTBEAT_MS = 25_000;
/** How long a browser waits before reconnecting after a drop. */
const RETRY_MS = 1500;
/** The shortest time between two rounds of views for one room. */
const ROUND_INTERVAL_MS = 100;
/** A client that falls this far behind is dropped (it reconnects and gets a fresh view). */
const MAX_BUFFERED = 1 << 20;

interface Connection {
  response: ServerResponse;
  /** The participant, or null for the facilitator. */
  participant: string | null;
  /** The version of the last view sent (or the one the browser said it has). */
  version: number;
}

interface RoomStreams {
  connections: Set<Connection>;
  running: boolean;
  /** When the last round ended (performance.now()), or a timer waiting for the next one. */
  lastRound: number;
  timer: ReturnType<typeof setTimeout> | null;
  dirtyHost: boolean;
  dirtyAll: boolean;
  /** Participants removed since the last round. */
  removed: Set<string>;
}

export class StreamHub {
  readonly #rooms = new Map<string, RoomStreams>();
  readonly #views: RoomViews;
  readonly #unsubscribe: () => void;
  readonly #heartbeat: ReturnType<typeof setInterval>;
  /** Views sent, for the tests and the load test's figures. */
  sent = 0;

  constructor(store: RoomStore, views: RoomViews) {
    this.#views = views;
    this.#unsubscribe = store.onChange((change) => this.#changed(change));
    this.#heartbeat = setInterval(() => this.#beat(), HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  /** How many streams are open (all rooms). */
  get size(): number {
    let n = 0;
    for (const room of this.#rooms.values()) n += room.connections.size;
    return n;
  }

  count(code: string): number {
    return this.#rooms.get(code)?.connections.size ?? 0;
  }

  /** Opens a stream on `response` and sends the current view unless `lastEventId` says the page has it. */
  async open(
    code: string,
    participant: string | null,
    response: ServerResponse,
    headers: Array<[string, string]>,
    lastEventId: string | undefined,
  ): Promise<void> {
    for (const [name, value] of headers) response.setHeader(name, value);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-store, no-transform');
    response.setHeader('Connection', 'keep-alive');
    // nginx and other proxies: pass events through as they come.
    response.setHeader('X-Accel-Buffering', 'no');
    response.statusCode = 200;
    response.flushHeaders();
    response.write(`retry: ${RETRY_MS}\n\n`);
    const parsed = Number(lastEventId);
    const connection: Connection = { response, participant, version: Number.isInteger(parsed) && parsed > 0 ? parsed : 0 };
    const room = this.#room(code);
    room.connections.add(connection);
    response.on('close', () => {
      room.connections.delete(connection);
      if (room.connections.size > 0 || room.running) return;
      if (room.timer) clearTimeout(room.timer);
      this.#rooms.delete(code);
    });
    await this.#sendOne(code, connection);
  }

  #room(code: string): RoomStreams {
    let room = this.#rooms.get(code);
    if (!room) {
      room = { connections: new Set(), running: false, lastRound: -Infinity, timer: null, dirtyHost: false, dirtyAll: false, removed: new Set() };
      this.#rooms.set(code, room);
    }
    return room;
  }

  #changed(change: RoomChange): void {
    const codes = change.code === '*' ? [...this.#rooms.keys()] : [change.code];
    for (const code of codes) {
      const room = this.#rooms.get(code);
      if (!room) continue;
      room.dirtyHost = true;
      if (change.scope === 'all' || change.code === '*') room.dirtyAll = true;
      if (change.scope === 'participant' && change.participant) room.removed.add(change.participant);
      this.#schedule(code, room);
    }
  }

  #schedule(code: string, room: RoomStreams): void {
    if (room.running || room.timer) return;
    const wait = room.lastRound + ROUND_INTERVAL_MS - performance.now();
    if (wait <= 0) {
      void this.#run(code, room);
      return;
    }
    room.timer = setTimeout(() => {
      room.timer = null;
      void this.#run(code, room);
    }, wait);
  }

  async #run(code: string, room: RoomStreams): Promise<void> {
    room.running = true;
    try {
      if (room.dirtyHost || room.dirtyAll || room.removed.size > 0) {
        const all = room.dirtyAll;
        const removed = new Set(room.removed);
        room.dirtyHost = false;
        room.dirtyAll = false;
        room.removed.clear();
        const data = await this.#views.data(code);
        for (const connection of [...room.connections]) {
          if (!data) this.#end(connection, 'gone');
          else if (connection.participant === null) this.#send(connection, this.#views.host(data));
          else if (removed.has(connection.participant)) this.#end(connection, 'removed');
          else if (all) {
            const view = this.#views.player(data, connection.participant);
            if (view) this.#send(connection, view);
            else this.#end(connection, 'removed');
          }
        }
      }
    } catch {
      // A store error (database restarting): the streams stay open; the next change retries.
    } finally {
      room.running = false;
      room.lastRound = performance.now();
      if (room.connections.size === 0) this.#rooms.delete(code);
      else if (room.dirtyHost || room.dirtyAll || room.removed.size > 0) this.#schedule(code, room);
    }
  }

  async #sendOne(code: string, connection: Connection): Promise<void> {
    const data = await this.#views.data(code);
    if (!data) return this.#end(connection, 'gone');
    if (connection.participant === null) return this.#send(connection, this.#views.host(data));
    const view = this.#views.player(data, connection.participant);
    if (view) this.#send(connection, view);
    else this.#end(connection, 'removed');
  }

  #send(connection: Connection, view: { version: number }): void {
    if (view.version === connection.version) return;
    const { response } = connection;
    if (response.writableLength > MAX_BUFFERED) {
      response.destroy();
      return;
    }
    connection.version = view.version;
    response.write(`id: ${view.version}\nevent: view\ndata: ${JSON.stringify(view)}\n\n`);
    this.sent += 1;
  }

  /** Tells the page why its stream ends (the room is gone, or the participant was removed), then closes it. */
  #end(connection: Connection, reason: 'gone' | 'removed'): void {
    connection.response.end(`event: ${reason}\ndata: {}\n\n`);
  }

  #beat(): void {
    for (const room of this.#rooms.values()) for (const connection of room.connections) connection.response.write(': keep-alive\n\n');
  }

  /** Ends every stream (the server is stopping). */
  close(): void {
    this.#unsubscribe();
    clearInterval(this.#heartbeat);
    for (const room of this.#rooms.values()) {
      if (room.timer) clearTimeout(room.timer);
      for (const connection of room.connections) connection.response.destroy();
    }
    this.#rooms.clear();
  }
}
