// What content/lessons/debugging-stage.mdx says about its Dockerfiles.
// Builder behaviour is recorded from the real engine in tests/fixtures/builds:
//   debug-stage-before-default  runtime/debug/production: BuildKit's default build runs runtime and
//                               production; classic runs debug on the way, yet a file debug creates is
//                               not in production (its `test ! -e` step passes); --target debug runs
//                               runtime and debug
//   from-stage-inherits-user    a stage built FROM another starts as that stage's USER; USER root switches back
//   target-selection            the default target is the last stage
//   from-later-stage-is-image   FROM <name> before `AS <name>` is not that stage (it is an image)

import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/index.ts';
import type { AnalyzeOptions, Analysis, Builder, Instruction } from '../../../src/analyzer/model.ts';
import { lessonDockerfile } from '../../support/lesson-dockerfiles.ts';
import { lessonSource, predictReveal, stringProp } from './mdx-source.ts';

const SLUG = 'debugging-stage';
const BUILDERS: Builder[] = ['buildkit', 'classic'];

const appended = lessonDockerfile(SLUG, 'debug-appended').text;
const layered = lessonDockerfile(SLUG, 'debug-stage').text;

function planned(text: string, options: AnalyzeOptions): Array<string | null> {
  const a = analyze(text, options);
  expect(a.plan.fails).toBe(false);
  return a.plan.stages.map((i) => a.stages[i]!.name);
}

function names(a: Analysis, indices: number[]): Array<string | null> {
  return indices.map((i) => a.stages[i]!.name);
}

function stage(a: Analysis, name: string) {
  const found = a.stages.find((s) => s.name === name);
  expect(found, name).toBeDefined();
  return found!;
}

/** Every instruction the image of a stage is made of: its FROM chain first. */
function imageInstructions(a: Analysis, name: string): Instruction[] {
  const out: Instruction[] = [];
  for (let s: Analysis['stages'][number] | undefined = stage(a, name); s; s = s.base.kind === 'stage' ? a.stages[s.base.index] : undefined) {
    out.unshift(...s.instructions.slice(1));
  }
  return out;
}

function lastCmd(a: Analysis, name: string): string[] | null {
  return imageInstructions(a, name).filter((i) => i.keyword === 'CMD').at(-1)!.json;
}

const DEBUG_PACKAGES = /\bcurl\b|\bprocps\b/;

describe('the appended debug stage', () => {
  it('becomes the default target: a plain docker build builds debug', () => {
    const a = analyze(appended);
    expect(a.stages.map((s) => s.name)).toEqual(['production', 'debug']);
    expect(a.stages[a.target.index]!.name).toBe('debug');
    for (const builder of BUILDERS) expect(planned(appended, { builder })).toEqual(['production', 'debug']);
  });

  it('builds without any error (nothing stops the wrong default)', () => {
    for (const builder of BUILDERS) {
      expect(analyze(appended, { builder }).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    }
  });

  it('ships curl, procps and the inspector in that default image; --target production still builds the old image', () => {
    const a = analyze(appended);
    expect(imageInstructions(a, 'debug').some((i) => i.keyword === 'RUN' && DEBUG_PACKAGES.test(i.argsText))).toBe(true);
    expect(lastCmd(a, 'debug')).toContain('--inspect=0.0.0.0:9229');
    for (const builder of BUILDERS) expect(planned(appended, { target: 'production', builder })).toEqual(['production']);
  });

  it('needs production above it: FROM production refers to the stage only because it is defined first', () => {
    const a = analyze(appended);
    expect(stage(a, 'debug').base).toEqual({ kind: 'stage', index: 0 });
    // Swapped, the name is not a stage yet (fixture from-later-stage-is-image).
    const [prod, debug] = appended.split(/\n(?=FROM production AS debug)/);
    const swapped = analyze(`${debug!.trimEnd()}\n\n${prod}`);
    expect(stage(swapped, 'debug').base).toEqual({ kind: 'image', ref: 'production' });
  });

  it('quiz debug-appended-default: the push sends the debug image', () => {
    const { options, answer } = predictReveal(SLUG, 'debug-appended-default');
    expect(options[answer]).toBe('The debug image, with curl and an open inspector');
  });
});

describe('debug in the middle', () => {
  it('has runtime, debug and a one-line production stage last, the default target', () => {
    const a = analyze(layered);
    expect(a.stages.map((s) => s.name)).toEqual(['runtime', 'debug', 'production']);
    expect(a.target.index).toBe(2);
    expect(a.stages[2]!.instructions.map((i) => i.keyword)).toEqual(['FROM']);
    expect(a.stages[1]!.base).toEqual({ kind: 'stage', index: 0 });
    expect(a.stages[2]!.base).toEqual({ kind: 'stage', index: 0 });
  });

  it('debug is runtime plus tools; production is runtime unchanged, with no tools and no inspector', () => {
    const a = analyze(layered);
    const runtime = imageInstructions(a, 'runtime');
    expect(imageInstructions(a, 'debug').slice(0, runtime.length)).toEqual(runtime);
    expect(imageInstructions(a, 'production')).toEqual(runtime);
    expect(imageInstructions(a, 'production').some((i) => DEBUG_PACKAGES.test(i.argsText))).toBe(false);
    expect(lastCmd(a, 'production')).toEqual(['node', 'src/server.js']);
    expect(lastCmd(a, 'debug')).toEqual(['node', '--inspect=0.0.0.0:9229', 'src/server.js']);
    // Nothing is copied from debug anywhere.
    expect(a.edges.filter((e) => e.target.kind === 'stage' && e.target.index === 1)).toEqual([]);
  });

  it('debug switches to root for apt-get and back to node, the user runtime runs as (fixture from-stage-inherits-user)', () => {
    const a = analyze(layered);
    expect(stage(a, 'runtime').instructions.filter((i) => i.keyword === 'USER').map((i) => i.argsText)).toEqual(['node']);
    const debug = stage(a, 'debug').instructions.map((i) => `${i.keyword} ${i.argsText.split(/\s+/)[0]}`);
    expect(debug.slice(1, 4)).toEqual(['USER root', 'RUN apt-get', 'USER node']);
    for (const builder of BUILDERS) expect(analyze(layered, { builder }).diagnostics.map((d) => d.id)).not.toContain('last-user-root');
  });

  it('the production image has no course-rule finding on either builder (it runs as node, installs no tools)', () => {
    for (const builder of BUILDERS) {
      for (const target of [null, 'production']) {
        expect(analyze(layered, { target, builder }).diagnostics.map((d) => `${d.id}: ${d.message}`), `${target} ${builder}`).toEqual([]);
      }
    }
  });

  it('the same check fires if runtime forgets its USER (so the assertion above can fail)', () => {
    const rootRuntime = layered.replace('COPY src ./src\nUSER node\n', 'COPY src ./src\n');
    expect(analyze(rootRuntime).diagnostics.map((d) => d.id)).toContain('final-stage-runs-as-root');
  });
});

describe('which stages each build runs', () => {
  it('--target debug runs runtime and debug on both builders (fixture debug-stage-before-default)', () => {
    for (const builder of BUILDERS) expect(planned(layered, { target: 'debug', builder })).toEqual(['runtime', 'debug']);
  });

  it('production on BuildKit skips debug; the classic builder builds it on the way (fixture debug-stage-before-default)', () => {
    for (const target of [null, 'production']) {
      expect(planned(layered, { target, builder: 'buildkit' })).toEqual(['runtime', 'production']);
      expect(planned(layered, { target, builder: 'classic' })).toEqual(['runtime', 'debug', 'production']);
    }
  });

  const diagrams: Record<string, Array<string | null>> = {
    'debug-target': ['runtime', 'debug'],
    'debug-production-buildkit': ['runtime', 'production'],
    'debug-production-classic': ['runtime', 'debug', 'production'],
  };
  for (const [id, stages] of Object.entries(diagrams)) {
    it(`StageDiagram ${id} shows the lesson's Dockerfile and runs ${stages.join(', ')}`, () => {
      expect(lessonDockerfile(SLUG, id).text.trim()).toBe(layered.trim());
      const target = stringProp(SLUG, 'StageDiagram', id, 'target');
      const builder = (stringProp(SLUG, 'StageDiagram', id, 'builder') ?? 'buildkit') as Builder;
      expect(planned(layered, { target, builder })).toEqual(stages);
      const caption = stringProp(SLUG, 'StageDiagram', id, 'caption')!;
      for (const name of stages) expect(caption).toContain(name!);
    });
  }

  it('the debug-target diagram holds on the classic builder too, as its caption says', () => {
    expect(stringProp(SLUG, 'StageDiagram', 'debug-target', 'caption')).toMatch(/on both builders/);
    expect(planned(layered, { target: 'debug', builder: 'classic' })).toEqual(diagrams['debug-target']);
  });

  it('quiz debug-production-build: BuildKit does not run the apt-get of debug', () => {
    const { options, answer } = predictReveal(SLUG, 'debug-production-build');
    expect(options[answer]).toMatch(/^No/);
    const a = analyze(layered, { builder: 'buildkit' });
    const aptGet = stage(a, 'debug').instructions.find((i) => i.keyword === 'RUN' && i.argsText.startsWith('apt-get'))!;
    expect(a.plan.stages).not.toContain(aptGet.stage);
  });

  it('quiz debug-classic-image: the classic builder runs debug, but production does not contain its packages', () => {
    // Fixture debug-stage-before-default: on classic, production's `test ! -e /debug-tool` passes.
    const { options, answer } = predictReveal(SLUG, 'debug-classic-image');
    expect(options[answer]).toMatch(/^No, production is built FROM runtime/);
    const a = analyze(layered, { builder: 'classic' });
    expect(names(a, a.plan.stages)).toContain('debug');
    const production = stage(a, 'production');
    expect(production.base).toEqual({ kind: 'stage', index: 0 });
    expect(a.edges.filter((e) => e.target.kind === 'stage' && a.stages[e.target.index]!.name === 'debug')).toEqual([]);
  });

  it('the builders callout names the stages the classic builder runs for production', () => {
    const callout = /<Callout type="builders"[\s\S]*?<\/Callout>/.exec(lessonSource(SLUG))![0];
    expect(callout.replace(/\s+/g, ' ')).toMatch(/runs `runtime`, then `debug`, with its `apt-get`, then `production`/);
  });
});
