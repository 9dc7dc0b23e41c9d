// Differential check: the analyzer of the working tree against the analyzer of an earlier
// commit, on thousands of Dockerfiles and option sets. Run it before committing a change
// that should make the analyzer faster without changing what it says:
//
//   node scripts/bench/compare-analyzers.ts                 against the merge base with main
//   node scripts/bench/compare-analyzers.ts --base=HEAD     against the last commit
//   node scripts/bench/compare-analyzers.ts --mutations=20000
//
// The inputs: every Dockerfile under tests/fixtures and content, every ```dockerfile fence
// of the lessons, every rule's examples, generated realistic and deep-chain files of
// several sizes, the growth inputs of scripts/bench/growth-inputs.ts, and seeded mutations
// of all of those (lines dropped, repeated, swapped; characters that matter to the parser
// inserted). Each is analyzed with several option sets, in a row, as the workbench and the
// playground do (which exercises any reuse between analyses of one text). The whole
// analysis is compared field by field, positions included; exit code 1 on any difference.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Analysis, AnalyzeOptions } from '../../src/analyzer/model.ts';
import { analyze } from '../../src/analyzer/index.ts';
import { RULES } from '../../src/analyzer/rules/index.ts';
import { Random } from '../../src/shared/random.ts';
import { analyzerAt } from './analyzer-at.ts';
import { generateDeepChain, generateDockerfile } from './generate.ts';
import { GROWTH_INPUTS } from './growth-inputs.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Args {
  base: string;
  mutations: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { base: '', mutations: 6000 };
  for (const arg of argv) {
    if (arg.startsWith('--base=')) args.base = arg.slice(7);
    else if (arg.startsWith('--mutations=')) args.mutations = Number(arg.slice(12));
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: node scripts/bench/compare-analyzers.ts [--base=<git ref>] [--mutations=6000]');
      process.exit(0);
    } else throw new Error(`unknown argument ${arg} (try --help)`);
  }
  if (args.base === '') {
    try {
      args.base = execFileSync('git', ['merge-base', 'HEAD', 'main'], { cwd: ROOT, encoding: 'utf8' }).trim();
    } catch {
      args.base = 'HEAD';
    }
  }
  return args;
}

// ---------------------------------------------------------------------------------------
// Inputs

function files(dir: string, match: (name: string) => boolean, into: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) files(path, match, into);
    else if (match(entry)) into.push(path);
  }
  return into.sort();
}

const FENCE = /^[ \t]*(`{3,}|~{3,})dockerfile\b[^\n]*\n([\s\S]*?)^[ \t]*\1[ \t]*$/gim;

function corpus(): string[] {
  const texts: string[] = [];
  for (const path of [...files(join(ROOT, 'tests', 'fixtures'), (n) => /dockerfile/i.test(n)), ...files(join(ROOT, 'content'), (n) => /dockerfile/i.test(n))]) {
    texts.push(readFileSync(path, 'utf8'));
  }
  for (const path of files(join(ROOT, 'content'), (n) => n.endsWith('.mdx') || n.endsWith('.md'))) {
    for (const match of readFileSync(path, 'utf8').matchAll(FENCE)) texts.push(match[2]!);
  }
  for (const rule of RULES) for (const example of [...rule.examples.valid, ...rule.examples.invalid]) texts.push(example.code);
  for (const lines of [10, 30, 100, 300, 1000]) {
    for (let seed = 1; seed <= 6; seed++) texts.push(generateDockerfile(lines, seed).text);
    texts.push(generateDeepChain(lines).text);
  }
  // Not `doubling`: past a million characters an expansion is cut short on purpose (expand.ts).
  for (const input of GROWTH_INPUTS) if (input.id !== 'doubling') for (const lines of [5, 40, 300]) texts.push(input.text(lines));
  return texts;
}

const INSERTS = [
  '\\\n',
  '\\',
  '`',
  '\n',
  '\r\n',
  '#',
  ' ',
  '\t',
  '$',
  '${',
  '}',
  '"',
  "'",
  '<<EOF\n',
  '\nEOF\n',
  '<<-X ',
  '--from=0 ',
  'AS ',
  ' as b',
  '[',
  ']',
  '=',
  ',',
  '\u00e9',
  '😀',
  '\nFROM scratch AS x\n',
  '\nARG A=${B:-c}\n',
  '\nENV A=$A$B\n',
  '\nCOPY --from=x / /\n',
  '\nRUN --mount=from=x ls\n',
  '\nSHELL ["pwsh"]\n',
  '\nONBUILD RUN x\n',
];

/** A seeded edit of `text`: what typing and pasting make of a Dockerfile on the way. */
function mutate(text: string, random: Random): string {
  let out = text;
  for (let edits = random.range(1, 4); edits > 0; edits--) {
    const lines = out.split('\n');
    const i = random.int(lines.length);
    switch (random.int(5)) {
      case 0:
        lines.splice(i, 1);
        out = lines.join('\n');
        break;
      case 1:
        lines.splice(i, 0, lines[i] ?? '');
        out = lines.join('\n');
        break;
      case 2: {
        const j = random.int(lines.length);
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        out = lines.join('\n');
        break;
      }
      default: {
        const at = random.int(out.length + 1);
        const cut = random.chance(0.3) ? random.int(4) : 0;
        out = out.slice(0, at) + random.pick(INSERTS) + out.slice(at + cut);
      }
    }
  }
  return out;
}

/** The option sets a text is analyzed with, in a row: what the workbench and the playground ask. */
function optionSets(text: string, analysis: Analysis): AnalyzeOptions[] {
  const names = analysis.stages.map((s) => s.name).filter((n): n is string => n !== null);
  const globalArg = Object.keys(analysis.globalArgs)[0];
  const sets: AnalyzeOptions[] = [{}, { rules: false }, { builder: 'classic' }, { builder: 'classic', rules: false }];
  for (const name of names.slice(0, 3)) sets.push({ target: name }, { target: name, builder: 'classic', rules: false });
  sets.push({ target: 'no-such-stage' });
  if (globalArg !== undefined) sets.push({ buildArgs: { [globalArg]: 'override:1' } }, { buildArgs: { [globalArg]: '' }, builder: 'classic' });
  if (text.includes('COPY')) sets.push({ dockerignore: '*.md\nnode_modules\n!keep.md\n' });
  return sets;
}

// ---------------------------------------------------------------------------------------
// Comparison

/** A plain, key-sorted copy of a value: own fields and any getters its classes define
 *  (so a lazily computed field compares like a stored one). */
function canonical(value: unknown, seen = new Set<object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[cycle]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => canonical(item, seen));
    const keys = new Set(Object.keys(value));
    for (let proto = Object.getPrototypeOf(value); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) if (descriptor.get) keys.add(key);
    }
    const out: Record<string, unknown> = {};
    for (const key of [...keys].sort()) {
      const field = (value as Record<string, unknown>)[key];
      if (field !== undefined && typeof field !== 'function') out[key] = canonical(field, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/** The first path where two canonical values differ. */
function firstDifference(a: unknown, b: unknown, path = 'analysis'): string | null {
  if (a === b) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return `${path}: ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const difference = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
    if (difference) return difference;
  }
  return null;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const old = await analyzerAt(args.base);
  try {
    const base = corpus();
    const random = new Random(0x5eed);
    const texts = [...base];
    for (let i = 0; i < args.mutations; i++) texts.push(mutate(random.pick(base), random));
    let comparisons = 0;
    const failures: string[] = [];
    for (const [index, text] of texts.entries()) {
      const first = old.analyze(text);
      for (const options of optionSets(text, first)) {
        comparisons++;
        const before = canonical(old.analyze(text, options));
        const after = canonical(analyze(text, options));
        const difference = firstDifference(before, after);
        if (difference)
          failures.push(
            `input ${index} (${text.length} chars) with ${JSON.stringify(options)}:\n  ${difference}\n  text: ${JSON.stringify(text.slice(0, 300))}`,
          );
      }
      if (failures.length >= 10) break;
    }
    console.log(
      `${comparisons} analyses of ${texts.length} texts compared with the analyzer of ${args.base.slice(0, 12)}: ${failures.length === 0 ? 'identical' : `${failures.length} differ`}`,
    );
    for (const failure of failures) console.log(failure);
    if (failures.length > 0) process.exitCode = 1;
  } finally {
    old.cleanup();
  }
}

await main();
