// The analyzer against the real engines: every build recorded in tests/fixtures/builds by
// scripts/record-goldens.sh, on Docker 26.1 and on Docker 28.5 (BuildKit and the classic
// builder on each), must be predicted with the same engine option — whether it starts, the
// first error Docker prints, and which stages run.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { ENGINES } from '../../src/analyzer/engine.ts';
import type { Analysis, Builder, Engine } from '../../src/analyzer/model.ts';
import { BUILDS_DIR, type CheckOutcome, loadFixtures, optionsFromArgs, type Outcome } from '../support/goldens.ts';
import { failingPulls, plannedMarkers, sameMarkers } from '../support/oracle-engine.ts';

const BUILDERS: Builder[] = ['buildkit', 'classic'];

/** Recordings where the engine itself broke, so its output says nothing about the file:
 *  there the analyzer must still refuse the build, with its own clear reason. */
const ENGINE_CRASHES: Record<Engine, Record<string, Partial<Record<Builder, string>>>> = {
  // Docker 26.1's daemon panics on a Dockerfile with ARG lines and no FROM (the client
  // sees the connection drop); the analyzer says "dockerfile contains no stages to build".
  '26.1': { 'no-from': { buildkit: 'error reading from server: EOF', classic: 'unexpected EOF' } },
  // Docker 28.5's BuildKit says so itself; its classic builder still panics (the daemon
  // survives, the client sees the connection drop).
  '28.5': { 'no-from': { classic: 'unexpected EOF' } },
};

/** A RUN step exited non-zero: the build started as planned and a command failed at run time. */
function isStepFailure(error: string): boolean {
  return /did not complete successfully|returned a non-zero code/.test(error);
}

/** "lint violation found for rules: A, B": BuildKit lists the rules in no fixed order. */
function violatedRules(message: string): string[] | null {
  const match = /lint violation found for rules: (.*)$/.exec(message);
  return match ? match[1]!.split(', ').sort() : null;
}

function expectMatches(analysis: Analysis, recorded: Outcome, builder: Builder): void {
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
  const pulls = failingPulls(analysis);
  const stop = analysis.plan.stoppedAt?.range.start.offset ?? Infinity;
  const pull = pulls[0];

  if (pull && (errors.length === 0 || (builder === 'classic' && pull.range.start.offset < stop))) {
    // Not a Dockerfile error: the engine has no registry. BuildKit resolves every image
    // before running a step; the classic builder fails when it reaches the pull, and
    // prints the instruction as written.
    expect(recorded.ok).toBe(false);
    const ref = pull.target.kind === 'image' ? pull.target.ref : pull.text;
    expect(recorded.error).toContain(builder === 'buildkit' ? ref.split(':')[0] : pull.text);
    expect(recorded.markers).toEqual(builder === 'buildkit' ? [] : plannedMarkers(analysis, pull.range.start.offset));
    return;
  }

  if (errors.length > 0) {
    expect(recorded.ok, `analyzer predicts an error (${errors[0]!.message}) but Docker built it`).toBe(false);
    const rules = violatedRules(errors[0]!.message);
    if (rules) expect(violatedRules(recorded.error)).toEqual(rules);
    else expect(recorded.error).toContain(errors[0]!.message);
    expect(sameMarkers(recorded.markers, builder === 'buildkit' ? [] : plannedMarkers(analysis, stop))).toBe(true);
    return;
  }

  const expected = plannedMarkers(analysis);
  if (!recorded.ok) {
    expect(isStepFailure(recorded.error), `Docker failed with "${recorded.error}" but the analyzer predicts no error`).toBe(true);
    for (const marker of recorded.markers)
      expect(
        expected.some((p) => marker.startsWith(p)),
        marker,
      ).toBe(true);
    return;
  }
  if (builder === 'classic') expect(sameMarkers(recorded.markers, expected), `${recorded.markers} vs ${expected}`).toBe(true);
  else expect(sameMarkers([...recorded.markers].sort(), [...expected].sort()), `${recorded.markers} vs ${expected}`).toBe(true);
}

/** For the fixtures about the check configuration: the checks the analyzer says the engine
 *  reports are the ones `docker buildx build --call=check` reported (rule and line). */
function expectSameChecks(analysis: Analysis, recorded: CheckOutcome): void {
  const predicted = analysis.diagnostics
    .filter((d) => d.engineReports === true)
    .map((d) => `${d.sources!.buildkit}:${d.range.start.line}`)
    .sort();
  expect(predicted).toEqual(recorded.warnings.map((w) => `${w.rule}:${w.line}`).sort());
}

const fixtureDirs = readdirSync(BUILDS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

describe('every fixture is recorded on both engines', () => {
  for (const engine of ENGINES) {
    it(`Docker ${engine}`, () => {
      const fixtures = loadFixtures(engine);
      expect(fixtures.map((f) => f.name).sort()).toEqual([...fixtureDirs].sort());
      for (const fixture of fixtures) {
        expect(fixture.version.startsWith(`${engine}.`), `${fixture.name}: ${fixture.version}`).toBe(true);
        expect(fixture.builds.length + fixture.notRecorded.length).toBeGreaterThan(0);
      }
    });
  }

  it('has at least 25 recorded builds on each engine, and records only 28.5 where 26.1 would crash', () => {
    for (const engine of ENGINES) expect(loadFixtures(engine).reduce((n, f) => n + f.builds.length, 0)).toBeGreaterThanOrEqual(25);
    // Only Docker 26.1 is spared a file (its daemon panics on invalid substitution modifiers).
    for (const fixture of loadFixtures('28.5')) expect(fixture.notRecorded, fixture.name).toEqual([]);
    for (const fixture of loadFixtures('26.1')) {
      for (const skipped of fixture.notRecorded) expect(skipped.reason, fixture.name).toMatch(/26\.1/);
    }
  });
});

/** A recorded result with the wording both engines share: 28.5's CLI adds "failed to build: "
 *  and names flags with their dashes (both listed once in the README's table). */
const comparable = (outcome: Outcome): string =>
  JSON.stringify([outcome.ok, outcome.markers, outcome.error.replace('ERROR: failed to build: ', 'ERROR: ').replace(/flag:? --/g, (m) => m.replace('--', ''))]);

describe('the README’s table of engine differences', () => {
  it('names every fixture whose recordings differ between the engines', () => {
    const readme = readFileSync(join(BUILDS_DIR, 'README.md'), 'utf8');
    const table = readme.split('## What differs between Docker 26.1 and Docker 28.5')[1]!.split('\n## ')[0]!;
    const older = new Map(loadFixtures('26.1').map((f) => [f.name, f]));
    const differing = loadFixtures('28.5').filter((today) => {
      const old = older.get(today.name)!;
      if (old.notRecorded.length > 0) return true;
      return today.builds.some((build) => {
        const before = old.builds.find((b) => JSON.stringify(b.args) === JSON.stringify(build.args));
        return !before || BUILDERS.some((builder) => comparable(build[builder]) !== comparable(before[builder]));
      });
    });
    expect(differing.length).toBeGreaterThan(20);
    expect(differing.map((f) => f.name).filter((name) => !table.includes(`\`${name}\``))).toEqual([]);
  });
});

for (const engine of ENGINES) {
  describe(`analyzer predictions match Docker ${engine}`, () => {
    for (const fixture of loadFixtures(engine)) {
      for (const build of fixture.builds) {
        for (const builder of BUILDERS) {
          const label = `${fixture.name} ${build.args.join(' ') || '(default target)'} [${builder}]`;
          it(label, () => {
            const analysis = analyze(fixture.dockerfile, optionsFromArgs(build.args, builder, engine));
            expect(analysis.plan.engine).toBe(engine);
            const crash = ENGINE_CRASHES[engine][fixture.name]?.[builder];
            if (crash) {
              expect(build[builder].error).toContain(crash);
              expect(analysis.plan.fails).toBe(true);
              expect(analysis.diagnostics[0]!.severity).toBe('error');
              expect(analysis.diagnostics[0]!.hint).toMatch(/crashes on such a file/);
            } else expectMatches(analysis, build[builder], builder);
          });
        }
        if (build.checks && fixture.name.startsWith('check-')) {
          it(`${fixture.name} ${build.args.join(' ') || '(default target)'} [build checks]`, () => {
            expectSameChecks(analyze(fixture.dockerfile, optionsFromArgs(build.args, 'buildkit', engine)), build.checks!);
          });
        }
      }
      for (const skipped of fixture.notRecorded) {
        // Never sent to this engine (its daemon would crash). What the other engine refused,
        // this one meets too, and dies on: the analyzer must not promise that build.
        const other = loadFixtures(ENGINES.find((e) => e !== engine)).find((f) => f.name === fixture.name)!;
        const recorded = other.builds.find((b) => JSON.stringify(b.args) === JSON.stringify(skipped.args))!;
        for (const builder of BUILDERS) {
          if (recorded[builder].ok) continue;
          it(`${fixture.name} ${skipped.args.join(' ') || '(default target)'} [${builder}; ${skipped.reason}]`, () => {
            const analysis = analyze(fixture.dockerfile, optionsFromArgs(skipped.args, builder, engine));
            expect(analysis.plan.fails).toBe(true);
            expect(analysis.diagnostics[0]!.hint).toMatch(/crashes/);
          });
        }
      }
    }
  });
}
