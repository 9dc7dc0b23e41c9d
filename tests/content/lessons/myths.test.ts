// What content/lessons/myths.mdx says about its Dockerfiles, checked with the analyzer and,
// where BuildKit and the classic builder differ, against the engine recordings in
// tests/fixtures/builds (named in each test).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/index.ts';
import type { Analysis, AnalyzeOptions, Builder } from '../../../src/analyzer/model.ts';
import { recorded28 } from '../../support/docker-28.ts';
import { recordedFixture as fixture, recordedBuild as recorded } from '../../support/goldens.ts';
import { LESSONS_DIR, lessonDockerfile } from '../../support/lesson-dockerfiles.ts';

const SLUG = 'myths';
const source = readFileSync(join(LESSONS_DIR, `${SLUG}.mdx`), 'utf8');
const text = (id: string): string => lessonDockerfile(SLUG, id).text;
const BUILDERS: Builder[] = ['buildkit', 'classic'];

/** Names of the stages the build runs (`#i` for an unnamed stage). */
function planned(analysis: Analysis): string[] {
  return analysis.plan.stages.map((i) => analysis.stages[i]!.name ?? `#${i}`);
}

function run(dockerfile: string, options: AnalyzeOptions = {}): Analysis {
  return analyze(dockerfile, options);
}

function errors(analysis: Analysis): string[] {
  return analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
}

function ruleIds(analysis: Analysis): string[] {
  return analysis.diagnostics.map((d) => d.id);
}

/** The stage graph: each stage's name and what it starts FROM (a stage name, or "image"), plus COPY --from edges between stages. */
function graph(dockerfile: string) {
  const a = analyze(dockerfile);
  const label = (i: number) => a.stages[i]!.name ?? `#${i}`;
  return {
    stages: a.stages.map((s) => [s.name, s.base.kind === 'stage' ? label(s.base.index) : s.base.kind]),
    copies: a.edges.flatMap((e) => (e.kind === 'copy-from' && e.target.kind === 'stage' ? [[label(e.stage), label(e.target.index)]] : [])),
  };
}

/** What a `<StageDiagram>` draws: its builder and target (from the helper) and its caption (from the source). */
function diagram(id: string): { builder: string; target: string | null; caption: string } {
  const { options } = lessonDockerfile(SLUG, id);
  const caption = new RegExp(`<StageDiagram\\s+id="${id}"[\\s\\S]*?caption="([^"]*)"`).exec(source)?.[1] ?? '';
  return { builder: options.builder ?? 'buildkit', target: options.target ?? null, caption };
}

describe('myths: a build produces one image, its target', () => {
  const dockerfile = text('one-image');

  it('has three stages, and the default target is the last one, prod', () => {
    for (const builder of BUILDERS) {
      const a = run(dockerfile, { builder });
      expect(a.stages.map((s) => s.name)).toEqual(['build', 'test', 'prod']);
      expect(a.target.index).toBe(2);
      expect(errors(a)).toEqual([]);
    }
    // Recorded: the default build runs the last stage (target-selection, both builders).
    const build = recorded('target-selection', []);
    expect(build.buildkit.markers.at(-1)).toBe('prod');
    expect(build.classic.markers.at(-1)).toBe('prod');
  });

  it('builds the test stage instead with --target test', () => {
    for (const builder of BUILDERS) {
      const a = run(dockerfile, { builder, target: 'test' });
      expect(a.target.index).toBe(1);
      expect(planned(a).at(-1)).toBe('test');
    }
  });

  it('prod starts FROM alpine and copies one path from build, so no build tools reach it (Myth 4)', () => {
    const a = run(dockerfile);
    expect(a.stages[2]!.base).toEqual({ kind: 'image', ref: 'alpine:3.20' });
    const copies = a.stages[2]!.instructions.filter((i) => i.keyword === 'COPY');
    expect(copies.map((c) => c.argsText)).toEqual(['/out/api /usr/local/bin/api']);
    expect(ruleIds(a)).not.toContain('build-tools-in-final-image');
    expect(ruleIds(a)).not.toContain('copy-entire-filesystem');
    expect(a.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
});

describe('myths: COPY --from a stage defined later', () => {
  const dockerfile = text('copy-from-later');

  it('BuildKit refuses --target app with Docker’s message (copy-from-later-stage)', () => {
    const a = run(dockerfile, { target: 'app' });
    expect(a.plan.fails).toBe(true);
    expect(errors(a)).toEqual(['cannot copy from stage "build", it needs to be defined before current stage "app"']);
    expect(recorded('copy-from-later-stage', ['--target', 'a']).buildkit.error).toContain(
      'cannot copy from stage "b", it needs to be defined before current stage "a"',
    );
  });

  it('BuildKit builds the default target, build, and skips app (copy-from-later-stage-not-built)', () => {
    const a = run(dockerfile);
    expect(errors(a)).toEqual([]);
    expect(planned(a)).toEqual(['build']);
    expect(ruleIds(a)).toContain('copy-from-later-stage-not-built');
    const build = recorded('copy-from-later-stage-not-built', []);
    expect(build.buildkit.ok).toBe(true);
    expect(build.buildkit.markers).toEqual(['b']);
  });

  it('the classic builder reaches app on every build and reads --from=build as an image to pull', () => {
    for (const target of [null, 'app', 'build']) {
      const a = run(dockerfile, { builder: 'classic', target });
      expect(planned(a)[0]).toBe('app');
      expect(a.edges.find((e) => e.kind === 'copy-from')!.target).toEqual({ kind: 'image', ref: 'build' });
      expect(a.diagnostics.find((d) => d.id === 'copy-from-later-stage')!.message).toContain('reads --from=build as an image name');
    }
    // Recorded: the classic builder fails on reaching the stage, with a registry error for the name.
    for (const args of [[], ['--target', 'b']]) {
      const build = recorded('copy-from-later-stage-not-built', args);
      expect(build.classic.ok).toBe(false);
      expect(build.classic.error).toContain('invalid from flag value b: Get "https://registry-1.docker.io/v2/"');
    }
  });

  it('moving build above app fixes it on both builders', () => {
    const [appStage, buildStage] = dockerfile.split(/\n\n(?=FROM golang)/);
    const fixed = `${buildStage!.trimEnd()}\n\n${appStage!.trimEnd()}\n`;
    for (const builder of BUILDERS) {
      for (const target of [null, 'app']) {
        const a = run(fixed, { builder, target });
        expect(errors(a)).toEqual([]);
        expect(a.edges.find((e) => e.kind === 'copy-from')!.target).toEqual({ kind: 'stage', index: 0 });
        expect(ruleIds(a)).not.toContain('copy-from-later-stage');
      }
    }
  });
});

describe('myths: Docker does not build every stage', () => {
  const dockerfile = text('every-stage');

  it('has the stage graph of the recording target-selection', () => {
    expect(graph(dockerfile)).toEqual(graph(fixture('target-selection').dockerfile));
  });

  it('BuildKit runs base and prod for the default target, skipping test', () => {
    expect(planned(run(dockerfile))).toEqual(['base', 'prod']);
    expect(recorded('target-selection', []).buildkit.markers).toEqual(['base', 'prod']);
  });

  it('the classic builder runs base, test and prod, in file order', () => {
    expect(planned(run(dockerfile, { builder: 'classic' }))).toEqual(['base', 'test', 'prod']);
    expect(recorded('target-selection', []).classic.markers).toEqual(['base', 'test', 'prod']);
  });

  it('--target test runs base and test on both builders', () => {
    for (const builder of BUILDERS) expect(planned(run(dockerfile, { builder, target: 'test' }))).toEqual(['base', 'test']);
    const build = recorded('target-selection', ['--target', 'Test']);
    expect(build.buildkit.markers).toEqual(['base', 'test']);
    expect(build.classic.markers).toEqual(['base', 'test']);
  });

  it('draws both diagrams from the same Dockerfile, default target, one per builder', () => {
    for (const [id, builder] of [['myths-every-stage-buildkit', 'buildkit'], ['myths-every-stage-classic', 'classic']] as const) {
      expect(lessonDockerfile(SLUG, id).text.trim()).toBe(dockerfile.trim());
      expect(diagram(id)).toMatchObject({ builder, target: null });
    }
    expect(diagram('myths-every-stage-buildkit').caption).toContain('base and prod run, test is skipped');
    expect(diagram('myths-every-stage-classic').caption).toContain('base, test and prod all run');
  });
});

describe('myths: build files stay behind unless brought along', () => {
  it('the engine recording shows the compiler only where FROM build or COPY / brought it', () => {
    const { dockerfile } = fixture('build-files-stay-behind');
    // What each stage checks, so that "ok" means what the lesson says.
    expect(dockerfile).toContain('COPY --from=build /out/app /usr/local/bin/app\nRUN test -e /usr/local/bin/app && test ! -e /toolchain/cc');
    expect(dockerfile).toContain('FROM build AS from-build\nRUN echo STAGE-from-build\nRUN test -e /toolchain/cc');
    expect(dockerfile).toContain('COPY --from=build / /\nRUN test -e /toolchain/cc');
    for (const target of ['copy-binary', 'from-build', 'copy-everything']) {
      const build = recorded('build-files-stay-behind', ['--target', target]);
      expect(build.buildkit.ok, target).toBe(true);
      expect(build.classic.ok, target).toBe(true);
    }
    // The control copies the binary only and expects the compiler: it must fail, on both builders.
    const control = recorded('build-files-stay-behind', ['--target', 'control']);
    expect(control.buildkit.ok).toBe(false);
    expect(control.buildkit.error).toContain('test -e /toolchain/cc" did not complete successfully');
    expect(control.classic.ok).toBe(false);
  });
});

describe('myths: multi-stage is not automatically smaller', () => {
  it('a final stage FROM the build stage keeps the Go toolchain (build-tools-in-final-image)', () => {
    const a = run(text('from-build'));
    expect(a.stages[1]!.base).toEqual({ kind: 'stage', index: 0 });
    expect(a.diagnostics.find((d) => d.id === 'build-tools-in-final-image')).toMatchObject({ severity: 'warning' });
  });

  it('COPY --from=build / / copies the build stage over the final one (copy-entire-filesystem)', () => {
    const a = run(text('copy-everything'));
    expect(a.stages[1]!.base).toEqual({ kind: 'image', ref: 'alpine:3.20' });
    expect(a.diagnostics.find((d) => d.id === 'copy-entire-filesystem')!.message).toContain('copies everything in "build"');
  });

  it('a final stage on the full node:22 is flagged by heavy-final-base, which suggests slim or alpine', () => {
    const dockerfile = text('same-heavy-base');
    const finding = run(dockerfile).diagnostics.find((d) => d.id === 'heavy-final-base');
    expect(finding!.message).toContain('node:22-slim or node:22-alpine');
    for (const lean of ['node:22-slim', 'node:22-alpine']) {
      const fixed = dockerfile.replace(/\nFROM node:22\n/, `\nFROM ${lean}\n`);
      expect(fixed).not.toBe(dockerfile);
      expect(ruleIds(run(fixed))).not.toContain('heavy-final-base');
    }
  });
});

describe('myths: stage names and case', () => {
  const dockerfile = text('name-case');

  it('Docker 28.5’s StageNameCasing check flags AS Build (line 1), like the course rule, and its build fails with the same message', () => {
    const checks = recorded28('lessons', dockerfile);
    expect(checks.checks).toContainEqual({ rule: 'StageNameCasing', line: 1, message: "Stage name 'Build' should be lowercase" });
    expect(checks.error).toBe('failed to parse stage name "Build": invalid reference format: repository name (library/Build) must be lowercase');
    expect(run(dockerfile).diagnostics.find((d) => d.id === 'stage-name-casing')!.range.start.line).toBe(1);
    expect(source).toMatch(/as does Docker\s+28\.5's build check `StageNameCasing`/);
  });

  it('BuildKit fails every target because of FROM Build, with Docker’s message', () => {
    for (const target of [null, 'prod', 'build', 'test']) {
      const a = run(dockerfile, { target });
      expect(a.plan.fails).toBe(true);
      expect(errors(a)).toEqual([
        'failed to parse stage name "Build": invalid reference format: repository name (library/Build) must be lowercase',
      ]);
    }
    // Recorded for --target base too, a stage that does not need the bad FROM.
    expect(recorded('from-reference-with-capitals', ['--target', 'base']).buildkit.error).toContain(
      'failed to parse stage name "Base": invalid reference format: repository name (library/Base) must be lowercase',
    );
  });

  it('the classic builder matches FROM Build without regard to case and builds the file', () => {
    const a = run(dockerfile, { builder: 'classic' });
    expect(errors(a)).toEqual([]);
    expect(planned(a)).toEqual(['build', 'test', 'prod']);
    expect(a.stages[1]!.base).toEqual({ kind: 'stage', index: 0 });
    expect(recorded('from-reference-with-capitals', []).classic.ok).toBe(true);
  });

  it('--target BUILD and COPY --from=BUILD find the stage, which is stored as build', () => {
    const a = run(dockerfile, { builder: 'classic', target: 'BUILD' });
    expect(a.stages[0]!.name).toBe('build');
    expect(a.target.index).toBe(0);
    expect(run(dockerfile, { builder: 'classic' }).edges.find((e) => e.kind === 'copy-from')!.target).toEqual({ kind: 'stage', index: 0 });
    expect(recorded('copy-from-reference-uppercase', []).buildkit.ok).toBe(true);
    expect(recorded('target-mixed-case-stage-name', ['--target', 'BASE']).buildkit.ok).toBe(true);
  });

  it('stage-name-casing flags AS Build; in lower case everywhere, both builders build it', () => {
    expect(run(dockerfile).diagnostics.find((d) => d.id === 'stage-name-casing')!.message).toBe("Stage name 'Build' should be lowercase");
    const lower = dockerfile.replace('AS Build', 'AS build').replace('FROM Build', 'FROM build').replace('--from=BUILD', '--from=build');
    for (const builder of BUILDERS) {
      const a = run(lower, { builder });
      expect(errors(a)).toEqual([]);
      expect(ruleIds(a)).not.toContain('stage-name-casing');
    }
  });
});

describe('myths: a stage name used twice', () => {
  const dockerfile = text('duplicate-name');

  it('has the stage graph of the recording duplicate-stage-name-test-target', () => {
    expect(graph(dockerfile)).toEqual(graph(fixture('duplicate-stage-name-test-target').dockerfile));
  });

  it('BuildKit builds --target test from the second test stage: the linter never runs', () => {
    const a = run(dockerfile, { target: 'test' });
    expect(errors(a)).toEqual([]);
    expect(a.target.index).toBe(2);
    expect(a.plan.stages).toEqual([0, 2]);
    expect(a.stages[2]!.instructions.at(-1)!.argsText).toBe('npm test');
    const build = recorded('duplicate-stage-name-test-target', ['--target', 'test']);
    expect(build.buildkit.ok).toBe(true);
    expect(build.buildkit.markers).toEqual(['deps', 'unit']);
  });

  it('BuildKit 26.1 prints nothing about it; the course rule duplicate-stage-name does', () => {
    // The recording succeeded; the analyzer’s finding comes from its rules, not from Docker.
    expect(recorded('duplicate-stage-name-test-target', []).buildkit.ok).toBe(true);
    expect(run(dockerfile, { rules: false }).diagnostics).toEqual([]);
    const finding = run(dockerfile).diagnostics.find((d) => d.id === 'duplicate-stage-name');
    expect(finding).toMatchObject({ severity: 'warning', sources: { buildkit: 'DuplicateStageName' } });
  });

  it('Docker 28.5 warns (DuplicateStageName, on the second test) and builds anyway, as the lesson says', () => {
    const checks = recorded28('lessons', dockerfile);
    expect(checks.error).toBe('');
    expect(checks.checks).toEqual([{ rule: 'DuplicateStageName', line: 10, message: 'Duplicate stage name "test", stage names should be unique' }]);
    const finding = run(dockerfile).diagnostics.find((d) => d.id === 'duplicate-stage-name');
    expect(finding!.range.start.line).toBe(10);
    expect(source).toMatch(/Docker 28\.5 prints a warning,\s+`DuplicateStageName`, and builds anyway; Docker 26\.1 does not even warn\./);
  });

  it('the classic builder fails a default build on reaching the second test', () => {
    const a = run(dockerfile, { builder: 'classic' });
    expect(errors(a)).toEqual(['test stage name already used']);
    expect(a.plan.stages).toEqual([0, 1]);
    const build = recorded('duplicate-stage-name-test-target', []);
    expect(build.classic.ok).toBe(false);
    expect(build.classic.error).toContain('test stage name already used');
  });

  it('the classic builder builds --target test from the first test stage, the linter', () => {
    const a = run(dockerfile, { builder: 'classic', target: 'test' });
    expect(errors(a)).toEqual([]);
    expect(a.target.index).toBe(1);
    expect(a.stages[1]!.instructions.at(-1)!.argsText).toBe('npm run lint');
    const build = recorded('duplicate-stage-name-test-target', ['--target', 'test']);
    expect(build.classic.ok).toBe(true);
    expect(build.classic.markers).toEqual(['deps', 'lint']);
  });

  it('naming the stages lint and test fixes it on both builders', () => {
    const renamed = dockerfile.replace('FROM deps AS test\nCOPY . .\nRUN npm run lint', 'FROM deps AS lint\nCOPY . .\nRUN npm run lint');
    expect(renamed).not.toBe(dockerfile);
    for (const builder of BUILDERS) {
      const a = run(renamed, { builder });
      expect(errors(a)).toEqual([]);
      expect(ruleIds(a)).not.toContain('duplicate-stage-name');
      const lint = run(renamed, { builder, target: 'lint' });
      expect(lint.stages[lint.target.index]!.instructions.at(-1)!.argsText).toBe('npm run lint');
    }
  });
});
