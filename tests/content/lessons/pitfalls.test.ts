// What content/lessons/pitfalls.mdx says about its Dockerfiles: each broken one does what the
// lesson says (Docker's message, or the course rule that reports it), and each fix is clean.
// Builder differences point at the engine recordings in tests/fixtures/builds.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/index.ts';
import type { Analysis, AnalyzeOptions, Builder } from '../../../src/analyzer/model.ts';
import { recorded28 } from '../../support/docker-28.ts';
import { recordedFixture as fixture, recordedBuild as recorded } from '../../support/goldens.ts';
import { checkCliRun, fixedCheckExample } from '../../support/check-cli.ts';
import { LESSONS_DIR, lessonDockerfile } from '../../support/lesson-dockerfiles.ts';
import { predictReveal, textBlockStartingWith } from './mdx-source.ts';

const SLUG = 'pitfalls';
const source = readFileSync(join(LESSONS_DIR, `${SLUG}.mdx`), 'utf8');
const text = (id: string): string => lessonDockerfile(SLUG, id).text;
const BUILDERS: Builder[] = ['buildkit', 'classic'];

function run(dockerfile: string, options: AnalyzeOptions = {}): Analysis {
  return analyze(dockerfile, options);
}

function planned(analysis: Analysis): string[] {
  return analysis.plan.stages.map((i) => analysis.stages[i]!.name ?? `#${i}`);
}

function errors(analysis: Analysis): string[] {
  return analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
}

function ruleIds(analysis: Analysis): string[] {
  return analysis.diagnostics.map((d) => d.id);
}

/** Nothing but info-level advice, on both builders, for the default target. */
function expectClean(dockerfile: string, options: AnalyzeOptions = {}): void {
  for (const builder of BUILDERS) {
    const a = run(dockerfile, { ...options, builder });
    expect(a.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.id}: ${d.message}`), builder).toEqual([]);
  }
}

/** The lines that differ between two Dockerfiles (same length), as [before, after]. */
function changedLines(before: string, after: string): Array<[string, string]> {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [[line, b[i]!] as [string, string]]));
}

describe('pitfalls 1: copying the whole filesystem', () => {
  it('COPY --from=build / / is reported by copy-entire-filesystem', () => {
    const a = run(text('copy-root'));
    expect(errors(a)).toEqual([]);
    const finding = a.diagnostics.find((d) => d.id === 'copy-entire-filesystem');
    expect(finding).toMatchObject({ severity: 'warning' });
    expect(finding!.range.start.line).toBe(9);
  });

  it('the recording shows that COPY / / brings the build stage’s files along (build-files-stay-behind)', () => {
    const { dockerfile } = fixture('build-files-stay-behind');
    expect(dockerfile).toContain('COPY --from=build / /\nRUN test -e /toolchain/cc && test -e /out/app');
    expect(recorded('build-files-stay-behind', ['--target', 'copy-everything']).buildkit.ok).toBe(true);
  });

  it('the fix copies only /opt/venv and is clean', () => {
    expect(changedLines(text('copy-root'), text('copy-root-fixed'))).toEqual([['COPY --from=build / /', 'COPY --from=build /opt/venv /opt/venv']]);
    expectClean(text('copy-root-fixed'));
    expect(ruleIds(run(text('copy-root-fixed')))).toEqual([]);
  });
});

describe('pitfalls 2: a heavy final base', () => {
  it('FROM node:22 for the final stage is reported by heavy-final-base, suggesting slim or alpine', () => {
    const a = run(text('heavy-base'));
    expect(errors(a)).toEqual([]);
    const finding = a.diagnostics.find((d) => d.id === 'heavy-final-base');
    expect(finding!.range.start.line).toBe(8);
    expect(finding!.message).toContain('node:22-slim or node:22-alpine');
  });

  it('the fix changes only the second FROM, and heavy-final-base is satisfied', () => {
    expect(changedLines(text('heavy-base'), text('heavy-base-fixed'))).toEqual([['FROM node:22', 'FROM node:22-slim']]);
    expect(lessonDockerfile(SLUG, 'heavy-base-fixed').meta).toContain('{8}');
    expect(ruleIds(run(text('heavy-base-fixed')))).toEqual([]);
    expectClean(text('heavy-base-fixed'));
  });
});

describe('pitfalls 3: a typo in a stage name', () => {
  const dockerfile = text('typo');

  it('--from=biuld is an image reference on both builders, and copy-from-undefined-stage says so', () => {
    for (const builder of BUILDERS) {
      const a = run(dockerfile, { builder });
      expect(a.edges.find((e) => e.kind === 'copy-from')!.target).toEqual({ kind: 'image', ref: 'biuld' });
      expect(a.diagnostics.find((d) => d.id === 'copy-from-undefined-stage')!.message).toContain(
        'no stage before this one is called "biuld", so Docker reads it as an image name and pulls "biuld" (with no tag, that is :latest)',
      );
    }
  });

  it('BuildKit never runs the build stage: nothing the target needs refers to it', () => {
    const a = run(dockerfile);
    expect(a.target.index).toBe(1);
    expect(a.plan.stages).toEqual([1]);
  });

  it('BuildKit’s pull failure starts as the lesson shows (recorded in copy-from-unknown-image)', () => {
    const { buildkit } = recorded('copy-from-unknown-image', []);
    expect(buildkit.ok).toBe(false);
    expect(buildkit.error).toContain('no-such-stage: failed to resolve source metadata for docker.io/library/no-such-stage:latest');
    expect(source).toContain('biuld: failed to resolve source metadata for docker.io/library/biuld:latest');
  });

  it('the same typo in FROM is reported by untagged-base-image; the right name fixes the COPY', () => {
    const fromTypo = 'FROM golang:1.23 AS build\nRUN go build -o /out/api .\n\nFROM biuld AS test\nRUN go test ./...\n';
    const a = run(fromTypo);
    expect(a.stages[1]!.base).toEqual({ kind: 'image', ref: 'biuld' });
    expect(a.diagnostics.find((d) => d.id === 'untagged-base-image')!.message).toContain('Docker pulls biuld:latest');

    const fixed = dockerfile.replace('--from=biuld', '--from=build');
    expect(run(fixed).edges.find((e) => e.kind === 'copy-from')!.target).toEqual({ kind: 'stage', index: 0 });
    expectClean(fixed);
    expect(ruleIds(run(fixed))).toEqual([]);
  });
});

describe('pitfalls 4: a stage defined too late', () => {
  const dockerfile = text('too-late');

  it('BuildKit builds the default target and skips test', () => {
    const a = run(dockerfile);
    expect(errors(a)).toEqual([]);
    expect(planned(a)).toEqual(['deps', 'build', '#3']);
    expect(recorded('copy-from-later-stage-not-built', []).buildkit.ok).toBe(true);
  });

  it('BuildKit refuses --target test with Docker’s message (copy-from-later-stage)', () => {
    const a = run(dockerfile, { target: 'test' });
    expect(errors(a)).toEqual(['cannot copy from stage "build", it needs to be defined before current stage "test"']);
    expect(source).toContain('cannot copy from stage "build", it needs to be defined before current stage "test"');
    expect(recorded('copy-from-later-stage', ['--target', 'a']).buildkit.ok).toBe(false);
  });

  it('docker build --check on Docker 28.5 reports the forward --from even for the default target, as the lesson says', () => {
    expect(recorded28('lessons', dockerfile).error).toBe('cannot copy from stage "build", it needs to be defined before current stage "test"');
    expect(source).toMatch(/On Docker 28\.5, `docker build --check \.` reports this error even for the\s+default target/);
  });

  it('the classic builder reaches test on every build and reads --from=build as an image', () => {
    for (const target of [null, 'test']) {
      const a = run(dockerfile, { builder: 'classic', target });
      expect(planned(a).slice(0, 2)).toEqual(['deps', 'test']);
      const [testCopy] = a.edges.filter((e) => e.kind === 'copy-from' && e.stage === 1);
      expect(testCopy!.target).toEqual({ kind: 'image', ref: 'build' });
      expect(a.diagnostics.find((d) => d.id === 'copy-from-later-stage')).toMatchObject({ builder: 'classic' });
    }
    // Recorded: the classic builder fails on reaching the stage, default build included.
    const build = recorded('copy-from-later-stage-not-built', []);
    expect(build.classic.ok).toBe(false);
    expect(build.classic.error).toContain('invalid from flag value b:');
  });

  it('the fix moves build above test and is clean for every target on both builders', () => {
    const fixed = text('too-late-fixed');
    expect(fixed.split('\n').sort()).toEqual(dockerfile.split('\n').sort());
    for (const target of [null, 'test', 'build']) expectClean(fixed, { target });
    expect(planned(run(fixed, { target: 'test' }))).toEqual(['deps', 'build', 'test']);
  });
});

describe('pitfalls 5: COPY . . before the install', () => {
  it('dependency-install-after-copy-all points at the build stage', () => {
    const a = run(text('cache-order'));
    const finding = a.diagnostics.find((d) => d.id === 'dependency-install-after-copy-all');
    expect(finding!.range.start.line).toBe(3);
    expect(finding!.message).toContain('`npm ci` (line 4)');
  });

  it('copying the manifests first fixes it, and the fix is clean', () => {
    const fixed = text('cache-order-fixed');
    expect(fixed.split('\n').slice(2, 5)).toEqual(['COPY package.json package-lock.json ./', 'RUN npm ci', 'COPY . .']);
    expect(lessonDockerfile(SLUG, 'cache-order-fixed').meta).toContain('{3-5}');
    expect(ruleIds(run(fixed))).toEqual([]);
    expectClean(fixed);
  });
});

describe('pitfalls 6: a variable in COPY --from', () => {
  const dockerfile = text('from-variable');

  it('BuildKit fails every build of the file with Docker’s message, whatever the target or build args', () => {
    // The lesson quotes Docker 26.1's message; Docker 28.5 says it in its own words.
    const message = 'failed to parse stage name "build-$VARIANT": invalid reference format: repository name (library/build-$VARIANT) must be lowercase';
    const today = 'variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround';
    for (const options of [{}, { target: 'build-release' }, { buildArgs: { VARIANT: 'debug' } }, { buildArgs: { VARIANT: 'release' } }]) {
      const a = run(dockerfile, { ...options, engine: '26.1' });
      expect(a.plan.fails).toBe(true);
      expect(errors(a)).toEqual([message]);
      expect(errors(run(dockerfile, options))).toEqual([today]);
    }
    expect(source).toContain(message);
    // Docker 28.5 refuses it in its own words, which the lesson quotes first (recorded with --call=check).
    const message28 = 'variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround';
    expect(recorded28('lessons', dockerfile).error).toBe(message28);
    expect(source).toContain('```text\n' + message28 + '\n```');
    expect(source.indexOf(message28)).toBeLessThan(source.indexOf(message));
    // Recorded with this very COPY in copy-from-arg-in-stage-name.
    for (const args of [[], ['--build-arg', 'VARIANT=debug'], ['--target', 'build-release']]) {
      expect(recorded('copy-from-arg-in-stage-name', args, '26.1').buildkit.error).toContain(message);
      expect(recorded('copy-from-arg-in-stage-name', args, '28.5').buildkit.error).toContain(today);
    }
  });

  it('the classic builder compiles both variants, then stops at the COPY with the same reason', () => {
    const a = run(dockerfile, { builder: 'classic' });
    expect(planned(a)).toEqual(['build-release', 'build-debug', '#2']);
    expect(errors(a)).toEqual([
      'invalid from flag value build-$VARIANT: invalid reference format: repository name (library/build-$VARIANT) must be lowercase',
    ]);
    expect(a.plan.stoppedAt!.stage).toBe(2);
    const build = recorded('copy-from-arg-in-stage-name', []);
    expect(build.classic.markers).toEqual(['build-release', 'build-debug', 'final']);
    expect(build.classic.error).toContain('invalid from flag value build-$VARIANT: invalid reference format');
  });

  it('the fix chooses the stage in FROM: the default ships release, --build-arg VARIANT=debug ships debug', () => {
    const fixed = text('from-variable-fixed');
    expectClean(fixed);
    expectClean(fixed, { buildArgs: { VARIANT: 'debug' } });
    const release = run(fixed);
    expect(release.stages[2]!.base).toEqual({ kind: 'stage', index: 0 });
    expect(release.edges.find((e) => e.kind === 'copy-from')!.target).toEqual({ kind: 'stage', index: 2 });
    const debug = run(fixed, { buildArgs: { VARIANT: 'debug' } });
    expect(debug.stages[2]!.base).toEqual({ kind: 'stage', index: 1 });
    // The highlighted lines are the FROM that chooses and the COPY that uses the fixed name.
    const lines = fixed.split('\n');
    expect(lessonDockerfile(SLUG, 'from-variable-fixed').meta).toContain('{13,16}');
    expect([lines[12], lines[15]]).toEqual(['FROM build-${VARIANT} AS build', 'COPY --from=build /out/api /usr/local/bin/api']);
  });

  it('BuildKit runs only the chosen variant; the classic builder compiles both (global-arg-selects-copy-source)', () => {
    const fixed = text('from-variable-fixed');
    expect(planned(run(fixed))).toEqual(['build-release', 'build', '#3']);
    expect(planned(run(fixed, { buildArgs: { VARIANT: 'debug' } }))).toEqual(['build-debug', 'build', '#3']);
    expect(planned(run(fixed, { builder: 'classic', buildArgs: { VARIANT: 'debug' } }))).toEqual(['build-release', 'build-debug', 'build', '#3']);
    const recording = fixture('global-arg-selects-copy-source');
    expect(recording.dockerfile).toContain('FROM build-${VARIANT} AS build');
    expect(recording.dockerfile).toContain('COPY --from=build /out/api');
    const debugBuild = recorded('global-arg-selects-copy-source', ['--build-arg', 'VARIANT=debug']);
    expect(debugBuild.buildkit).toMatchObject({ ok: true, markers: ['build-debug', 'build', 'final'] });
    expect(debugBuild.classic).toMatchObject({ ok: true, markers: ['build-release', 'build-debug', 'build', 'final'] });
  });
});

describe('pitfalls 7: the Dockerfile ends with dev', () => {
  const dockerfile = text('dev-last');

  it('docker build . builds dev, the last stage, and skips prod on BuildKit', () => {
    for (const builder of BUILDERS) {
      const a = run(dockerfile, { builder });
      expect(a.stages[a.target.index]!.name).toBe('dev');
    }
    expect(planned(run(dockerfile))).toEqual(['base', 'dev']);
    // Recorded: the default target is the last stage (target-selection).
    expect(recorded('target-selection', []).buildkit.markers.at(-1)).toBe('prod');
  });

  it('the dev image runs Flask’s development server with the development requirements', () => {
    const dev = run(dockerfile).stages[2]!;
    expect(dev.instructions.at(-1)!.json).toEqual(['flask', '--app', 'shop', 'run', '--debug', '--host', '0.0.0.0']);
    expect(dev.instructions.some((i) => i.argsText.includes('requirements-dev.txt'))).toBe(true);
  });

  it('draws the default BuildKit build of the same file', () => {
    const drawn = lessonDockerfile(SLUG, 'pitfalls-dev-last-default');
    expect(drawn.text.trim()).toBe(dockerfile.trim());
    expect(drawn.options).toEqual({ builder: 'buildkit' });
  });

  it('with prod last, the default build is prod; the classic builder also builds dev on the way', () => {
    const fixed = text('dev-last-fixed');
    expect(fixed.split('\n').sort()).toEqual(dockerfile.split('\n').sort());
    expectClean(fixed);
    expect(planned(run(fixed))).toEqual(['base', 'prod']);
    expect(planned(run(fixed, { builder: 'classic' }))).toEqual(['base', 'dev', 'prod']);
    for (const builder of BUILDERS) expect(planned(run(fixed, { builder, target: 'dev' }))).toEqual(['base', 'dev']);
    // Recorded: classic runs every stage up to the target (unrelated-stages-around-target).
    expect(recorded('unrelated-stages-around-target', ['--target', 'prod']).classic.markers).toEqual(['unrelated-before', 'base', 'other', 'prod']);
  });
});

describe('pitfalls 8: $BUILDPLATFORM on the classic builder', () => {
  const dockerfile = text('buildplatform');
  const message =
    'failed to parse platform : "" is an invalid OS component of "": OSAndVersion specifier component must match "^([A-Za-z0-9_-]+)(?:\\\\(([A-Za-z0-9_.-]*)\\\\))?$": invalid argument';

  it('the classic builder fails on the first line with Docker’s message (platform-buildplatform)', () => {
    // The lesson quotes Docker 26.1; 28.5's platform parser quotes a longer pattern.
    const a = run(dockerfile, { builder: 'classic', engine: '26.1' });
    expect(errors(a)).toEqual([message]);
    expect(a.diagnostics.find((d) => d.severity === 'error')!.range.start.line).toBe(1);
    expect(source).toContain(message);
    expect(recorded('platform-buildplatform', [], '26.1').classic.error).toContain(message);
    const today = run(dockerfile, { builder: 'classic' });
    expect(errors(today)).toEqual([message.replace('[A-Za-z0-9_.-]*)\\\\))', '[A-Za-z0-9_.%-]*)((?:\\\\+[A-Za-z0-9_.%-]+)*)\\\\))')]);
    expect(recorded('platform-buildplatform', [], '28.5').classic.error).toContain(errors(today)[0]!);
  });

  it('BuildKit builds it, and the file is otherwise clean: the fix is to build with BuildKit', () => {
    const a = run(dockerfile);
    expect(errors(a)).toEqual([]);
    expect(a.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(recorded('platform-buildplatform', []).buildkit.ok).toBe(true);
  });
});

describe('pitfalls 9: build checks', () => {
  const warned = text('checks-warned');
  const withError = text('checks-error');
  /** The lesson's ```text block that starts with `first`, as trimmed lines without blanks. */
  const quoted = (first: string): string[] => trimmed(textBlockStartingWith(source, first));
  const trimmed = (lines: string[]): string[] => lines.map((line) => line.trim());

  it('the recordings are of the Dockerfiles the lesson shows (and of the fix it describes)', () => {
    expect(checkCliRun('28.5', 'checks-warned', 'check').text).toBe(warned);
    expect(checkCliRun('28.5', 'checks-error', 'check').text).toBe(withError);
    expect(checkCliRun('26.1', 'checks-warned', 'check').text).toBe(warned);
    expect(checkCliRun('26.1', 'checks-error', 'build').text).toBe(withError);
    expect(checkCliRun('28.5', 'checks-fixed', 'check').text).toBe(fixedCheckExample(warned));
    expect(source).toContain('The fix is one line: `FROM golang:1.23 AS build`.');
  });

  it('docker build --check prints what the lesson quotes, and exits 1 on findings, 0 on a clean file (Docker 28.5)', () => {
    const check = checkCliRun('28.5', 'checks-warned', 'check');
    expect(check.status).toBe(1);
    expect(quoted('Check complete')).toEqual(check.lines);
    const clean = checkCliRun('28.5', 'checks-fixed', 'check');
    expect(clean.status).toBe(0);
    expect(clean.lines).toEqual(['Check complete, no warnings found.']);
    expect(source).toContain('A clean file gets `Check complete, no warnings found.` and status 0.');
  });

  it('a plain build runs the checks, builds anyway and ends with the summary the lesson quotes (Docker 28.5)', () => {
    const build = checkCliRun('28.5', 'checks-warned', 'build');
    expect(build.status).toBe(0);
    expect(quoted('2 warnings found')).toEqual(trimmed(build.lines));
  });

  it('the analyzer reports the same two checks, at the same line, with Docker’s words', () => {
    const a = run(warned);
    expect(errors(a)).toEqual([]);
    const findings = a.diagnostics.filter((d) => d.sources?.buildkit).map((d) => `${d.sources!.buildkit}: ${d.message} (line ${d.range.start.line})`);
    const docker = trimmed(checkCliRun('28.5', 'checks-warned', 'build').lines).filter((line) => line.startsWith('- '));
    expect(docker).toHaveLength(2);
    expect(findings.sort()).toEqual(docker.map((line) => line.slice(2)).sort());
    expect(planned(a)).toEqual(['build', '#1']);
  });

  it('# check=error=true fails every BuildKit build on Docker 28.5 with the rules named, in either order', () => {
    const build = checkCliRun('28.5', 'checks-error', 'build');
    expect(build.status).toBe(1);
    const quotedError = quoted('lint violation found')[0]!;
    expect(build.lines.at(-1)).toBe(`ERROR: failed to build: failed to solve: ${quotedError}`);
    expect(recorded28('lessons', withError).error).toMatch(/^lint violation found for rules: (StageNameCasing, FromAsCasing|FromAsCasing, StageNameCasing)$/);
    const a = run(withError);
    const failure = a.diagnostics.find((d) => d.severity === 'error');
    expect(failure?.message).toMatch(/^lint violation found for rules: /);
    expect(failure!.message.slice('lint violation found for rules: '.length).split(', ').sort()).toEqual(['FromAsCasing', 'StageNameCasing']);
    expect(a.plan.stages).toEqual([]);
    expect(source).toContain('BuildKit lists the rules in no fixed order');
  });

  it('Docker 26.1 has no checks: --check is an unknown flag, and the file with error=true builds without a warning (the prediction’s answer)', () => {
    const { options, answer } = predictReveal(SLUG, 'pitfalls-check-error-26');
    expect(options[answer]).toBe('It builds, and prints no warning');
    const build = checkCliRun('26.1', 'checks-error', 'build');
    expect(build).toMatchObject({ status: 0, lines: [] });
    const check = checkCliRun('26.1', 'checks-warned', 'check');
    expect(check.status).not.toBe(0);
    expect(check.lines[0]).toBe('unknown flag: --check');
    expect(source).toContain('`unknown flag: --check`');
    expect(errors(run(withError, { engine: '26.1' }))).toEqual([]);
    expect(fixture('check-error-stage-name-casing', '26.1').builds.every((b) => b.buildkit.ok && b.classic.ok)).toBe(true);
  });

  it('the classic builder never runs the checks: every check-* recording builds with it, on both engines', () => {
    const cases = ['check-build-arg', 'check-build-arg-error', 'check-error-stage-name-casing', 'check-invalid-option', 'check-skip-all', 'check-skip-rule'];
    for (const engine of ['28.5', '26.1'] as const) {
      for (const name of cases) expect(fixture(name, engine).builds.map((b) => b.classic.ok), `${name} on ${engine}`).not.toContain(false);
    }
    expect(errors(run(withError, { builder: 'classic' }))).toEqual([]);
  });

  it('skip, skip=all, a misspelled option and the build argument do what the lesson says (recordings)', () => {
    expect(recorded('check-skip-rule', []).buildkit.ok).toBe(true);
    expect(recorded('check-skip-all', []).buildkit.ok).toBe(true);
    const bogus = recorded('check-invalid-option', []);
    expect(bogus.buildkit.ok).toBe(false);
    expect(bogus.buildkit.error).toContain('failed to parse check options: invalid check option "bogus"');
    expect(quoted('failed to parse check options')).toEqual(['failed to parse check options: invalid check option "bogus"']);
    expect(quoted('docker build --build-arg BUILDKIT_DOCKERFILE_CHECK=skip=')).toEqual(['docker build --build-arg BUILDKIT_DOCKERFILE_CHECK=skip=StageNameCasing .']);
    // # check=error=true in the file; the build argument replaces it, so error is off again.
    const replaced = recorded('check-build-arg', ['--build-arg', 'BUILDKIT_DOCKERFILE_CHECK=skip=StageNameCasing']);
    expect(replaced.buildkit.ok).toBe(true);
    expect(replaced.checks?.warnings).toEqual([]);
    expect(recorded('check-build-arg-error', ['--build-arg', 'BUILDKIT_DOCKERFILE_CHECK=error=true']).buildkit.ok).toBe(false);
    const a = run(withError, { buildArgs: { BUILDKIT_DOCKERFILE_CHECK: 'skip=StageNameCasing' } });
    expect(errors(a)).toEqual([]);
    expect(ruleIds(a)).not.toContain('stage-name-casing');
  });
});
