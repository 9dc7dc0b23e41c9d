// npm run loadtest:rooms — one live room under a workshop's worst moment, on this machine only.
//
// Starts the room server (node src/server/main.ts, SQLite in a temporary folder; set
// DATABASE_URL to load PostgreSQL instead) on 127.0.0.1, opens a room of 10 questions,
// joins 200 participants, each with its own event stream, and for each question: shows it,
// lets every participant answer (after a random pause of up to 300 ms), waits until the
// facilitator's stream has every answer, reveals. Then compares the answers the server
// acknowledged with the room's export.
//
//   answer-to-facilitator: from a participant sending an answer to the facilitator's stream
//                          delivering a view that holds it
//   lost:                  answers acknowledged (200) but missing from the export
//
// Bounded: loopback only, fixed counts, every wait has a timeout, and the whole run stops
// after 240 s. Exits 1 when an answer is lost or missing. The last line is the summary:
//   rooms: participants N, answers M, lost L, p95 answer-to-facilitator X ms
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogFromContent } from '../src/build/rooms/catalog-content.ts';
import { CATALOG_PATH } from '../src/lib/rooms/catalog.ts';
import { openStream, request, type EventStream } from './rooms-client.ts';
import { startServerProcess, stopServerProcess, type ServerProcess } from './room-server-process.ts';

const PARTICIPANTS = Number(process.env['LOADTEST_PARTICIPANTS'] ?? 200);
const QUESTIONS = 10;
const THINK_MS = 300;
const STEP_TIMEOUT_MS = 30_000;
const RUN_TIMEOUT_MS = 240_000;

interface Participant {
  name: string;
  token: string;
  stream: EventStream;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function pool<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await task(items[index]!, index);
      }
    }),
  );
}

async function run(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'stagecraft-loadtest-'));
  const root = join(dir, 'site');
  mkdirSync(join(root, 'workshops', 'rooms'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>load test</title>');
  const catalog = catalogFromContent();
  writeFileSync(join(root, CATALOG_PATH), JSON.stringify(catalog));
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const streams: EventStream[] = [];
  let server: ServerProcess | undefined;
  try {
    server = await startServerProcess({ root, dataDir: join(dir, 'data'), env: { DATABASE_URL: process.env['DATABASE_URL'] ?? '' } });
    const base = server.url;
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base)) throw new Error(`refusing to load anything but loopback: ${base}`);
    const status = await request(base, '/api/rooms/status', { agent });
    console.log(`server: ${base}, storage ${String(status.body['storage'])}`);

    const questionIds = catalog.quizzes.flatMap((quiz) => quiz.questions).slice(0, QUESTIONS);
    const created = await request<{ code: string; key: string }>(base, '/api/rooms', { body: { title: 'Load test', questions: questionIds }, agent });
    if (created.status !== 201) throw new Error(`could not open a room: ${JSON.stringify(created.body)}`);
    const { code, key } = created.body;

    const host = await openStream(base, `/api/rooms/${code}/events?role=host`, `sc_host=${key}`);
    streams.push(host);
    const sentAt = new Map<string, number>();
    const seenAt = new Map<string, number>();
    // Each facilitator view is read once, as it arrives: who has answered, and how many.
    const complete = new Map<string, () => void>();
    host.onEvent((event) => {
      if (event.event !== 'view') return;
      const now = performance.now();
      const view = JSON.parse(event.data) as { question: { id: string } | null; live: { answered: number; responses: Array<{ name: string }> } | null };
      if (!view.question || !view.live) return;
      for (const response of view.live.responses) {
        const id = `${view.question.id}\n${response.name}`;
        if (!seenAt.has(id)) seenAt.set(id, now);
      }
      if (view.live.answered === PARTICIPANTS) complete.get(view.question.id)?.();
    });
    const allAnswered = (question: string): Promise<void> =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`the facilitator did not see every answer to ${question} within ${STEP_TIMEOUT_MS} ms`)),
          STEP_TIMEOUT_MS,
        );
        complete.set(question, () => {
          clearTimeout(timer);
          resolve();
        });
      });

    const started = performance.now();
    const participants: Participant[] = [];
    await pool(
      Array.from({ length: PARTICIPANTS }, (_, i) => `Participant ${i + 1}`),
      25,
      async (name) => {
        const joined = await request<{ token: string }>(base, `/api/rooms/${code}/join`, { body: { name }, agent });
        if (joined.status !== 201) throw new Error(`${name} could not join: ${joined.status} ${JSON.stringify(joined.body)}`);
        const stream = await openStream(base, `/api/rooms/${code}/events?role=player`, `sc_player=${joined.body.token}`);
        streams.push(stream);
        participants.push({ name, token: joined.body.token, stream });
      },
    );
    console.log(`joined: ${participants.length} participants with their streams in ${Math.round(performance.now() - started)} ms`);

    let acknowledged = 0;
    const acked = new Set<string>();
    let failed = 0;
    for (let index = 0; index < questionIds.length; index++) {
      const question = catalog.questions[questionIds[index]!]!;
      const seenAll = allAnswered(question.id);
      await request(base, `/api/rooms/${code}/control`, { body: { action: 'show', index }, token: key, agent });
      await pool(participants, PARTICIPANTS, async (p, i) => {
        await p.stream.next(
          (e) => e.event === 'view' && (JSON.parse(e.data) as { question: { id: string } | null }).question?.id === question.id,
          STEP_TIMEOUT_MS,
        );
        await new Promise((resolve) => setTimeout(resolve, Math.random() * THINK_MS));
        const option = question.options[(i + index) % question.options.length]!.key;
        const id = `${question.id}\n${p.name}`;
        sentAt.set(id, performance.now());
        const answered = await request(base, `/api/rooms/${code}/answer`, { body: { question: question.id, response: [option] }, token: p.token, agent });
        if (answered.status === 200) {
          acknowledged += 1;
          acked.add(id);
        } else failed += 1;
      });
      await seenAll;
      await request(base, `/api/rooms/${code}/control`, { body: { action: 'reveal' }, token: key, agent });
    }
    await request(base, `/api/rooms/${code}/control`, { body: { action: 'end' }, token: key, agent });

    const exported = await request<{ answers: Array<{ participant: string; question: string }> }>(base, `/api/rooms/${code}/export.json`, {
      token: key,
      agent,
    });
    const stored = new Set(exported.body.answers.map((a) => `${a.question}\n${a.participant}`));
    const lost = [...acked].filter((id) => !stored.has(id)).length;
    const latencies = [...acked].flatMap((id) => (seenAt.has(id) && sentAt.has(id) ? [seenAt.get(id)! - sentAt.get(id)!] : []));
    const expected = PARTICIPANTS * questionIds.length;
    console.log(`answers: ${acknowledged} acknowledged, ${failed} refused, ${stored.size} stored; facilitator saw ${latencies.length}`);
    console.log(
      `answer-to-facilitator: median ${Math.round(percentile(latencies, 50))} ms, p95 ${Math.round(percentile(latencies, 95))} ms, max ${Math.round(Math.max(0, ...latencies))} ms`,
    );
    console.log(`total ${Math.round(performance.now() - started)} ms`);
    console.log(
      `rooms: participants ${participants.length}, answers ${stored.size}, lost ${lost}, p95 answer-to-facilitator ${Math.round(percentile(latencies, 95))} ms`,
    );
    return lost === 0 && stored.size === expected && latencies.length === expected ? 0 : 1;
  } finally {
    for (const stream of streams) stream.close();
    agent.destroy();
    await stopServerProcess(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

const deadline = setTimeout(() => {
  console.error(`loadtest:rooms: stopped after ${RUN_TIMEOUT_MS / 1000} s`);
  process.exit(1);
}, RUN_TIMEOUT_MS);
deadline.unref();
try {
  process.exitCode = await run();
} catch (error) {
  console.error(`loadtest:rooms: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
