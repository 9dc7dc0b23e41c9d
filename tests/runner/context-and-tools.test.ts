// Reading a build context folder (with .dockerignore), finding npm for this Node, and the
// shell-line reader the runner uses for RUN and CMD.

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContextError, readBuildContext } from '../../src/runner/context-node.ts';
import { findNodeTools } from '../../src/runner/node-tools.ts';
import { literalWord, parseShellCommand } from '../../src/runner/shell-command.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stagecraft-context-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>): string {
  const root = join(dir, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('readBuildContext', () => {
  it('reads every file as a relative POSIX path, without what .dockerignore excludes', async () => {
    const root = folder('app', {
      '.dockerignore': '# generated\nnode_modules\n**/*.log\n!keep.log\n',
      'package.json': '{}',
      'src/index.js': 'x',
      'debug.log': 'no',
      'keep.log': 'yes',
      'node_modules/dep/index.js': 'no',
      'logs/a/b.log': 'no',
    });
    symlinkSync('package.json', join(root, 'link.json'));
    const context = await readBuildContext(root);
    expect(Object.keys(context)).toEqual(['.dockerignore', 'keep.log', 'package.json', 'src/index.js']);
    expect(new TextDecoder().decode(context['src/index.js'] as Uint8Array)).toBe('x');
  });

  it('reports every symlink it leaves out (not the ignored ones), with where it points', async () => {
    const root = folder('links', { '.dockerignore': 'ignored-link\n', 'package.json': '{}', 'src/index.js': 'x' });
    symlinkSync('package.json', join(root, 'link.json'));
    symlinkSync('../src', join(root, 'src', 'up'));
    symlinkSync('package.json', join(root, 'ignored-link'));
    const links: Array<[string, string]> = [];
    const context = await readBuildContext(root, { onLink: (path, target) => links.push([path, target]) });
    expect(Object.keys(context)).toEqual(['.dockerignore', 'package.json', 'src/index.js']);
    expect(links).toEqual([
      ['link.json', 'package.json'],
      ['src/up', '../src'],
    ]);
  });

  it('refuses a .dockerignore Docker rejects, and a path that is not a folder', async () => {
    const root = folder('bad', { '.dockerignore': '[unclosed\n', 'a.txt': 'a' });
    await expect(readBuildContext(root)).rejects.toThrow(ContextError);
    await expect(readBuildContext(join(root, 'a.txt'))).rejects.toThrow(/is not a folder/);
  });
});

describe('findNodeTools', () => {
  it('finds npm-cli.js and npx-cli.js for the Node running the tests', () => {
    const tools = findNodeTools();
    expect(tools.node).toBe(process.execPath);
    expect(tools.npmCli).toMatch(/npm-cli\.js$/);
    expect(tools.npxCli).toMatch(/npx-cli\.js$/);
  });

  it('falls back to the npm on PATH, and says so when there is none', () => {
    const tools = findNodeTools(join(dir, 'no', 'bin', 'node'), { PATH: process.env.PATH });
    expect(tools.npmCli).toMatch(/npm-cli\.js$/);
    expect(() => findNodeTools(join(dir, 'no', 'bin', 'node'), { PATH: dir })).toThrow(/cannot find npm/);
  });
});

describe('parseShellCommand', () => {
  it('splits an && chain into commands, with NAME=value prefixes, words kept raw', () => {
    expect(parseShellCommand(`NODE_ENV=production npm run build -- --out "dist dir" && node 'a b.js' \${X:-y} # done`)).toEqual({
      ok: true,
      commands: [
        { assignments: [{ name: 'NODE_ENV', raw: 'production' }], words: ['npm', 'run', 'build', '--', '--out', '"dist dir"'] },
        { assignments: [], words: ['node', "'a b.js'", '${X:-y}'] },
      ],
    });
  });

  it.each([
    ['a | b', 'a pipe (|)'],
    ['a; b', '; (commands in a row)'],
    ['a & b', 'a background job (&)'],
    ['a > f', 'a redirection (> or <)'],
    ['(a)', 'a subshell ( … )'],
    ['echo `date`', 'command substitution ($(…) or `…`)'],
    ['echo "$(date)"', 'command substitution ($(…) or `…`)'],
    ['ls *.js', 'a file pattern (*, ? or [ ]) the shell would expand'],
    ['cd ~', 'the home folder shortcut ~'],
    ['&& a', 'an empty command before &&'],
    ['a &&', 'an empty command after &&'],
    ['X=1', 'a shell variable assignment without a command'],
    ['echo "open', 'a quote that is never closed'],
  ])('%s needs %s', (line, feature) => {
    expect(parseShellCommand(line)).toEqual({ ok: false, feature });
  });

  it('quoted operators and patterns are plain text', () => {
    expect(parseShellCommand(`node -e "a && b | c > d; *"`)).toEqual({
      ok: true,
      commands: [{ assignments: [], words: ['node', '-e', '"a && b | c > d; *"'] }],
    });
  });

  it('literalWord removes quotes as the shell does, and gives null for a word with a variable', () => {
    expect(literalWord(`"a \\"b\\""'c d'e\\ f`)).toBe('a "b"c de f');
    expect(literalWord('$HOME')).toBeNull();
  });
});
