// The room API under /api/rooms, in front of the static site (src/server/start.ts).
//
//   GET    /api/rooms/status                      whether live rooms work here, the storage, the LAN addresses
//   POST   /api/rooms                             open a room {title, questions, exercises} → {code, key}
//   GET    /api/rooms/:code                       public: title, phase, expiry (does this code exist?)
//   GET    /api/rooms/:code/qr.svg                the join link as a QR code, for the projector
//   POST   /api/rooms/:code/join                  {name} → a participant token
//   POST   /api/rooms/:code/session               Bearer key or token → the stream cookie for this room
//   GET    /api/rooms/:code/events?role=…         the live view (Server-Sent Events; cookie)
//   POST   /api/rooms/:code/answer                participant: {question, response}
//   POST   /api/rooms/:code/board                 participant: {exercise, passed, dockerfile?}
//   DELETE /api/rooms/:code/board                 participant: stop sharing
//   POST   /api/rooms/:code/control               facilitator: {action: show|reveal|end|lobby|remove, …}
//   GET    /api/rooms/:code/board/:who/:exercise  facilitator: a shared Dockerfile
//   GET    /api/rooms/:code/export.json|.csv      facilitator: the results
//   DELETE /api/rooms/:code                       facilitator: delete the room and all it holds now
//
// Trust: the facilitator's key (256 random bits) is created with the room and shown only to
// whoever opened it; the database keeps its hash. Requests act as the facilitator only with
// that key (Authorization: Bearer). Participants get their own token on joining. The event
// stream, which EventSource cannot send headers for, authenticates with an HttpOnly,
// SameSite=Strict cookie scoped to the room's path, set from the key or token. Writes must
// be application/json from this origin; bodies are capped (MAX_BODY_BYTES); rates are
// limited per address and per participant (rate-limit.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import QRCode from 'qrcode';
import type { RoomCatalog } from '../../lib/rooms/catalog.ts';
import {
  checkName,
  checkTitle,
  isCode,
  MAX_BODY_BYTES,
  MAX_PARTICIPANTS,
  MAX_ROOM_EXERCISES,
  MAX_ROOM_QUESTIONS,
  MAX_SHARED_DOCKERFILE,
  normalizeCode,
  ROOM_LIFETIME_HOURS,
  ROOM_LIFETIME_MS,
} from '../../lib/rooms/limits.ts';
import { checkResponse, gradeResponse } from '../../lib/rooms/results.ts';
import { apiHeaders, bearer, clientAddress, cookie, field, HttpError, readJson, sameOrigin, sendJson, sendText } from '../http/json.ts';
import { RateLimiter, type Bucket } from '../http/rate-limit.ts';
import type { ParticipantRow, RoomRow, RoomState, RoomStore } from '../store/room-store.ts';
import { resultsCsv, resultsJson } from './export.ts';
import { hashSecret, matches, newCode, newSecret } from './secrets.ts';
import { StreamHub } from './streams.ts';
import { RoomViews } from './views.ts';

export interface RoomApiOptions {
  store: RoomStore;
  /** Null when the built site has no catalog (the API then says how to build it). */
  catalog: RoomCatalog | null;
  /** Believe X-Forwarded-For and X-Forwarded-Proto (behind a reverse proxy). */
  trustProxy?: boolean;
  /** The addresses participants on the LAN can use, when the server listens on all interfaces. */
  lanUrls?: () => string[];
  now?: () => number;
  /** Other rate limits than the defaults (tests). */
  limits?: Partial<Record<keyof typeof DEFAULT_LIMITS, Bucket>>;
}

/** Per address: all requests, rooms opened, lookups of codes that do not exist (guessing), streams opened; per participant: answers, board updates. */
export const DEFAULT_LIMITS = {
  requests: { burst: 1000, perSecond: 200 },
  create: { burst: 10, perSecond: 1 / 30 },
  unknownCode: { burst: 30, perSecond: 1 },
  streams: { burst: 600, perSecond: 50 },
  answers: { burst: 20, perSecond: 5 },
  board: { burst: 20, perSecond: 2 },
} satisfies Record<string, Bucket>;

const PREFIX = '/api/rooms';

export class RoomApi {
  readonly store: RoomStore;
  readonly hub: StreamHub;
  readonly #catalog: RoomCatalog | null;
  readonly #views: RoomViews | null;
  readonly #trustProxy: boolean;
  readonly #lanUrls: () => string[];
  readonly #now: () => number;
  readonly #limits: Record<keyof typeof DEFAULT_LIMITS, RateLimiter>;
  readonly #sweep: ReturnType<typeof setInterval>;

  constructor(options: RoomApiOptions) {
    this.store = options.store;
    this.#catalog = options.catalog;
    this.#trustProxy = options.trustProxy ?? false;
    this.#lanUrls = options.lanUrls ?? (() => []);
    this.#now = options.now ?? Date.now;
    const limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.#limits = {
      requests: new RateLimiter(limits.requests),
      create: new RateLimiter(limits.create),
      unknownCode: new RateLimiter(limits.unknownCode),
      streams: new RateLimiter(limits.streams),
      answers: new RateLimiter(limits.answers),
      board: new RateLimiter(limits.board),
    };
    this.#views = options.catalog ? new RoomViews(options.store, options.catalog, this.#now) : null;
    this.hub = new StreamHub(options.store, this.#views ?? new RoomViews(options.store, { quizzes: [], questions: {}, exercises: {} }, this.#now));
    this.#sweep = setInterval(() => void this.sweep(), 10 * 60 * 1000);
    this.#sweep.unref();
  }

  /** Deletes expired rooms and forgets idle rate-limit entries. */
  async sweep(): Promise<number> {
    for (const limiter of Object.values(this.#limits)) limiter.sweep();
    return this.store.deleteExpired(this.#now()).catch(() => 0);
  }

  close(): void {
    clearInterval(this.#sweep);
    this.hub.close();
  }

  /** Handles the request if it is for /api/…; false otherwise (the static site serves it). */
  async handle(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/api' && !url.pathname.startsWith('/api/')) return false;
    try {
      await this.#route(request, response, url);
    } catch (error) {
      if (response.headersSent) {
        response.destroy();
      } else if (error instanceof HttpError) {
        sendJson(response, url.pathname, error.status, { error: error.message }, error.headers);
      } else {
        sendJson(response, url.pathname, 503, { error: 'The room server could not reach its database. Try again in a moment.' });
      }
    }
    return true;
  }

  #limit(limiter: RateLimiter, key: string): void {
    if (!limiter.take(key))
      throw new HttpError(429, 'Too many requests; wait a moment and try again.', { 'Retry-After': String(Math.max(1, limiter.retryAfter(key))) });
  }

  async #route(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const address = clientAddress(request, this.#trustProxy);
    this.#limit(this.#limits.requests, address);
    const method = request.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD' && !sameOrigin(request)) throw new HttpError(403, 'Requests to the room API must come from this site.');
    const parts = url.pathname.slice(PREFIX.length).split('/').filter(Boolean);
    if (!url.pathname.startsWith(`${PREFIX}/`) && url.pathname !== PREFIX) throw new HttpError(404, 'No such API.');

    if (parts.length === 1 && parts[0] === 'status' && method === 'GET') return this.#status(response, url);
    if (parts.length === 0 && method === 'POST') return this.#create(request, response, url, address);
    if (parts.length === 0) throw new HttpError(405, 'Open a room with POST.', { Allow: 'POST' });

    const catalog = this.#catalog;
    const views = this.#views;
    if (!catalog || !views)
      throw new HttpError(503, 'This server has no room catalog: build the site with `npm run build` (or use `npm start`, which builds it).');
    const code = normalizeCode(decodeURIComponent(parts[0]!));
    const room = isCode(code) ? await this.store.room(code, this.#now()) : null;
    if (!room) {
      this.#limit(this.#limits.unknownCode, address);
      throw new HttpError(404, 'No room has this code (rooms are deleted 24 hours after they open).');
    }
    const action = parts.slice(1).join('/');
    const route = `${method} ${action}`;
    switch (route) {
      case 'GET ':
        return sendJson(response, url.pathname, 200, { code: room.code, title: room.title, phase: room.phase, expiresAt: room.expiresAt });
      case 'GET qr.svg':
        return this.#qr(request, response, url, room);
      case 'POST join':
        return this.#join(request, response, url, room);
      case 'POST session':
        return this.#session(request, response, url, room);
      case 'GET events':
        this.#limit(this.#limits.streams, address);
        return this.#events(request, response, url, room);
      case 'POST answer':
        return this.#answer(request, response, url, room, catalog);
      case 'POST board':
        return this.#board(request, response, url, room, catalog);
      case 'DELETE board': {
        const participant = await this.#participant(request, room);
        await this.store.clearBoard(room.code, participant.id);
        return sendJson(response, url.pathname, 200, { ok: true });
      }
      case 'POST control':
        return this.#control(request, response, url, room);
      case 'GET export.json':
      case 'GET export.csv':
        return this.#export(request, response, url, room, views, action.endsWith('csv') ? 'csv' : 'json');
      case 'DELETE ':
        this.#host(request, room);
        await this.store.deleteRoom(room.code);
        return sendJson(response, url.pathname, 200, { ok: true });
    }
    if (method === 'GET' && parts.length === 4 && parts[1] === 'board') {
      this.#host(request, room);
      const dockerfile = await this.store.boardDockerfile(room.code, decodeURIComponent(parts[2]!), decodeURIComponent(parts[3]!));
      if (dockerfile === null) throw new HttpError(404, 'That participant shares no Dockerfile for this exercise.');
      return sendJson(response, url.pathname, 200, { dockerfile });
    }
    throw new HttpError(404, 'No such room API.');
  }

  #status(response: ServerResponse, url: URL): void {
    sendJson(response, url.pathname, 200, {
      rooms: this.#catalog !== null,
      storage: this.store.kind,
      lifetimeHours: ROOM_LIFETIME_HOURS,
      maxParticipants: MAX_PARTICIPANTS,
      addresses: this.#lanUrls(),
    });
  }

  async #create(request: IncomingMessage, response: ServerResponse, url: URL, address: string): Promise<void> {
    const catalog = this.#catalog;
    if (!catalog) throw new HttpError(503, 'This server has no room catalog: build the site with `npm run build` (or use `npm start`, which builds it).');
    this.#limit(this.#limits.create, address);
    const body = await readJson(request, MAX_BODY_BYTES);
    const title = checkTitle(field(body, 'title'));
    if (!title.ok) throw new HttpError(400, title.error);
    const questions = idList(field(body, 'questions'), 'questions', MAX_ROOM_QUESTIONS);
    const exercises = idList(field(body, 'exercises'), 'exercises', MAX_ROOM_EXERCISES);
    if (questions.length === 0 && exercises.length === 0) throw new HttpError(400, 'Choose at least one question or exercise for the room.');
    const unknown = [...questions.filter((id) => !catalog.questions[id]), ...exercises.filter((id) => !catalog.exercises[id])];
    if (unknown.length > 0) throw new HttpError(400, `Unknown question or exercise: ${unknown.slice(0, 3).join(', ')}.`);
    const key = newSecret();
    const createdAt = this.#now();
    for (let attempt = 0; attempt < 5; attempt++) {
      const room = await this.store.createRoom({
        code: newCode(),
        hostHash: hashSecret(key),
        title: title.title,
        questions,
        exercises,
        createdAt,
        expiresAt: createdAt + ROOM_LIFETIME_MS,
      });
      if (room) {
        return sendJson(
          response,
          url.pathname,
          201,
          { code: room.code, key, expiresAt: room.expiresAt },
          { 'Set-Cookie': this.#cookie(request, room, 'sc_host', key) },
        );
      }
    }
    throw new HttpError(503, 'Could not find a free join code; try again.');
  }

  #cookie(request: IncomingMessage, room: RoomRow, name: 'sc_host' | 'sc_player', value: string): string {
    const seconds = Math.max(0, Math.floor((room.expiresAt - this.#now()) / 1000));
    const secure = isHttps(request, this.#trustProxy) ? '; Secure' : '';
    return `${name}=${value}; Path=${PREFIX}/${room.code}/; Max-Age=${seconds}; HttpOnly; SameSite=Strict${secure}`;
  }

  #host(request: IncomingMessage, room: RoomRow): void {
    if (!matches(bearer(request), room.hostHash)) throw new HttpError(403, 'Only the facilitator of this room can do that.');
  }

  async #participant(request: IncomingMessage, room: RoomRow): Promise<ParticipantRow> {
    const token = bearer(request);
    const participant = token ? await this.store.participantByToken(room.code, hashSecret(token)) : null;
    if (!participant) throw new HttpError(401, 'You are not in this room (or were removed); join again.');
    return participant;
  }

  async #qr(request: IncomingMessage, response: ServerResponse, url: URL, room: RoomRow): Promise<void> {
    // The page asks for the link on one of the server's own LAN addresses when the
    // facilitator opened it as localhost, which participants' devices cannot reach.
    const wanted = url.searchParams.get('origin');
    const host = request.headers.host ?? '';
    if (!/^[A-Za-z0-9.[\]:-]{1,255}$/.test(host)) throw new HttpError(400, 'Bad Host header.');
    const origin = wanted !== null && this.#lanUrls().includes(wanted) ? wanted : `${isHttps(request, this.#trustProxy) ? 'https' : 'http'}://${host}`;
    const link = `${origin}/workshops/join/?code=${room.code}`;
    const svg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } });
    sendText(response, url.pathname, 200, 'image/svg+xml; charset=utf-8', svg);
  }

  async #join(request: IncomingMessage, response: ServerResponse, url: URL, room: RoomRow): Promise<void> {
    const body = await readJson(request, MAX_BODY_BYTES);
    const name = checkName(field(body, 'name'));
    if (!name.ok) throw new HttpError(400, name.error);
    if (room.phase === 'ended') throw new HttpError(409, 'This room has ended; ask the facilitator for a new code.');
    const token = newSecret();
    const joined = await this.store.addParticipant(room.code, { name: name.name, tokenHash: hashSecret(token), joinedAt: this.#now() }, MAX_PARTICIPANTS);
    if (!joined.ok) {
      if (joined.reason === 'name-taken') throw new HttpError(409, `Someone in this room already uses the name “${name.name}”; choose another.`);
      if (joined.reason === 'full') throw new HttpError(409, `This room is full (${MAX_PARTICIPANTS} participants).`);
      throw new HttpError(404, 'No room has this code.');
    }
    sendJson(
      response,
      url.pathname,
      201,
      { you: { id: joined.participant.id, name: joined.participant.name }, token },
      { 'Set-Cookie': this.#cookie(request, room, 'sc_player', token) },
    );
  }

  async #session(request: IncomingMessage, response: ServerResponse, url: URL, room: RoomRow): Promise<void> {
    const body = await readJson(request, MAX_BODY_BYTES);
    const role = field(body, 'role');
    const secret = bearer(request);
    if (role === 'host') {
      this.#host(request, room);
      return sendJson(response, url.pathname, 200, { role: 'host' }, { 'Set-Cookie': this.#cookie(request, room, 'sc_host', secret!) });
    }
    if (role !== 'player') throw new HttpError(400, 'role must be host or player.');
    const participant = await this.#participant(request, room);
    sendJson(
      response,
      url.pathname,
      200,
      { role: 'player', you: { id: participant.id, name: participant.name } },
      { 'Set-Cookie': this.#cookie(request, room, 'sc_player', secret!) },
    );
  }

  async #events(request: IncomingMessage, response: ServerResponse, url: URL, room: RoomRow): Promise<void> {
    const role = url.searchParams.get('role');
    const lastEventId = typeof request.headers['last-event-id'] === 'string' ? request.headers['last-event-id'] : undefined;
    if (role === 'host') {
      if (!matches(cookie(request, 'sc_host'), room.hostHash)) throw new HttpError(403, 'Only the facilitator of this room can follow it as facilitator.');
      return this.hub.open(room.code, null, response, apiHeaders(url.pathname), lastEventId);
    }
    if (role !== 'player') throw new HttpError(400, 'role must be host or player.');
    const token = cookie(request, 'sc_player');
    const participant = token ? await this.store.participantByToken(room.code, hashSecret(token)) : null;
    if (!participant) throw new HttpError(401, 'You are not in this room (or were removed); join again.');
    return this.hub.open(room.code, participant.id, response, apiHeaders(url.pathname), lastEventId);
  }

  async #answer(request: IncomingMessage, response: ServerResponse, url: URL, room: RoomRow, catalog: RoomCatalog): Promise<void> {
    const participant = await this.#participant(request, room);
    this.#limit(this.#limits.answers, participant.id);
    const body = await readJson(request, MAX_BODY_BYTES);
    const questionId = field(body, 'question');
    const question = typeof questionId === 'string' && room.questions.includes(questionId) ? catalog.questions[questionId] : undefined;
    if (!question) throw new HttpError(400, 'That question is not part of this room.');
    const checked = checkResponse(question, field(body, 'response'));
    if (!checked.ok) throw new HttpError(400, checked.error);
    const stored = await this.store.recordAnswer(
      room.code,
      participant.id,
      question.id,
      checked.response,
      gradeResponse(question, checked.response).correct,
      this.#now(),
    );
    if (!stored.ok)
      throw new HttpError(
        409,
        stored.reason === 'closed' ? 'This question is closed: the facilitator has moved on or revealed the answer.' : 'No room has this code.',
      );
    sendJson(response, url.pathname, 200, { ok: true, question: question.id, response: checked.response, at: stored.at });
  }

  async #board(request: IncomingMessage, response: ServerResponse, url: URL, room: RoomRow, catalog: RoomCatalog): Promise<void> {
    const participant = await this.#participant(request, room);
    this.#limit(this.#limits.board, participant.id);
    const body = await readJson(request, MAX_BODY_BYTES);
    const exerciseId = field(body, 'exercise');
    const exercise = typeof exerciseId === 'string' && room.exercises.includes(exerciseId) ? catalog.exercises[exerciseId] : undefined;
    if (!exercise) throw new HttpError(400, 'That exercise is not part of this room.');
    const goalIds = new Set(exercise.goals.map((goal) => goal.id));
    const passed = idList(field(body, 'passed'), 'passed', goalIds.size);
    if (!passed.every((id) => goalIds.has(id))) throw new HttpError(400, 'passed lists a goal the exercise does not have.');
    const dockerfile = field(body, 'dockerfile') ?? null;
    if (dockerfile !== null && (typeof dockerfile !== 'string' || dockerfile.length > MAX_SHARED_DOCKERFILE)) {
      throw new HttpError(400, `A shared Dockerfile is text of at most ${MAX_SHARED_DOCKERFILE} characters.`);
    }
    await this.store.setBoard(room.code, participant.id, { exercise: exercise.id, passed, goals: goalIds.size, dockerfile, updatedAt: this.#now() });
    sendJson(response, url.pathname, 200, { ok: true });
  }

  async #control(request: IncomingMessage, response: ServerResponse, url: URL, room: RoomRow): Promise<void> {
    this.#host(request, room);
    const body = await readJson(request, MAX_BODY_BYTES);
    const action = field(body, 'action');
    if (action === 'remove') {
      const participant = field(body, 'participant');
      if (typeof participant !== 'string' || !(await this.store.removeParticipant(room.code, participant)))
        throw new HttpError(404, 'No such participant in this room.');
      return sendJson(response, url.pathname, 200, { ok: true });
    }
    const next = nextState(room, action, field(body, 'index'));
    const updated = await this.store.setState(room.code, next);
    if (!updated) throw new HttpError(404, 'No room has this code.');
    sendJson(response, url.pathname, 200, { ok: true, phase: updated.phase, index: updated.index });
  }

  async #export(request: IncomingMessage, response: ServerResponse, url: URL, room: RoomRow, views: RoomViews, format: 'json' | 'csv'): Promise<void> {
    this.#host(request, room);
    const found = await views.data(room.code);
    if (!found) throw new HttpError(404, 'No room has this code.');
    const data = { ...found, answers: found.answers ?? (await views.allAnswers(room.code)) };
    const name = `stagecraft-room-${room.code}.${format}`;
    const disposition = { 'Content-Disposition': `attachment; filename="${name}"` };
    if (format === 'json')
      return sendText(
        response,
        url.pathname,
        200,
        'application/json; charset=utf-8',
        `${JSON.stringify(resultsJson(data, this.#now()), null, 2)}\n`,
        disposition,
      );
    sendText(response, url.pathname, 200, 'text/csv; charset=utf-8', resultsCsv(data, this.#now()), disposition);
  }
}

function isHttps(request: IncomingMessage, trustProxy: boolean): boolean {
  if ('encrypted' in request.socket && request.socket.encrypted) return true;
  return (
    trustProxy &&
    String(request.headers['x-forwarded-proto'] ?? '')
      .split(',')[0]!
      .trim() === 'https'
  );
}

/** A list of distinct ids (strings of at most 200 characters), at most `max` of them. */
function idList(value: unknown, what: string, max: number): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((id): id is string => typeof id === 'string' && id.length > 0 && id.length <= 200))
    throw new HttpError(400, `${what} must be a list of ids.`);
  const ids = [...new Set(value)];
  if (ids.length > max) throw new HttpError(400, `A room has at most ${max} ${what}.`);
  return ids;
}

/** The room's next state for a facilitator's action, or a 400 when the action makes no sense. */
export function nextState(room: RoomState & { questions: string[] }, action: unknown, index: unknown): RoomState {
  const revealed = room.revealed;
  switch (action) {
    case 'show': {
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= room.questions.length)
        throw new HttpError(400, 'index must be the number of a question of this room (0-based).');
      return { phase: revealed.includes(room.questions[index]!) ? 'revealed' : 'question', index, revealed };
    }
    case 'reveal': {
      if (room.phase !== 'question' && room.phase !== 'revealed') throw new HttpError(409, 'Show a question before revealing its answer.');
      const id = room.questions[room.index]!;
      return { phase: 'revealed', index: room.index, revealed: revealed.includes(id) ? revealed : [...revealed, id] };
    }
    case 'end':
      return { phase: 'ended', index: room.index, revealed };
    case 'lobby':
      return { phase: 'lobby', index: room.index, revealed };
    default:
      throw new HttpError(400, 'action must be show, reveal, end, lobby or remove.');
  }
}
