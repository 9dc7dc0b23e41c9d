// Shared by the CLI tests: temp Dockerfiles, the real launcher as a child process, and
// run() in-process with captured output.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../../src/analyzer/rules/index.ts';
import { run, type CliIO } from '../../src/cli/main.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const LAUNCHER = join(ROOT, 'bin', 'stagecraft.mjs');

/** base → build → prod, plus a test stage prod does not need. */
export const THREE_STAGES = `FROM alpine:3.20 AS base
RUN apk add --no-cache curl
FROM base AS build
RUN mkdir /out && echo app > /out/app
FROM base AS test
RUN echo "running tests"
FROM alpine:3.20 AS prod
COPY --from=build /out /app
`;

/** build copies from assets, which is defined after it. */
export const COPY_FROM_LATER = `FROM alpine:3.20 AS build
COPY --from=assets /logo.svg /app/logo.svg
FROM alpine:3.20 AS assets
RUN echo '<svg/>' > /logo.svg
FROM alpine:3.20 AS prod
COPY --from=build /app /app
`;

/** FROM chooses its base stage with a global ARG. */
export const VARIANTS = `ARG VARIANT=slim
FROM alpine:3.20 AS base-slim
FROM debian:12 AS base-full
FROM base-\${VARIANT} AS final
RUN echo hello
`;

export class TempDir {
  readonly path: string;
  constructor() {
    this.path = mkdtempSync(join(tmpdir(), 'stagecraft-cli-'));
  }
  file(name: string, content: string | Uint8Array): string {
    const path = join(this.path, name);
    writeFileSync(path, content);
    return path;
  }
  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

export interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The real launcher, under the Node running the tests (the pinned Node 24 via npm). */
export function spawnCli(args: string[], options: { input?: string; nodeFlags?: string[] } = {}): Result {
  const child = spawnSync(process.execPath, [...(options.nodeFlags ?? []), LAUNCHER, ...args], {
    cwd: ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 20_000,
  });
  if (child.error) throw child.error;
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** run() in-process with captured streams. */
export async function runCli(args: string[], io: Partial<CliIO> = {}): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const status = await run(args, {
    stdin: '',
    ...io,
    stdout: { write: (s: string) => (stdout += s), isTTY: io.stdout?.isTTY },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { status, stdout, stderr };
}

export function stageNames(json: { stages: Array<{ name: string | null }> }): Array<string | null> {
  return json.stages.map((s) => s.name);
}

const CATALOGUE = new Set(RULES.map((rule) => rule.meta.id));

/** Leaves out the lint rules' findings: what Docker itself reports. The catalogue grows,
 *  and tests about the build plan should not depend on which lint rules exist. */
export function dockerOnly<T extends { id: string }>(diagnostics: readonly T[]): T[] {
  return diagnostics.filter((d) => !CATALOGUE.has(d.id));
}
