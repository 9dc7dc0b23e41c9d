// The room server as its own process (node src/server/main.ts), as `npm start` runs it: for
// the load test and the tests that kill it, restart it, or run two of them on one PostgreSQL database.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Resolves with the exit code or signal once the process has exited. */
  exited: Promise<string>;
  output(): string;
}

const MAIN = fileURLToPath(new URL('../src/server/main.ts', import.meta.url));

/** Starts the server and resolves once it prints its address; rejects if it exits first or takes over `timeout` ms. */
export function startServerProcess(
  options: { root: string; dataDir: string; port?: number; env?: Record<string, string> },
  timeout = 30_000,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [MAIN, '--host', '127.0.0.1', '--port', String(options.port ?? 0), '--root', options.root, '--data', options.dataDir], {
    env: { ...process.env, DATABASE_URL: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${timeout} ms:\n${output}`));
    }, timeout);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = /Stagecraft on http:\/\/(?:localhost|127\.0\.0\.1):(\d+)\//.exec(output);
      if (!match) return;
      clearTimeout(timer);
      const port = Number(match[1]);
      resolve({ url: `http://127.0.0.1:${port}`, port, child, exited, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${how}) before it started:\n${output}`));
    });
  });
}

/** Stops the process (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
export async function stopServerProcess(server: ServerProcess | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 5000);
  await server.exited;
  clearTimeout(timer);
}
