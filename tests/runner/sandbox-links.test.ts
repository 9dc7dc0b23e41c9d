// Symlinks planted by RUN steps (real files, real processes) never let the runner write
// outside its sandbox, and what it refuses becomes a failed step in the learner's terms:
// the container path and the stage, never the sandbox's temp folder, never an internal
// error. Docker (26.1 and 28.5, BuildKit and classic) follows such a link inside the image;
// the runner stops at it and says so.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeSandbox, SandboxPathError } from '../../src/runner/sandbox-node.ts';
import type { Sandbox } from '../../src/runner/types.ts';
import { runDockerfile, step, text } from './runner-helpers.ts';

let sandbox: Sandbox;
let outside: string;

beforeAll(async () => {
  sandbox = await createNodeSandbox();
  outside = mkdtempSync(join(tmpdir(), 'stagecraft-outside-'));
  mkdirSync(join(outside, 'folder'));
});
afterAll(async () => {
  await sandbox?.teardown();
  rmSync(outside, { recursive: true, force: true });
});

/** A RUN step (real node process) that makes the symlink `name` → `target` in its working folder. */
const plant = (target: string, name: string) => `RUN node -e "require('fs').symlinkSync(${JSON.stringify(target).replaceAll('"', "'")}, '${name}')"`;

const CONTEXT = { 'hello.txt': 'hello\n' };

/** Nothing of the build reached the folder outside. */
function expectOutsideUntouched(): void {
  expect(readdirSync(outside).sort()).toEqual(['folder']);
  expect(readdirSync(join(outside, 'folder'))).toEqual([]);
}

/** The failed step's reason, checked for what must never be in it. */
function failedReason(steps: ReturnType<typeof step>[], text: string): string {
  const failed = steps.find((s) => s.text.startsWith(text));
  expect(failed?.status).toBe('failed');
  const reason = failed?.reason ?? '';
  expect(reason).not.toMatch(/stagecraft-sandbox-|stagecraft-outside-|\/tmp\/|internal error|EEXIST|ENOENT|\/stages\//);
  return reason;
}

describe('a dangling symlink planted by RUN, then COPY onto it', () => {
  it('does not write through the link; the COPY step fails and says why', async () => {
    const dockerfile = `FROM node:22 AS base
WORKDIR /app
${plant(join(outside, 'file'), 'out.txt')}
COPY hello.txt out.txt
RUN node -e "console.log('not reached')"
`;
    const { result, recorded } = await runDockerfile(sandbox, dockerfile, CONTEXT, {}, { rootPrefix: '/links-a', start: false });
    expect(result.ok).toBe(false);
    expect(existsSync(join(outside, 'file'))).toBe(false);
    expectOutsideUntouched();
    const reason = failedReason(result.steps, 'COPY hello.txt out.txt');
    expect(reason).toMatch(/\/app\/out\.txt/);
    expect(reason).toMatch(/symbolic link/);
    expect(reason).toMatch(/Docker follows it inside the image; the runner never writes through a link/);
    expect(step(result.steps, 'RUN node -e "console.log')).toMatchObject({ status: 'skipped' });
    expect(recorded.output()).not.toMatch(/stagecraft-sandbox-/);
  });

  it('nor through FROM <stage>: the copied stage keeps the link, and COPY there stops at it too', async () => {
    const dockerfile = `FROM node:22 AS base
WORKDIR /app
${plant(join(outside, 'file'), 'out.txt')}
FROM base AS child
COPY hello.txt out.txt
`;
    const { result } = await runDockerfile(sandbox, dockerfile, CONTEXT, {}, { rootPrefix: '/links-b', start: false });
    expect(result.ok).toBe(false);
    expectOutsideUntouched();
    expect(failedReason(result.steps, 'COPY hello.txt out.txt')).toMatch(/\/app\/out\.txt in stage child/);
  });

  it('nor through a link to a folder outside in the destination path', async () => {
    const dockerfile = `FROM node:22 AS base
WORKDIR /app
${plant(join(outside, 'folder'), 'dir')}
${plant(join(outside, 'missing-folder'), 'gone')}
COPY hello.txt dir/x.txt
`;
    const { result } = await runDockerfile(sandbox, dockerfile, CONTEXT, {}, { rootPrefix: '/links-c', start: false });
    expect(result.ok).toBe(false);
    expectOutsideUntouched();
    expect(failedReason(result.steps, 'COPY hello.txt dir/x.txt')).toMatch(/\/app\/dir\/x\.txt/);

    const dangling = await runDockerfile(
      sandbox,
      dockerfile.replace('COPY hello.txt dir/x.txt', 'COPY hello.txt gone/x.txt'),
      CONTEXT,
      {},
      { rootPrefix: '/links-d', start: false },
    );
    expect(dangling.result.ok).toBe(false);
    expect(existsSync(join(outside, 'missing-folder'))).toBe(false);
    expectOutsideUntouched();
    expect(failedReason(dangling.result.steps, 'COPY hello.txt gone/x.txt')).toMatch(/\/app\/gone\/x\.txt/);
  });

  it('nor with WORKDIR through a dangling link, nor COPY --from onto a link', async () => {
    const workdir = `FROM node:22 AS base
WORKDIR /app
${plant(join(outside, 'made-by-workdir'), 'w')}
WORKDIR /app/w/deeper
`;
    const first = await runDockerfile(sandbox, workdir, CONTEXT, {}, { rootPrefix: '/links-e', start: false });
    expect(first.result.ok).toBe(false);
    expect(existsSync(join(outside, 'made-by-workdir'))).toBe(false);
    expect(failedReason(first.result.steps, 'WORKDIR /app/w/deeper')).toMatch(/\/app\/w/);

    const copyFrom = `FROM node:22 AS files
WORKDIR /src
RUN node -e "require('fs').writeFileSync('a.txt', 'a')"
FROM node:22 AS app
WORKDIR /app
${plant(join(outside, 'from-copy'), 'a.txt')}
COPY --from=files /src/a.txt a.txt
`;
    const second = await runDockerfile(sandbox, copyFrom, CONTEXT, {}, { rootPrefix: '/links-f', start: false });
    expect(second.result.ok).toBe(false);
    expect(existsSync(join(outside, 'from-copy'))).toBe(false);
    expectOutsideUntouched();
    expect(failedReason(second.result.steps, 'COPY --from=files')).toMatch(/\/app\/a\.txt in stage app/);
  });

  it('links inside the stage still work: a relative link to a folder is written through, and copied as a link', async () => {
    const dockerfile = `FROM node:22 AS base
WORKDIR /app
RUN node -e "require('fs').mkdirSync('real')"
${plant('real', 'alias')}
COPY hello.txt alias/x.txt
FROM base AS child
RUN node -e "console.log(require('fs').readlinkSync('alias'))"
`;
    const { result, recorded } = await runDockerfile(sandbox, dockerfile, CONTEXT, {}, { rootPrefix: '/links-g', start: false });
    expect(result.ok).toBe(true);
    expect(await text(sandbox, `/links-g/base/app/real/x.txt`)).toBe('hello\n');
    expect(recorded.output()).toMatch(/^real$/m);
  });
});

describe('fs errors are failed steps in the learner’s terms', () => {
  it('COPY of a file onto a folder, and WORKDIR onto a file', async () => {
    const dockerfile = `FROM node:22 AS base
WORKDIR /app
RUN node -e "require('fs').mkdirSync('taken/inner', { recursive: true })"
COPY hello.txt taken/inner
`;
    // Docker copies into an existing folder: this one works.
    const ok = await runDockerfile(sandbox, dockerfile, CONTEXT, {}, { rootPrefix: '/errs-a', start: false });
    expect(ok.result.ok).toBe(true);

    const onFile = `FROM node:22 AS base
WORKDIR /app
COPY hello.txt /app/hello.txt
WORKDIR /app/hello.txt/sub
`;
    const { result } = await runDockerfile(sandbox, onFile, CONTEXT, {}, { rootPrefix: '/errs-b', start: false });
    expect(result.ok).toBe(false);
    expect(failedReason(result.steps, 'WORKDIR /app/hello.txt/sub')).toMatch(/\/app\/hello\.txt/);
  });
});

describe('the sandbox itself', () => {
  it('never writes through a link, dangling or not, and never creates folders through one', async () => {
    await sandbox.mkdir('/raw');
    const folder = sandbox.processPath!('/raw');
    symlinkSync(join(outside, 'raw-file'), join(folder, 'dangling'));
    symlinkSync(join(outside, 'folder'), join(folder, 'to-folder'));
    symlinkSync(join(outside, 'nowhere', 'deep'), join(folder, 'to-nowhere'));
    await expect(sandbox.writeFile('/raw/dangling', 'x')).rejects.toThrow(SandboxPathError);
    await expect(sandbox.writeFile('/raw/to-folder/x', 'x')).rejects.toThrow(SandboxPathError);
    await expect(sandbox.writeFile('/raw/to-nowhere/x', 'x')).rejects.toThrow(SandboxPathError);
    await expect(sandbox.mkdir('/raw/to-nowhere/a/b')).rejects.toThrow(SandboxPathError);
    await expect(sandbox.mkdir('/raw/dangling')).rejects.toThrow(SandboxPathError);
    await sandbox.writeFile('/src-file', 'data');
    await expect(sandbox.copy!('/src-file', '/raw/dangling')).rejects.toThrow(SandboxPathError);
    await expect(sandbox.copy!('/src-file', '/raw/to-nowhere/x')).rejects.toThrow(SandboxPathError);
    // A link to a folder outside, inside a folder copied onto it.
    await sandbox.mkdir('/tree/to-folder');
    await sandbox.writeFile('/tree/to-folder/x', 'x');
    await expect(sandbox.copy!('/tree', '/raw')).rejects.toThrow(SandboxPathError);
    expect(existsSync(join(outside, 'raw-file'))).toBe(false);
    expect(existsSync(join(outside, 'nowhere'))).toBe(false);
    expectOutsideUntouched();
    // The link itself can be removed (not what it points to).
    await sandbox.rm('/raw/dangling');
    expect(await sandbox.exists('/raw/dangling')).toBe(false);
  });
});
