// What content/lessons/local-development-with-compose.mdx says about its Dockerfile and compose.yaml.
// Builder differences are recorded from the real engine in tests/fixtures/builds:
//   target-selection                   base + two stages FROM base: BuildKit's default build runs base and
//                                      the last stage; classic also runs the stage in between
//   test-stage-failure-before-default  --target dev runs base and dev on both builders
// Compose facts, from the Compose reference (docker/docs content/reference/compose-file/{build,services}.md)
// and its parser (compose-spec/compose-go format/volume.go: a one-part volume spec is a volume with a
// target and no source, i.e. anonymous); the copy of image files into an empty volume is in the
// Docker Engine docs (content/manuals/engine/storage/volumes.md, "Mounting a volume over existing data").

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/index.ts';
import type { AnalyzeOptions, Analysis, Builder } from '../../../src/analyzer/model.ts';
import { lessonDockerfile } from '../../support/lesson-dockerfiles.ts';
import { codeBlock, codeBlocks, lessonSource, predictReveal, stringProp } from './mdx-source.ts';

const SLUG = 'local-development-with-compose';
const BUILDERS: Builder[] = ['buildkit', 'classic'];

const dockerfile = lessonDockerfile(SLUG, 'node-api').text;

interface Service {
  build?: string | { context?: string; target?: string; dockerfile?: string };
  image?: string;
  ports?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string[] | string };
}

function compose(id: string): { services: Record<string, Service> } {
  return yaml.load(codeBlock(SLUG, 'yaml', id)) as { services: Record<string, Service> };
}

const COMPOSE_FILES = ['compose-dev', 'compose-dev-whole-project'];

function planned(options: AnalyzeOptions): Array<string | null> {
  const a = analyze(dockerfile, options);
  expect(a.plan.fails).toBe(false);
  return a.plan.stages.map((i) => a.stages[i]!.name);
}

function stageIndex(a: Analysis, name: string): number {
  const index = a.stages.findIndex((s) => s.name === name);
  expect(index, name).toBeGreaterThanOrEqual(0);
  return index;
}

/** The WORKDIR in effect at the end of a stage, following FROM <stage>. */
function workdir(a: Analysis, index: number): string | null {
  const stage = a.stages[index]!;
  const own = stage.instructions.filter((i) => i.keyword === 'WORKDIR').at(-1);
  if (own) return own.argsText;
  return stage.base.kind === 'stage' ? workdir(a, stage.base.index) : null;
}

function instructions(a: Analysis, name: string, keyword: string): string[] {
  return a.stages[stageIndex(a, name)]!.instructions.filter((i) => i.keyword === keyword).map((i) => i.argsText);
}

describe('the API Dockerfile', () => {
  it('has base, dev and production, production last and so the default target', () => {
    const a = analyze(dockerfile);
    expect(a.stages.map((s) => s.name)).toEqual(['base', 'dev', 'production']);
    expect(a.target.index).toBe(2);
    expect(a.stages[1]!.base).toEqual({ kind: 'stage', index: 0 });
    expect(a.stages[2]!.base).toEqual({ kind: 'stage', index: 0 });
  });

  it('dev installs everything and runs node --watch; production omits devDependencies, copies src and runs as node', () => {
    const a = analyze(dockerfile);
    expect(instructions(a, 'dev', 'RUN')).toEqual(['npm ci']);
    expect(a.stages[1]!.instructions.find((i) => i.keyword === 'CMD')!.json).toEqual(['node', '--watch', 'src/server.js']);
    expect(instructions(a, 'production', 'ENV')).toEqual(['NODE_ENV=production']);
    expect(instructions(a, 'production', 'RUN')).toEqual(['npm ci --omit=dev']);
    expect(instructions(a, 'production', 'COPY')).toEqual(['src ./src']);
    expect(instructions(a, 'production', 'USER')).toEqual(['node']);
  });

  it('dev copies the project after npm ci (why the lesson adds a .dockerignore for node_modules)', () => {
    const a = analyze(dockerfile);
    const dev = a.stages[1]!.instructions.map((i) => `${i.keyword} ${i.argsText}`);
    expect(dev.indexOf('COPY . .')).toBeGreaterThan(dev.indexOf('RUN npm ci'));
    expect(codeBlocks(SLUG, 'text').find((b) => /title="\.dockerignore"/.test(b.meta))!.text.split('\n')).toContain('node_modules');
  });

  it('--target dev (build.target: dev) runs base and dev on both builders', () => {
    for (const builder of BUILDERS) expect(planned({ target: 'dev', builder })).toEqual(['base', 'dev']);
  });

  it('the default build runs base and production on BuildKit, and dev as well on the classic builder', () => {
    // Fixture target-selection has the same shape (base, then two stages FROM base).
    expect(planned({ builder: 'buildkit' })).toEqual(['base', 'production']);
    expect(planned({ builder: 'classic' })).toEqual(['base', 'dev', 'production']);
  });

  it('the production image has no course-rule finding; dev installs devDependencies and is not reported', () => {
    for (const builder of BUILDERS) {
      expect(analyze(dockerfile, { builder }).diagnostics.map((d) => `${d.id}: ${d.message}`), builder).toEqual([]);
      expect(analyze(dockerfile, { target: 'dev', builder }).diagnostics.map((d) => d.id), builder).not.toContain('dev-dependencies-in-final-image');
    }
  });

  it('without --omit=dev and NODE_ENV the production image would be reported (so the check above can fail)', () => {
    const full = dockerfile.replace('ENV NODE_ENV=production\n', '').replace('npm ci --omit=dev', 'npm ci');
    expect(analyze(full).diagnostics.map((d) => d.id)).toContain('dev-dependencies-in-final-image');
  });
});

describe('compose.yaml', () => {
  for (const id of COMPOSE_FILES) {
    it(`${id}: every build.target names a stage of the lesson's Dockerfile`, () => {
      const stages = analyze(dockerfile).stages.map((s) => s.name);
      const targets = Object.values(compose(id).services).flatMap((s) => (typeof s.build === 'object' && s.build.target ? [s.build.target] : []));
      expect(targets).toEqual(['dev']);
      for (const target of targets) {
        expect(stages).toContain(target);
        // And Docker finds it: --target resolves on both builders.
        for (const builder of BUILDERS) expect(analyze(dockerfile, { target, builder }).target.index).toBe(stageIndex(analyze(dockerfile), target));
      }
    });

    it(`${id}: the api waits for a healthy db, which has a pg_isready healthcheck`, () => {
      const { services } = compose(id);
      expect(services.api!.depends_on).toEqual({ db: { condition: 'service_healthy' } });
      const test = services.db!.healthcheck!.test as string[];
      expect(test[0]).toBe('CMD-SHELL');
      expect(test[1]).toMatch(/^pg_isready\b/);
    });

    it(`${id}: DATABASE_URL points at the db service with the credentials the postgres image is given`, () => {
      const { services } = compose(id);
      const url = new URL(services.api!.environment!.DATABASE_URL!);
      expect(Object.keys(services)).toContain(url.hostname);
      const db = services[url.hostname]!.environment!;
      expect([url.username, url.password, url.pathname.slice(1)]).toEqual([db.POSTGRES_USER, db.POSTGRES_PASSWORD, db.POSTGRES_DB]);
    });

    it(`${id}: publishes the port the server listens on`, () => {
      const listen = /app\.listen\((\d+)\)/.exec(codeBlocks(SLUG, 'js')[0]!.text)![1];
      expect(compose(id).services.api!.ports).toEqual([`${listen}:${listen}`]);
    });
  }

  it('compose-dev bind-mounts src over the dev stage’s /app/src, leaving the image’s node_modules visible', () => {
    const a = analyze(dockerfile, { target: 'dev' });
    const [mount, ...rest] = compose('compose-dev').services.api!.volumes!;
    expect(rest).toEqual([]);
    const [source, target] = mount!.split(':');
    expect(source).toBe('./src');
    expect(target).toBe(`${workdir(a, 1)}/src`);
    // Not the whole WORKDIR: that would hide the node_modules npm ci put there (next test).
    expect(target).not.toBe(workdir(a, 1));
  });

  it('compose-dev-whole-project mounts the project over WORKDIR and an anonymous volume over WORKDIR/node_modules', () => {
    const a = analyze(dockerfile, { target: 'dev' });
    const dir = workdir(a, 1);
    expect(dir).toBe('/app');
    const volumes = compose('compose-dev-whole-project').services.api!.volumes!;
    expect(volumes).toEqual([`.:${dir}`, `${dir}/node_modules`]);
    // A one-part spec has no source: compose-go makes it a volume with only a target (anonymous).
    expect(volumes[1]!.includes(':')).toBe(false);
    // The two files differ only in the mounts.
    const strip = (id: string) => ({ ...compose(id), services: { ...compose(id).services, api: { ...compose(id).services.api, volumes: [] } } });
    expect(strip('compose-dev-whole-project')).toEqual(strip('compose-dev'));
  });

  it('quiz compose-mount-whole-project: the API fails because the mount hides node_modules', () => {
    const { options, answer } = predictReveal(SLUG, 'compose-mount-whole-project');
    expect(options[answer]).toBe('The API fails to start: Node cannot find express');
    // npm ci ran in the dev image under WORKDIR, i.e. inside what .:/app covers.
    const a = analyze(dockerfile, { target: 'dev' });
    expect(workdir(a, 0)).toBe('/app');
    expect(instructions(a, 'dev', 'RUN')).toEqual(['npm ci']);
    expect(JSON.parse(codeBlocks(SLUG, 'json')[0]!.text).dependencies).toHaveProperty('express');
  });
});

describe('the diagrams', () => {
  const diagrams: Record<string, Array<string | null>> = {
    'compose-dev-target': ['base', 'dev'],
    'compose-production-buildkit': ['base', 'production'],
  };
  for (const [id, stages] of Object.entries(diagrams)) {
    it(`StageDiagram ${id} shows the lesson's Dockerfile and runs ${stages.join(', ')}`, () => {
      expect(lessonDockerfile(SLUG, id).text.trim()).toBe(dockerfile.trim());
      const target = stringProp(SLUG, 'StageDiagram', id, 'target');
      const builder = (stringProp(SLUG, 'StageDiagram', id, 'builder') ?? 'buildkit') as Builder;
      expect(planned({ target, builder })).toEqual(stages);
    });
  }

  it('compose-dev-target says the classic builder runs the same stages', () => {
    expect(stringProp(SLUG, 'StageDiagram', 'compose-dev-target', 'caption')).toMatch(/on both builders/);
    expect(planned({ target: 'dev', builder: 'classic' })).toEqual(diagrams['compose-dev-target']);
  });

  it('the builders callout names the stages the classic builder runs for production', () => {
    const callout = /<Callout type="builders"[\s\S]*?<\/Callout>/.exec(lessonSource(SLUG))![0];
    expect(callout).toMatch(/`base`, `dev` and `production`/);
    expect(planned({ builder: 'classic' })).toEqual(['base', 'dev', 'production']);
  });
});

// "A production override that keeps target: dev": how Compose 2.40 (Debian's package) merged the
// lesson's own files, recorded by scripts/record-compose.ts in tests/fixtures/compose/merges.json.
describe('override files', () => {
  interface MergedApi {
    build?: { context?: string; target?: string };
    environment?: Record<string, string>;
    volumes?: Array<{ type: string; source?: string; target: string }>;
    ports?: Array<{ target: number; published: string }>;
  }
  interface Merge {
    id: string;
    files: Record<string, string>;
    args: string[];
    api: MergedApi;
  }
  const recording = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'compose', 'merges.json'), 'utf8')) as {
    compose: string;
    merges: Merge[];
  };
  const merged = (id: string): Merge => {
    const found = recording.merges.find((m) => m.id === id);
    if (!found) throw new Error(`merge ${id} is not recorded: node scripts/record-compose.ts`);
    return found;
  };
  const stages = analyze(dockerfile).stages.map((s) => s.name);
  const source = lessonSource(SLUG);
  /** The lesson's YAML with Compose's !reset tag, which js-yaml does not know, read as a marker. */
  const RESET = new yaml.Type('!reset', { kind: 'sequence', construct: () => '!reset' });
  const RESET_SCALAR = new yaml.Type('!reset', { kind: 'scalar', construct: () => '!reset' });
  const override = (id: string) =>
    yaml.load(codeBlock(SLUG, 'yaml', id), { schema: yaml.DEFAULT_SCHEMA.extend([RESET, RESET_SCALAR]) }) as { services: Record<string, Service> };

  it('the recordings merged the files the lesson shows', () => {
    expect(recording.compose).toMatch(/^2\.\d+/);
    for (const merge of recording.merges) expect(merge.files['compose.yaml'], merge.id).toBe(codeBlock(SLUG, 'yaml', 'compose-dev'));
    expect(merged('prod-stale').files['compose.prod.yaml']).toBe(codeBlock(SLUG, 'yaml', 'compose-prod-stale'));
    expect(merged('prod-fixed').files['compose.prod.yaml']).toBe(codeBlock(SLUG, 'yaml', 'compose-prod-fixed'));
    expect(merged('override-automatic').files['compose.override.yaml']).toBe(codeBlock(SLUG, 'yaml', 'compose-prod-stale'));
    expect(source).toContain('docker compose -f compose.yaml -f compose.prod.yaml up --build');
  });

  it('the stale override names no target, and the merge keeps target: dev, the ./src mount and both environments (the prediction’s answer)', () => {
    expect(override('compose-prod-stale').services.api!.build).toEqual({ context: '.' });
    const { api } = merged('prod-stale');
    expect(api.build?.target).toBe('dev');
    expect(api.volumes?.map((v) => [v.type, v.source, v.target])).toEqual([['bind', '<project>/src', '/app/src']]);
    expect(api.environment).toMatchObject({ NODE_ENV: 'production', DATABASE_URL: 'postgres://app:secret@db:5432/app' });
    const { options, answer } = predictReveal(SLUG, 'compose-prod-override-target');
    expect(options[answer]).toBe('dev, the target compose.yaml set');
  });

  it('the fixed override builds production and mounts nothing; target: !reset null falls back to the last stage, production', () => {
    expect(merged('prod-fixed').api.build?.target).toBe('production');
    expect(merged('prod-fixed').api.volumes ?? []).toEqual([]);
    expect(merged('prod-fixed').api.ports).toEqual([expect.objectContaining({ target: 3000, published: '3000' })]);
    expect(merged('prod-reset-target').api.build).not.toHaveProperty('target');
    expect(stages.at(-1)).toBe('production');
    expect(stages).toContain(merged('prod-fixed').api.build!.target);
    expect(override('compose-prod-fixed').services.api!.volumes).toBe('!reset');
  });

  it('with no -f Compose merges compose.override.yaml too; -f compose.yaml alone skips it', () => {
    expect(merged('override-automatic').args).toEqual([]);
    expect(merged('override-automatic').api.environment).toHaveProperty('NODE_ENV', 'production');
    expect(merged('override-skipped').args).toEqual(['-f', 'compose.yaml']);
    expect(merged('override-skipped').api.environment).not.toHaveProperty('NODE_ENV');
    expect(source).toContain('`-f compose.yaml` alone skips it.');
  });
});
