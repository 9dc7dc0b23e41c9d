// `stagecraft bake`: the real launcher in a child process, in a folder with real bake files and
// Dockerfiles, answering as docker buildx bake did (tests/fixtures/bake/recording.json).

import { spawnSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAUNCHER, TempDir } from './cli-helpers.ts';
import { FIXTURES, recording } from '../analyzer/bake/recorded.ts';

let dir: TempDir;
beforeAll(() => {
  dir = new TempDir();
  for (const name of ['issue', 'variables', 'missing-stage', 'compose']) cpSync(join(FIXTURES, name), join(dir.path, name), { recursive: true });
});
afterAll(() => dir.remove());

function bake(folder: string, args: string[], env: Record<string, string> = {}) {
  const child = spawnSync(process.execPath, [LAUNCHER, 'bake', ...args], {
    cwd: join(dir.path, folder),
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 20_000,
  });
  if (child.error) throw child.error;
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

const recorded = (name: string, id: string) => recording.engines['28'].cases[name]!.find((run) => run.id === id)!;

describe('stagecraft bake (child process)', { timeout: 60_000 }, () => {
  it('finds docker-bake.hcl in the folder and builds the default group: dev, which runs base and dev', () => {
    const result = bake('issue', []);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('dev: Dockerfile, stage dev\n  runs: base → dev\n  tags: shop:dev');
    expect(recorded('issue', 'default').build.markers).toEqual(['base', 'dev']);
  });

  it('a file and targets: test (cacheonly, no image) and prod, as JSON', () => {
    const result = bake('issue', ['docker-bake.hcl', 'test', 'prod', '--json']);
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.groups).toEqual(recorded('issue', 'test-and-prod').print.config!.group);
    expect(json.targets.map((t: { name: string; stages: string[] }) => [t.name, t.stages])).toEqual([
      ['prod', ['base', 'production']],
      ['test', ['base', 'dev', 'test']],
    ]);
    expect(json.targets[1].output).toEqual([{ type: 'cacheonly' }]);
    expect(json.diagnostics).toEqual([]);
  });

  it('the text report says a cacheonly target leaves no image', () => {
    expect(bake('issue', ['test']).stdout).toContain('output: type=cacheonly (no image: the result stays in the build cache)');
  });

  it('variables are overridden from the environment, as bake does', () => {
    const json = JSON.parse(bake('variables', ['--json'], { TAG: '2.0', STAGE: 'dev' }).stdout);
    expect(json.targets[0]).toMatchObject({ stage: 'dev', stages: ['base', 'dev'], tags: ['shop:2.0', 'shop:dev-2.0'] });
    expect(json.targets[0].tags).toEqual(recorded('variables', 'override').print.config!.target['app']!['tags']);
  });

  it('a compose file as a bake file (-f): one target per service with a build section', () => {
    const json = JSON.parse(bake('compose', ['-f', 'compose.yaml', 'web-prod', '--json']).stdout);
    expect(json.targets).toEqual([
      { name: 'web-prod', dockerfile: 'Dockerfile', stage: 'production', stages: ['base', 'production'], fails: false, tags: ['shop:latest'], output: [] },
    ]);
  });

  it('exit 1 with positions: a stage the Dockerfile lacks, an unknown inherited target', () => {
    const prod = bake('missing-stage', ['prod']);
    expect(prod.status).toBe(1);
    expect(prod.stdout).toContain('docker-bake.hcl:2:12  error  target "prod": target stage "prod" could not be found in Dockerfile');
    const dev = bake('missing-stage', ['dev']);
    expect(dev.status).toBe(1);
    expect(dev.stdout).toContain('docker-bake.hcl:6:3  error  failed to find target _missing');
  });

  it('usage errors exit 2: no bake file in the folder, an unknown option, a missing file', () => {
    writeFileSync(join(dir.path, 'README'), 'not a bake file\n');
    const none = spawnSync(process.execPath, [LAUNCHER, 'bake'], { cwd: dir.path, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 20_000 });
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^stagecraft: no bake file/);
    expect(none.stderr).toContain('usage: stagecraft bake');
    expect(bake('issue', ['--nope']).status).toBe(2);
    const missing = bake('issue', ['-f', 'other.hcl']);
    expect([missing.status, missing.stderr.split('\n')[0]]).toEqual([2, 'stagecraft: cannot read other.hcl: no such file']);
  });

  it('help bake prints the usage', () => {
    const help = bake('issue', ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: stagecraft bake/);
  });
});
