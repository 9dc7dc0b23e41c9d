// `npm start` runs this (after `astro build`): the course and its live rooms on one port.
// See args.ts for the flags, docs/hosting.md for running it for a room.
import { parseServerArgs, USAGE } from './args.ts';
import { DEFAULT_DATA_DIR, lanUrls, startServer } from './start.ts';

try {
  const args = parseServerArgs(process.argv.slice(2), process.env, DEFAULT_DATA_DIR);
  if (args.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const running = await startServer(args);
  const shown = args.host === '127.0.0.1' || args.host === 'localhost' ? `http://localhost:${running.port}` : running.url;
  const storage = running.store.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `SQLite in ${args.dataDir}`;
  console.log(`Stagecraft on ${shown}/  (Ctrl+C to stop)`);
  console.log(`Live rooms: ${running.catalog ? `on, stored in ${storage}` : 'off (this build has no room catalog: run npm run build)'}`);
  for (const url of lanUrls(args.host, running.port)) console.log(`  in the room: ${url}/workshops/join/`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(`stagecraft server: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
