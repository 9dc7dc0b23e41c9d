// The analyzer's BuildKit checks against Docker 28.5's own (`docker buildx build --call=check`),
// recorded in tests/fixtures/checks/ by scripts/record-checks.sh: for every rule example,
// build fixture, exercise starter and solution, and lesson Dockerfile, the diagnostics that
// name a BuildKit check (`sources.buildkit`) are the checks Docker reports — same rule, same
// line, same message, nothing missing and nothing extra.

import { describe, expect, it } from 'vitest';
import { analyzerChecks, CHECK_GROUPS, type CheckCase, checkCases, checkDifferences, loadRecording } from '../support/check-cases.ts';

/** What a case records, to tell a stale recording from the case as it is now. */
function key(c: Pick<CheckCase, 'id' | 'dockerfile' | 'dockerignore' | 'args'>): string {
  return JSON.stringify([c.id, c.dockerfile, c.dockerignore, c.args]);
}

for (const group of CHECK_GROUPS) {
  describe(`build checks of the ${group} Dockerfiles`, () => {
    const recording = loadRecording(group);
    const cases = checkCases(group);

    it('are recorded for every case as it is now (else run scripts/record-checks.sh --changed)', () => {
      const recorded = new Set((recording?.cases ?? []).map(key));
      expect(cases.filter((c) => !recorded.has(key(c))).map((c) => c.id)).toEqual([]);
      const current = new Set(cases.map(key));
      expect((recording?.cases ?? []).filter((c) => !current.has(key(c))).map((c) => c.id)).toEqual([]);
      expect(recording?.engine).toMatch(/^28\.5\./);
    });

    for (const recorded of recording?.cases ?? []) {
      it(`${recorded.id}: same checks as Docker ${recording!.engine}`, () => {
        expect(checkDifferences(recorded, analyzerChecks(recorded))).toEqual({ missing: [], extra: [] });
      });
    }
  });
}
