// The bake section of content/lessons/one-dockerfile-every-environment.mdx, held to what docker
// buildx bake did (tests/fixtures/bake/recording.json, scripts/record-bake.ts): the lesson's
// docker-bake.hcl is the recorded fixture's, the fixture's Dockerfile has the lesson Dockerfile's
// stages, and the bake analyzer, run on the lesson's own files, agrees with the recording.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/index.ts';
import { analyzeBake } from '../../../src/analyzer/bake/index.ts';
import { FIXTURES, recording } from '../../analyzer/bake/recorded.ts';
import { lessonDockerfile } from '../../support/lesson-dockerfiles.ts';
import { codeBlock, lessonSource, predictReveal } from './mdx-source.ts';

const SLUG = 'one-dockerfile-every-environment';
const bakeFile = codeBlock(SLUG, 'hcl', 'bake-file');
const envs = lessonDockerfile(SLUG, 'flask-envs').text;
const runs = recording.engines['28'].cases['issue']!;
const failing = recording.engines['28'].cases['failing-test']!;
const run = (id: string) => runs.find((r) => r.id === id)!;
const section = lessonSource(SLUG).split('## One file for every build')[1]!.split('## Your turn')[0]!;

/** The lesson's bake file on the lesson's Dockerfile. */
function bake(names: string[]) {
  return analyzeBake([{ name: 'docker-bake.hcl', text: bakeFile }], (path) => (path === 'Dockerfile' ? envs : null), { names });
}
const stagesOf = (names: string[]) => Object.fromEntries(bake(names).plans.map((plan) => [plan.name, plan.stages]));

/** Each stage's name and the stage it is built FROM (null: an image). */
function graph(text: string) {
  const analysis = analyze(text);
  return analysis.stages.map((s) => [s.name, s.base.kind === 'stage' ? analysis.stages[s.base.index]!.name : null]);
}

describe('the recorded files are the lesson’s', () => {
  it('the lesson shows the recorded docker-bake.hcl, word for word', () => {
    expect(bakeFile).toBe(readFileSync(join(FIXTURES, 'issue', 'docker-bake.hcl'), 'utf8'));
  });

  it('the recorded Dockerfile has the lesson Dockerfile’s stages, each FROM the same stage', () => {
    expect(graph(readFileSync(join(FIXTURES, 'issue', 'Dockerfile'), 'utf8'))).toEqual(graph(envs));
  });
});

describe('what bake builds, as the lesson says', () => {
  it('dev, test and prod inherit _common; prod builds the stage production; test exports cacheonly', () => {
    const { targets, diagnostics } = bake(['dev', 'test', 'prod']);
    expect(diagnostics).toEqual([]);
    expect(targets).toEqual([
      { name: 'dev', context: '.', dockerfile: 'Dockerfile', tags: ['shop:dev'], target: 'dev' },
      { name: 'prod', context: '.', dockerfile: 'Dockerfile', tags: ['shop:latest'], target: 'production' },
      { name: 'test', context: '.', dockerfile: 'Dockerfile', target: 'test', output: [{ type: 'cacheonly' }] },
    ]);
    expect(section).toMatch(/The bake target `prod` builds the\s+stage `production`/);
  });

  it('quiz bake-default: a plain bake builds the default group, dev: base and dev, tagged shop:dev', () => {
    const { options, answer } = predictReveal(SLUG, 'bake-default');
    expect(options[answer]).toBe('base and dev');
    expect(stagesOf([])).toEqual({ dev: ['base', 'dev'] });
    expect(run('default').build).toMatchObject({ ok: true, markers: ['base', 'dev'], images: ['shop:dev'] });
  });

  it('the table: each command’s stages and image, as recorded and as the analyzer predicts', () => {
    const rows: Array<[string, string, string[], string]> = [
      ['`docker buildx bake`', 'default', ['base', 'dev'], '`shop:dev`'],
      ['`docker buildx bake test`', 'test', ['base', 'dev', 'test'], 'none (cacheonly)'],
      ['`docker buildx bake prod`', 'prod', ['base', 'production'], '`shop:latest`'],
    ];
    for (const [command, id, stages, image] of rows) {
      expect(section).toContain(`| ${command} | ${stages.join(', ')} | ${image} |`);
      const recorded = run(id).build;
      expect(recorded.markers.slice().sort(), id).toEqual(stages.slice().sort());
      expect(recorded.images, id).toEqual(image.startsWith('none') ? [] : [image.replaceAll('`', '')]);
      const names = id === 'default' ? [] : [id];
      expect(bake(names).plans.flatMap((plan) => plan.stages), id).toEqual(stages);
    }
  });

  it('CI: bake test, then bake prod on its cache runs only production', () => {
    expect(codeBlock(SLUG, 'sh', 'ci-bake').trim()).toBe('docker buildx bake test\ndocker buildx bake prod');
    expect(run('ci-test').build.markers).toEqual(['base', 'dev', 'test']);
    const after = run('ci-prod-after-test');
    expect(after.fresh).toBe(false);
    expect(after.build.markers).toEqual(['production']);
    expect(section).toMatch(/only `production` runs/);
  });

  it('a failing test fails bake test; bake test prod builds and tags production all the same', () => {
    const ciTest = failing.find((r) => r.id === 'ci-test')!.build;
    expect(ciTest.ok).toBe(false);
    const together = failing.find((r) => r.id === 'test-and-prod')!.build;
    expect(together.ok).toBe(false);
    expect(together.error).toMatch(/target test: failed to solve/);
    expect(together.markers).toContain('production');
    expect(together.images).toEqual(['shop:latest']);
  });

  it('which Docker has bake: 28.5 with buildx 0.29 and 26.1 with buildx 0.13, resolving the file alike', () => {
    expect(recording.engines['28'].engine).toMatch(/^28\.5\./);
    expect(recording.engines['28'].buildx).toMatch(/^0\.29\./);
    expect(recording.engines['26'].engine).toMatch(/^26\.1\./);
    expect(recording.engines['26'].buildx).toMatch(/^0\.13\./);
    expect(section.replace(/\s+/g, ' ')).toContain('The buildx of Docker 28.5 (0.29) and the buildx of Docker 26.1 (0.13) both have it, and both resolve this file to the same targets.');
    // Same targets on both (tests/analyzer/bake/recording.test.ts compares every case).
    for (const id of ['default', 'test', 'prod']) {
      const older = recording.engines['26'].cases['issue']!.find((r) => r.id === id)!;
      expect(older.print.ok).toBe(true);
      expect(Object.keys(older.print.config!.target)).toEqual(Object.keys(run(id).print.config!.target));
    }
  });
});
