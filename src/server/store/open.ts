// Which store the server uses: PostgreSQL when DATABASE_URL names one, else SQLite in the
// data folder.
import { PostgresStore } from './postgres.ts';
import { SqliteStore } from './sqlite.ts';
import type { RoomStore } from './room-store.ts';

export interface StoreOptions {
  /** postgres://… or postgresql://…; anything else is refused. */
  databaseUrl?: string | undefined;
  /** The SQLite data folder (created when missing). */
  dataDir: string;
}

export async function openStore(options: StoreOptions): Promise<RoomStore> {
  const url = options.databaseUrl?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//i.test(url)) throw new Error('DATABASE_URL must be a postgres:// URL (leave it unset to use SQLite in the data folder)');
    return PostgresStore.open(url);
  }
  return SqliteStore.open(options.dataDir);
}
