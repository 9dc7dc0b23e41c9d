// The playground's panels as steps (src/lib/workbench/refresh-scheduler.ts runs them between
// keystrokes): the targets table one analysis per step, the report in two, and the same
// result as made at once.

import { describe, expect, it } from 'vitest';
import { completeReport, completeReportSteps, buildDiagnostics, selectedAnalysis, type Selection } from '../../src/lib/playground/report.ts';
import { targetPlans, targetPlanSteps } from '../../src/lib/playground/target-plans.ts';
import { runSteps } from '../../src/lib/workbench/run-steps.ts';

const TEXT = `FROM alpine:3.20 AS base
RUN echo base

FROM base AS build
RUN echo build

FROM base AS test
RUN echo test

FROM alpine:3.20
COPY --from=build /etc/hostname /built
`;

/** The steps' count and their result. */
function drain<T>(steps: Generator<void, T, unknown>): { count: number; value: T } {
  let count = 0;
  for (;;) {
    const next = steps.next();
    if (next.done) return { count, value: next.value };
    count++;
  }
}

describe('the playground panels in steps', () => {
  it('plans the targets one analysis per step, as targetPlans does at once', () => {
    const { count, value } = drain(targetPlanSteps(TEXT));
    // base, build, test and the default; two builders each.
    expect(value.plans.map((p) => p.value)).toEqual(['base', 'build', 'test', '']);
    expect(count).toBe(2 * value.plans.length);
    expect(value).toEqual(targetPlans(TEXT));
  });

  it('makes the same report in steps as at once', () => {
    const selection: Selection = { target: 'build', builder: 'classic', buildArgs: {} };
    const part = buildDiagnostics(TEXT, selectedAnalysis(TEXT, selection));
    const { count, value } = drain(completeReportSteps(TEXT, selection, part));
    expect(count).toBeGreaterThan(0);
    expect(value).toEqual(completeReport(TEXT, selection, part));
    expect(value.diagram).toBeDefined();
  });

  it('runs steps to the end at once', () => {
    expect(
      runSteps(
        (function* () {
          yield;
          yield;
          return 3;
        })(),
      ),
    ).toBe(3);
  });
});
