// The default store: SQLite in one file of the data folder, through Node's built-in
// node:sqlite (Node 24, the version the project pins). Chosen over better-sqlite3 because
// it needs nothing built: better-sqlite3 is a native addon whose install script downloads a
// prebuilt binary or compiles against downloaded Node headers, which fails on machines
// without that network access (and npm 11 does not run install scripts it was not allowed
// to), and its builds lag behind new Node majors. node:sqlite ships with Node itself.
//
// One process owns the file. Writes are synchronous transactions (BEGIN IMMEDIATE … COMMIT)
// in WAL mode with synchronous=NORMAL: a committed transaction survives the process being
// killed (an operating-system crash or power cut can lose the last ones, which a workshop
// room can live with). Changes are announced to listeners in this process after commit.
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations.ts';
import { acceptsAnswers, answerRow, boardRow, participantRow, roomRow, talliesOf } from './rows.ts';
import { goneChange, nameKey, type BoardEntry, type RoomChange, type RoomRow, type RoomState, type RoomStore } from './room-store.ts';

type Row = Record<string, unknown>;

export const SQLITE_FILE = 'rooms.sqlite';

export class SqliteStore implements RoomStore {
  readonly kind = 'sqlite' as const;
  readonly #db: DatabaseSync;
  readonly #listeners = new Set<(change: RoomChange) => void>();
  readonly #statements = new Map<string, StatementSync>();

  constructor(path: string) {
    this.#db = new DatabaseSync(path);
    this.#db.exec('PRAGMA journal_mode = WAL');
    this.#db.exec('PRAGMA synchronous = NORMAL');
    this.#db.exec('PRAGMA foreign_keys = ON');
    this.#db.exec('PRAGMA busy_timeout = 5000');
    this.#migrate();
  }

  /** Opens (creating if needed) the database in `dataDir`. */
  static open(dataDir: string): SqliteStore {
    mkdirSync(dataDir, { recursive: true });
    return new SqliteStore(join(dataDir, SQLITE_FILE));
  }

  #migrate(): void {
    this.#db.exec(MIGRATIONS_TABLE);
    const applied = new Set(this.#all('SELECT version FROM schema_migrations').map((row) => Number(row['version'])));
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      this.#transaction(() => {
        for (const statement of migration.statements) this.#db.exec(statement);
        this.#run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', migration.version, migration.name, Date.now());
      });
    }
  }

  /** Statements are compiled once and kept: the same few run on every request. */
  #prepare(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #all(sql: string, ...params: SQLInputValue[]): Row[] {
    return this.#prepare(sql).all(...params) as Row[];
  }

  #get(sql: string, ...params: SQLInputValue[]): Row | undefined {
    return this.#prepare(sql).get(...params) as Row | undefined;
  }

  #run(sql: string, ...params: SQLInputValue[]): number {
    return Number(this.#prepare(sql).run(...params).changes);
  }

  #transaction<T>(work: () => T): T {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  #announce(change: RoomChange): void {
    for (const listener of this.#listeners) listener(change);
  }

  /** Bumps the room's counters inside the current transaction; returns the change to announce. */
  #bump(roomId: string, code: string, scope: RoomChange['scope'], participant?: string): RoomChange {
    const phase = scope === 'host' ? 0 : 1;
    const row = this.#get(
      'UPDATE rooms SET version = version + 1, phase_version = phase_version + ? WHERE id = ? RETURNING version, phase_version',
      phase,
      roomId,
    )!;
    return { code, scope, version: Number(row['version']), phaseVersion: Number(row['phase_version']), ...(participant ? { participant } : {}) };
  }

  #roomRow(code: string): RoomRow | null {
    const row = this.#get('SELECT * FROM rooms WHERE code = ?', code);
    return row ? roomRow(row) : null;
  }

  async createRoom(room: Parameters<RoomStore['createRoom']>[0]): Promise<RoomRow | null> {
    const id = randomUUID();
    const inserted = this.#run(
      `INSERT INTO rooms (id, code, host_hash, title, questions, exercises, phase, question_index, revealed, version, phase_version, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, 'lobby', 0, '[]', 1, 1, ?, ?) ON CONFLICT (code) DO NOTHING`,
      id,
      room.code,
      room.hostHash,
      room.title,
      JSON.stringify(room.questions),
      JSON.stringify(room.exercises),
      room.createdAt,
      room.expiresAt,
    );
    return inserted === 1 ? this.#roomRow(room.code) : null;
  }

  async room(code: string, now: number): Promise<RoomRow | null> {
    const room = this.#roomRow(code);
    return room && room.expiresAt > now ? room : null;
  }

  async setState(code: string, state: RoomState): Promise<RoomRow | null> {
    const change = this.#transaction(() => {
      const room = this.#roomRow(code);
      if (!room) return null;
      this.#run('UPDATE rooms SET phase = ?, question_index = ?, revealed = ? WHERE id = ?', state.phase, state.index, JSON.stringify(state.revealed), room.id);
      return this.#bump(room.id, code, 'all');
    });
    if (!change) return null;
    this.#announce(change);
    return this.#roomRow(code);
  }

  async addParticipant(code: string, p: { name: string; tokenHash: string; joinedAt: number }, max: number) {
    const result = this.#transaction(() => {
      const room = this.#roomRow(code);
      if (!room) return { ok: false as const, reason: 'no-room' as const };
      const count = Number(this.#get('SELECT count(*) AS n FROM participants WHERE room_id = ?', room.id)!['n']);
      if (count >= max) return { ok: false as const, reason: 'full' as const };
      const id = randomUUID();
      const inserted = this.#run(
        'INSERT INTO participants (id, room_id, name, name_key, token_hash, joined_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (room_id, name_key) DO NOTHING',
        id,
        room.id,
        p.name,
        nameKey(p.name),
        p.tokenHash,
        p.joinedAt,
      );
      if (inserted !== 1) return { ok: false as const, reason: 'name-taken' as const };
      return { ok: true as const, participant: { id, name: p.name, joinedAt: p.joinedAt }, change: this.#bump(room.id, code, 'host') };
    });
    if (!result.ok) return result;
    this.#announce(result.change);
    return { ok: true as const, participant: result.participant };
  }

  async participantByToken(code: string, tokenHash: string) {
    const row = this.#get('SELECT p.* FROM participants p JOIN rooms r ON r.id = p.room_id WHERE r.code = ? AND p.token_hash = ?', code, tokenHash);
    return row ? participantRow(row) : null;
  }

  async participants(code: string) {
    return this.#all('SELECT p.* FROM participants p JOIN rooms r ON r.id = p.room_id WHERE r.code = ? ORDER BY p.joined_at, p.id', code).map(participantRow);
  }

  async removeParticipant(code: string, participant: string): Promise<boolean> {
    const change = this.#transaction(() => {
      const room = this.#roomRow(code);
      if (!room) return null;
      if (this.#run('DELETE FROM participants WHERE room_id = ? AND id = ?', room.id, participant) !== 1) return null;
      return this.#bump(room.id, code, 'participant', participant);
    });
    if (!change) return false;
    this.#announce(change);
    return true;
  }

  async recordAnswer(code: string, participant: string, question: string, response: number[], correct: boolean, at: number) {
    const result = this.#transaction(() => {
      const room = this.#roomRow(code);
      if (!room) return { ok: false as const, reason: 'no-room' as const };
      if (!acceptsAnswers(room, question)) return { ok: false as const, reason: 'closed' as const };
      this.#run(
        `INSERT INTO answers (room_id, participant_id, question, response, correct, answered_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (room_id, question, participant_id) DO UPDATE SET response = excluded.response, correct = excluded.correct, answered_at = excluded.answered_at`,
        room.id,
        participant,
        question,
        JSON.stringify(response),
        correct ? 1 : 0,
        at,
      );
      return { ok: true as const, at, change: this.#bump(room.id, code, 'host') };
    });
    if (!result.ok) return result;
    this.#announce(result.change);
    return { ok: true as const, at: result.at };
  }

  async answers(code: string, question?: string) {
    const sql = 'SELECT a.* FROM answers a JOIN rooms r ON r.id = a.room_id WHERE r.code = ?';
    const rows =
      question === undefined ? this.#all(`${sql} ORDER BY a.answered_at`, code) : this.#all(`${sql} AND a.question = ? ORDER BY a.answered_at`, code, question);
    return rows.map(answerRow);
  }

  async tallies(code: string) {
    return talliesOf(
      this.#all(
        'SELECT a.participant_id, count(*) AS answered, sum(a.correct) AS correct FROM answers a JOIN rooms r ON r.id = a.room_id WHERE r.code = ? GROUP BY a.participant_id',
        code,
      ),
      this.#all('SELECT a.question, count(*) AS answered FROM answers a JOIN rooms r ON r.id = a.room_id WHERE r.code = ? GROUP BY a.question', code),
    );
  }

  async setBoard(code: string, participant: string, entry: BoardEntry): Promise<boolean> {
    const change = this.#transaction(() => {
      const room = this.#roomRow(code);
      if (!room) return null;
      this.#run(
        `INSERT INTO board (room_id, participant_id, exercise, passed, goals, dockerfile, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (room_id, participant_id, exercise) DO UPDATE SET passed = excluded.passed, goals = excluded.goals, dockerfile = excluded.dockerfile, updated_at = excluded.updated_at`,
        room.id,
        participant,
        entry.exercise,
        JSON.stringify(entry.passed),
        entry.goals,
        entry.dockerfile,
        entry.updatedAt,
      );
      return this.#bump(room.id, code, 'host');
    });
    if (!change) return false;
    this.#announce(change);
    return true;
  }

  async clearBoard(code: string, participant: string): Promise<boolean> {
    const change = this.#transaction(() => {
      const room = this.#roomRow(code);
      if (!room) return null;
      this.#run('DELETE FROM board WHERE room_id = ? AND participant_id = ?', room.id, participant);
      return this.#bump(room.id, code, 'host');
    });
    if (!change) return false;
    this.#announce(change);
    return true;
  }

  async board(code: string) {
    return this.#all(
      `SELECT b.participant_id, b.exercise, b.passed, b.goals, b.updated_at, (b.dockerfile IS NOT NULL) AS has_dockerfile
       FROM board b JOIN rooms r ON r.id = b.room_id WHERE r.code = ? ORDER BY b.updated_at`,
      code,
    ).map(boardRow);
  }

  async boardDockerfile(code: string, participant: string, exercise: string): Promise<string | null> {
    const row = this.#get(
      'SELECT b.dockerfile FROM board b JOIN rooms r ON r.id = b.room_id WHERE r.code = ? AND b.participant_id = ? AND b.exercise = ?',
      code,
      participant,
      exercise,
    );
    const value = row?.['dockerfile'];
    return typeof value === 'string' ? value : null;
  }

  async deleteRoom(code: string): Promise<boolean> {
    if (this.#run('DELETE FROM rooms WHERE code = ?', code) !== 1) return false;
    this.#announce(goneChange(code));
    return true;
  }

  async deleteExpired(now: number): Promise<number> {
    const codes = this.#all('DELETE FROM rooms WHERE expires_at <= ? RETURNING code', now).map((row) => String(row['code']));
    for (const code of codes) this.#announce(goneChange(code));
    return codes.length;
  }

  onChange(listener: (change: RoomChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#listeners.clear();
    if (this.#db.isOpen) this.#db.close();
  }
}
