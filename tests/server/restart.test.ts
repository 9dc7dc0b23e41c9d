// The server killed (SIGKILL, no goodbye) in the middle of a question and started again on
// the same port and data: every answer it had acknowledged is still there, participants whose
// answers were cut off send them again and are acknowledged, and an event stream reconnects
// with Last-Event-ID and carries on (it gets the reveal that follows).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseCatalog, openStream, quizQuestions, request, siteRoot, tempDir, view, type EventStream } from './support.ts';
import { startServerProcess, stopServerProcess, type ServerProcess } from '../../scripts/room-server-process.ts';

let dir: ReturnType<typeof tempDir>;
let root: string;
let server: ServerProcess | undefined;
const streams: EventStream[] = [];

beforeAll(() => {
  dir = tempDir('restart');
  root = siteRoot(dir.path);
});
afterAll(async () => {
  for (const stream of streams) stream.close();
  await stopServerProcess(server);
  dir?.remove();
});

describe('a server restart in the middle of a question', () => {
  it('loses no acknowledged answer, and the clients resume', { timeout: 120_000 }, async () => {
    server = await startServerProcess({ root, dataDir: `${dir.path}/data` });
    const questions = quizQuestions('myth-buster').slice(0, 2);
    const q = courseCatalog().questions[questions[0]!]!;
    const created = await request<{ code: string; key: string }>(server.url, '/api/rooms', { body: { title: 'Restart', questions } });
    const { code, key } = created.body;
    const people: Array<{ id: string; token: string }> = [];
    for (let i = 0; i < 30; i++) {
      const joined = await request<{ you: { id: string }; token: string }>(server.url, `/api/rooms/${code}/join`, { body: { name: `Participant ${i}` } });
      people.push({ id: joined.body.you.id, token: joined.body.token });
    }
    await request(server.url, `/api/rooms/${code}/control`, { body: { action: 'show', index: 0 }, token: key });
    const watcher = await openStream(server.url, `/api/rooms/${code}/events?role=player`, `sc_player=${people[0]!.token}`);
    streams.push(watcher);
    const before = await watcher.next((e) => e.event === 'view' && view(e)['room'].phase === 'question');

    // Everyone answers at once; the server is killed as soon as the fifth answer is acknowledged.
    const acknowledged = new Set<string>();
    const running = server;
    let killed = false;
    const answers = people.map((person, i) =>
      request(running.url, `/api/rooms/${code}/answer`, {
        body: { question: q.id, response: [q.options[i % q.options.length]!.key] },
        token: person.token,
      }).then(
        (response) => {
          if (response.status === 200) acknowledged.add(person.id);
          if (acknowledged.size >= 5 && !killed) {
            killed = true;
            running.child.kill('SIGKILL');
          }
          return response.status;
        },
        () => 0,
      ),
    );
    await Promise.all(answers);
    expect(await running.exited).toBe('SIGKILL');
    await watcher.ended;
    expect(acknowledged.size).toBeGreaterThanOrEqual(5);

    server = await startServerProcess({ root, dataDir: `${dir.path}/data`, port: running.port });
    // The facilitator sees every acknowledged answer.
    const exported = await request<{ answers: Array<{ participant: string }> }>(server.url, `/api/rooms/${code}/export.json`, { token: key });
    const stored = new Set(exported.body.answers.map((a) => a.participant));
    const names = new Map(people.map((p, i) => [p.id, `Participant ${i}`]));
    for (const id of acknowledged) expect(stored.has(names.get(id)!), `${names.get(id)} was acknowledged`).toBe(true);

    // The stream reconnects with the id of the last view it had: the room has not moved, so nothing is resent…
    const resumed = await openStream(server.url, `/api/rooms/${code}/events?role=player`, `sc_player=${people[0]!.token}`, before.id!);
    streams.push(resumed);
    expect(resumed.status).toBe(200);
    // …and the participants whose answers were cut off send them again.
    const retried = await Promise.all(
      people
        .filter((p) => !acknowledged.has(p.id))
        .map((p) => request(server!.url, `/api/rooms/${code}/answer`, { body: { question: q.id, response: [q.correct[0]!] }, token: p.token })),
    );
    expect(retried.every((r) => r.status === 200)).toBe(true);
    const all = await request<{ answers: unknown[] }>(server.url, `/api/rooms/${code}/export.json`, { token: key });
    expect(all.body.answers).toHaveLength(30);

    await request(server.url, `/api/rooms/${code}/control`, { body: { action: 'reveal' }, token: key });
    const reveal = view(await resumed.next((e) => e.event === 'view'));
    expect(reveal['reveal']).toMatchObject({ answered: 30, correct: q.correct });
    expect(resumed.events.filter((e) => e.event === 'view')).toHaveLength(1);
  });
});
