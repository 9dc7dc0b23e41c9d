// The bake analyzer against what docker buildx bake did (tests/fixtures/bake/recording.json): the
// groups and targets `--print` resolved, its errors, and the stages whose RUN step ran.

import { describe, expect, it } from 'vitest';
import { analyzeBake, type BakeAnalysis, parseOutput } from '../../../src/analyzer/bake/index.ts';
import { bakeFiles, reader, recording, type RecordedRun } from './recorded.ts';

const latest = recording.engines['28'];
const older = recording.engines['26'];

function analyzeRun(name: string, run: RecordedRun): BakeAnalysis {
  return analyzeBake(bakeFiles(name), reader(name), { names: run.args, env: run.env });
}

/** What the analysis would make `--print` show (buildx 0.29's form). */
function printed(analysis: BakeAnalysis) {
  return { group: analysis.groups, target: Object.fromEntries(analysis.targets.map(({ name, ...fields }) => [name, fields])) };
}

const errors = (analysis: BakeAnalysis) => analysis.diagnostics.filter((d) => d.severity === 'error');

describe(`docker buildx bake --print on Docker ${latest.engine} (buildx ${latest.buildx})`, () => {
  for (const [name, runs] of Object.entries(latest.cases)) {
    for (const run of runs) {
      it(`${name}, ${run.id}: ${run.print.ok ? 'the same groups and targets' : run.print.error}`, () => {
        const analysis = analyzeRun(name, run);
        if (run.print.ok) {
          expect(errors(analysis)).toEqual([]);
          expect(printed(analysis)).toEqual(run.print.config);
        } else {
          expect(errors(analysis).map((d) => `ERROR: ${d.message}`)).toEqual([run.print.error]);
        }
      });
    }
  }
});

describe('the stages each bake run executed', () => {
  for (const [name, runs] of Object.entries(latest.cases)) {
    for (const [index, run] of runs.entries()) {
      if (!run.print.ok) continue;
      it(`${name}, ${run.id}: ${run.build.markers.join(', ') || 'none'}`, () => {
        const analysis = analyzeRun(name, run);
        const stages = [...new Set(analysis.plans.flatMap((plan) => plan.stages))].sort();
        if (run.fresh) expect(stages).toEqual(run.build.markers);
        else {
          // On the cache of the run before: only the stages that run had not built execute.
          const before = new Set(analyzeRun(name, runs[index - 1]!).plans.flatMap((plan) => plan.stages));
          expect(stages.filter((stage) => !before.has(stage))).toEqual(run.build.markers);
        }
        const missing = analysis.plans.flatMap((plan) => plan.diagnostics);
        if (run.build.error.includes('could not be found')) {
          expect(missing.map((d) => d.id)).toEqual(['bake-missing-stage']);
          expect(run.build.error).toContain(`target stage "${analysis.plans.find((p) => p.fails)!.stage}" could not be found`);
        } else expect(missing).toEqual([]);
      });
    }
  }

  it('a failing RUN in test fails `bake test prod`, yet prod was built beside it (the targets build at once)', () => {
    const run = latest.cases['failing-test']!.find((r) => r.id === 'test-and-prod')!;
    expect(run.build.ok).toBe(false);
    expect(run.build.error).toMatch(/^ERROR: target test: failed to solve: process .*exit 1.* exit code: 1$/);
    expect(run.build.markers).toContain('production');
    expect(run.build.images).toEqual(['shop:latest']);
  });

  it('a cacheonly target leaves no image; the others are tagged', () => {
    const runs = latest.cases['issue']!;
    expect(runs.find((r) => r.id === 'test')!.build.images).toEqual([]);
    expect(runs.find((r) => r.id === 'prod')!.build.images).toEqual(['shop:latest']);
    expect(runs.find((r) => r.id === 'default')!.build.images).toEqual(['shop:dev']);
  });
});

describe(`Docker ${older.engine}'s buildx ${older.buildx} has bake and resolves the files the same way`, () => {
  /** buildx 0.13 prints outputs as strings, and groups in the order they were given. */
  const normalize = (config: NonNullable<RecordedRun['print']['config']>) => ({
    group: Object.fromEntries(Object.entries(config.group).map(([k, v]) => [k, [...v.targets].sort()])),
    target: Object.fromEntries(
      Object.entries(config.target).map(([k, v]) => [
        k,
        v['output'] ? { ...v, output: (v['output'] as unknown[]).map((o) => (typeof o === 'string' ? parseOutput(o) : o)) } : v,
      ]),
    ),
  });

  for (const [name, runs] of Object.entries(older.cases)) {
    for (const [index, run] of runs.entries()) {
      it(`${name}, ${run.id}`, () => {
        const newer = latest.cases[name]![index]!;
        expect(run.print.ok).toBe(newer.print.ok);
        if (run.print.ok) expect(normalize(run.print.config!)).toEqual(normalize(newer.print.config!));
        else expect(run.print.error).toBe(newer.print.error);
      });
    }
  }
});
