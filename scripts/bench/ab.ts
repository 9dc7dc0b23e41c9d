// Before/after: the working tree's analyze() against an earlier commit's, interleaved in one
// process (scripts/bench/interleave.ts), on the bench's inputs. Run it with a change to the
// analyzer that should make it faster, next to compare-analyzers.ts (which checks it says
// the same):
//
//   node scripts/bench/ab.ts --base=HEAD               against the last commit
//   node scripts/bench/ab.ts --base=main --sizes=300 --rules=false
//
// Prints, per input, CPU ms per call of both and old ÷ new paired by round (above 1: faster now).

import { analyze, type AnalyzeOptions } from '../../src/analyzer/index.ts';
import { analyzerAt } from './analyzer-at.ts';
import { generateDeepChain, generateDockerfile } from './generate.ts';
import { INTERLEAVE_DEFAULTS, interleave, pairedRatio, spread } from './interleave.ts';

const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const base = arg('base') ?? 'HEAD';
const sizes = (arg('sizes') ?? '30,300,3000').split(',').map(Number);
const options: AnalyzeOptions = arg('rules') === 'false' ? { rules: false } : {};
const INPUTS = { realistic: (n: number) => generateDockerfile(n, 42).text, deep: (n: number) => generateDeepChain(n).text };

const old = await analyzerAt(base);
try {
  console.log(`analyze(${JSON.stringify(options)}) of the working tree against ${base}: CPU ms per call, median [p25–p75]; old ÷ new, median [p10–p90]`);
  for (const [input, make] of Object.entries(INPUTS)) {
    for (const size of sizes) {
      // Eight copies differing in a trailing comment, as in scripts/bench.ts: nothing reused between calls.
      const texts = Array.from({ length: 8 }, (_, i) => `${make(size)}# variant ${i}\n`);
      const samples = interleave(
        [
          { id: 'old', run: (call) => old.analyze(texts[call % 8]!, options) },
          { id: 'new', run: (call) => analyze(texts[call % 8]!, options) },
        ],
        { ...INTERLEAVE_DEFAULTS, minRounds: 20, minMs: 1200 },
      );
      const [before, after] = [spread(samples.get('old')!), spread(samples.get('new')!)];
      const ratio = pairedRatio(samples, 'old', 'new');
      const fmt = (s: { median: number; p25: number; p75: number }) => `${s.median.toFixed(3)} [${s.p25.toFixed(3)}–${s.p75.toFixed(3)}]`;
      console.log(
        `${`${input} ${size}`.padEnd(16)} old ${fmt(before)}  new ${fmt(after)}  old÷new ${ratio ? `${ratio.median.toFixed(2)}× [${ratio.p10.toFixed(2)}–${ratio.p90.toFixed(2)}]` : '–'}`,
      );
    }
  }
} finally {
  old.cleanup();
}
