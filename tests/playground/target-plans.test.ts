// The playground's table of every target with both builders (src/lib/playground/target-plans.ts),
// against the analyzer on Dockerfiles whose behaviour a real Docker engine recorded
// (tests/fixtures/builds/, checked by tests/analyzer/goldens.test.ts): the classic builder
// runs stages BuildKit skips, fails where BuildKit builds, and the other way round.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SAMPLE_DOCKERFILE } from '../../src/lib/playground/sample.ts';
import { MAX_TARGETS, plansSummary, TABLE_WORK_BUDGET, targetLimit, targetPlans, type TargetPlan } from '../../src/lib/playground/target-plans.ts';
import { pickerTarget, playgroundReport, targetChoices } from '../../src/lib/playground/report.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/builds/${name}/Dockerfile`, import.meta.url), 'utf8');

/** The row for `--target value` ('' = the default). */
function row(plans: TargetPlan[], value: string): TargetPlan {
  const found = plans.find((plan) => plan.value === value);
  if (!found) throw new Error(`no row for "${value}"; rows: ${plans.map((p) => p.value || '(default)').join(', ')}`);
  return found;
}

describe('every target, both builders', () => {
  it('the sample: by default BuildKit skips test and debug, the classic builder runs every stage', () => {
    const { plans, unnamed, omitted } = targetPlans(SAMPLE_DOCKERFILE);
    expect(plans.map((p) => [p.value, p.label, p.isDefault])).toEqual([
      ['build', 'build', false],
      ['test', 'test', false],
      ['debug', 'debug', false],
      ['', 'prod', true],
    ]);
    expect(unnamed).toEqual([]);
    expect(omitted).toBe(0);

    const prod = row(plans, '');
    expect(prod.buildkit).toMatchObject({ runs: ['build', 'prod'], skips: ['test', 'debug'], fails: false, error: null });
    expect(prod.classic).toMatchObject({ runs: ['build', 'test', 'debug', 'prod'], skips: [], fails: false });
    expect(prod.differs).toBe(true);

    // --target debug: the classic builder also runs test, which debug does not need.
    expect(row(plans, 'debug').buildkit.runs).toEqual(['build', 'debug']);
    expect(row(plans, 'debug').classic.runs).toEqual(['build', 'test', 'debug']);
    // --target test needs build and test: the same for both.
    expect(row(plans, 'test').differs).toBe(false);
    expect(row(plans, 'build').buildkit).toMatchObject({ runs: ['build'], skips: ['test', 'debug', 'prod'] });

    expect(plansSummary({ plans, unnamed, omitted })).toBe(
      'BuildKit and the classic builder differ for 2 of 4 targets. For 2 targets, the classic builder runs stages that BuildKit skips.',
    );
  });

  it('RUN --mount: BuildKit builds, the classic builder runs the stage and stops at the RUN with Docker’s error', () => {
    const app = row(targetPlans(fixture('run-mount-cache')).plans, '');
    expect(app.label).toBe('app');
    expect(app.buildkit).toMatchObject({ runs: ['app'], fails: false });
    expect(app.classic).toMatchObject({ runs: ['app'], fails: true, stoppedIn: 'app' });
    expect(app.classic.error?.message).toMatch(/^the --mount option requires BuildKit/);
    expect(app.classic.error?.line).toBe(4);
    expect(app.differs).toBe(true);
  });

  it('a stage name used twice: the classic builder stops at the second, BuildKit lets the later one win', () => {
    const { plans } = targetPlans(fixture('duplicate-stage-name'));
    // One row for "dup" (--target names it once), and the default.
    expect(plans.map((p) => p.value)).toEqual(['first', 'dup', 'from-dup', '']);
    const byDefault = row(plans, '');
    expect(byDefault.label).toBe('copy-dup');
    expect(byDefault.buildkit.fails).toBe(false);
    expect(byDefault.classic).toMatchObject({ fails: true, stoppedIn: 'dup' });
    expect(byDefault.classic.error?.message).toBe('dup stage name already used');
    // --target dup: each builder builds its own "dup", and neither fails.
    expect(row(plans, 'dup').buildkit).toMatchObject({ runs: ['dup'], fails: false });
    expect(row(plans, 'dup').classic).toMatchObject({ runs: ['first', 'dup'], fails: false });
    expect(row(plans, 'first').differs).toBe(false);
  });

  it('COPY --from a later stage: BuildKit refuses before running anything; the classic builder starts running', () => {
    const final = row(targetPlans(fixture('copy-from-later-stage')).plans, '');
    expect(final.buildkit).toMatchObject({ runs: [], skips: [], fails: true, stoppedIn: null });
    expect(final.buildkit.error).toEqual({ message: 'cannot copy from stage "b", it needs to be defined before current stage "a"', line: 4 });
    // The classic builder knows only the stages before the current one: it runs a, and
    // takes "b" for an image to pull (the recording shows it trying the registry).
    expect(final.classic.runs[0]).toBe('a');
    expect(final.differs).toBe(true);
  });

  it('build arguments change which stages run; a bad one fails the classic build on reaching the FROM', () => {
    const text = fixture('global-arg-selects-stage');
    expect(row(targetPlans(text).plans, '').buildkit.runs).toEqual(['base-slim', 'final']);
    const full = row(targetPlans(text, { VARIANT: 'full' }).plans, '');
    expect(full.buildkit.runs).toEqual(['base-full', 'final']);
    expect(full.classic.runs).toEqual(['base-slim', 'base-full', 'final']);
    // base-NOPE is no valid image name: BuildKit refuses the file; the classic builder runs
    // both bases, then stops at final's FROM (shown last, failing).
    const bad = row(targetPlans(text, { VARIANT: 'NOPE' }).plans, '');
    expect(bad.buildkit).toMatchObject({ runs: [], fails: true });
    expect(bad.classic).toMatchObject({ runs: ['base-slim', 'base-full', 'final'], fails: true, stoppedIn: 'final' });
    expect(bad.classic.error?.message).toMatch(/invalid reference format: repository name \(library\/base-NOPE\) must be lowercase/);
  });

  it('unnamed stages: only the last one is a target (the default); the others are listed as not targets', () => {
    const { plans, unnamed } = targetPlans('FROM alpine:3.20\nRUN echo one\n\nFROM alpine:3.20 AS named\nRUN echo two\n\nFROM alpine:3.20\nRUN echo three\n');
    expect(plans.map((p) => [p.value, p.label, p.isDefault])).toEqual([
      ['named', 'named', false],
      ['', 'stage 2', true],
    ]);
    expect(unnamed).toEqual(['stage 0']);
    expect(row(plans, '').classic.runs).toEqual(['stage 0', 'named', 'stage 2']);
    expect(row(plans, '').buildkit.runs).toEqual(['stage 2']);
  });

  it('nothing to build: no rows, and a sentence that says so', () => {
    for (const text of ['', '# only a comment\n', 'ARG X=1\n', 'RUN echo before any FROM\n']) {
      const plans = targetPlans(text);
      expect(plans.plans, JSON.stringify(text)).toEqual([]);
      expect(plansSummary(plans)).toMatch(/nothing to build/i);
    }
  });

  it('analyses fewer targets the longer the file, so each edit stays quick', () => {
    expect(targetLimit(SAMPLE_DOCKERFILE.length)).toBe(MAX_TARGETS);
    expect(targetLimit(100_000)).toBe(7);
    expect(targetLimit(260_000)).toBe(3);
    const long = Array.from({ length: 12 }, (_, i) => `FROM alpine:3.20 AS s${i}\n${'RUN echo padding padding padding padding padding\n'.repeat(300)}`).join(
      '\n',
    );
    const plans = targetPlans(long);
    expect(long.length * 2 * plans.plans.length).toBeLessThanOrEqual(TABLE_WORK_BUDGET);
    expect(plans.plans.length + plans.omitted).toBe(12);
  }, 60_000); // a dozen analyses of a 3,600-line file: seconds on a busy 2-core machine

  it('a file with very many stages shows the first targets and the default, and counts the rest', () => {
    const text = Array.from({ length: 12 }, (_, i) => `FROM alpine:3.20 AS s${i}\nRUN echo ${i}\n`).join('\n');
    const plans = targetPlans(text, {}, 5);
    // The first ones, and always the default (the last stage).
    expect(plans.plans.map((p) => p.value)).toEqual(['s0', 's1', 's2', 's3', '']);
    expect(plans.plans.at(-1)?.label).toBe('s11');
    expect(plans.omitted).toBe(7);
  });

  it('a stage named with markup: Docker refuses the name, and the error quotes it as the plain string it is', () => {
    const name = '<img/src=x/onerror=alert(1)>';
    const { plans } = targetPlans(`FROM alpine:3.20 AS ${name}\nRUN echo x\nFROM alpine:3.20\nCOPY --from=${name} /x /x\n`);
    const byDefault = row(plans, '');
    expect(byDefault.buildkit.fails && byDefault.classic.fails).toBe(true);
    expect(byDefault.buildkit.error?.message).toBe(`invalid name for build stage: "${name}", name can't start with a number or contain symbols`);
  });
});

describe('the target picker', () => {
  it('offers every target, the default named after the last stage', () => {
    const report = playgroundReport(SAMPLE_DOCKERFILE, { target: '', builder: 'buildkit', buildArgs: {} });
    expect(report.targets).toEqual([
      { value: 'build', label: 'build' },
      { value: 'test', label: 'test' },
      { value: 'debug', label: 'debug' },
      { value: '', label: 'prod (default)' },
    ]);
  });

  it('keeps a target the text no longer has, marked, and Docker’s error follows', () => {
    const plans = targetPlans(SAMPLE_DOCKERFILE);
    expect(targetChoices(plans, 'gone').at(-1)).toEqual({ value: 'gone', label: 'gone (no such stage now)' });
    const report = playgroundReport(SAMPLE_DOCKERFILE, { target: 'gone', builder: 'buildkit', buildArgs: {} });
    expect(report.build.analysis.plan.fails).toBe(true);
    expect(report.build.diagnostics[0]?.message).toBe('target stage "gone" could not be found');
  });

  it('treats the last stage’s own name (any case) as the default, and other names case-insensitively', () => {
    const plans = targetPlans(SAMPLE_DOCKERFILE);
    expect(pickerTarget(plans, 'prod')).toBe('');
    expect(pickerTarget(plans, 'PROD')).toBe('');
    expect(pickerTarget(plans, 'Debug')).toBe('debug');
    expect(pickerTarget(plans, 'nope')).toBe('nope');
  });
});
