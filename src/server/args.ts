// The command line of the server behind `npm start` (src/server/main.ts):
//
//   npm start -- [--host 127.0.0.1] [--port 4321] [--data data] [--root dist]
//
// Each flag has an environment variable, which the flag overrides: HOST, PORT,
// STAGECRAFT_DATA. DATABASE_URL=postgres://… stores rooms in PostgreSQL instead of SQLite
// in the data folder; TRUST_PROXY=1 believes X-Forwarded-For/-Proto (behind a reverse proxy).

export interface ServerArgs {
  host: string;
  port: number;
  dataDir: string;
  root: string | undefined;
  databaseUrl: string | undefined;
  trustProxy: boolean;
  help: boolean;
}

export const USAGE = `usage: npm start -- [--host 127.0.0.1] [--port 4321] [--data data] [--root dist]

  --host   the address to listen on: 127.0.0.1 (this machine only, the default) or
           0.0.0.0 (every network interface, so phones and laptops in the room can join)
  --port   the port (default 4321; 0 picks a free one)
  --data   the folder of the SQLite database (default: data/ in the project)
  --root   the built site to serve (default: dist/)

Environment: HOST, PORT, STAGECRAFT_DATA (the flags win), DATABASE_URL=postgres://… to keep
rooms in PostgreSQL (several servers behind a load balancer), TRUST_PROXY=1 behind a reverse proxy.`;

export function parseServerArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, defaultDataDir: string): ServerArgs {
  const args: ServerArgs = {
    host: env['HOST'] || '127.0.0.1',
    port: Number(env['PORT'] || 4321),
    dataDir: env['STAGECRAFT_DATA'] || defaultDataDir,
    root: undefined,
    databaseUrl: env['DATABASE_URL'] || undefined,
    trustProxy: env['TRUST_PROXY'] === '1' || env['TRUST_PROXY'] === 'true',
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const [flag, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined || next === '') throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === '--port' || flag === '-p') args.port = Number(value());
    else if (flag === '--host') args.host = value();
    else if (flag === '--data') args.dataDir = value();
    else if (flag === '--root') args.root = value();
    else if (flag === '--help' || flag === '-h') args.help = true;
    else throw new Error(`unknown argument ${arg} (try --help)`);
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535)
    throw new Error(`--port must be a whole number from 0 to 65535, got ${String(args.port)}`);
  return args;
}
