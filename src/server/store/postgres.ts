// The store for several server processes behind a load balancer: PostgreSQL, through pg
// (node-postgres), selected by DATABASE_URL=postgres://…
//
// PostgreSQL carries the state and the fan-out: each transaction that changes a room also
// calls pg_notify('stagecraft_rooms', change), which PostgreSQL delivers on commit to every
// process LISTENing, this one included, so every process updates the event streams of its
// own clients whichever process took the change. The listening connection reconnects by
// itself after a drop, and then tells listeners that any room may have changed ('*'),
// since notifications sent while it was away are lost.
//
// Rows are locked per room (SELECT … FOR UPDATE), so concurrent answers to one room commit
// one after another and its version counters never skip or repeat.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations.ts';
import { acceptsAnswers, answerRow, boardRow, participantRow, roomRow, talliesOf } from './rows.ts';
import { goneChange, nameKey, type BoardEntry, type RoomChange, type RoomRow, type RoomState, type RoomStore } from './room-store.ts';

const CHANNEL = 'stagecraft_rooms';
/** An arbitrary key for the advisory lock that serializes migrations between processes. */
const MIGRATION_LOCK = 724_187_013;
const INT8 = 20;

/** BIGINT columns as numbers (times in milliseconds and counters stay far below 2^53). */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

type Client = pg.PoolClient;
type Row = Record<string, unknown>;

/** Every change everyone must re-read: sent to listeners after the listening connection comes back. */
export const ANY_ROOM = '*';

export class PostgresStore implements RoomStore {
  readonly kind = 'postgres' as const;
  readonly #pool: pg.Pool;
  readonly #url: string;
  readonly #listeners = new Set<(change: RoomChange) => void>();
  #listener: pg.Client | null = null;
  #closed = false;
  #retry: ReturnType<typeof setTimeout> | null = null;

  private constructor(url: string) {
    this.#url = url;
    this.#pool = new pg.Pool({ connectionString: url, max: 10, types });
    // An idle client's error (the server restarted) must not crash the process; the pool replaces it.
    this.#pool.on('error', () => {});
  }

  static async open(url: string): Promise<PostgresStore> {
    const store = new PostgresStore(url);
    try {
      await store.#migrate();
      await store.#listen();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  async #migrate(): Promise<void> {
    await this.#transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(MIGRATIONS_TABLE);
      const applied = new Set((await client.query('SELECT version FROM schema_migrations')).rows.map((row: Row) => Number(row['version'])));
      for (const migration of MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        for (const statement of migration.statements) await client.query(statement);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, Date.now()]);
      }
    });
  }

  async #listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#url, types });
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      try {
        this.#announce(JSON.parse(message.payload) as RoomChange);
      } catch {
        // Not ours; ignore.
      }
    });
    const reconnect = (): void => {
      if (this.#closed || this.#listener !== client) return;
      this.#listener = null;
      client.removeAllListeners('error');
      client.on('error', () => {});
      void client.end().catch(() => {});
      this.#retry = setTimeout(() => {
        this.#retry = null;
        this.#listen().then(
          () => this.#announce({ code: ANY_ROOM, scope: 'all', version: 0, phaseVersion: 0 }),
          () => reconnect.call(this),
        );
      }, 1000);
    };
    client.on('error', reconnect);
    client.on('end', reconnect);
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.#listener = client;
  }

  #announce(change: RoomChange): void {
    for (const listener of this.#listeners) listener(change);
  }

  async #transaction<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async #one(sql: string, params: unknown[], client: Client | pg.Pool = this.#pool): Promise<Row | undefined> {
    return (await client.query(sql, params)).rows[0] as Row | undefined;
  }

  async #all(sql: string, params: unknown[]): Promise<Row[]> {
    return (await this.#pool.query(sql, params)).rows as Row[];
  }

  /** The room, locked for the rest of the transaction. */
  async #lockRoom(client: Client, code: string): Promise<RoomRow | null> {
    const row = await this.#one('SELECT * FROM rooms WHERE code = $1 FOR UPDATE', [code], client);
    return row ? roomRow(row) : null;
  }

  /** Bumps the room's counters and queues the notification, both committed with the transaction. */
  async #bump(client: Client, room: RoomRow, scope: RoomChange['scope'], participant?: string): Promise<void> {
    const row = (await this.#one(
      'UPDATE rooms SET version = version + 1, phase_version = phase_version + $1 WHERE id = $2 RETURNING version, phase_version',
      [scope === 'host' ? 0 : 1, room.id],
      client,
    ))!;
    const change: RoomChange = {
      code: room.code,
      scope,
      version: Number(row['version']),
      phaseVersion: Number(row['phase_version']),
      ...(participant ? { participant } : {}),
    };
    await client.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(change)]);
  }

  async createRoom(room: Parameters<RoomStore['createRoom']>[0]): Promise<RoomRow | null> {
    const row = await this.#one(
      `INSERT INTO rooms (id, code, host_hash, title, questions, exercises, phase, question_index, revealed, version, phase_version, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'lobby', 0, '[]', 1, 1, $7, $8) ON CONFLICT (code) DO NOTHING RETURNING *`,
      [randomUUID(), room.code, room.hostHash, room.title, JSON.stringify(room.questions), JSON.stringify(room.exercises), room.createdAt, room.expiresAt],
    );
    return row ? roomRow(row) : null;
  }

  async room(code: string, now: number): Promise<RoomRow | null> {
    const row = await this.#one('SELECT * FROM rooms WHERE code = $1 AND expires_at > $2', [code, now]);
    return row ? roomRow(row) : null;
  }

  async setState(code: string, state: RoomState): Promise<RoomRow | null> {
    const changed = await this.#transaction(async (client) => {
      const room = await this.#lockRoom(client, code);
      if (!room) return false;
      await client.query('UPDATE rooms SET phase = $1, question_index = $2, revealed = $3 WHERE id = $4', [
        state.phase,
        state.index,
        JSON.stringify(state.revealed),
        room.id,
      ]);
      await this.#bump(client, room, 'all');
      return true;
    });
    return changed ? this.room(code, 0) : null;
  }

  async addParticipant(code: string, p: { name: string; tokenHash: string; joinedAt: number }, max: number) {
    return this.#transaction(async (client) => {
      const room = await this.#lockRoom(client, code);
      if (!room) return { ok: false as const, reason: 'no-room' as const };
      const count = Number((await this.#one('SELECT count(*) AS n FROM participants WHERE room_id = $1', [room.id], client))!['n']);
      if (count >= max) return { ok: false as const, reason: 'full' as const };
      const id = randomUUID();
      const inserted = await client.query(
        'INSERT INTO participants (id, room_id, name, name_key, token_hash, joined_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (room_id, name_key) DO NOTHING',
        [id, room.id, p.name, nameKey(p.name), p.tokenHash, p.joinedAt],
      );
      if (inserted.rowCount !== 1) return { ok: false as const, reason: 'name-taken' as const };
      await this.#bump(client, room, 'host');
      return { ok: true as const, participant: { id, name: p.name, joinedAt: p.joinedAt } };
    });
  }

  async participantByToken(code: string, tokenHash: string) {
    const row = await this.#one('SELECT p.* FROM participants p JOIN rooms r ON r.id = p.room_id WHERE r.code = $1 AND p.token_hash = $2', [code, tokenHash]);
    return row ? participantRow(row) : null;
  }

  async participants(code: string) {
    return (await this.#all('SELECT p.* FROM participants p JOIN rooms r ON r.id = p.room_id WHERE r.code = $1 ORDER BY p.joined_at, p.id', [code])).map(
      participantRow,
    );
  }

  async removeParticipant(code: string, participant: string): Promise<boolean> {
    return this.#transaction(async (client) => {
      const room = await this.#lockRoom(client, code);
      if (!room) return false;
      const deleted = await client.query('DELETE FROM participants WHERE room_id = $1 AND id = $2', [room.id, participant]);
      if (deleted.rowCount !== 1) return false;
      await this.#bump(client, room, 'participant', participant);
      return true;
    });
  }

  async recordAnswer(code: string, participant: string, question: string, response: number[], correct: boolean, at: number) {
    return this.#transaction(async (client) => {
      const room = await this.#lockRoom(client, code);
      if (!room) return { ok: false as const, reason: 'no-room' as const };
      if (!acceptsAnswers(room, question)) return { ok: false as const, reason: 'closed' as const };
      await client.query(
        `INSERT INTO answers (room_id, participant_id, question, response, correct, answered_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (room_id, question, participant_id) DO UPDATE SET response = excluded.response, correct = excluded.correct, answered_at = excluded.answered_at`,
        [room.id, participant, question, JSON.stringify(response), correct ? 1 : 0, at],
      );
      await this.#bump(client, room, 'host');
      return { ok: true as const, at };
    });
  }

  async answers(code: string, question?: string) {
    const sql = 'SELECT a.* FROM answers a JOIN rooms r ON r.id = a.room_id WHERE r.code = $1';
    const rows =
      question === undefined
        ? await this.#all(`${sql} ORDER BY a.answered_at`, [code])
        : await this.#all(`${sql} AND a.question = $2 ORDER BY a.answered_at`, [code, question]);
    return rows.map(answerRow);
  }

  async tallies(code: string) {
    const [participants, questions] = await Promise.all([
      this.#all(
        'SELECT a.participant_id, count(*) AS answered, sum(a.correct) AS correct FROM answers a JOIN rooms r ON r.id = a.room_id WHERE r.code = $1 GROUP BY a.participant_id',
        [code],
      ),
      this.#all('SELECT a.question, count(*) AS answered FROM answers a JOIN rooms r ON r.id = a.room_id WHERE r.code = $1 GROUP BY a.question', [code]),
    ]);
    return talliesOf(participants, questions);
  }

  async setBoard(code: string, participant: string, entry: BoardEntry): Promise<boolean> {
    return this.#transaction(async (client) => {
      const room = await this.#lockRoom(client, code);
      if (!room) return false;
      await client.query(
        `INSERT INTO board (room_id, participant_id, exercise, passed, goals, dockerfile, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (room_id, participant_id, exercise) DO UPDATE SET passed = excluded.passed, goals = excluded.goals, dockerfile = excluded.dockerfile, updated_at = excluded.updated_at`,
        [room.id, participant, entry.exercise, JSON.stringify(entry.passed), entry.goals, entry.dockerfile, entry.updatedAt],
      );
      await this.#bump(client, room, 'host');
      return true;
    });
  }

  async clearBoard(code: string, participant: string): Promise<boolean> {
    return this.#transaction(async (client) => {
      const room = await this.#lockRoom(client, code);
      if (!room) return false;
      await client.query('DELETE FROM board WHERE room_id = $1 AND participant_id = $2', [room.id, participant]);
      await this.#bump(client, room, 'host');
      return true;
    });
  }

  async board(code: string) {
    return (
      await this.#all(
        `SELECT b.participant_id, b.exercise, b.passed, b.goals, b.updated_at, (b.dockerfile IS NOT NULL) AS has_dockerfile
         FROM board b JOIN rooms r ON r.id = b.room_id WHERE r.code = $1 ORDER BY b.updated_at`,
        [code],
      )
    ).map(boardRow);
  }

  async boardDockerfile(code: string, participant: string, exercise: string): Promise<string | null> {
    const row = await this.#one(
      'SELECT b.dockerfile FROM board b JOIN rooms r ON r.id = b.room_id WHERE r.code = $1 AND b.participant_id = $2 AND b.exercise = $3',
      [code, participant, exercise],
    );
    const value = row?.['dockerfile'];
    return typeof value === 'string' ? value : null;
  }

  async deleteRoom(code: string): Promise<boolean> {
    return this.#transaction(async (client) => {
      const deleted = await client.query('DELETE FROM rooms WHERE code = $1', [code]);
      if (deleted.rowCount !== 1) return false;
      await client.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(goneChange(code))]);
      return true;
    });
  }

  async deleteExpired(now: number): Promise<number> {
    return this.#transaction(async (client) => {
      const codes = (await client.query('DELETE FROM rooms WHERE expires_at <= $1 RETURNING code', [now])).rows.map((row: Row) => String(row['code']));
      for (const code of codes) await client.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(goneChange(code))]);
      return codes.length;
    });
  }

  onChange(listener: (change: RoomChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#listeners.clear();
    if (this.#retry) clearTimeout(this.#retry);
    const listener = this.#listener;
    this.#listener = null;
    await listener?.end().catch(() => {});
    await this.#pool.end().catch(() => {});
  }
}
