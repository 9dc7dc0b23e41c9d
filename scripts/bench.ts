// npm run bench — how fast is the analyzer next to its peers, and does it stay linear?
//
//   npm run bench                       all of it (then scripts/bench-browser.ts runs)
//   node scripts/bench.ts --quick       shorter measurement, fewer growth inputs
//   node scripts/bench.ts --json        the figures as JSON on stdout
//   node scripts/bench.ts --sizes=300 --inputs=deep --no-growth
//
// 1. analyze() against dockerfile-ast's DockerfileParser.parse() and dockerfile-utils'
//    validate(), on a realistic multi-stage file (scripts/bench/generate.ts) and on a deep
//    chain (every stage copies from the one before), at about 30, 300 and 3,000 lines.
//    All subjects of one input are measured in one process, interleaved round by round,
//    after a warm-up, in CPU time per call (scripts/bench/interleave.ts). Each call gets one
//    of eight copies of the input that differ in a trailing comment, so nothing is reused
//    from one call to the next. Reported: the median per call with its spread (p25–p75),
//    and the ratios paired by round (median, p10–p90).
// 2. Growth: analyze() on inputs that grow along one dimension each (continuations,
//    heredocs, stages, variables… scripts/bench/growth-inputs.ts) at n and 2n lines,
//    interleaved; linear code takes about twice the time. The test suite checks the same
//    by counting work (tests/analyzer/complexity.test.ts); this is the timed view, which
//    also sees the work inside built-ins.
// 3. The 60,000-line continuation that froze the playground (issue #17): time per call.
//
// It prints the load of the machine before and after (other programs share the CPU; CPU
// time keeps most of that out, but not all: caches and memory bandwidth are shared too),
// and whether each goal is met. It never fails on the figures.

import { createRequire } from 'node:module';
import os from 'node:os';
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { analyze } from '../src/analyzer/index.ts';
import { generateDeepChain, generateDockerfile } from './bench/generate.ts';
import { GROWTH_INPUTS, longContinuation } from './bench/growth-inputs.ts';
import { cpuMs, INTERLEAVE_DEFAULTS, interleave, pairedRatio, spread, type InterleaveOptions, type Spread, type Subject } from './bench/interleave.ts';

const INPUTS = {
  realistic: { label: 'realistic', make: (lines: number) => generateDockerfile(lines, 42) },
  deep: { label: 'deep chain', make: (lines: number) => generateDeepChain(lines) },
} as const;
type InputId = keyof typeof INPUTS;

const SUBJECTS = {
  analyze: { label: 'analyze', run: (text: string): unknown => analyze(text) },
  ast: { label: 'dockerfile-ast parse', run: (text: string): unknown => DockerfileParser.parse(text) },
  utils: { label: 'dockerfile-utils validate', run: (text: string): unknown => validate(text) },
  core: { label: 'analyze, rules: false', run: (text: string): unknown => analyze(text, { rules: false }) },
} as const;
type SubjectId = keyof typeof SUBJECTS;

const GOALS = {
  validate: { ratio: 20, sizes: [300, 3000], statement: 'analyze ≥ 20× faster than dockerfile-utils validate at 300 and 3,000 lines, both inputs' },
  parse: { ratio: 2, sizes: [30], statement: "analyze ≥ 2× faster than dockerfile-ast's parse at 30 lines, both inputs" },
  continuation: { ms: 100, statement: 'the 60,000-line continuation analysed in under 100 ms' },
};
/** Growth of more than this when the input doubles is flagged. */
const GROWTH_FLAG = 2.5;
const VARIANTS = 8;

interface Args {
  json: boolean;
  quick: boolean;
  sizes: number[];
  inputs: InputId[];
  growth: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { json: false, quick: false, sizes: [30, 300, 3000], inputs: ['realistic', 'deep'], growth: true };
  for (const arg of argv) {
    if (arg === '--json') args.json = true;
    else if (arg === '--quick') args.quick = true;
    else if (arg === '--no-growth') args.growth = false;
    else if (arg.startsWith('--sizes='))
      args.sizes = arg
        .slice(8)
        .split(',')
        .map(Number)
        .filter((n) => n > 0);
    else if (arg.startsWith('--inputs=')) {
      const ids = arg.slice(9).split(',');
      for (const id of ids) if (!(id in INPUTS)) throw new Error(`--inputs: unknown input ${id}; use ${Object.keys(INPUTS).join(', ')}`);
      args.inputs = ids as InputId[];
    } else if (arg === '--help' || arg === '-h') {
      console.log('usage: node scripts/bench.ts [--quick] [--json] [--sizes=30,300,3000] [--inputs=realistic,deep] [--no-growth]');
      process.exit(0);
    } else throw new Error(`unknown argument ${arg} (try --help)`);
  }
  return args;
}

/** Eight copies of `text` that differ only in a trailing comment (no reuse between calls). */
function variants(text: string): string[] {
  return Array.from({ length: VARIANTS }, (_, i) => `${text}# variant ${i}\n`);
}

interface InputResult {
  input: InputId;
  requestedLines: number;
  lines: number;
  bytes: number;
  stages: number;
  /** Sanity: the generated files are valid Dockerfiles. */
  diagnostics: { analyze: number; validate: number };
  subjects: Partial<Record<SubjectId, Spread>>;
  /** Peer ÷ analyze, paired by round: how many times faster analyze is. */
  ratios: { ast: Spread | null; utils: Spread | null };
}

function measureInput(input: InputId, lines: number, options: InterleaveOptions): InputResult {
  const generated = INPUTS[input].make(lines);
  const texts = variants(generated.text);
  const ids = Object.keys(SUBJECTS) as SubjectId[];
  const subjects: Subject[] = ids.map((id) => ({ id, run: (call: number) => SUBJECTS[id].run(texts[call % VARIANTS]!) }));
  const samples = interleave(subjects, options);
  return {
    input,
    requestedLines: lines,
    lines: generated.lines,
    bytes: generated.text.length,
    stages: generated.stages,
    diagnostics: { analyze: analyze(generated.text).diagnostics.length, validate: validate(generated.text).length },
    subjects: Object.fromEntries(ids.map((id) => [id, spread(samples.get(id)!)])),
    ratios: { ast: pairedRatio(samples, 'ast', 'analyze'), utils: pairedRatio(samples, 'utils', 'analyze') },
  };
}

interface GrowthResult {
  id: string;
  grows: string;
  lines: number;
  small: Spread;
  large: Spread;
  /** Null when no round could be paired (see pairedRatio). */
  ratio: Spread | null;
}

function measureGrowth(lines: number, options: InterleaveOptions, only: readonly string[] | null): GrowthResult[] {
  const results: GrowthResult[] = [];
  for (const input of GROWTH_INPUTS) {
    if (only && !only.includes(input.id)) continue;
    const small = variants(input.text(lines));
    const large = variants(input.text(2 * lines));
    const samples = interleave(
      [
        { id: 'small', run: (call) => analyze(small[call % VARIANTS]!) },
        { id: 'large', run: (call) => analyze(large[call % VARIANTS]!) },
      ],
      options,
    );
    results.push({
      id: input.id,
      grows: input.grows,
      lines,
      small: spread(samples.get('small')!),
      large: spread(samples.get('large')!),
      ratio: pairedRatio(samples, 'large', 'small'),
    });
  }
  return results;
}

/** The 60,000-line continuation: the first call here, then the median of a few more. */
function measureContinuation(): { lines: number; bytes: number; first: number; median: number } {
  const texts = variants(longContinuation());
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const start = cpuMs();
    analyze(texts[i % VARIANTS]!);
    times.push(cpuMs() - start);
  }
  return { lines: texts[0]!.split('\n').length - 1, bytes: texts[0]!.length, first: times[0]!, median: spread(times.slice(1)).median };
}

function loadLine(): string {
  const [one, five, fifteen] = os.loadavg();
  return `load average ${one!.toFixed(2)}, ${five!.toFixed(2)}, ${fifteen!.toFixed(2)} on ${os.cpus().length} CPUs`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const options: InterleaveOptions = args.quick ? { ...INTERLEAVE_DEFAULTS, minRounds: 12, minMs: 600, warmupMs: 300 } : INTERLEAVE_DEFAULTS;
  const cpus = os.cpus();
  const environment = {
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    loadBefore: os.loadavg(),
    loadAfter: [] as number[],
    dockerfileAst: packageVersion('dockerfile-ast'),
    dockerfileUtils: packageVersion('dockerfile-utils'),
    options,
  };
  const say = (line = ''): void => {
    if (!args.json) console.log(line);
  };
  say(`Node ${environment.node} · ${environment.platform} · ${environment.cpu} · ${loadLine()} (before)`);
  say(`dockerfile-ast ${environment.dockerfileAst} · dockerfile-utils ${environment.dockerfileUtils}`);
  say(
    `CPU time per call, interleaved: ≥${options.warmupMs} ms warm-up per subject, then ≥${options.minRounds} rounds and ≥${options.minMs} ms (≤${options.maxMs} ms)`,
  );
  say();

  const progress = !args.json && process.stderr.isTTY;
  const results: InputResult[] = [];
  for (const input of args.inputs) {
    for (const size of args.sizes) {
      if (progress) process.stderr.write(`  measuring the ${INPUTS[input].label} input at ${size} lines…\x1b[K\r`);
      results.push(measureInput(input, size, options));
    }
  }
  if (progress) process.stderr.write('\x1b[K');
  printTable(results, say);

  let growth: GrowthResult[] = [];
  if (args.growth) {
    const growthOptions = { ...options, minRounds: args.quick ? 8 : 12, minMs: args.quick ? 300 : 700, warmupMs: 200 };
    if (progress) process.stderr.write('  measuring growth…\x1b[K\r');
    growth = measureGrowth(
      args.quick ? 1500 : 3000,
      growthOptions,
      args.quick ? ['continuation', 'heredoc', 'from-chain', 'env-chain', 'undefined-vars', 'many-runs'] : null,
    );
    if (progress) process.stderr.write('\x1b[K');
    printGrowth(growth, say);
  }
  const continuation = measureContinuation();
  say();
  say(
    `The ${continuation.lines.toLocaleString('en-US')}-line continuation (${(continuation.bytes / 1024).toFixed(0)} KB): ${fmt(continuation.first)} ms the first time, ${fmt(continuation.median)} ms after (CPU).`,
  );

  environment.loadAfter = os.loadavg();
  const goals = goalReport(results, continuation);
  say();
  for (const goal of goals)
    say(`Goal — ${goal.statement}: ${goal.met === null ? 'not measured' : goal.met ? 'MET' : 'NOT MET'}${goal.figures ? ` (${goal.figures})` : ''}.`);
  say();
  say(`${loadLine()} (after).`);
  if (args.json) console.log(JSON.stringify({ environment, results, growth, continuation, goals }, null, 2));
}

function goalReport(results: InputResult[], continuation: { median: number }): Array<{ statement: string; met: boolean | null; figures: string }> {
  const ratioGoal = (goal: { ratio: number; sizes: number[]; statement: string }, key: 'ast' | 'utils') => {
    const rows = results.filter((r) => goal.sizes.includes(r.requestedLines));
    const measured = rows.length === goal.sizes.length * Object.keys(INPUTS).length;
    return {
      statement: goal.statement,
      // A ratio no round could measure (null) is not a goal met.
      met: measured ? rows.every((r) => (r.ratios[key]?.median ?? 0) >= goal.ratio) : null,
      figures: rows
        .map((r) => `${INPUTS[r.input].label} ${r.lines} lines: ${r.ratios[key] ? `${r.ratios[key].median.toFixed(1)}×` : 'not measured'}`)
        .join(', '),
    };
  };
  return [
    ratioGoal(GOALS.validate, 'utils'),
    ratioGoal(GOALS.parse, 'ast'),
    { statement: GOALS.continuation.statement, met: continuation.median < GOALS.continuation.ms, figures: `${fmt(continuation.median)} ms` },
  ];
}

function printTable(results: InputResult[], say: (line?: string) => void): void {
  const ids = Object.keys(SUBJECTS) as SubjectId[];
  const header = ['input', ...ids.map((id) => `${SUBJECTS[id].label} ms`), 'ast ÷ analyze', 'validate ÷ analyze'];
  const rows = results.map((r) => [
    `${INPUTS[r.input].label}, ${r.lines} lines, ${(r.bytes / 1024).toFixed(1)} KB, ${r.stages} stages`,
    ...ids.map((id) => fmtSpread(r.subjects[id]!)),
    fmtRatio(r.ratios.ast),
    fmtRatio(r.ratios.utils),
  ]);
  printRows(header, rows, say);
  say('ms: CPU time per call, median [p25–p75]; ratios: paired by round, median [p10–p90].');
  for (const r of results) {
    if (r.diagnostics.analyze > 0 || r.diagnostics.validate > 0)
      say(`note: the ${INPUTS[r.input].label} ${r.lines}-line input gives ${r.diagnostics.analyze} analyze / ${r.diagnostics.validate} validate diagnostics.`);
  }
}

function printGrowth(growth: GrowthResult[], say: (line?: string) => void): void {
  say();
  say(`Growth: analyze() at n and 2n lines (n = ${growth[0]?.lines ?? 0}), CPU ms per call; about 2× is linear.`);
  const rows = growth.map((g) => [
    g.id,
    g.grows,
    fmtSpread(g.small),
    fmtSpread(g.large),
    g.ratio === null ? '–' : `${g.ratio.median.toFixed(2)}×${g.ratio.median > GROWTH_FLAG ? '  ← super-linear?' : ''}`,
  ]);
  printRows(['input', 'what grows', 'n lines', '2n lines', '2n ÷ n'], rows, say);
}

function printRows(header: string[], rows: string[][], say: (line?: string) => void): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  say(line(header));
  say(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const row of rows) say(line(row));
}

function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3);
}

function fmtSpread(s: Spread): string {
  return `${fmt(s.median)} [${fmt(s.p25)}–${fmt(s.p75)}]`;
}

function fmtRatio(s: Spread | null): string {
  return s === null ? '–' : `${s.median.toFixed(1)}× [${s.p10.toFixed(1)}–${s.p90.toFixed(1)}]`;
}

function packageVersion(name: string): string {
  try {
    return (createRequire(import.meta.url)(`${name}/package.json`) as { version: string }).version;
  } catch {
    return '?';
  }
}

await main();
