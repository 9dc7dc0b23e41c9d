// The room API end to end over HTTP, in-process on SQLite: a facilitator opens a room,
// participants join and answer, the facilitator's stream sees the answers arrive, the reveal
// reaches everyone, the results rank the misconceptions; and the trust rules: the key is
// never in a participant's view, participants cannot act as the facilitator or read others'
// answers before the reveal, bad input gets a clear 4xx, bodies and rates are limited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningRoomServer } from '../../src/server/start.ts';
import { MAX_BODY_BYTES, MAX_NAME_LENGTH } from '../../src/lib/rooms/limits.ts';
import { courseCatalog, openStream, quizQuestions, request, siteRoot, tempDir, view, type EventStream } from './support.ts';

let server: RunningRoomServer;
let dir: ReturnType<typeof tempDir>;
const streams: EventStream[] = [];

beforeAll(async () => {
  dir = tempDir('api');
  // Many rooms from one address: a higher room-opening limit than the default (tested below on its own).
  server = await startServer({ root: siteRoot(dir.path), dataDir: `${dir.path}/data`, port: 0, limits: { create: { burst: 100, perSecond: 10 } } });
});
afterAll(async () => {
  for (const stream of streams) stream.close();
  await server?.close();
  dir?.remove();
});

async function openRoom(questions: string[], exercises: string[] = []): Promise<{ code: string; key: string }> {
  const created = await request<{ code: string; key: string }>(server.url, '/api/rooms', { body: { title: 'Onboarding', questions, exercises } });
  expect(created.status).toBe(201);
  return created.body;
}

async function join(code: string, name: string): Promise<{ id: string; token: string }> {
  const joined = await request<{ you: { id: string }; token: string }>(server.url, `/api/rooms/${code}/join`, { body: { name } });
  expect(joined.status, JSON.stringify(joined.body)).toBe(201);
  return { id: joined.body.you.id, token: joined.body.token };
}

async function stream(code: string, role: 'host' | 'player', secret: string, lastEventId?: string): Promise<EventStream> {
  const opened = await openStream(server.url, `/api/rooms/${code}/events?role=${role}`, `${role === 'host' ? 'sc_host' : 'sc_player'}=${secret}`, lastEventId);
  streams.push(opened);
  return opened;
}

const control = (code: string, key: string, body: Record<string, unknown>) => request(server.url, `/api/rooms/${code}/control`, { body, token: key });

describe('a room from start to results', () => {
  it('runs the myth-buster: join, answer, live distribution, reveal, ranked misconceptions, export', async () => {
    const catalog = courseCatalog();
    // Three questions, the first a single-choice one (its wrong options are misconceptions of their own).
    const first = Object.values(catalog.questions).find((q) => q.kind === 'single')!;
    const questions = [first.id, ...quizQuestions('myth-buster').slice(0, 2)];
    const { code, key } = await openRoom(questions);
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    const host = await stream(code, 'host', key);
    expect(host.status).toBe(200);
    const ada = await join(code, 'Ada');
    const grace = await join(code, 'Grace');
    await host.next((e) => e.event === 'view' && view(e)['participants'].length === 2);

    const adaStream = await stream(code, 'player', ada.token);
    const lobby = view(await adaStream.next((e) => e.event === 'view'));
    expect(lobby).toMatchObject({ kind: 'player', room: { phase: 'lobby', code }, you: { name: 'Ada' }, question: null });

    expect((await control(code, key, { action: 'show', index: 0 })).status).toBe(200);
    const shown = view(await adaStream.next((e) => e.event === 'view' && view(e)['room'].phase === 'question'));
    const q = catalog.questions[questions[0]!]!;
    expect(shown['question']).toMatchObject({ id: q.id, prompt: q.prompt, number: 1 });
    // Before the reveal a participant's view has no right answer and nobody else's answer.
    expect(JSON.stringify(shown)).not.toContain('"correct"');
    expect(shown['reveal']).toBeNull();

    const wrongKey = q.options.find((o) => !q.correct.includes(o.key))!.key;
    const answered = await request(server.url, `/api/rooms/${code}/answer`, { body: { question: q.id, response: [wrongKey] }, token: ada.token });
    expect(answered).toMatchObject({ status: 200, body: { ok: true, response: [wrongKey] } });
    await request(server.url, `/api/rooms/${code}/answer`, { body: { question: q.id, response: q.correct }, token: grace.token });
    const live = view(await host.next((e) => e.event === 'view' && view(e)['live']?.answered === 2));
    expect(live['live'].distribution.find((d: { key: number }) => d.key === wrongKey).count).toBe(1);
    expect(live['live'].responses.map((r: { name: string }) => r.name).sort()).toEqual(['Ada', 'Grace']);

    await control(code, key, { action: 'reveal' });
    const revealed = view(await adaStream.next((e) => e.event === 'view' && view(e)['reveal'] !== null));
    expect(revealed['reveal']).toMatchObject({ correct: q.correct, answered: 2, yours: { correct: false } });
    expect(revealed['reveal'].yours.misconceptions).toEqual([`option-${wrongKey}`]);
    expect(revealed['reveal'].wrong.map((w: { key: string }) => w.key)).toContain(`option-${wrongKey}`);
    // Answers close with the reveal.
    expect((await request(server.url, `/api/rooms/${code}/answer`, { body: { question: q.id, response: q.correct }, token: ada.token })).status).toBe(409);

    await control(code, key, { action: 'end' });
    const results = view(await host.next((e) => e.event === 'view' && view(e)['room'].phase === 'ended'));
    expect(results['results'].ranked[0]).toMatchObject({ question: q.id, key: `option-${wrongKey}`, count: 1, answered: 2 });
    expect(results['results'].lessons[0].lesson).toBe(results['results'].ranked[0].lesson);
    const adaResults = view(await adaStream.next((e) => e.event === 'view' && view(e)['room'].phase === 'ended'));
    expect(adaResults['results'].score).toEqual({ correct: 0, answered: 1, total: 3 });

    const csv = await request<string>(server.url, `/api/rooms/${code}/export.csv`, { token: key });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="stagecraft-room-${code}.csv"`);
    expect(csv.body.split('\r\n')[0]).toBe('participant,question number,question,answer,correct,misconceptions,answered at');
    expect(csv.body).toContain('Ada,1,');
    const json = await request<{ answers: unknown[]; misconceptions: unknown[] }>(server.url, `/api/rooms/${code}/export.json`, { token: key });
    expect(json.body.answers).toHaveLength(2);
    expect(json.body.misconceptions).toHaveLength(1);
  });

  it('resumes a stream from Last-Event-ID: nothing when the page is up to date, the new view when it is not', async () => {
    const { code, key } = await openRoom(quizQuestions('myth-buster').slice(0, 2));
    const ada = await join(code, 'Ada');
    const first = await stream(code, 'player', ada.token);
    const lobby = await first.next((e) => e.event === 'view');
    first.close();
    const upToDate = await stream(code, 'player', ada.token, lobby.id!);
    await control(code, key, { action: 'show', index: 1 });
    const next = await upToDate.next((e) => e.event === 'view');
    // The first view this stream sends is the question: the lobby it already had is not sent again.
    expect(upToDate.events.filter((e) => e.event === 'view')).toHaveLength(1);
    expect(view(next)['room']).toMatchObject({ phase: 'question', index: 1 });
    expect(Number(next.id)).toBeGreaterThan(Number(lobby.id));
    const behind = await stream(code, 'player', ada.token, lobby.id!);
    expect(view(await behind.next((e) => e.event === 'view'))['room'].phase).toBe('question');
  });

  it('ends the streams of a deleted room, and of a removed participant, with the reason', async () => {
    const { code, key } = await openRoom(quizQuestions('myth-buster').slice(0, 1));
    const ada = await join(code, 'Ada');
    const grace = await join(code, 'Grace');
    const adaStream = await stream(code, 'player', ada.token);
    const graceStream = await stream(code, 'player', grace.token);
    await adaStream.next((e) => e.event === 'view');
    await control(code, key, { action: 'remove', participant: ada.id });
    await adaStream.next((e) => e.event === 'removed');
    await adaStream.ended;
    expect((await request(server.url, `/api/rooms/${code}/session`, { body: { role: 'player' }, token: ada.token })).status).toBe(401);
    expect((await request(server.url, `/api/rooms/${code}`, { method: 'DELETE', token: key })).status).toBe(200);
    await graceStream.next((e) => e.event === 'gone');
    expect((await request(server.url, `/api/rooms/${code}`)).status).toBe(404);
  });
});

describe('trust and limits', () => {
  it('acts as the facilitator only with the key: a participant token, a wrong key or no key is refused', async () => {
    const { code, key } = await openRoom(quizQuestions('myth-buster').slice(0, 1));
    const ada = await join(code, 'Ada');
    for (const token of [ada.token, `${key.slice(0, -2)}xx`, undefined]) {
      expect((await control(code, token as string, { action: 'show', index: 0 })).status).toBe(403);
      expect((await request(server.url, `/api/rooms/${code}/export.json`, ...(token ? [{ token }] : []))).status).toBe(403);
    }
    // The facilitator's stream needs the key in its cookie; a participant's token there is refused.
    expect((await stream(code, 'host', ada.token)).status).toBe(403);
    expect((await stream(code, 'player', 'x'.repeat(43))).status).toBe(401);
    // Nothing a participant receives carries the key or its hash.
    const adaStream = await stream(code, 'player', ada.token);
    const text = (await adaStream.next((e) => e.event === 'view')).data;
    expect(text).not.toContain(key);
    expect(text).not.toMatch(/[0-9a-f]{64}/);
  });

  it('refuses names that are empty, too long, or hold control or invisible characters, and a name already used', async () => {
    const { code } = await openRoom(quizQuestions('myth-buster').slice(0, 1));
    const refused = ['', '   ', 'x'.repeat(MAX_NAME_LENGTH + 1), 'Ada\nLovelace', 'Ev\u202Eil', 'Zero\u200Bwidth', 42];
    for (const name of refused) expect((await request(server.url, `/api/rooms/${code}/join`, { body: { name } })).status, JSON.stringify(name)).toBe(400);
    const html = await join(code, '<img src=x onerror=alert(1)>');
    expect(html.id).toBeTruthy();
    expect((await request(server.url, `/api/rooms/${code}/join`, { body: { name: '  ada  ' } })).status).toBe(201);
    const taken = await request<{ error: string }>(server.url, `/api/rooms/${code}/join`, { body: { name: 'ADA' } });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toContain('already uses the name');
  });

  it('refuses bodies over the limit, non-JSON bodies, posts from other sites and unknown codes', async () => {
    const { code } = await openRoom(quizQuestions('myth-buster').slice(0, 1));
    expect((await request(server.url, `/api/rooms/${code}/join`, { raw: JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES) }) })).status).toBe(413);
    expect(
      (await request(server.url, `/api/rooms/${code}/join`, { raw: 'name=Ada', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })).status,
    ).toBe(415);
    expect((await request(server.url, `/api/rooms/${code}/join`, { raw: '{"name":' })).status).toBe(400);
    expect((await request(server.url, `/api/rooms/${code}/join`, { body: { name: 'Eve' }, headers: { Origin: 'https://evil.example' } })).status).toBe(403);
    expect((await request(server.url, '/api/rooms/ZZZZZZ/join', { body: { name: 'Eve' } })).status).toBe(404);
    expect((await request(server.url, '/api/rooms/not-a-code')).status).toBe(404);
    expect((await request(server.url, '/api/nothing')).status).toBe(404);
  });

  it('checks answers against the question: only its options, one for single-answer kinds, only the open question', async () => {
    const questions = quizQuestions('myth-buster').slice(0, 2);
    const { code, key } = await openRoom(questions);
    const ada = await join(code, 'Ada');
    const q = courseCatalog().questions[questions[0]!]!;
    const answer = (question: unknown, response: unknown) =>
      request(server.url, `/api/rooms/${code}/answer`, { body: { question, response }, token: ada.token });
    expect((await answer(q.id, [0])).status).toBe(409);
    await control(code, key, { action: 'show', index: 0 });
    expect((await answer(q.id, [99])).status).toBe(400);
    expect((await answer(q.id, 'A')).status).toBe(400);
    expect((await answer(q.id, [])).status).toBe(400);
    expect(q.multiple, `${q.id} should be a single-answer question: this test sends it two options`).toBe(false);
    expect(
      (
        await answer(
          q.id,
          q.options.slice(0, 2).map((o) => o.key),
        )
      ).status,
    ).toBe(400);
    expect((await answer(questions[1], [0])).status).toBe(409);
    expect((await answer('myth-buster/not-in-room', [0])).status).toBe(400);
    expect((await answer(q.id, q.correct)).status).toBe(200);
    expect((await request(server.url, `/api/rooms/${code}/answer`, { body: { question: q.id, response: q.correct } })).status).toBe(401);
  });

  it('limits how fast one participant can answer (429 with Retry-After)', async () => {
    const questions = quizQuestions('myth-buster').slice(0, 1);
    const { code, key } = await openRoom(questions);
    const ada = await join(code, 'Ada');
    await control(code, key, { action: 'show', index: 0 });
    const q = courseCatalog().questions[questions[0]!]!;
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++)
      statuses.push((await request(server.url, `/api/rooms/${code}/answer`, { body: { question: q.id, response: q.correct }, token: ada.token })).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses).toContain(429);
    const limited = await request(server.url, `/api/rooms/${code}/answer`, { body: { question: q.id, response: q.correct }, token: ada.token });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it("keeps the exercise board to the room's exercises and goals, and a shared Dockerfile to its size limit", async () => {
    const exercise = courseCatalog().exercises['what-is-a-stage']!;
    const { code, key } = await openRoom([], [exercise.id]);
    const ada = await join(code, 'Ada');
    const board = (body: unknown) => request(server.url, `/api/rooms/${code}/board`, { body, token: ada.token });
    expect((await board({ exercise: 'capstone', passed: [] })).status).toBe(400);
    expect((await board({ exercise: exercise.id, passed: ['no-such-goal'] })).status).toBe(400);
    expect((await board({ exercise: exercise.id, passed: [], dockerfile: 'x'.repeat(20_001) })).status).toBe(400);
    expect((await board({ exercise: exercise.id, passed: [exercise.goals[0]!.id], dockerfile: 'FROM alpine\n' })).status).toBe(200);
    const dockerfile = await request<{ dockerfile: string }>(server.url, `/api/rooms/${code}/board/${ada.id}/${exercise.id}`, { token: key });
    expect(dockerfile.body.dockerfile).toBe('FROM alpine\n');
    expect((await request(server.url, `/api/rooms/${code}/board/${ada.id}/${exercise.id}`, { token: ada.token })).status).toBe(403);
  });

  it('limits how many rooms one address opens (10 at once, then one every 30 seconds)', async () => {
    const own = tempDir('api-limits');
    const fresh = await startServer({ root: siteRoot(own.path), dataDir: `${own.path}/data`, port: 0 });
    try {
      const body = { questions: quizQuestions('myth-buster').slice(0, 1) };
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await request(fresh.url, '/api/rooms', { body })).status);
      expect(statuses).toEqual([...Array(10).fill(201), 429]);
    } finally {
      await fresh.close();
      own.remove();
    }
  });

  it('opens rooms only from known questions, and says which are unknown', async () => {
    const created = await request<{ error: string }>(server.url, '/api/rooms', { body: { questions: ['myth-buster/nope'] } });
    expect(created.status).toBe(400);
    expect(created.body.error).toContain('myth-buster/nope');
    expect((await request(server.url, '/api/rooms', { body: { questions: [] } })).status).toBe(400);
    expect((await request(server.url, '/api/rooms', { body: { questions: Array.from({ length: 41 }, (_, i) => `q${i}`) } })).status).toBe(400);
  });

  it("answers every API response with the site's security headers and no caching", async () => {
    const status = await request(server.url, '/api/rooms/status');
    expect(status.body).toMatchObject({ rooms: true, storage: 'sqlite', lifetimeHours: 24 });
    expect(status.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(status.headers['cache-control']).toBe('no-store');
    expect(status.headers['x-content-type-options']).toBe('nosniff');
  });
});
