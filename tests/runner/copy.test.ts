// COPY and ADD in the Node sandbox, against Docker's rules: file to a folder or a name,
// folders copied as their contents, globs, heredocs, --exclude, --from between stage
// roots, and sources that are not there (or outside the context).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeSandbox } from '../../src/runner/sandbox-node.ts';
import type { Sandbox } from '../../src/runner/types.ts';
import { names, runDockerfile, step, text } from './runner-helpers.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createNodeSandbox();
});
afterAll(async () => {
  await sandbox?.teardown();
});

const FILES = {
  'package.json': '{"name":"x"}',
  'README.md': 'readme',
  'src/index.js': 'index',
  'src/lib/util.js': 'util',
  'src/lib/util.test.js': 'test',
  'config/a.json': 'a',
  'config/b.yaml': 'b',
};

/** Runs the lines after `FROM alpine:3.20 AS s` (no Node.js needed to copy) and returns the stage root. */
async function copy(lines: string, files: Record<string, string> = FILES) {
  const { result, recorded } = await runDockerfile(sandbox, `FROM alpine:3.20 AS s\n${lines}\n`, files, {}, { rootPrefix: '/copy' });
  return { result, root: result.root, output: recorded.output() };
}

describe('destinations', () => {
  it('a file to a folder (trailing slash) keeps its name; to a path without one, takes that name', async () => {
    const { root, result } = await copy('COPY package.json /app/\nCOPY README.md /docs/readme.txt');
    expect(result.ok).toBe(true);
    expect(await text(sandbox, `${root}/app/package.json`)).toBe('{"name":"x"}');
    expect(await text(sandbox, `${root}/docs/readme.txt`)).toBe('readme');
  });

  it('relative destinations follow WORKDIR; `.` is the working folder', async () => {
    const { root } = await copy('WORKDIR /srv\nWORKDIR app\nCOPY package.json .\nCOPY README.md ./notes/');
    expect(await names(sandbox, `${root}/srv/app`)).toEqual(['notes', 'package.json']);
    expect(await names(sandbox, `${root}/srv/app/notes`)).toEqual(['README.md']);
  });

  it('several sources go into the folder; an existing folder takes a file by its name', async () => {
    const { root } = await copy('COPY package.json README.md /app/\nCOPY config/a.json /app');
    expect(await names(sandbox, `${root}/app`)).toEqual(['README.md', 'a.json', 'package.json']);
  });
});

describe('sources', () => {
  it('a folder copies its contents, not itself', async () => {
    const { root } = await copy('COPY src /app/');
    expect(await names(sandbox, `${root}/app`)).toEqual(['index.js', 'lib']);
    expect(await text(sandbox, `${root}/app/lib/util.js`)).toBe('util');
  });

  it('`.` is the whole context', async () => {
    const { root } = await copy('WORKDIR /app\nCOPY . .');
    expect(await names(sandbox, `${root}/app`)).toEqual(['README.md', 'config', 'package.json', 'src']);
  });

  it('globs match within a segment; a matched folder copies its contents; no match copies nothing', async () => {
    const { root, result, output } = await copy('COPY config/*.json src/*.js /app/\nCOPY s* /all/\nCOPY *.lock /app/');
    expect(result.ok).toBe(true);
    expect(await names(sandbox, `${root}/app`)).toEqual(['a.json', 'index.js']);
    expect(await names(sandbox, `${root}/all`)).toEqual(['index.js', 'lib']);
    expect(output).toContain('(no files match *.lock: nothing to copy for it)');
  });

  it('variables in sources and destinations are expanded', async () => {
    const { root } = await copy('ARG DIR=config\nENV DEST=/etc/app\nCOPY ${DIR}/a.json $DEST/');
    expect(await names(sandbox, `${root}/etc/app`)).toEqual(['a.json']);
  });

  it('--exclude leaves out matching paths', async () => {
    const { root } = await copy('COPY --exclude=**/*.test.js src /app/');
    expect(await names(sandbox, `${root}/app/lib`)).toEqual(['util.js']);
  });

  it('a heredoc becomes a file, variables expanded unless the delimiter is quoted', async () => {
    const { root } = await copy('ARG NAME=world\nCOPY <<EOF /hello.txt\nhello $NAME\nEOF\nCOPY <<"RAW" /raw/\nhello $NAME\nRAW');
    expect(await text(sandbox, `${root}/hello.txt`)).toBe('hello world\n');
    expect(await text(sandbox, `${root}/raw/RAW`)).toBe('hello $NAME\n');
  });

  it('--chown is ignored with a note, the files still copied', async () => {
    const { root, result } = await copy('COPY --chown=node:node package.json /app/');
    expect(step(result.steps, 'COPY --chown')).toMatchObject({ status: 'done', reason: expect.stringContaining('--chown') });
    expect(await names(sandbox, `${root}/app`)).toEqual(['package.json']);
  });

  it('ADD of a local file is a COPY', async () => {
    const { root } = await copy('ADD README.md /docs/');
    expect(await text(sandbox, `${root}/docs/README.md`)).toBe('readme');
  });

  it('ADD $URL with the URL in an ARG (or a build arg) is skipped as a download, not refused as a missing file', async () => {
    const { result, output } = await copy(
      'ARG URL=https://example.com/app.txt\nARG LOCAL=README.md\nADD $URL /downloads/\nADD ${LOCAL} /more/\nADD README.md /docs/',
    );
    expect(result.ok).toBe(true);
    expect(step(result.steps, 'ADD $URL')).toMatchObject({ status: 'skipped', reason: expect.stringContaining('URL or Git repository') });
    expect(step(result.steps, 'ADD ${LOCAL}')).toMatchObject({ status: 'done' });
    expect(await text(sandbox, `${result.root}/more/README.md`)).toBe('readme');
    expect(output).not.toContain('is not in the build context');
    expect(await text(sandbox, `${result.root}/docs/README.md`)).toBe('readme');

    const withArg = await runDockerfile(
      sandbox,
      'FROM alpine:3.20 AS s\nARG SRC\nADD $SRC /x/\n',
      FILES,
      { buildArgs: { SRC: 'git@github.com:docker/buildx.git' } },
      { rootPrefix: '/add-arg' },
    );
    expect(step(withArg.result.steps, 'ADD $SRC')).toMatchObject({ status: 'skipped', reason: expect.stringContaining('URL or Git repository') });
  });

  it('ADD $ARCHIVE with the archive in an ARG is skipped as an archive to unpack', async () => {
    const { result } = await copy('ARG TARBALL=vendor.tar.gz\nADD $TARBALL /vendor/', { ...FILES, 'vendor.tar.gz': 'not really' });
    expect(result.ok).toBe(true);
    expect(step(result.steps, 'ADD $TARBALL')).toMatchObject({ status: 'skipped', reason: expect.stringContaining('unpacks a local archive') });
  });
});

describe('COPY --from between stage roots', () => {
  it('copies a folder’s contents or a file from the other stage, which stays as it was', async () => {
    const { result } = await runDockerfile(
      sandbox,
      'FROM alpine:3.20 AS build\nCOPY src /out/\nCOPY package.json /out/\nFROM alpine:3.20 AS final\nCOPY --from=build /out/lib /app/lib\nCOPY --from=build /out/package.json /app/\nCOPY --from=0 /out/index.js /index.js\n',
      FILES,
      {},
      { rootPrefix: '/from' },
    );
    expect(result.ok).toBe(true);
    expect(result.root).toBe('/from/final');
    expect(await names(sandbox, '/from/final/app')).toEqual(['lib', 'package.json']);
    expect(await names(sandbox, '/from/final/app/lib')).toEqual(['util.js', 'util.test.js']);
    expect(await text(sandbox, '/from/final/index.js')).toBe('index');
    expect(await names(sandbox, '/from/build/out')).toEqual(['index.js', 'lib', 'package.json']);
  });

  it('a path the stage does not have fails the step, and the rest is not run', async () => {
    const { result } = await runDockerfile(
      sandbox,
      'FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from=build /nope /app/\nCOPY package.json /app/\n',
      FILES,
      {},
      { rootPrefix: '/from-missing' },
    );
    expect(result.ok).toBe(false);
    expect(step(result.steps, 'COPY --from')).toMatchObject({ status: 'failed', reason: '"/nope" is not in stage build, so Docker would fail this step.' });
    expect(step(result.steps, 'COPY package.json')).toMatchObject({ status: 'skipped', reason: 'Not run: the build stopped at line 3.' });
  });
});

describe('sources that are not in the context', () => {
  it('a missing file fails the step with the path', async () => {
    const { result } = await copy('COPY missing.txt /app/');
    expect(result.ok).toBe(false);
    expect(step(result.steps, 'COPY missing.txt')).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/^"missing.txt" is not in the build context/),
    });
  });

  it('`..` cannot climb out of the context: ../../etc/passwd is looked up inside it, and is not there', async () => {
    const { result } = await copy('COPY ../../etc/passwd /stolen');
    expect(result.ok).toBe(false);
    expect(step(result.steps, 'COPY ../../etc/passwd').status).toBe('failed');
    expect(await sandbox.exists('/copy/s/stolen')).toBe(false);
  });

  it('a destination with `..` stays inside the stage root', async () => {
    const { result } = await copy('WORKDIR /app\nCOPY README.md ../../../../outside.txt');
    expect(result.ok).toBe(true);
    expect(await text(sandbox, '/copy/s/outside.txt')).toBe('readme');
  });

  it('a build context with a path that leaves it is refused before anything runs', async () => {
    const { result, recorded } = await runDockerfile(sandbox, 'FROM alpine:3.20\nCOPY . /app/\n', { '../escape.txt': 'x' }, {}, { rootPrefix: '/bad-context' });
    expect(result.ok).toBe(false);
    expect(recorded.output()).toContain('The build context has a path outside it (../escape.txt)');
    expect(await sandbox.exists('/bad-context')).toBe(false);
  });
});
