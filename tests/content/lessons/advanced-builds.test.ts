// What content/lessons/advanced-builds.mdx says about its Dockerfiles, checked with the analyzer.
// Every BuildKit/classic difference it states is also a real-engine recording in
// tests/fixtures/builds (named in each test); tests/analyzer/goldens.test.ts checks the analyzer
// against those recordings, and the tests here check that the lesson's Dockerfiles have the
// same shape as the recorded ones or read the recording directly.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/index.ts';
import type { Analysis, AnalyzeOptions, Builder } from '../../../src/analyzer/index.ts';
import { imageCommands } from '../../../src/analyzer/rules/course/support/final-image.ts';
import type { RuleContext } from '../../../src/analyzer/rules/types.ts';
import { recorded28 } from '../../support/docker-28.ts';
import { recordedFixture as fixture, recordedBuild as recorded } from '../../support/goldens.ts';
import { lessonDockerfile } from '../../support/lesson-dockerfiles.ts';
import { failingPulls } from '../../support/oracle-engine.ts';
import { codeBlock, lessonSource, predictReveal } from './mdx-source.ts';

const SLUG = 'advanced-builds';
const BUILDERS: Builder[] = ['buildkit', 'classic'];

function dockerfile(id: string): string {
  return lessonDockerfile(SLUG, id).text;
}

/** Names of the stages a build runs, in plan order. */
function runs(text: string, options: AnalyzeOptions = {}): Array<string | null> {
  const a = analyze(text, options);
  return a.plan.stages.map((i) => a.stages[i]!.name);
}

function errors(a: Analysis): string[] {
  return a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
}

function ids(a: Analysis): string[] {
  return a.diagnostics.map((d) => d.id);
}

/** What a RUN's shell sees for `name`: the environment of the stage's commands (ARG scope). */
function seenByRun(text: string, stage: number, name: string, buildArgs: Record<string, string>): Array<string | undefined> {
  const analysis = analyze(text, { buildArgs });
  const context = { text, analysis, options: { builder: 'buildkit', buildArgs }, dockerignore: null, finalStage: null, targetLabel: '' } as RuleContext;
  return imageCommands(context, stage).filter((c) => c.stage.index === stage).map((c) => c.env.get(name));
}

describe('runtime-variant: a global ARG picks the base stage', () => {
  const text = () => dockerfile('runtime-variant');

  it('builds on both builders with the default, runtime-distroless', () => {
    for (const builder of BUILDERS) {
      const a = analyze(text(), { builder });
      expect(errors(a), builder).toEqual([]);
      expect(a.globalArgs).toEqual({ RUNTIME: 'distroless' });
      expect(a.stages[3]!.base, builder).toEqual({ kind: 'stage', index: 1 });
    }
  });

  // Recorded: global-arg-selects-stage (BK builds only the chosen base; classic builds all).
  it('BuildKit runs build, runtime-distroless and runtime by default; build, runtime-alpine and runtime with RUNTIME=alpine', () => {
    expect(runs(text())).toEqual(['build', 'runtime-distroless', 'runtime']);
    const alpine = analyze(text(), { buildArgs: { RUNTIME: 'alpine' } });
    expect(alpine.stages[3]!.base).toEqual({ kind: 'stage', index: 2 });
    expect(runs(text(), { buildArgs: { RUNTIME: 'alpine' } })).toEqual(['build', 'runtime-alpine', 'runtime']);
  });

  it('the classic builder runs all four stages either way', () => {
    const all = ['build', 'runtime-distroless', 'runtime-alpine', 'runtime'];
    expect(runs(text(), { builder: 'classic' })).toEqual(all);
    expect(runs(text(), { builder: 'classic', buildArgs: { RUNTIME: 'alpine' } })).toEqual(all);
  });

  it('has the same shape as the recording: BK runs only the chosen base, classic both', () => {
    const rec = fixture('global-arg-selects-stage');
    expect(analyze(rec.dockerfile).stages.map((s) => s.name)).toEqual(['base-slim', 'base-full', 'final']);
    const full = recorded('global-arg-selects-stage', ['--build-arg', 'VARIANT=full']);
    expect(full.buildkit.markers).toEqual(['base-full', 'final']);
    expect(full.classic.markers).toEqual(['base-slim', 'base-full', 'final']);
  });

  it('answers the prediction with the stages BuildKit runs', () => {
    const { options, answer } = predictReveal(SLUG, 'advanced-builds-variant-stages');
    expect(options[answer]).toBe('build, runtime-alpine and runtime');
    expect(runs(text(), { buildArgs: { RUNTIME: 'alpine' } }).join(', ')).toBe('build, runtime-alpine, runtime');
  });

  it('is drawn with RUNTIME=alpine for both builders', () => {
    for (const [id, builder] of [['runtime-variant-buildkit', 'buildkit'], ['runtime-variant-classic', 'classic']] as const) {
      expect(lessonDockerfile(SLUG, id).text, id).toBe(text());
      expect(lessonDockerfile(SLUG, id).options, id).toEqual({ builder, buildArgs: { RUNTIME: 'alpine' } });
    }
  });

  // Recorded: global-arg-selects-stage, VARIANT=nope: "base-nope: failed to resolve source
  // metadata for docker.io/library/base-nope:latest" (BK); the classic builder fails at that FROM.
  it('a typo names no stage: Docker takes runtime-alpnie for an image and fails to pull it', () => {
    const a = analyze(text(), { buildArgs: { RUNTIME: 'alpnie' } });
    expect(a.stages[3]!.base).toEqual({ kind: 'image', ref: 'runtime-alpnie' });
    expect(failingPulls(a).map((e) => e.target)).toEqual([{ kind: 'image', ref: 'runtime-alpnie' }]);
    const nope = recorded('global-arg-selects-stage', ['--build-arg', 'VARIANT=nope']);
    expect(nope.buildkit.ok).toBe(false);
    expect(nope.buildkit.error).toContain('base-nope: failed to resolve source metadata for docker.io/library/base-nope:latest');
    expect(nope.classic.ok).toBe(false);
  });
});

describe('version-arg: a global ARG is not visible inside a stage', () => {
  // Recorded: global-arg-not-visible-in-stage (empty inside the stage, even with --build-arg) and
  // global-arg-redeclared-in-stage (ARG V brings in the default or the --build-arg value).
  it('version-arg-bad builds without an error on both builders', () => {
    for (const builder of BUILDERS) expect(errors(analyze(dockerfile('version-arg-bad'), { builder })), builder).toEqual([]);
  });

  it('in version-arg-bad the go build RUN does not see VERSION, even with --build-arg VERSION=1.4.0', () => {
    expect(seenByRun(dockerfile('version-arg-bad'), 0, 'VERSION', { VERSION: '1.4.0' })).toEqual([undefined]);
    expect(seenByRun(dockerfile('version-arg-bad'), 0, 'VERSION', {})).toEqual([undefined]);
    const { options, answer } = predictReveal(SLUG, 'advanced-builds-global-arg-scope');
    expect(options[answer]).toBe('An empty string');
  });

  it('in version-arg-good the RUN sees the --build-arg value, or the global default without one', () => {
    expect(seenByRun(dockerfile('version-arg-good'), 0, 'VERSION', { VERSION: '1.4.0' })).toEqual(['1.4.0']);
    expect(seenByRun(dockerfile('version-arg-good'), 0, 'VERSION', {})).toEqual(['dev']);
  });

  it('the recordings agree: empty without ARG V, the default or the build arg with it', () => {
    for (const build of fixture('global-arg-not-visible-in-stage').builds) {
      for (const builder of BUILDERS) {
        expect(build[builder].ok).toBe(false);
        expect(build[builder].error).toContain('test -n');
      }
    }
    const redeclared = recorded('global-arg-redeclared-in-stage', []);
    expect(redeclared.buildkit.markers).toEqual(['xslim', 'saw-slim']);
    expect(recorded('global-arg-redeclared-in-stage', ['--build-arg', 'V=full']).buildkit.markers).toEqual(['xfull']);
  });

  it('the analyzer flags the LABEL in the bad version (undefined-var), not the RUN, and nothing in the good one', () => {
    const bad = analyze(dockerfile('version-arg-bad'));
    const flagged = bad.diagnostics.filter((d) => d.id === 'undefined-var');
    expect(flagged.map((d) => [d.range.start.line, d.message])).toEqual([[9, "Usage of undefined variable '$VERSION'"]]);
    expect(dockerfile('version-arg-bad').split('\n')[8]).toMatch(/^LABEL /);
    expect(dockerfile('version-arg-bad').split('\n')[5]).toMatch(/^RUN .*\$VERSION/);
    expect(ids(analyze(dockerfile('version-arg-good')))).not.toContain('undefined-var');
  });

  it('Docker 28.5 warns about the same LABEL line (UndefinedVar) and about nothing in the good version, as the lesson says', () => {
    expect(recorded28('lessons', dockerfile('version-arg-bad')).checks).toEqual([{ rule: 'UndefinedVar', line: 9, message: "Usage of undefined variable '$VERSION'" }]);
    expect(recorded28('lessons', dockerfile('version-arg-good')).checks).toEqual([]);
    expect(lessonSource(SLUG)).toMatch(/Docker 28\.5 warns about the `LABEL` in the first version, with its build\s+check `UndefinedVar`/);
  });

  it('the good version differs only by one ARG VERSION per stage', () => {
    const added = dockerfile('version-arg-good').split('\n').filter((line) => !dockerfile('version-arg-bad').split('\n').includes(line));
    expect(added).toEqual(['ARG VERSION', 'ARG VERSION']);
    const good = analyze(dockerfile('version-arg-good'));
    expect(good.stages.map((s) => s.instructions.filter((i) => i.keyword === 'ARG').map((i) => i.argsText))).toEqual([['VERSION'], ['VERSION']]);
    const removed = dockerfile('version-arg-bad').split('\n').filter((line) => !dockerfile('version-arg-good').split('\n').includes(line));
    expect(removed).toEqual([]);
  });
});

describe('cache order', () => {
  it('the left-hand order is reported (COPY . . before npm ci); the right-hand one is not', () => {
    const bad = analyze(dockerfile('cache-order-bad')).diagnostics.filter((d) => d.id === 'dependency-install-after-copy-all');
    expect(bad.map((d) => d.range.start.line)).toEqual([3]);
    expect(bad[0]!.message).toContain('COPY . . copies the whole build context before `npm ci` (line 4)');
    expect(ids(analyze(dockerfile('cache-order-good')))).not.toContain('dependency-install-after-copy-all');
  });

  it('the right-hand version copies only package.json and package-lock.json before npm ci', () => {
    const lines = dockerfile('cache-order-good').split('\n');
    expect(lines.indexOf('COPY package.json package-lock.json ./')).toBeLessThan(lines.indexOf('RUN npm ci'));
    expect(lines.indexOf('RUN npm ci')).toBeLessThan(lines.indexOf('COPY . .'));
    const { options, answer } = predictReveal(SLUG, 'advanced-builds-cache-order');
    expect(options[answer]).toBe('COPY . ., npm ci and npm run build');
  });
});

describe('go-cache-mounts: RUN --mount=type=cache', () => {
  it('is marked expect-error: BuildKit builds it, the classic builder refuses it', () => {
    expect(lessonDockerfile(SLUG, 'go-cache-mounts').meta).toMatch(/\bexpect-error\b/);
    const bk = analyze(dockerfile('go-cache-mounts'), { builder: 'buildkit' });
    expect(errors(bk)).toEqual([]);
    expect(bk.plan.stages).toEqual([0, 1]);
  });

  // Recorded: run-mount-cache (classic: "the --mount option requires BuildKit. Refer to ...",
  // after running the steps before it).
  it('the classic builder stops at the first RUN --mount with Docker\'s message, which the lesson quotes', () => {
    const classic = analyze(dockerfile('go-cache-mounts'), { builder: 'classic' });
    const message = 'the --mount option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled';
    expect(errors(classic)).toEqual([message]);
    expect(classic.plan.stoppedAt?.stage).toBe(0);
    expect(classic.plan.stoppedAt?.range.start.line).toBe(4);
    expect(dockerfile('go-cache-mounts').split('\n')[3]).toMatch(/^RUN --mount=type=cache/);
    expect(recorded('run-mount-cache', []).classic.error).toContain(message);
    expect(recorded('run-mount-cache', []).classic.markers).toEqual(['app', 'cached']);
    expect(lessonSource(SLUG)).toContain('```text\n' + message + '\n```');
  });

  it('mounts the module cache and the build cache where the lesson says', () => {
    const mounts = analyze(dockerfile('go-cache-mounts')).instructions.flatMap((i) => i.flags.filter((f) => f.name === 'mount').map((f) => f.value));
    expect(mounts).toEqual(['type=cache,target=/go/pkg/mod', 'type=cache,target=/go/pkg/mod', 'type=cache,target=/root/.cache/go-build']);
  });
});

describe('heredocs', () => {
  // Recorded: heredoc-run-fake-instructions (BK runs the body; classic does not, and goes on) and
  // heredoc-run-skipped-then-user (classic skips a body that creates a user, and USER app still builds).
  it('heredoc-run: one RUN whose body is a script, not instructions', () => {
    const a = analyze(dockerfile('heredoc-run'));
    expect(a.stages).toHaveLength(1);
    const run = a.instructions.find((i) => i.heredocs.length > 0)!;
    expect(run.keyword).toBe('RUN');
    expect(run.heredocs[0]!.body).toBe('set -e\npip install --no-cache-dir -r requirements.txt\nuseradd --system --no-create-home app\n');
    expect(a.instructions.map((i) => i.keyword)).toEqual(['FROM', 'WORKDIR', 'COPY', 'RUN', 'COPY', 'USER', 'CMD']);
  });

  it('heredoc-run builds on both builders; only the classic builder is warned that it skips the body', () => {
    const bk = analyze(dockerfile('heredoc-run'), { builder: 'buildkit' });
    const classic = analyze(dockerfile('heredoc-run'), { builder: 'classic' });
    expect(errors(bk)).toEqual([]);
    expect(errors(classic)).toEqual([]);
    expect(classic.plan.fails).toBe(false);
    expect(ids(bk)).not.toContain('heredoc-ignored-by-classic');
    expect(ids(classic)).toContain('heredoc-ignored-by-classic');
    const { options, answer } = predictReveal(SLUG, 'advanced-builds-heredoc-classic');
    expect(options[answer]).toBe('It builds, but pip and useradd never ran');
  });

  it('the recordings: classic skips the body and still succeeds, BK runs it', () => {
    const fake = recorded('heredoc-run-fake-instructions', []);
    expect(fake.buildkit.markers).toContain('body-ran');
    expect(fake.classic.markers).toContain('after-heredoc');
    expect(fake.classic.markers).not.toContain('body-ran');
    const user = recorded('heredoc-run-skipped-then-user', []);
    expect(user.classic.ok).toBe(true);
    expect(user.buildkit.ok).toBe(true);
  });

  // Recorded: heredoc-copy (classic: "COPY failed: no source files were specified").
  it('heredoc-copy is marked expect-error: BuildKit builds it, classic fails with the message the lesson quotes', () => {
    expect(lessonDockerfile(SLUG, 'heredoc-copy').meta).toMatch(/\bexpect-error\b/);
    expect(errors(analyze(dockerfile('heredoc-copy'), { builder: 'buildkit' }))).toEqual([]);
    expect(errors(analyze(dockerfile('heredoc-copy'), { builder: 'classic' }))).toEqual(['COPY failed: no source files were specified']);
    expect(recorded('heredoc-copy', []).classic.error).toContain('COPY failed: no source files were specified');
    expect(lessonSource(SLUG)).toContain('```text\nCOPY failed: no source files were specified\n```');
  });
});

describe('ci-stages: test and lint stages for CI', () => {
  const text = () => dockerfile('ci-stages');

  it('builds on both builders, with runtime last as the default target', () => {
    for (const builder of BUILDERS) {
      const a = analyze(text(), { builder });
      expect(errors(a), builder).toEqual([]);
      expect(a.stages.map((s) => s.name)).toEqual(['deps', 'build', 'test', 'lint', 'runtime']);
      expect(a.target.index).toBe(4);
    }
  });

  // Recorded: ci-test-lint-stages, the same five stages with markers.
  it('a plain build: BuildKit runs deps, build, runtime; the classic builder runs all five', () => {
    expect(runs(text())).toEqual(['deps', 'build', 'runtime']);
    expect(runs(text(), { builder: 'classic' })).toEqual(['deps', 'build', 'test', 'lint', 'runtime']);
    const { options, answer } = predictReveal(SLUG, 'advanced-builds-test-stage-default');
    expect(options[answer]).toMatch(/^No: runtime does not need test/);
  });

  it('--target test and --target lint: BuildKit runs only their chain; classic runs test before lint', () => {
    expect(runs(text(), { target: 'test' })).toEqual(['deps', 'build', 'test']);
    expect(runs(text(), { target: 'lint' })).toEqual(['deps', 'build', 'lint']);
    expect(runs(text(), { target: 'test', builder: 'classic' })).toEqual(['deps', 'build', 'test']);
    expect(runs(text(), { target: 'lint', builder: 'classic' })).toEqual(['deps', 'build', 'test', 'lint']);
  });

  it('matches the recording ci-test-lint-stages, which has the same stages and dependencies', () => {
    const rec = fixture('ci-test-lint-stages');
    const shape = (a: Analysis) => ({
      names: a.stages.map((s) => s.name),
      needs: a.edges.filter((e) => e.target.kind === 'stage').map((e) => [e.stage, e.kind, e.target.kind === 'stage' ? e.target.index : -1]),
    });
    expect(shape(analyze(rec.dockerfile))).toEqual(shape(analyze(text())));
    const plain = recorded('ci-test-lint-stages', []);
    expect(plain.buildkit.markers).toEqual(['deps', 'build', 'runtime', 'copied']);
    expect(plain.classic.markers).toEqual(['deps', 'build', 'test', 'lint', 'runtime', 'copied']);
    expect(recorded('ci-test-lint-stages', ['--target', 'test']).buildkit.markers).toEqual(['deps', 'build', 'test']);
    expect(recorded('ci-test-lint-stages', ['--target', 'lint']).buildkit.markers).toEqual(['deps', 'build', 'lint']);
    expect(recorded('ci-test-lint-stages', ['--target', 'lint']).classic.markers).toEqual(['deps', 'build', 'test', 'lint']);
  });

  it('"if runtime copied a file from test, every build would run the tests"', () => {
    const needsTest = text().replace('USER node', 'COPY --from=test /app/package.json /tmp/tested\nUSER node');
    expect(needsTest).toContain('--from=test');
    expect(runs(needsTest)).toEqual(['deps', 'build', 'test', 'runtime']);
  });

  it('the CI commands build lint, test and the default target', () => {
    const commands = codeBlock(SLUG, 'sh', 'ci-commands').trim().split('\n');
    expect(commands).toEqual(['docker build --target lint .', 'docker build --target test .', 'docker build -t orders-api .']);
    const names = analyze(text()).stages.map((s) => s.name);
    const targets = commands.flatMap((command) => /--target (\S+)/.exec(command)?.[1] ?? []);
    expect(targets).toEqual(['lint', 'test']);
    for (const target of targets) expect(names).toContain(target);
  });

  it('ships a runtime the course rules accept', () => {
    const reported = ids(analyze(text())).filter((id) =>
      ['build-tools-in-final-image', 'test-tools-in-final-image', 'dev-dependencies-in-final-image', 'heavy-final-base', 'final-stage-runs-as-root', 'dependency-install-after-copy-all'].includes(id),
    );
    expect(reported).toEqual([]);
  });

  it('is drawn for both builders with the same Dockerfile and the default target', () => {
    for (const [id, builder] of [['ci-stages-buildkit', 'buildkit'], ['ci-stages-classic', 'classic']] as const) {
      expect(lessonDockerfile(SLUG, id).text, id).toBe(text());
      expect(lessonDockerfile(SLUG, id).options, id).toEqual({ builder });
    }
  });
});

describe('the builders callouts', () => {
  it('say BuildKit is the default since Docker Engine 23.0 and name DOCKER_BUILDKIT=0 for the classic builder', () => {
    const source = lessonSource(SLUG);
    expect(source).toContain('Docker Engine 23.0');
    expect(source).toContain('DOCKER_BUILDKIT=0');
    expect((source.match(/<Callout type="builders"/g) ?? []).length).toBeGreaterThanOrEqual(3);
  });
});
