// npm run bench — how fast is the analyzer next to its peers on realistic Dockerfiles?
//
//   npm run bench                          table for ~30, ~300 and ~3,000 lines
//   npm run -s bench -- --json             the same figures as JSON on stdout (for machines)
//   npm run bench -- --sizes=3000 --only=analyze
//                                          one size / one subject (e.g. under a profiler:
//                                          npx node --cpu-prof scripts/bench.ts --only=analyze)
//
// In one process, for each size: analyze() from src/analyzer, dockerfile-ast's
// DockerfileParser.parse() and dockerfile-utils' validate(), each warmed up and then timed
// (time-boxed, median and p95 per call). It reports figures and whether the goal
// "analyze ≥ 10× faster than dockerfile-utils' validate at 300 and 3,000 lines" is met;
// it never fails on them (exit code 0 unless the script itself breaks). A line per size
// after the table shows analyze(text, { rules: false }) too: the core (parse, stages,
// build plan) against what the lint rules add — a figure, not part of the goal.

import { createRequire } from 'node:module';
import os from 'node:os';
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { analyze } from '../src/analyzer/index.ts';
import { generateDockerfile } from './bench/generate.ts';
import { DEFAULTS, measure, type Timing } from './bench/measure.ts';

const SUBJECTS = {
  analyze: { label: 'analyze', run: (text: string): unknown => analyze(text) },
  ast: { label: 'dockerfile-ast parse', run: (text: string): unknown => DockerfileParser.parse(text) },
  utils: { label: 'dockerfile-utils validate', run: (text: string): unknown => validate(text) },
  core: { label: 'analyze (rules: false)', run: (text: string): unknown => analyze(text, { rules: false }) },
} as const;
type SubjectId = keyof typeof SUBJECTS;

const GOAL_RATIO = 10;
const GOAL_SIZES = [300, 3000];
const SEED = 42;

interface Args {
  json: boolean;
  sizes: number[];
  only: SubjectId[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = { json: false, sizes: [30, 300, 3000], only: Object.keys(SUBJECTS) as SubjectId[] };
  for (const arg of argv) {
    if (arg === '--json') args.json = true;
    else if (arg.startsWith('--sizes=')) args.sizes = arg.slice(8).split(',').map(Number).filter((n) => n > 0);
    else if (arg.startsWith('--only=')) {
      const ids = arg.slice(7).split(',');
      const unknown = ids.filter((id) => !(id in SUBJECTS));
      if (unknown.length) throw new Error(`--only: unknown subject(s) ${unknown.join(', ')}; use ${Object.keys(SUBJECTS).join(', ')}`);
      args.only = ids as SubjectId[];
    } else if (arg === '--help' || arg === '-h') {
      console.log('usage: node scripts/bench.ts [--json] [--sizes=30,300,3000] [--only=analyze,ast,utils,core]');
      process.exit(0);
    } else throw new Error(`unknown argument ${arg} (try --help)`);
  }
  return args;
}

interface SizeResult {
  requestedLines: number;
  lines: number;
  bytes: number;
  stages: number;
  /** Sanity: the generated file is valid, so these should be 0. */
  analyzeDiagnostics: number;
  validateDiagnostics: number;
  timings: Partial<Record<SubjectId, Timing>>;
  /** Median time of the peer divided by analyze's median (how many times faster analyze is). */
  ratios: { astOverAnalyze: number | null; utilsOverAnalyze: number | null };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const cpus = os.cpus();
  const environment = {
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    loadAverage1m: Number(os.loadavg()[0]!.toFixed(2)),
    dockerfileAst: packageVersion('dockerfile-ast'),
    dockerfileUtils: packageVersion('dockerfile-utils'),
    measure: DEFAULTS,
  };
  if (!args.json) {
    console.log(`Node ${environment.node} · ${environment.platform} · ${environment.cpu} × ${environment.cpuCount} · load ${environment.loadAverage1m}`);
    console.log(`dockerfile-ast ${environment.dockerfileAst} · dockerfile-utils ${environment.dockerfileUtils} · inputs generated with seed ${SEED}`);
    console.log(`each: ≥${DEFAULTS.warmupMs} ms warm-up, then ≥${DEFAULTS.minMs} ms and ≥${DEFAULTS.minSamples} samples (cap ${DEFAULTS.maxMs} ms)\n`);
  }

  const progress = !args.json && process.stderr.isTTY;
  const results: SizeResult[] = [];
  for (const size of args.sizes) {
    const generated = generateDockerfile(size, SEED);
    const text = generated.text;
    const result: SizeResult = {
      requestedLines: size,
      lines: generated.lines,
      bytes: text.length,
      stages: generated.stages,
      analyzeDiagnostics: analyze(text).diagnostics.length,
      validateDiagnostics: args.only.includes('utils') ? validate(text).length : 0,
      timings: {},
      ratios: { astOverAnalyze: null, utilsOverAnalyze: null },
    };
    for (const id of args.only) {
      if (progress) process.stderr.write(`  measuring ${SUBJECTS[id].label} on ${generated.lines} lines…\x1b[K\r`);
      result.timings[id] = await measure(() => SUBJECTS[id].run(text));
    }
    if (progress) process.stderr.write('\x1b[K');
    const base = result.timings.analyze?.median;
    if (base) {
      if (result.timings.ast) result.ratios.astOverAnalyze = result.timings.ast.median / base;
      if (result.timings.utils) result.ratios.utilsOverAnalyze = result.timings.utils.median / base;
    }
    results.push(result);
  }

  const goalRows = results.filter((r) => GOAL_SIZES.includes(r.requestedLines));
  const goalRatios = goalRows.map((r) => r.ratios.utilsOverAnalyze);
  const goal = {
    statement: `analyze ≥ ${GOAL_RATIO}× faster than dockerfile-utils' validate at ${GOAL_SIZES.map((n) => n.toLocaleString('en-US')).join(' and ')} lines (median)`,
    measured: goalRows.length === GOAL_SIZES.length && goalRatios.every((x) => x !== null),
    met: goalRows.length === GOAL_SIZES.length && goalRatios.every((x) => x !== null && x >= GOAL_RATIO),
    ratios: Object.fromEntries(goalRows.map((r) => [r.requestedLines, r.ratios.utilsOverAnalyze])),
  };

  if (args.json) {
    console.log(JSON.stringify({ environment, results, goal }, null, 2));
    return;
  }
  printTable(results, args.only);
  printCore(results);
  console.log();
  if (!goal.measured) console.log(`Goal — ${goal.statement}: not measured (needs sizes ${GOAL_SIZES.join(', ')} and subjects analyze, utils).`);
  else {
    const figures = goalRows.map((r) => `${r.lines} lines: ${fmtRatio(r.ratios.utilsOverAnalyze)}`).join(', ');
    console.log(`Goal — ${goal.statement}: ${goal.met ? 'MET' : 'NOT MET'} (${figures}).`);
  }
}

/** One line per size: the analyzer without its lint rules, and what the rules add. */
function printCore(results: SizeResult[]): void {
  const lines = results.filter((r) => r.timings.core);
  if (lines.length === 0) return;
  console.log();
  for (const r of lines) {
    const core = r.timings.core!;
    const full = r.timings.analyze?.median;
    // Measured apart from analyze, so on a busy machine the difference can even come out negative.
    const added = full === undefined ? null : full - core.median;
    const rules =
      added === null ? '' : added > 0 ? `; the rules add ${fmtMs(added)} ms (${Math.round((added / full!) * 100)} % of analyze)` : '; the rules add less than the measurement noise';
    console.log(`${SUBJECTS.core.label} on ${r.lines} lines: ${fmtMs(core.median)} / ${fmtMs(core.p95)} ms (median / p95, n=${core.calls})${rules}`);
  }
}

function printTable(results: SizeResult[], only: SubjectId[]): void {
  // analyze without its rules gets a line of its own after the table (printCore).
  only = only.filter((id) => id !== 'core');
  const header = ['input', ...only.map((id) => `${SUBJECTS[id].label} ms (median / p95)`)];
  if (only.includes('analyze') && only.includes('ast')) header.push('ast ÷ analyze');
  if (only.includes('analyze') && only.includes('utils')) header.push('utils ÷ analyze');
  const rows = results.map((r) => {
    const row = [`${r.lines} lines, ${(r.bytes / 1024).toFixed(1)} KB, ${r.stages} stages`];
    for (const id of only) {
      const t = r.timings[id]!;
      row.push(`${fmtMs(t.median)} / ${fmtMs(t.p95)}  (n=${t.calls})`);
    }
    if (only.includes('analyze') && only.includes('ast')) row.push(fmtRatio(r.ratios.astOverAnalyze));
    if (only.includes('analyze') && only.includes('utils')) row.push(fmtRatio(r.ratios.utilsOverAnalyze));
    return row;
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  const sanity = results.filter((r) => r.analyzeDiagnostics > 0 || r.validateDiagnostics > 0);
  for (const r of sanity) console.log(`note: the ${r.lines}-line input gives ${r.analyzeDiagnostics} analyze / ${r.validateDiagnostics} validate diagnostics (expected 0).`);
}

function fmtMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3);
}

function fmtRatio(ratio: number | null): string {
  return ratio === null ? '–' : `${ratio.toFixed(1)}×`;
}

function packageVersion(name: string): string {
  try {
    return (createRequire(import.meta.url)(`${name}/package.json`) as { version: string }).version;
  } catch {
    return '?';
  }
}

await main();
