// The cache model against what Docker 26.1 and 28.5 really took from the cache: every recorded
// case in tests/fixtures/cache, on both engines, with BuildKit and with the classic builder.

import { describe, expect, it } from 'vitest';
import { loadCacheCases } from '../support/cache-cases.ts';
import { compareWithRecording } from '../support/cache-compare.ts';

const CASES = loadCacheCases();
const SERIES = ['26.1', '28.5'];
const BUILDERS = ['buildkit', 'classic'] as const;

/**
 * Where the model's one assumption about commands does not hold, on purpose. The model reads a
 * stage's output as a whole, and takes a RUN to make new files when the files it was given or
 * the variables it names changed. Docker matches COPY --from by the copied files only, so when a
 * RUN that ran again made the same bytes (go build after a README edit; npm run build after a
 * test-file edit, both copied in by COPY . .) or wrote elsewhere (a RUN naming the changed ARG
 * that does not write the copied file), Docker reuses the copy where the model says it runs.
 * The model marks every such verdict with an `assumption` (the CLI prints it, the quiz refuses
 * questions that rest on one); these cases show the gap, and every disagreement in them must be
 * at a step so marked.
 */
const ASSUMPTION_GAPS = new Set(['arg-unused-run-same-output', 'go-readme-edit', 'node-multistage-test-edit']);

describe('recorded cache cases', () => {
  it('has at least 40 cases, each recorded on both engines', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    for (const loaded of CASES) expect(Object.keys(loaded.recordings).sort(), loaded.name).toEqual(SERIES);
  });

  it('covers Node, Python and Go layouts, .dockerignore, ARG, stage chains, heredocs, mounts and secrets', () => {
    const dockerfiles = CASES.map((c) => c.files.Dockerfile ?? '').join('\n');
    for (const needle of ['package-lock.json', 'requirements.txt', 'go.sum', 'ARG ', 'COPY --from=', '<<EOF', 'type=cache', 'type=secret', 'type=bind']) {
      expect(dockerfiles, needle).toContain(needle);
    }
    expect(CASES.some((c) => c.files['.dockerignore'] !== undefined && c.case.change.edit?.['.dockerignore'] !== undefined)).toBe(true);
    expect(CASES.some((c) => c.case.change.buildArgs !== undefined)).toBe(true);
    expect(CASES.some((c) => c.case.change.noCache)).toBe(true);
  });

  for (const loaded of CASES) {
    describe(loaded.name, () => {
      for (const series of SERIES) {
        for (const builder of BUILDERS) {
          it(`${series} ${builder}`, () => {
            const { mismatches } = compareWithRecording(loaded, series, builder);
            if (!ASSUMPTION_GAPS.has(loaded.name)) {
              expect(mismatches.map((m) => `${m.step}: recorded ${m.recorded}, predicted ${m.predicted}`)).toEqual([]);
              return;
            }
            // The gap is real (Docker reused what the model says runs) and marked.
            expect(mismatches.length).toBeGreaterThan(0);
            for (const m of mismatches) {
              expect(m.recorded, m.step).toBe('cached');
              expect(m.verdict?.assumption, m.step).toBeTruthy();
            }
          });
        }
      }
    });
  }
});
