// Two server processes on one PostgreSQL database, as behind a load balancer: the
// facilitator follows the room on one, participants join and answer on the other, and each
// sees the other's changes live (PostgreSQL's LISTEN/NOTIFY carries them between the two).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  courseCatalog,
  freshDatabase,
  openStream,
  POSTGRES_SKIP_REASON,
  POSTGRES_URL,
  quizQuestions,
  request,
  siteRoot,
  tempDir,
  view,
  type EventStream,
} from './support.ts';
import { startServerProcess, stopServerProcess, type ServerProcess } from '../../scripts/room-server-process.ts';

it.runIf(Boolean(process.env['CI']))('CI has a PostgreSQL server for the multi-instance test', () => {
  expect(POSTGRES_URL, POSTGRES_SKIP_REASON).not.toBeNull();
});

describe.skipIf(POSTGRES_URL === null)('two server processes on one PostgreSQL database', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let a: ServerProcess | undefined;
  let b: ServerProcess | undefined;
  const streams: EventStream[] = [];

  beforeAll(async () => {
    dir = tempDir('instances');
    db = await freshDatabase();
    const root = siteRoot(dir.path);
    [a, b] = await Promise.all([
      startServerProcess({ root, dataDir: `${dir.path}/a`, env: { DATABASE_URL: db.url } }),
      startServerProcess({ root, dataDir: `${dir.path}/b`, env: { DATABASE_URL: db.url } }),
    ]);
  }, 60_000);
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await Promise.all([stopServerProcess(a), stopServerProcess(b)]);
    await db?.drop();
    dir?.remove();
  });

  it('shows answers taken by one instance on the facilitator stream of the other, and the reveal the other way', { timeout: 60_000 }, async () => {
    const questions = quizQuestions('myth-buster').slice(0, 1);
    const q = courseCatalog().questions[questions[0]!]!;
    const status = await request(a!.url, '/api/rooms/status');
    expect(status.body).toMatchObject({ storage: 'postgres' });
    const { code, key } = (await request<{ code: string; key: string }>(a!.url, '/api/rooms', { body: { questions } })).body;
    const host = await openStream(a!.url, `/api/rooms/${code}/events?role=host`, `sc_host=${key}`);
    streams.push(host);
    await host.next((e) => e.event === 'view');

    const people = [];
    for (const name of ['Ada', 'Grace', 'Linus'])
      people.push((await request<{ token: string }>(b!.url, `/api/rooms/${code}/join`, { body: { name } })).body.token);
    await host.next((e) => e.event === 'view' && view(e)['participants'].length === 3);
    const player = await openStream(b!.url, `/api/rooms/${code}/events?role=player`, `sc_player=${people[0]}`);
    streams.push(player);

    await request(a!.url, `/api/rooms/${code}/control`, { body: { action: 'show', index: 0 }, token: key });
    await player.next((e) => e.event === 'view' && view(e)['room'].phase === 'question');
    for (const token of people)
      expect((await request(b!.url, `/api/rooms/${code}/answer`, { body: { question: q.id, response: q.correct }, token })).status).toBe(200);
    const live = view(await host.next((e) => e.event === 'view' && view(e)['live']?.answered === 3));
    expect(live['live'].responses.map((r: { name: string }) => r.name).sort()).toEqual(['Ada', 'Grace', 'Linus']);

    await request(a!.url, `/api/rooms/${code}/control`, { body: { action: 'reveal' }, token: key });
    const revealed = view(await player.next((e) => e.event === 'view' && view(e)['reveal'] !== null));
    expect(revealed['reveal']).toMatchObject({ answered: 3, yours: { correct: true } });
  });
});
