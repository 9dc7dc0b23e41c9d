// Running steps for real in the Node sandbox: variables (ENV, ARG, build args), working
// folders, command chains, bind mounts, a failing RUN, cancelling, and the image's command
// (started, not started, ending with an error). Every test starts Node processes: they have
// PROCESS_TEST_TIMEOUT (tests/support/processes.ts), not Vitest's 5 s.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTarget } from '../../src/runner/run-target.ts';
import { createNodeSandbox } from '../../src/runner/sandbox-node.ts';
import type { Sandbox } from '../../src/runner/types.ts';
import { PROCESS_TEST_TIMEOUT } from '../support/processes.ts';
import { recorder, runDockerfile, step, text } from './runner-helpers.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createNodeSandbox();
});
afterAll(async () => {
  await sandbox?.teardown();
}, PROCESS_TEST_TIMEOUT); // stops what still runs: SIGTERM, then SIGKILL after a grace time

/** A RUN line that writes the listed variables of its environment to `file` as JSON. */
function dumpEnv(file: string, keys: string[]): string {
  return `node -e "const e = process.env; require('fs').writeFileSync('${file}', JSON.stringify({ cwd: process.cwd().split('/').slice(-2).join('/'), ${keys.map((k) => `${k}: e.${k}`).join(', ')} }))"`;
}

async function json(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await text(sandbox, path));
}

describe('variables', { timeout: PROCESS_TEST_TIMEOUT }, () => {
  it('RUN sees ARG and ENV (ENV wins); the image command sees ENV only; build args override declared ARGs', async () => {
    const dockerfile = `ARG REGION=eu
FROM node:22 AS app
ARG REGION
ARG LEVEL=debug
ARG SAME=from-arg
ENV SAME=from-env MODE=\${LEVEL}-mode
WORKDIR /app
RUN ${dumpEnv('build-env.json', ['REGION', 'LEVEL', 'SAME', 'MODE'])}
CMD ${dumpEnv('image-env.json', ['REGION', 'LEVEL', 'SAME', 'MODE'])}
`;
    const { result } = await runDockerfile(sandbox, dockerfile, {}, { buildArgs: { LEVEL: 'info' } }, { rootPrefix: '/vars' });
    expect(result.ok).toBe(true);
    expect(await json('/vars/app/app/build-env.json')).toEqual({ cwd: 'app/app', REGION: 'eu', LEVEL: 'info', SAME: 'from-env', MODE: 'info-mode' });
    // A CMD that ends is waited for: its step says how it ended.
    expect(step(result.steps, 'CMD')).toMatchObject({ status: 'done', reason: 'The command finished (exit code 0).' });
    expect(await json('/vars/app/app/image-env.json')).toEqual({ cwd: 'app/app', SAME: 'from-env', MODE: 'info-mode' });
  });

  it('FROM <stage> starts from its files, working folder and variables', async () => {
    const dockerfile = `FROM node:22 AS base
ENV GREETING=hello
WORKDIR /srv
RUN node -e "require('fs').writeFileSync('base.txt', 'from base')"
FROM base AS child
WORKDIR app
RUN ${dumpEnv('child.json', ['GREETING'])}
`;
    const { result } = await runDockerfile(sandbox, dockerfile, {}, {}, { rootPrefix: '/inherit' });
    expect(result.ok).toBe(true);
    expect(await text(sandbox, '/inherit/child/srv/base.txt')).toBe('from base');
    expect(await json('/inherit/child/srv/app/child.json')).toEqual({ cwd: 'srv/app', GREETING: 'hello' });
    expect(await sandbox.exists('/inherit/base/srv/app')).toBe(false);
  });
});

describe('commands', { timeout: PROCESS_TEST_TIMEOUT }, () => {
  it('an && chain runs in order; cd moves the commands after it; NAME=value applies to one command', async () => {
    const dockerfile = `FROM node:22
WORKDIR /w
COPY tools ./tools/
RUN cd / && cd /w/tools && STEP=one node write.js && node write.js "$HOME_DIR"
`;
    const files = { 'tools/write.js': "require('fs').appendFileSync('log.txt', (process.env.STEP || 'none') + ' ' + (process.argv[2] || '-') + '\\n');" };
    const { result } = await runDockerfile(sandbox, dockerfile, files, {}, { rootPrefix: '/chain' });
    expect(result.ok).toBe(true);
    expect(await text(sandbox, '/chain/stage-0/w/tools/log.txt')).toBe('one -\nnone -\n');
  });

  it('absolute container paths in commands point into the stage', async () => {
    const dockerfile = 'FROM node:22\nCOPY check.js /opt/check.js\nWORKDIR /app\nRUN node /opt/check.js\n';
    const files = { 'check.js': "require('fs').writeFileSync('ran.txt', __filename.endsWith('/opt/check.js') ? 'yes' : 'no')" };
    const { result } = await runDockerfile(sandbox, dockerfile, files, {}, { rootPrefix: '/abs' });
    expect(result.ok).toBe(true);
    expect(await text(sandbox, '/abs/stage-0/app/ran.txt')).toBe('yes');
  });

  it('a bind mount is there for its step only', async () => {
    const dockerfile =
      "FROM node:22\nWORKDIR /app\nRUN --mount=type=bind,source=data.txt,target=data.txt node -e \"require('fs').copyFileSync('data.txt', 'copy.txt')\"\n";
    const { result } = await runDockerfile(sandbox, dockerfile, { 'data.txt': 'mounted' }, {}, { rootPrefix: '/bind' });
    expect(result.ok).toBe(true);
    expect(await text(sandbox, '/bind/stage-0/app/copy.txt')).toBe('mounted');
    expect(await sandbox.exists('/bind/stage-0/app/data.txt')).toBe(false);
  });

  it('a cache mount is left out, with a note, and the step runs', async () => {
    const { result } = await runDockerfile(sandbox, 'FROM node:22\nRUN --mount=type=cache,target=/root/.npm node -e "1"\n', {}, {}, { rootPrefix: '/cache' });
    expect(step(result.steps, 'RUN')).toMatchObject({ status: 'done', reason: expect.stringContaining('this step runs without a cache') });
  });

  it('exec-form RUN takes its words as they are', async () => {
    const dockerfile = 'FROM node:22\nWORKDIR /app\nRUN ["node", "-e", "require(\'fs\').writeFileSync(\'x.txt\', \'$HOME\')"]\n';
    const { result } = await runDockerfile(sandbox, dockerfile, {}, {}, { rootPrefix: '/exec' });
    expect(result.ok).toBe(true);
    expect(await text(sandbox, '/exec/stage-0/app/x.txt')).toBe('$HOME');
  });
});

describe('failures', { timeout: PROCESS_TEST_TIMEOUT }, () => {
  it('a failing RUN stops the build: exit code and last output in the reason, later steps not run', async () => {
    const dockerfile =
      'FROM node:22 AS app\nRUN node -e "console.log(\'checking\'); console.error(\'broken config\'); process.exit(3)"\nRUN node -v\nCMD ["node", "-v"]\n';
    const { result, recorded } = await runDockerfile(sandbox, dockerfile, {}, {}, { rootPrefix: '/fail' });
    expect(result.ok).toBe(false);
    expect(result.process).toBeNull();
    const failed = step(result.steps, 'RUN node -e');
    expect(failed.status).toBe('failed');
    expect(failed.reason).toMatch(/^`node -e '.*'` exited with code 3\. Last output: (checking \/ broken config|broken config \/ checking)$/);
    expect(step(result.steps, 'RUN node -v')).toMatchObject({ status: 'skipped', reason: 'Not run: the build stopped at line 2.' });
    expect(step(result.steps, 'CMD')).toMatchObject({ status: 'skipped', reason: 'Not run: the build stopped at line 2.' });
    expect(recorded.output()).toMatch(/#2 FAILED `node -e/);
    expect(recorded.events.at(-1)).toMatchObject({ type: 'done', result: { ok: false } });
  });

  it('a build Docker refuses does not run at all', async () => {
    const { result, recorded } = await runDockerfile(sandbox, 'FROM node:22 AS app\nRUN node -v\n', {}, { target: 'nope' }, { rootPrefix: '/refused' });
    expect(result).toMatchObject({ ok: false, steps: [], process: null });
    expect(recorded.output()).toContain('Docker would not start this build: target stage "nope" could not be found');
  });

  it('cancelling stops the running step', async () => {
    const controller = new AbortController();
    const recorded = recorder();
    // Cancelled once the step's process has started and said so.
    const result = await runTarget(
      sandbox,
      { dockerfile: 'FROM node:22\nRUN node -e "console.log(\'started\'); setTimeout(() => {}, 60000)"\n', context: {} },
      (event) => {
        recorded.onEvent(event);
        if (event.type === 'output' && event.chunk.includes('started')) controller.abort();
      },
      { rootPrefix: '/cancel', signal: controller.signal },
    );
    expect(recorded.output()).toContain('started');
    expect(result.ok).toBe(false);
    expect(step(result.steps, 'RUN node')).toMatchObject({ status: 'failed', reason: 'Stopped: the run was cancelled.' });
  });

  it('an image command that ends with an error fails the run', async () => {
    const { result } = await runDockerfile(
      sandbox,
      'FROM node:22\nCMD ["node", "-e", "console.error(\'no database\'); process.exit(2)"]\n',
      {},
      {},
      { rootPrefix: '/cmd-fail' },
    );
    expect(result.ok).toBe(false);
    expect(step(result.steps, 'CMD')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/exited with code 2\. Last output: no database$/) });
  });
});

describe('the image command', { timeout: PROCESS_TEST_TIMEOUT }, () => {
  it('start: false builds only', async () => {
    const { result } = await runDockerfile(sandbox, 'FROM node:22\nCMD ["node", "-e", "process.exit(1)"]\n', {}, {}, { rootPrefix: '/no-start', start: false });
    expect(result).toMatchObject({ ok: true, process: null });
    expect(step(result.steps, 'CMD')).toMatchObject({ status: 'skipped', reason: 'Not started: the run was asked to build only.' });
  });

  it('a command that neither ends nor opens a port keeps running after runTarget resolves', async () => {
    const { result, recorded } = await runDockerfile(
      sandbox,
      'FROM node:22\nCMD ["node", "-e", "setTimeout(() => {}, 60000)"]\n',
      {},
      {},
      { rootPrefix: '/quiet', startWaitMs: 300 },
    );
    expect(result.ok).toBe(true);
    expect(result.process).not.toBeNull();
    expect(step(result.steps, 'CMD').status).toBe('running');
    expect(recorded.output()).toContain('(the command is still running and has not opened a port yet)');
    result.process!.kill();
    await result.process!.exit;
  });
});

describe('the log', () => {
  it('shows control characters from the Dockerfile escaped (they would drive the terminal); process output is passed on as it is', async () => {
    const dockerfile =
      'FROM node:22 AS app\nLABEL title="\u001b]0;pwned\u0007"\nRUN node -e "process.stdout.write(String.fromCharCode(27) + \'[1mbold\\\\n\')"\n';
    const { result, recorded } = await runDockerfile(sandbox, dockerfile, {}, {}, { rootPrefix: '/log', start: false });
    expect(result.ok).toBe(true);
    const log = recorded.output();
    expect(log).toContain('LABEL title="\\x1b]0;pwned\\x07"');
    expect(log).not.toContain('\u001b]0;');
    // The learner's own program may colour its output, as it would in docker build.
    expect(log).toContain('\u001b[1mbold');
  });
});
