// Shared by the runner tests: the sample app (tests/fixtures/runner/node-app/), an event
// recorder, and runs of small Dockerfiles in a Node sandbox.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readBuildContext } from '../../src/runner/context-node.ts';
import { runTarget, type RunOptions } from '../../src/runner/run-target.ts';
import type { BuildContext, RunEvent, RunRequest, RunResult, RunStep, Sandbox } from '../../src/runner/types.ts';

export const SAMPLE_APP = fileURLToPath(new URL('../fixtures/runner/node-app/', import.meta.url));

export async function sampleApp(): Promise<{ dockerfile: string; context: BuildContext }> {
  return { dockerfile: readFileSync(`${SAMPLE_APP}Dockerfile`, 'utf8'), context: await readBuildContext(SAMPLE_APP) };
}

export interface Recorded {
  events: RunEvent[];
  output(): string;
  serverReady(): Promise<{ port: number; url: string }>;
}

/** Records every event; serverReady() resolves with the first server-ready event. */
export function recorder(): Recorded & { onEvent: (event: RunEvent) => void } {
  const events: RunEvent[] = [];
  let resolveReady: (value: { port: number; url: string }) => void = () => {};
  const ready = new Promise<{ port: number; url: string }>((resolve) => (resolveReady = resolve));
  return {
    events,
    onEvent(event) {
      events.push(event);
      if (event.type === 'server-ready') resolveReady({ port: event.port, url: event.url });
    },
    output: () => events.map((event) => (event.type === 'output' ? event.chunk : '')).join(''),
    serverReady: () => ready,
  };
}

/** Runs `dockerfile` with `files` as its context; the result and the recorded events. */
export async function runDockerfile(
  sandbox: Sandbox,
  dockerfile: string,
  files: BuildContext = {},
  request: Partial<RunRequest> = {},
  options: RunOptions = {},
): Promise<{ result: RunResult; recorded: Recorded }> {
  const recorded = recorder();
  const result = await runTarget(sandbox, { dockerfile, context: files, ...request }, recorded.onEvent, options);
  return { result, recorded };
}

/** A step by the start of its text, e.g. `RUN npm ci`. */
export function step(steps: readonly RunStep[], text: string): RunStep {
  const found = steps.find((s) => s.text.startsWith(text));
  if (!found) throw new Error(`no step ${text} in ${steps.map((s) => s.text).join(' | ')}`);
  return found;
}

export async function text(sandbox: Sandbox, path: string): Promise<string> {
  return new TextDecoder().decode(await sandbox.readFile(path));
}

/** Names in a sandbox folder, sorted. */
export async function names(sandbox: Sandbox, path: string): Promise<string[]> {
  return (await sandbox.readdir(path)).map((entry) => entry.name).sort();
}
