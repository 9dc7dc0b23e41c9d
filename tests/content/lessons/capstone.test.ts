// What content/lessons/capstone.mdx says about its Dockerfile: the production stage is the
// clean default, and the table of commands says which stages each target runs on BuildKit
// and on the classic builder. The stage graph is the one recorded on the real engine in
// tests/fixtures/builds/capstone-environments.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/index.ts';
import type { Analysis, Builder } from '../../../src/analyzer/model.ts';
import { recordedFixture } from '../../support/goldens.ts';
import { LESSONS_DIR, lessonDockerfile } from '../../support/lesson-dockerfiles.ts';

const SLUG = 'capstone';
const source = readFileSync(join(LESSONS_DIR, `${SLUG}.mdx`), 'utf8');
const dockerfile = lessonDockerfile(SLUG, 'capstone').text;
const BUILDERS: Builder[] = ['buildkit', 'classic'];
const STAGES = ['base', 'deps', 'build', 'test', 'lint', 'dev', 'debug', 'production'];

function planned(analysis: Analysis): string[] {
  return analysis.plan.stages.map((i) => analysis.stages[i]!.name ?? `#${i}`);
}

function stageNamed(analysis: Analysis, name: string) {
  return analysis.stages.find((s) => s.name === name)!;
}

/** The rows of the lesson's "One command per environment" table. */
function table(): Array<{ environment: string; target: string | null; buildkit: string[]; classic: string[] }> {
  const section = source.slice(source.indexOf('## One command per environment'));
  const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Environment') && !line.startsWith('| ---'));
  return rows.map((row) => {
    const [environment, command, buildkit, classic] = row.split('|').slice(1, -1).map((cell) => cell.trim());
    const target = /--target (\S+)/.exec(command!)?.[1] ?? null;
    const list = (cell: string) => cell.split(',').map((name) => name.trim());
    return { environment: environment!, target, buildkit: list(buildkit!), classic: list(classic!) };
  });
}

/** Stage names with what each is built FROM (a stage name or "image") and the COPY --from edges. */
function graph(text: string) {
  const a = analyze(text);
  const label = (i: number) => a.stages[i]!.name ?? `#${i}`;
  return {
    stages: a.stages.map((s) => [s.name, s.base.kind === 'stage' ? label(s.base.index) : s.base.kind]),
    copies: a.edges.flatMap((e) => (e.kind === 'copy-from' && e.target.kind === 'stage' ? [[label(e.stage), label(e.target.index)]] : [])),
  };
}

describe('capstone: the Dockerfile', () => {
  it('has the eight stages the lesson describes, production last', () => {
    const a = analyze(dockerfile);
    expect(a.stages.map((s) => s.name)).toEqual(STAGES);
    expect(a.target.index).toBe(STAGES.length - 1);
  });

  it('has the stage graph recorded on the real engine (capstone-environments)', () => {
    const recording = recordedFixture('capstone-environments');
    expect(graph(dockerfile)).toEqual(graph(recording.dockerfile));
  });

  it('production starts FROM node:22-alpine (via base), installs runtime dependencies only, copies only dist, runs as node', () => {
    const a = analyze(dockerfile);
    const production = stageNamed(a, 'production');
    expect(a.stages[0]!.base).toEqual({ kind: 'image', ref: 'node:22-alpine' });
    expect(production.base).toEqual({ kind: 'stage', index: 0 });
    const body = production.instructions.slice(1).map((i) => `${i.keyword} ${i.argsText}`);
    expect(body).toContain('RUN npm ci --omit=dev && npm cache clean --force');
    expect(body.filter((line) => line.startsWith('COPY'))).toEqual(['COPY /app/dist ./dist']);
    expect(production.instructions.find((i) => i.keyword === 'COPY')!.flags.map((f) => `${f.name}=${f.value}`)).toEqual(['from=build']);
    expect(body.filter((line) => line.startsWith('USER'))).toEqual(['USER node']);
    expect(production.instructions.at(-1)!.json).toEqual(['node', 'dist/server.js']);
  });

  it('sets NODE_ENV=production in the production stage only, after deps has installed everything', () => {
    const a = analyze(dockerfile);
    const envs = a.stages.flatMap((s) => s.instructions.filter((i) => i.keyword === 'ENV').map((i) => [s.name, i.argsText]));
    expect(envs).toEqual([
      ['dev', 'NODE_ENV=development'],
      ['production', 'NODE_ENV=production'],
    ]);
    expect(stageNamed(a, 'deps').instructions.map((i) => i.argsText)).toContain('npm ci');
  });

  it('the production target triggers no warning (or any other finding) from the BuildKit, hadolint or course rules', () => {
    for (const builder of BUILDERS) {
      for (const target of [null, 'production']) {
        const a = analyze(dockerfile, { builder, target });
        expect(a.diagnostics.map((d) => `${d.severity} ${d.id}: ${d.message}`), `${builder} ${target}`).toEqual([]);
      }
    }
  });

  it('no target fails on either builder', () => {
    for (const builder of BUILDERS) {
      for (const target of STAGES) {
        expect(analyze(dockerfile, { builder, target }).diagnostics.filter((d) => d.severity === 'error'), `${builder} ${target}`).toEqual([]);
      }
    }
  });
});

describe('capstone: the table of commands', () => {
  const rows = table();

  it('lists the five environments, production first as the default build', () => {
    expect(rows.map((r) => [r.environment, r.target])).toEqual([
      ['Production', null],
      ['CI: tests', 'test'],
      ['CI: lint', 'lint'],
      ['Development', 'dev'],
      ['Debugging', 'debug'],
    ]);
  });

  for (const builder of BUILDERS) {
    it(`says which stages each target runs on ${builder}`, () => {
      for (const row of rows) {
        expect(planned(analyze(dockerfile, { builder, target: row.target })), `${row.environment}`).toEqual(row[builder]);
      }
    });
  }

  it('matches the engine recording for every row (capstone-environments)', () => {
    const recording = recordedFixture('capstone-environments');
    for (const row of rows) {
      const args = row.target ? ['--target', row.target] : [];
      const build = recording.builds.find((b) => JSON.stringify(b.args) === JSON.stringify(args));
      expect(build, row.environment).toBeDefined();
      expect(build!.buildkit).toMatchObject({ ok: true, markers: row.buildkit });
      expect(build!.classic).toMatchObject({ ok: true, markers: row.classic });
    }
  });

  it('the classic builder’s plan for every target is the file-order prefix up to it', () => {
    for (const [index, target] of STAGES.entries()) {
      expect(planned(analyze(dockerfile, { builder: 'classic', target }))).toEqual(STAGES.slice(0, index + 1));
    }
    expect(planned(analyze(dockerfile, { builder: 'classic' }))).toEqual(STAGES);
  });

  it('BuildKit skips test and lint for the default build, so CI must ask for them', () => {
    const stages = planned(analyze(dockerfile));
    expect(stages).not.toContain('test');
    expect(stages).not.toContain('lint');
    expect(source).toContain('docker build --target test .');
    expect(source).toContain('docker build --target lint .');
  });
});

describe('capstone: the diagrams', () => {
  const diagrams = [
    ['capstone-production-buildkit', 'buildkit'],
    ['capstone-production-classic', 'classic'],
  ] as const;

  it('draw the lesson’s Dockerfile, default target, on each builder', () => {
    for (const [id, builder] of diagrams) {
      const drawn = lessonDockerfile(SLUG, id);
      expect(drawn.text.trim()).toBe(dockerfile.trim());
      expect(drawn.options).toEqual({ builder });
    }
  });

  it('draw --target test on BuildKit and --target lint on the classic builder, as their captions say', () => {
    const test = lessonDockerfile(SLUG, 'capstone-test-buildkit');
    expect(test.text.trim()).toBe(dockerfile.trim());
    expect(test.options).toEqual({ target: 'test', builder: 'buildkit' });
    expect(source).toMatch(/id="capstone-test-buildkit"\s+caption="docker build --target test \. with BuildKit: base, deps, build and test run\."/);
    expect(planned(analyze(dockerfile, test.options))).toEqual(['base', 'deps', 'build', 'test']);

    const lint = lessonDockerfile(SLUG, 'capstone-lint-classic');
    expect(lint.text.trim()).toBe(dockerfile.trim());
    expect(lint.options).toEqual({ target: 'lint', builder: 'classic' });
    expect(source).toMatch(/id="capstone-lint-classic"\s+caption="docker build --target lint \. with the classic builder: everything above lint runs too, test included\."/);
    const stages = planned(analyze(dockerfile, lint.options));
    expect(stages).toEqual(STAGES.slice(0, STAGES.indexOf('lint') + 1));
    expect(stages).toContain('test');
  });

  it('have captions that name the stages each build runs', () => {
    expect(source).toMatch(/id="capstone-production-buildkit"\s+caption="docker build \. with BuildKit: base, deps, build and production run\."/);
    expect(planned(analyze(dockerfile))).toEqual(['base', 'deps', 'build', 'production']);
    expect(source).toMatch(/id="capstone-production-classic"\s+caption="docker build \. with the classic builder: all eight stages run, in file order\."/);
    expect(planned(analyze(dockerfile, { builder: 'classic' }))).toHaveLength(8);
  });
});

describe('capstone: compose.yaml for development', () => {
  const yaml = /```yaml title="compose\.yaml"\n([\s\S]*?)^```/m.exec(source)![1]!;
  const compose = load(yaml) as { services: Record<string, { build: { context: string; target: string }; ports: string[]; volumes: string[] }> };

  it('builds the dev stage of this Dockerfile and mounts only src', () => {
    const api = compose.services.api!;
    expect(api.build).toEqual({ context: '.', target: 'dev' });
    expect(api.volumes).toEqual(['./src:/app/src']);
    expect(api.ports).toEqual(['3000:3000']);
    const a = analyze(dockerfile, { target: api.build.target });
    const dev = a.stages[a.target.index]!;
    expect(dev.name).toBe('dev');
    expect(dev.instructions.find((i) => i.keyword === 'EXPOSE')!.argsText).toBe('3000');
    expect(dev.instructions.at(-1)!.json).toEqual(['npm', 'run', 'dev']);
    // WORKDIR /app comes from base, so ./src lands on the source the image copied.
    expect(a.stages[0]!.instructions.find((i) => i.keyword === 'WORKDIR')!.argsText).toBe('/app');
  });
});

describe('capstone: the debug stage', () => {
  it('runs the compiled server with the inspector on 0.0.0.0:9229, with dev dependencies, and is not in production', () => {
    const a = analyze(dockerfile, { target: 'debug' });
    expect(planned(a)).toEqual(['base', 'deps', 'build', 'debug']);
    const debug = stageNamed(a, 'debug');
    expect(debug.instructions.at(-1)!.json).toEqual(['node', '--inspect=0.0.0.0:9229', 'dist/server.js']);
    expect(stageNamed(a, 'production').instructions.some((i) => i.argsText.includes('--inspect'))).toBe(false);
  });
});
