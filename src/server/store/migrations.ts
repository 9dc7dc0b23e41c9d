// The schema, as numbered migrations both stores apply in order at start-up (each once,
// recorded in schema_migrations). SQL common to SQLite and PostgreSQL: TEXT, BIGINT (times
// in milliseconds since the epoch), ON DELETE CASCADE so deleting a room deletes all it held.
// Add a migration at the end; never edit one that has shipped.

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'rooms, participants, answers, exercise board',
    statements: [
      `CREATE TABLE rooms (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        host_hash TEXT NOT NULL,
        title TEXT NOT NULL,
        questions TEXT NOT NULL,
        exercises TEXT NOT NULL,
        phase TEXT NOT NULL,
        question_index BIGINT NOT NULL,
        revealed TEXT NOT NULL,
        version BIGINT NOT NULL,
        phase_version BIGINT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
      )`,
      'CREATE INDEX rooms_expires_at ON rooms (expires_at)',
      `CREATE TABLE participants (
        id TEXT PRIMARY KEY,
        room_id TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        joined_at BIGINT NOT NULL,
        UNIQUE (room_id, name_key)
      )`,
      `CREATE TABLE answers (
        room_id TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
        participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
        question TEXT NOT NULL,
        response TEXT NOT NULL,
        correct BIGINT NOT NULL,
        answered_at BIGINT NOT NULL,
        PRIMARY KEY (room_id, question, participant_id)
      )`,
      `CREATE TABLE board (
        room_id TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
        participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
        exercise TEXT NOT NULL,
        passed TEXT NOT NULL,
        goals BIGINT NOT NULL,
        dockerfile TEXT,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (room_id, participant_id, exercise)
      )`,
    ],
  },
];

export const MIGRATIONS_TABLE = 'CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)';
