// "No Dockerfile text makes analyze super-linear": for inputs that grow along one dimension
// each (continuation lines, heredocs, stages, variables, substitutions… see
// scripts/bench/growth-inputs.ts), the work analyze() does on an input twice as large is
// at most about twice the work.
//
// The work is counted, not timed (tests/support/work-counter.ts: V8's block coverage, the
// number of blocks of analyzer code that ran), so the test means the same on a busy machine.
// Quadratic code doubles twice (×4); linear code ×2; a log factor adds a little. What the
// counter cannot see, work inside built-ins, is timed by `npm run bench` (its growth table).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import type { AnalyzeOptions } from '../../src/analyzer/model.ts';
import { GROWTH_INPUTS, longContinuation } from '../../scripts/bench/growth-inputs.ts';
import { WorkCounter } from '../support/work-counter.ts';

/** Lines of the smaller input; the larger has twice as many. */
const LINES = 600;
/** Work(2n) / work(n) allowed: 2 for linear, 2.2 for n log n at this size, 4 for quadratic. */
const MAX_GROWTH = 2.35;

const counter = new WorkCounter('/src/analyzer/');
beforeAll(() => counter.start());
afterAll(() => counter.stop());

async function growth(text: (lines: number) => string, options: AnalyzeOptions = {}): Promise<{ small: number; large: number; ratio: number }> {
  // Once before counting: what runs only on the first call (regular expressions compiled,
  // tables built) is not work that grows.
  analyze(text(LINES >> 2), options);
  // The least of three counts for each size: the same call's count varies by a few per cent from
  // run to run (and once by a quarter on a busy CI machine), with work that is not the input's,
  // such as a cache filled or code compiled on the way; the least count is the input's own. The
  // sizes alternate, so no call finds its text's parse kept from the call before.
  const smalls: number[] = [];
  const larges: number[] = [];
  for (let run = 0; run < 3; run++) {
    smalls.push(await counter.count(() => analyze(text(LINES), options)));
    larges.push(await counter.count(() => analyze(text(2 * LINES), options)));
  }
  const small = Math.min(...smalls);
  const large = Math.min(...larges);
  return { small, large, ratio: large / small };
}

describe('analyze() grows linearly with its input', () => {
  for (const input of GROWTH_INPUTS) {
    it(`${input.id}: ${input.grows}`, { timeout: 120_000 }, async () => {
      const { small, large, ratio } = await growth(input.text);
      expect(small, 'the counter sees the analyzer run').toBeGreaterThan(1000);
      expect(ratio, `work ${small} → ${large} when the input doubles`).toBeLessThanOrEqual(MAX_GROWTH);
    });
  }

  it('stays linear with the classic builder and a --target', { timeout: 120_000 }, async () => {
    for (const id of ['from-chain', 'copy-chain', 'named-stages', 'env-chain']) {
      const input = GROWTH_INPUTS.find((i) => i.id === id)!;
      const { ratio } = await growth(input.text, { builder: 'classic', target: 's1' });
      expect(ratio, id).toBeLessThanOrEqual(MAX_GROWTH);
      const buildkit = await growth(input.text, { target: 'stage1', rules: true });
      expect(buildkit.ratio, `${id} with --target`).toBeLessThanOrEqual(MAX_GROWTH);
    }
  });

  it('reads a RUN continued over 60,000 lines with work in proportion to 600 of them', { timeout: 120_000 }, async () => {
    analyze(longContinuation(100));
    const small = await counter.count(() => analyze(longContinuation(600)));
    const large = await counter.count(() => analyze(longContinuation(60_000)));
    // 100 times the lines: at most 100 times the work (and a little for the fixed part).
    expect(large / small).toBeLessThanOrEqual(110);
    const analysis = analyze(longContinuation(60_000));
    expect(analysis.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN']);
    expect(analysis.instructions[1]!.range.end.line).toBe(60_003);
  });
});
