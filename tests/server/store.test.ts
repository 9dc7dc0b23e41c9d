// The room store's contract, on both stores: SQLite (node:sqlite, a temporary data folder)
// and PostgreSQL (a fresh database on the server .ci/postgres.sh starts). Same tests, same
// expectations: migrations, codes, names, answers only while their question is open,
// version counters, change announcements (PostgreSQL: through LISTEN/NOTIFY, also between
// two processes' stores), cascading deletes and expiry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/server/store/postgres.ts';
import { SqliteStore } from '../../src/server/store/sqlite.ts';
import type { RoomChange, RoomStore } from '../../src/server/store/room-store.ts';
import { freshDatabase, POSTGRES_SKIP_REASON, POSTGRES_URL, tempDir } from './support.ts';

const NOW = 1_800_000_000_000;
const DAY = 24 * 3600 * 1000;

interface Backend {
  name: string;
  available: boolean;
  /** Opens a store on a fresh database; `reopen` opens another on the same one. */
  setup(): Promise<{ open(): Promise<RoomStore>; cleanup(): Promise<void> }>;
}

const BACKENDS: Backend[] = [
  {
    name: 'SQLite',
    available: true,
    async setup() {
      const dir = tempDir('store');
      return { open: async () => SqliteStore.open(dir.path), cleanup: async () => dir.remove() };
    },
  },
  {
    name: 'PostgreSQL',
    available: POSTGRES_URL !== null,
    async setup() {
      const db = await freshDatabase();
      return { open: () => PostgresStore.open(db.url), cleanup: () => db.drop() };
    },
  },
];

it.runIf(Boolean(process.env['CI']))('CI has a PostgreSQL server for the store tests', () => {
  expect(POSTGRES_URL, POSTGRES_SKIP_REASON).not.toBeNull();
});

function room(code: string, questions = ['q/one', 'q/two'], createdAt = NOW) {
  return { code, hostHash: 'ab'.repeat(32), title: 'Room', questions, exercises: ['ex'], createdAt, expiresAt: createdAt + DAY };
}

/** The next announced change that matches, from `store`. */
function nextChange(store: RoomStore, predicate: (change: RoomChange) => boolean, timeout = 5000): Promise<RoomChange> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('no matching change announced'));
    }, timeout);
    const off = store.onChange((change) => {
      if (!predicate(change)) return;
      clearTimeout(timer);
      off();
      resolve(change);
    });
  });
}

describe.each(BACKENDS)('$name store', (backend) => {
  let setup: Awaited<ReturnType<Backend['setup']>>;
  let store: RoomStore;

  beforeAll(async () => {
    if (!backend.available) return;
    setup = await backend.setup();
    store = await setup.open();
  });
  afterAll(async () => {
    await store?.close();
    await setup?.cleanup();
  });

  it.skipIf(!backend.available)('applies its migrations once: a second store on the same database opens it as it is', async () => {
    await store.createRoom(room('MIGRAT'));
    const again = await setup.open();
    try {
      expect((await again.room('MIGRAT', NOW))?.title).toBe('Room');
    } finally {
      await again.close();
    }
  });

  it.skipIf(!backend.available)('creates a room in the lobby and refuses a second room with the same code', async () => {
    const created = await store.createRoom(room('AAAAAA'));
    expect(created).toMatchObject({
      code: 'AAAAAA',
      phase: 'lobby',
      index: 0,
      revealed: [],
      questions: ['q/one', 'q/two'],
      exercises: ['ex'],
      version: 1,
      phaseVersion: 1,
    });
    expect(await store.createRoom(room('AAAAAA'))).toBeNull();
  });

  it.skipIf(!backend.available)('does not return a room past its expiry, and deleteExpired removes it with all it holds', async () => {
    await store.createRoom(room('EXPIRE', ['q/one'], NOW - 2 * DAY));
    const joined = await store.addParticipant('EXPIRE', { name: 'Ada', tokenHash: 'e1', joinedAt: NOW }, 10);
    expect(joined.ok).toBe(true);
    expect(await store.room('EXPIRE', NOW)).toBeNull();
    expect(await store.room('EXPIRE', NOW - 2 * DAY + 1)).not.toBeNull();
    const gone = nextChange(store, (change) => change.code === 'EXPIRE');
    expect(await store.deleteExpired(NOW)).toBeGreaterThanOrEqual(1);
    expect(await gone).toMatchObject({ code: 'EXPIRE', scope: 'all', version: 0 });
    expect(await store.participants('EXPIRE')).toEqual([]);
    expect(await store.room('EXPIRE', 0)).toBeNull();
  });

  it.skipIf(!backend.available)('keeps names unique in a room, ignoring case, and refuses joins past the maximum', async () => {
    await store.createRoom(room('NAMESS'));
    expect(await store.addParticipant('NAMESS', { name: 'Ada', tokenHash: 'n1', joinedAt: NOW }, 2)).toMatchObject({ ok: true, participant: { name: 'Ada' } });
    expect(await store.addParticipant('NAMESS', { name: 'ADA', tokenHash: 'n2', joinedAt: NOW }, 2)).toEqual({ ok: false, reason: 'name-taken' });
    expect((await store.addParticipant('NAMESS', { name: 'Grace', tokenHash: 'n3', joinedAt: NOW + 1 }, 2)).ok).toBe(true);
    expect(await store.addParticipant('NAMESS', { name: 'Linus', tokenHash: 'n4', joinedAt: NOW + 2 }, 2)).toEqual({ ok: false, reason: 'full' });
    expect((await store.participants('NAMESS')).map((p) => p.name)).toEqual(['Ada', 'Grace']);
    expect((await store.participantByToken('NAMESS', 'n3'))?.name).toBe('Grace');
    expect(await store.participantByToken('NAMESS', 'nope')).toBeNull();
    expect(await store.addParticipant('NOROOM', { name: 'Ada', tokenHash: 'n5', joinedAt: NOW }, 2)).toEqual({ ok: false, reason: 'no-room' });
  });

  it.skipIf(!backend.available)('stores an answer only while its question is open and unrevealed, and replaces it on a second answer', async () => {
    await store.createRoom(room('ANSWER'));
    const joined = await store.addParticipant('ANSWER', { name: 'Ada', tokenHash: 'a1', joinedAt: NOW }, 10);
    if (!joined.ok) throw new Error('join failed');
    const id = joined.participant.id;
    expect(await store.recordAnswer('ANSWER', id, 'q/one', [1], true, NOW)).toEqual({ ok: false, reason: 'closed' });
    await store.setState('ANSWER', { phase: 'question', index: 0, revealed: [] });
    expect(await store.recordAnswer('ANSWER', id, 'q/two', [1], true, NOW)).toEqual({ ok: false, reason: 'closed' });
    expect(await store.recordAnswer('ANSWER', id, 'q/one', [1], true, NOW + 1)).toEqual({ ok: true, at: NOW + 1 });
    expect(await store.recordAnswer('ANSWER', id, 'q/one', [0, 2], true, NOW + 2)).toEqual({ ok: true, at: NOW + 2 });
    expect(await store.answers('ANSWER')).toEqual([{ participant: id, question: 'q/one', response: [0, 2], at: NOW + 2 }]);
    await store.setState('ANSWER', { phase: 'revealed', index: 0, revealed: ['q/one'] });
    expect(await store.recordAnswer('ANSWER', id, 'q/one', [1], true, NOW + 3)).toEqual({ ok: false, reason: 'closed' });
    expect(await store.answers('ANSWER', 'q/one')).toHaveLength(1);
    const tallies = await store.tallies('ANSWER');
    expect(tallies.participants.get(id)).toEqual({ answered: 1, correct: 1 });
    expect(tallies.questions.get('q/one')).toBe(1);
    expect(await store.recordAnswer('NOROOM', id, 'q/one', [1], true, NOW)).toEqual({ ok: false, reason: 'no-room' });
  });

  it.skipIf(!backend.available)('bumps the version on every change and the phase version only on what participants see, announcing each', async () => {
    const created = (await store.createRoom(room('VERSNS')))!;
    const joinedChange = nextChange(store, (change) => change.code === 'VERSNS');
    const joined = await store.addParticipant('VERSNS', { name: 'Ada', tokenHash: 'v1', joinedAt: NOW }, 10);
    expect(await joinedChange).toEqual({ code: 'VERSNS', scope: 'host', version: created.version + 1, phaseVersion: created.phaseVersion });
    const stateChange = nextChange(store, (change) => change.code === 'VERSNS');
    const shown = await store.setState('VERSNS', { phase: 'question', index: 1, revealed: [] });
    expect(shown).toMatchObject({ phase: 'question', index: 1, version: created.version + 2, phaseVersion: created.phaseVersion + 1 });
    expect(await stateChange).toEqual({ code: 'VERSNS', scope: 'all', version: created.version + 2, phaseVersion: created.phaseVersion + 1 });
    if (!joined.ok) throw new Error('join failed');
    const removed = nextChange(store, (change) => change.code === 'VERSNS');
    expect(await store.removeParticipant('VERSNS', joined.participant.id)).toBe(true);
    expect(await removed).toMatchObject({ scope: 'participant', participant: joined.participant.id, version: created.version + 3 });
    expect(await store.removeParticipant('VERSNS', joined.participant.id)).toBe(false);
  });

  it.skipIf(!backend.available)('commits concurrent answers one after another: none lost, versions consecutive', async () => {
    const created = (await store.createRoom(room('CONCUR', ['q/one'])))!;
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const joined = await store.addParticipant('CONCUR', { name: `P${i}`, tokenHash: `c${i}`, joinedAt: NOW + i }, 100);
      if (!joined.ok) throw new Error('join failed');
      ids.push(joined.participant.id);
    }
    await store.setState('CONCUR', { phase: 'question', index: 0, revealed: [] });
    const beforeAnswers = (await store.room('CONCUR', NOW))!.version;
    const versions: number[] = [];
    // Only the answers' changes: on PostgreSQL the notification of setState above travels
    // through LISTEN/NOTIFY and may arrive after this listener is in place.
    const off = store.onChange((change) => {
      if (change.code === 'CONCUR' && change.version > beforeAnswers) versions.push(change.version);
    });
    const results = await Promise.all(ids.map((id, i) => store.recordAnswer('CONCUR', id, 'q/one', [i % 3], i % 3 === 0, NOW + 100 + i)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await store.answers('CONCUR', 'q/one')).toHaveLength(40);
    const tallies = await store.tallies('CONCUR');
    expect([...tallies.participants.values()].reduce((sum, t) => sum + t.correct, 0)).toBe(14);
    expect(tallies.questions.get('q/one')).toBe(40);
    const last = (await store.room('CONCUR', NOW))!.version;
    expect(last).toBe(created.version + 40 + 1 + 40);
    await expect.poll(() => versions.length).toBe(40);
    expect([...versions].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => last - 39 + i));
    off();
  });

  it.skipIf(!backend.available)('keeps the exercise board per participant and exercise, with the Dockerfile only when shared', async () => {
    await store.createRoom(room('BOARDS'));
    const joined = await store.addParticipant('BOARDS', { name: 'Ada', tokenHash: 'b1', joinedAt: NOW }, 10);
    if (!joined.ok) throw new Error('join failed');
    const id = joined.participant.id;
    await store.setBoard('BOARDS', id, { exercise: 'ex', passed: ['g1'], goals: 3, dockerfile: null, updatedAt: NOW });
    await store.setBoard('BOARDS', id, { exercise: 'ex', passed: ['g1', 'g2'], goals: 3, dockerfile: 'FROM alpine\n', updatedAt: NOW + 1 });
    expect(await store.board('BOARDS')).toEqual([{ participant: id, exercise: 'ex', passed: ['g1', 'g2'], goals: 3, hasDockerfile: true, updatedAt: NOW + 1 }]);
    expect(await store.boardDockerfile('BOARDS', id, 'ex')).toBe('FROM alpine\n');
    expect(await store.boardDockerfile('BOARDS', id, 'other')).toBeNull();
    await store.clearBoard('BOARDS', id);
    expect(await store.board('BOARDS')).toEqual([]);
  });

  it.skipIf(!backend.available)('deletes a room with its participants, answers and board, and announces it', async () => {
    await store.createRoom(room('DELETE'));
    const joined = await store.addParticipant('DELETE', { name: 'Ada', tokenHash: 'd1', joinedAt: NOW }, 10);
    if (!joined.ok) throw new Error('join failed');
    await store.setState('DELETE', { phase: 'question', index: 0, revealed: [] });
    await store.recordAnswer('DELETE', joined.participant.id, 'q/one', [0], true, NOW);
    const gone = nextChange(store, (change) => change.code === 'DELETE' && change.version === 0);
    expect(await store.deleteRoom('DELETE')).toBe(true);
    await gone;
    expect(await store.answers('DELETE')).toEqual([]);
    expect(await store.participantByToken('DELETE', 'd1')).toBeNull();
    expect(await store.deleteRoom('DELETE')).toBe(false);
  });
});

describe.skipIf(POSTGRES_URL === null)('PostgreSQL between processes', () => {
  it('announces a change committed by one store to another store on the same database (LISTEN/NOTIFY)', async () => {
    const db = await freshDatabase();
    const a = await PostgresStore.open(db.url);
    const b = await PostgresStore.open(db.url);
    try {
      await a.createRoom(room('FANOUT'));
      const seen = nextChange(b, (change) => change.code === 'FANOUT');
      await a.addParticipant('FANOUT', { name: 'Ada', tokenHash: 'f1', joinedAt: NOW }, 10);
      expect(await seen).toMatchObject({ code: 'FANOUT', scope: 'host', version: 2 });
      expect((await b.participants('FANOUT')).map((p) => p.name)).toEqual(['Ada']);
    } finally {
      await a.close();
      await b.close();
      await db.drop();
    }
  });
});
