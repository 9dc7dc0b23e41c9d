// The analyzer against the real engine: every build recorded in tests/fixtures/builds by
// scripts/record-goldens.sh (Docker 26.1, BuildKit and the classic builder) must be
// predicted — whether it starts, the first error Docker prints, and which stages run.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import type { Analysis, Builder } from '../../src/analyzer/model.ts';
import { loadFixtures, optionsFromArgs, type Outcome } from '../support/goldens.ts';
import { failingPulls, plannedMarkers, sameMarkers } from '../support/oracle-engine.ts';

const fixtures = loadFixtures();
const BUILDERS: Builder[] = ['buildkit', 'classic'];

/** Recordings where the engine itself broke, so its output says nothing about the file:
 *  there the analyzer must still refuse the build, with its own clear reason. */
const ENGINE_CRASHES: Record<string, string> = {
  // Docker 26.1's daemon panics on a Dockerfile with ARG lines and no FROM (the client
  // sees the connection drop); the analyzer says "dockerfile contains no stages to build".
  'no-from': 'error reading from server: EOF|unexpected EOF',
};

/** A RUN step exited non-zero: the build started as planned and a command failed at run time. */
function isStepFailure(error: string): boolean {
  return /did not complete successfully|returned a non-zero code/.test(error);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
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
    expect(recorded.error).toContain(errors[0]!.message);
    expect(sameMarkers(recorded.markers, builder === 'buildkit' ? [] : plannedMarkers(analysis, stop))).toBe(true);
    return;
  }

  const expected = plannedMarkers(analysis);
  if (!recorded.ok) {
    expect(isStepFailure(recorded.error), `Docker failed with "${recorded.error}" but the analyzer predicts no error`).toBe(true);
    for (const marker of recorded.markers) expect(expected.some((p) => marker.startsWith(p)), marker).toBe(true);
    return;
  }
  if (builder === 'classic') expect(sameMarkers(recorded.markers, expected), `${recorded.markers} vs ${expected}`).toBe(true);
  else expect(sameMarkers([...recorded.markers].sort(), [...expected].sort()), `${recorded.markers} vs ${expected}`).toBe(true);
}

describe('analyzer predictions match the real engine', () => {
  it('has at least 25 recorded builds across both builders', () => {
    const builds = fixtures.reduce((n, fixture) => n + fixture.builds.length, 0);
    expect(builds).toBeGreaterThanOrEqual(25);
    for (const fixture of fixtures) expect(fixture.engine).toMatch(/^26\.1\./);
  });

  for (const fixture of fixtures) {
    for (const build of fixture.builds) {
      for (const builder of BUILDERS) {
        const label = `${fixture.name} ${build.args.join(' ') || '(default target)'} [${builder}]`;
        it(label, () => {
          const analysis = analyze(fixture.dockerfile, optionsFromArgs(build.args, builder));
          const crash = ENGINE_CRASHES[fixture.name];
          if (crash) {
            expect(build[builder].error).toMatch(new RegExp(crash));
            expect(analysis.plan.fails).toBe(true);
            expect(analysis.diagnostics[0]!.severity).toBe('error');
          } else expectMatches(analysis, build[builder], builder);
        });
      }
    }
  }
});
