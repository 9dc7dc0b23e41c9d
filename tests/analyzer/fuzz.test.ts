// "No input makes analyze throw or hang": thousands of mutated and random Dockerfiles,
// generated from a fixed seed, each checked for a well-formed Analysis.
//
// Every input is generated from (seed, case, iteration) alone, so a failure can be
// replayed on its own:   FUZZ_REPLAY=mutated:123 npx vitest run tests/analyzer/fuzz.test.ts
// Other knobs: FUZZ_SEED=<n> (another corpus of inputs), FUZZ_SCALE=<x> (more or fewer).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import type { Analysis, AnalyzeOptions, Builder } from '../../src/analyzer/model.ts';
import { deriveSeed, Random } from '../../src/shared/random.ts';
import { Watchdog } from '../support/watchdog.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed_2024);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const REPLAY = process.env.FUZZ_REPLAY ?? null; // "case:iteration"
/** One analyze() call taking longer than this is reported as a (near-)hang: a call takes
 *  milliseconds, but the 6,000-stage chain below took 1.1 s on a 2-core machine running two
 *  suites and Docker builds at once (load average 46). This catches runaway work, not speed:
 *  speed is measured by `npm run bench`. */
const HANG_MS = 10_000;
/** Stop collecting after this many failures per case (the first ones are the useful ones). */
const MAX_FAILURES = 5;

// ---------------------------------------------------------------------------------------
// Corpus

const BUILDS_DIR = join(import.meta.dirname, '..', 'fixtures', 'builds');

function fixtureDockerfiles(): string[] {
  return readdirSync(BUILDS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(BUILDS_DIR, entry.name, 'Dockerfile'))
    .sort()
    .flatMap((path) => {
      try {
        return [readFileSync(path, 'utf8')];
      } catch {
        return [];
      }
    });
}

const TRICKY_SEEDS: readonly string[] = [
  // heredocs: several on a line, quoted, <<- with tabs, under ONBUILD, fake instructions inside
  'FROM alpine AS base\nRUN <<EOF\necho hi\nFROM evil\nEOF\nCOPY <<-"A" <<B /x/\n\tline\n\tA\nb\nB\nONBUILD RUN <<C\nc\nC\nRUN 3<<X cat <&3\nX\n',
  // backtick escape with continuation and a comment inside it
  '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win\nRUN dir `\n  # a comment in the middle\n  c:\\ `\n  /s\nCOPY --from=win C:\\a C:\\b\n',
  // continuations with comments and blank lines
  'FROM alpine\nRUN echo 1 \\\n# comment\n  && echo 2 \\\n\n  && echo 3 \\   \n  # last\n',
  // substitution forms in FROM and ARG defaults
  'ARG V=1\nARG W=${V:-x} X="${V:+y}" Y=\'$V\'\nFROM ${REG:-docker.io}/${IMG:+alpine}${TAG#v}${T%%-*}${X/a/b}${Y//a/b}:${V:?missing} AS s\nFROM ${V?} AS t\nFROM ${} AS u\nFROM ${:-x}\nFROM ${V:}\nFROM $\n',
  // CRLF line endings, continuation over CRLF
  'FROM alpine AS a\r\nRUN echo \\\r\n  hi\r\n\r\nCOPY --from=a / /\r\nRUN <<EOF\r\nx\r\nEOF\r\n',
  // byte-order mark before a directive
  '\ufeff# syntax=docker/dockerfile:1\n# escape=\\\nFROM alpine\n',
  // unicode: stage names, variables, line separators, astral characters
  'FROM alpine AS ünïcødé\nRUN echo "日本語 😀" \\\n  ${ÄÖ}\nLABEL x="\u2028\u2029" y=\u00a0\nFROM ünïcødé\nCOPY --from=ÜNÏCØDÉ / /\n',
  // a very long line
  'FROM alpine\nRUN ' + 'echo aaaaaaaa && '.repeat(400) + 'true\n',
  // nested substitutions
  'FROM ' + '${A:-'.repeat(60) + 'x' + '}'.repeat(60) + '\nFROM ${${A}}\nFROM ${A:-${B:+${C#${D}}}}\n',
  // unterminated quotes, braces and heredocs
  'FROM "alpine\nFROM \'x\nFROM ${A\nFROM ${A:-\nRUN echo "open\nRUN <<EOF\nno end here\n',
  // exec form and things that look like it
  'FROM a\nCMD ["a", "b"\nENTRYPOINT [1, 2]\nRUN ["sh", "-c", "echo"] trailing\nSHELL [\nCMD ["\\u00e9", "\\"", "\\\\"]\nCMD [ ]\nCMD [{"a": 1}]\nVOLUME ["/a", "/b"]\n',
  // directives: repeated, invalid, after a comment
  '# syntax=x\n# escape=\\\n# escape=`\n# check=skip=all\n#escape=x\nFROM a\n# escape=`\n',
  '# escape=x\nFROM a\n',
  // flags and mounts, numeric --from forms
  'FROM a AS b\nRUN --mount=type=bind,FROM=b,target=/x --network=none echo\nRUN --mount=from=9 x\nCOPY --from=-1 / /\nCOPY --from=+0 / /\nCOPY --from= / /\nCOPY --from / /\nCOPY --chown=1:1 --link -- --from=b /\nFROM --platform=$BUILDPLATFORM b AS c\n',
  // instructions before FROM, ARG-only files, empty-ish files
  'ARG A=1\nARG B\n',
  'ENV A=1\nRUN x\nFROM a\n',
  '',
  '\n',
  ' \t\r\n',
  '#',
  '\\',
  '`',
  'FROM',
  'FROM a AS',
  'FROM a AS b c',
  'FROM a as B\nfrom b AS c\ncopy --FROM=B / /\n',
];

// ---------------------------------------------------------------------------------------
// Generators

const ALPHABET: readonly string[] = [
  '\\',
  '`',
  '$',
  '{',
  '}',
  '<<',
  '<<-',
  '"',
  "'",
  '#',
  '\n',
  '\r',
  '\t',
  ' ',
  ' ',
  ' ',
  '--from=',
  'AS ',
  'FROM ',
  'COPY --from=',
  'RUN <<EOF',
  '\nEOF\n',
  'EOF',
  '${',
  ':-',
  ':+',
  '%%',
  '##',
  '/',
  '*',
  '?',
  '[',
  ']',
  ',',
  '=',
  ':',
  '-',
  '0',
  '1',
  'a',
  'b',
  'Z',
  'é',
  '😀',
  '\u2028',
  '\0',
  '\ufeff',
  '\r\n',
  ' \\\n',
  'ARG ',
  'ENV ',
  '--mount=type=bind,from=',
  'ONBUILD ',
  '"EOF"',
  'build',
  'scratch',
  '@sha256:',
  '--platform=',
  '# escape=`\n',
  '\v',
  '\f',
];

const KEYWORDS: readonly string[] = [
  'FROM',
  'RUN',
  'COPY',
  'ADD',
  'ARG',
  'ENV',
  'CMD',
  'ENTRYPOINT',
  'LABEL',
  'WORKDIR',
  'USER',
  'EXPOSE',
  'VOLUME',
  'SHELL',
  'ONBUILD',
  'HEALTHCHECK',
  'STOPSIGNAL',
  'MAINTAINER',
  'from',
  'Run',
  'CPY',
  'FORM',
  '#',
  '',
];

function randomToken(r: Random): string {
  return r.weighted<() => string>([
    [8, () => r.pick(ALPHABET)],
    [1, () => String.fromCharCode(r.int(0x10000))], // any UTF-16 unit, lone surrogates included
    [1, () => String.fromCharCode(0x20 + r.int(0x5f))],
  ])();
}

function randomLine(r: Random): string {
  let line = r.pick(KEYWORDS);
  const n = r.int(8);
  for (let i = 0; i < n; i++) line += (r.chance(0.5) ? ' ' : '') + randomToken(r);
  return line + (r.chance(0.3) ? randomToken(r) : '');
}

type Mutation = (r: Random, text: string, corpus: readonly string[]) => string;

const lines = (text: string): string[] => text.split('\n');
const join_ = (parts: string[]): string => parts.join('\n');

const MUTATIONS: ReadonlyArray<readonly [number, Mutation]> = [
  [
    3,
    (r, t) => {
      const l = lines(t);
      l.splice(r.int(l.length), 1);
      return join_(l);
    },
  ], // delete line
  [
    3,
    (r, t, c) => {
      // insert a line from another file, or a random one
      const l = lines(t);
      const line = r.chance(0.6) ? r.pick(lines(r.pick(c))) : randomLine(r);
      l.splice(r.int(l.length + 1), 0, line);
      return join_(l);
    },
  ],
  [
    2,
    (r, t) => {
      const l = lines(t);
      const i = r.int(l.length);
      l.splice(i, 0, l[i]!);
      return join_(l);
    },
  ], // duplicate line
  [
    2,
    (r, t) => {
      // swap two lines
      const l = lines(t);
      const i = r.int(l.length);
      const j = r.int(l.length);
      [l[i], l[j]] = [l[j]!, l[i]!];
      return join_(l);
    },
  ],
  [
    6,
    (r, t) => {
      // insert tokens at a random point
      const at = r.int(t.length + 1);
      let ins = '';
      for (let n = r.range(1, 4); n > 0; n--) ins += randomToken(r);
      return t.slice(0, at) + ins + t.slice(at);
    },
  ],
  [
    3,
    (r, t) => {
      const at = r.int(t.length + 1);
      return t.slice(0, at) + t.slice(at + r.range(1, 12));
    },
  ], // delete chars
  [
    2,
    (r, t) => {
      const at = r.int(t.length);
      return t.slice(0, at) + randomToken(r) + t.slice(at + 1);
    },
  ], // replace char
  [2, (r, t) => t.slice(0, r.int(t.length + 1))], // truncate
  [
    2,
    (r, t, c) => {
      const o = r.pick(c);
      return t.slice(0, r.int(t.length + 1)) + o.slice(r.int(o.length + 1));
    },
  ], // splice
  [
    1,
    (r, t) => {
      // repeat a block of lines
      const l = lines(t);
      const i = r.int(l.length);
      const block = l.slice(i, i + r.range(1, 5));
      for (let n = r.range(1, 8); n > 0; n--) l.splice(i, 0, ...block);
      return join_(l);
    },
  ],
  [
    1,
    (r, t) => {
      const l = lines(t);
      const i = r.int(l.length);
      l[i] = r.chance(0.5) ? l[i]!.toLowerCase() : l[i]!.toUpperCase();
      return join_(l);
    },
  ],
  [
    1,
    (r, t) =>
      r.pick<(s: string) => string>([
        (s) => s.replace(/\r?\n/g, '\r\n'),
        (s) => s.replace(/\r/g, ''),
        (s) => '\ufeff' + s,
        (s) => s.replace(/\\/g, '`'),
        (s) => '# escape=`\n' + s,
        (s) => s.replace(/\n/g, ' \\\n'),
      ])(t),
  ],
];

function mutate(r: Random, text: string, corpus: readonly string[], count: number): string {
  let out = text;
  for (let i = 0; i < count; i++) out = r.weighted(MUTATIONS)(r, out, corpus);
  return out;
}

/** Large inputs of a few to a few tens of KB, shaped to stress linear-time assumptions. */
function largeInput(r: Random, corpus: readonly string[]): string {
  return r.weighted<() => string>([
    [
      4,
      () => {
        // many files back to back, lightly mutated
        const parts: string[] = [];
        for (let n = r.range(10, 60); n > 0; n--) parts.push(mutate(r, r.pick(corpus), corpus, r.int(2)));
        return parts.join('\n');
      },
    ],
    [
      1,
      () =>
        'FROM a\nRUN ' +
        r.string(
          r.range(5000, 40000),
          ALPHABET.filter((t) => !t.includes('\n')),
        ) +
        '\n',
    ], // one long line
    [1, () => 'FROM a\nRUN a \\\n' + r.pick([' b \\\n', '\n', '# c\n', '  \\\n']).repeat(r.range(1000, 8000)) + 'c\n'], // long continuation
    [
      1,
      () => {
        // many stages referring to each other
        const n = r.range(100, 800);
        let s = '';
        for (let i = 0; i < n; i++) {
          s += `FROM ${r.chance(0.3) && i > 0 ? `s${r.int(i)}` : 'alpine'} AS s${i}\n`;
          if (r.chance(0.7)) s += `COPY --from=${r.chance(0.2) ? r.int(n + 2) - 1 : `s${r.int(n)}`} /a /b\n`;
          if (r.chance(0.2)) s += `RUN --mount=type=bind,from=s${r.int(n)},target=/m true\n`;
        }
        return s;
      },
    ],
    [1, () => 'FROM a\nRUN <<EOF\n' + 'line $x ${y}\n'.repeat(r.range(1000, 5000)) + (r.chance(0.5) ? 'EOF\n' : '')], // big heredoc
    [
      1,
      () => {
        // nesting well below the depth where it is known to overflow (see the skipped tests)
        const d = r.range(50, 400);
        return `FROM ${'${A:-'.repeat(d)}x${r.chance(0.5) ? '}'.repeat(d) : ''}\n`;
      },
    ],
    [1, () => 'FROM a\nCMD ' + '['.repeat(r.range(1000, 20000)) + (r.chance(0.5) ? ']'.repeat(r.range(0, 20000)) : '')],
    [1, () => r.string(r.range(5000, 30000), ALPHABET)], // big noise
  ])();
}

interface Case {
  text: string;
  /** Options for the third run; the first two use the defaults of each builder. */
  options: AnalyzeOptions;
}

function randomOptions(r: Random, text: string): AnalyzeOptions {
  const names = [...text.matchAll(/\bAS[ \t]+(\S+)/gi)].map((m) => m[1]!);
  const args = [...text.matchAll(/\bARG[ \t]+([^\s=]+)/gi)].map((m) => m[1]!);
  const options: AnalyzeOptions = {};
  if (r.chance(0.8)) options.builder = r.pick<Builder>(['buildkit', 'classic']);
  if (r.chance(0.7)) {
    options.target = r.weighted<() => string | null>([
      [5, () => (names.length ? r.pick(names) : 'build')],
      [2, () => (names.length ? r.pick(names).toUpperCase() : 'BUILD')],
      [1, () => String(r.int(4))],
      [1, () => r.string(r.int(6), ALPHABET)],
      [1, () => null],
    ])();
  }
  if (r.chance(0.5)) {
    const buildArgs: Record<string, string> = {};
    for (let n = r.int(4); n > 0; n--) {
      const key = args.length && r.chance(0.7) ? r.pick(args) : r.pick(['TAG', 'BASE', 'V', '__proto__', 'constructor', '']);
      buildArgs[key] = r.string(r.int(8), ALPHABET);
    }
    options.buildArgs = buildArgs;
  }
  if (r.chance(0.3)) {
    const patterns = ['node_modules', '*', '!src', '**/*.md', '.git', 'Dockerfile', '/build', '#c', '', '!', '[', 'dist/**'];
    options.dockerignore = Array.from({ length: r.int(6) }, () => (r.chance(0.8) ? r.pick(patterns) : r.string(r.int(6), ALPHABET))).join(
      r.pick(['\n', '\r\n']),
    );
  }
  if (r.chance(0.15)) options.rules = false;
  return options;
}

const CASES = {
  /** A fixture or tricky seed with 1-4 mutations. */
  mutated: { count: 3000, make: (r: Random, c: readonly string[]) => mutate(r, r.pick(c), c, r.range(1, 4)) },
  /** Two files spliced at random points, then mutated once. */
  spliced: {
    count: 600,
    make: (r: Random, c: readonly string[]) => {
      const a = r.pick(c);
      const b = r.pick(c);
      return mutate(r, a.slice(0, r.int(a.length + 1)) + b.slice(r.int(b.length + 1)), c, 1);
    },
  },
  /** Pure noise from the Dockerfile-flavoured alphabet, and random keyword lines. */
  random: {
    count: 1200,
    make: (r: Random) =>
      r.chance(0.5)
        ? Array.from({ length: r.int(30) }, () => randomLine(r)).join(r.pick(['\n', '\r\n', '\n\n']))
        : Array.from({ length: r.int(300) }, () => randomToken(r)).join(''),
  },
  /** A few KB to a few tens of KB. */
  large: { count: 100, make: largeInput },
} as const satisfies Record<string, { count: number; make: (r: Random, c: readonly string[]) => string }>;

type CaseName = keyof typeof CASES;

function generate(name: CaseName, iteration: number, corpus: readonly string[]): Case {
  const r = new Random(deriveSeed(SEED ^ hash(name), iteration));
  const text = CASES[name].make(r, corpus);
  return { text, options: randomOptions(r, text) };
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------
// Checks

/** Expected 1-based line/column of an offset (UTF-16 units, lines split at `\n`). */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isPosition = (v: unknown): boolean => isObject(v) && typeof v.offset === 'number' && typeof v.line === 'number' && typeof v.column === 'number';
const isRange = (v: unknown): v is { start: Record<string, number>; end: Record<string, number> } => isObject(v) && isPosition(v.start) && isPosition(v.end);
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function formatPath(path: readonly string[]): string {
  return path.map((key, i) => (i === 0 ? key : /^\d+$/.test(key) ? `[${key}]` : `.${key}`)).join('');
}

/** Walks the whole model: plain data only, every Range well-formed. Returns the first problem.
 *  `path` is a stack of keys, joined only when there is something to report. Objects the
 *  model shares (a stage's instructions) are simply visited twice. */
function checkTree(value: unknown, path: string[], text: string, index: LineIndex): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  const at = (): string => formatPath(path);
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${at()} is ${value}`;
  if (value === undefined) return path[1] === 'globalArgs' ? null : `${at()} is undefined (not plain data)`;
  if (typeof value !== 'object') return `${at()} is a ${typeof value} (not plain data)`;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null)
    return `${at()} is a ${value.constructor?.name ?? 'non-plain object'} (not plain data)`;
  if (isRange(value)) {
    const { start, end } = value;
    if (!(start.offset! >= 0 && end.offset! <= text.length)) return `${at()} offsets ${start.offset}..${end.offset} outside [0, ${text.length}]`;
    if (start.offset! > end.offset!) return `${at()} starts after it ends (${start.offset} > ${end.offset})`;
    for (const [which, pos] of [
      ['start', start],
      ['end', end],
    ] as const) {
      if (!Number.isInteger(pos.offset)) return `${at()}.${which}.offset is not an integer`;
      const want = index.at(pos.offset!);
      if (pos.line !== want.line || pos.column !== want.column) {
        return `${at()}.${which} says ${pos.line}:${pos.column} but offset ${pos.offset} is ${want.line}:${want.column}`;
      }
    }
    return null;
  }
  for (const key in value) {
    path.push(key);
    const problem = checkTree((value as Record<string, unknown>)[key], path, text, index);
    path.pop();
    if (problem) return problem;
  }
  return null;
}

/** `full`: serialise and walk the whole model; otherwise only the parts that depend on the
 *  options (the parse, identical for every run on one text, is checked once per text). */
function checkAnalysis(a: Analysis, text: string, options: AnalyzeOptions, index: LineIndex, full: boolean): string | null {
  if (!isObject(a)) return 'analyze returned no object';
  try {
    // Later runs on the same text share the parse; serialise what the options change.
    JSON.stringify(full ? a : [a.diagnostics, a.edges, a.plan, a.target, a.globalArgs, a.stages.map((s) => s.base)]);
  } catch (error) {
    return `JSON.stringify(analysis) throws: ${String(error)}`;
  }
  // After JSON.stringify, which has ruled out cycles.
  if (full) {
    const tree = checkTree(a, ['analysis'], text, index);
    if (tree) return tree;
  } else {
    for (const key of ['diagnostics', 'edges', 'plan', 'target', 'globalArgs'] as const) {
      const tree = checkTree(a[key], ['analysis', key], text, index);
      if (tree) return tree;
    }
  }

  for (const [i, d] of a.diagnostics.entries()) {
    if (typeof d.id !== 'string' || !KEBAB.test(d.id)) return `diagnostics[${i}].id ${JSON.stringify(d.id)} is not a kebab-case id`;
    if (typeof d.message !== 'string' || d.message.trim() === '') return `diagnostics[${i}] (${d.id}) has an empty message`;
    if (typeof d.hint !== 'string' || d.hint.trim() === '') return `diagnostics[${i}] (${d.id}) has an empty hint`;
    if (!['error', 'warning', 'info'].includes(d.severity)) return `diagnostics[${i}] (${d.id}) severity ${d.severity}`;
    if (d.builder !== undefined && d.builder !== 'buildkit' && d.builder !== 'classic') return `diagnostics[${i}] builder ${d.builder}`;
    if (!isRange(d.range)) return `diagnostics[${i}] (${d.id}) has no range`;
  }

  const stageCount = a.stages.length;
  for (const [i, s] of a.stages.entries()) if (s.index !== i) return `stages[${i}].index is ${s.index}`;
  const planned = a.plan.stages;
  for (const [i, s] of planned.entries()) {
    if (!Number.isInteger(s) || s < 0 || s >= stageCount) return `plan.stages[${i}] = ${s} is no stage index (${stageCount} stages)`;
    if (i > 0 && s <= planned[i - 1]!) return `plan.stages ${JSON.stringify(planned)} not strictly ascending`;
  }
  const hasError = a.diagnostics.some((d) => d.severity === 'error');
  if (a.plan.fails !== hasError) return `plan.fails is ${a.plan.fails} but ${hasError ? 'an' : 'no'} error diagnostic`;
  const builder = options.builder ?? 'buildkit';
  if (a.plan.builder !== builder) return `plan.builder ${a.plan.builder}, asked for ${builder}`;
  // An empty --target means the default (last) stage, as in `docker build --target ''`.
  if (a.target.requested !== (options.target || null)) return `target.requested ${JSON.stringify(a.target.requested)}`;
  if (!(a.target.index >= -1 && a.target.index < stageCount)) return `target.index ${a.target.index} (${stageCount} stages)`;
  if (!a.plan.fails && !planned.includes(a.target.index))
    return `build succeeds but the target ${a.target.index} is not in plan.stages ${JSON.stringify(planned)}`;
  if (a.plan.stoppedAt && !(a.plan.stoppedAt.stage >= 0 && a.plan.stoppedAt.stage < stageCount)) return `plan.stoppedAt.stage ${a.plan.stoppedAt.stage}`;
  if (a.plan.stoppedAt && !a.plan.fails) return 'plan.stoppedAt set on a build that does not fail';
  for (const [i, ins] of a.instructions.entries()) {
    if (!(ins.stage >= -1 && ins.stage < stageCount)) return `instructions[${i}].stage ${ins.stage}`;
  }
  for (const [i, e] of a.edges.entries()) {
    if (!(e.stage >= 0 && e.stage < stageCount)) return `edges[${i}].stage ${e.stage}`;
    if (e.target.kind === 'stage' && !(e.target.index >= 0 && e.target.index < stageCount)) return `edges[${i}] targets stage ${e.target.index}`;
  }
  if (a.escape !== '\\' && a.escape !== '`') return `escape ${JSON.stringify(a.escape)}`;
  return null;
}

// ---------------------------------------------------------------------------------------
// Runner

const watchdog = new Watchdog(HANG_MS * 3);
afterAll(() => watchdog.stop());

function describeInput(label: string, text: string, options: AnalyzeOptions, limit = 1500): string {
  const json = JSON.stringify(text);
  return `${label}\noptions: ${JSON.stringify(options)}\ninput (${text.length} chars, JSON): ${json.length > limit ? `${json.slice(0, limit)}… [truncated]` : json}`;
}

/** Runs analyze three ways on one input; returns a problem description or null. */
function runOne(label: string, text: string, options: AnalyzeOptions): string | null {
  const index = new LineIndex(text);
  watchdog.arm(describeInput(label, text, options, 3000));
  try {
    for (const [run, opts] of ([{ builder: 'buildkit' }, { builder: 'classic' }, options] satisfies AnalyzeOptions[]).entries()) {
      const started = performance.now();
      let analysis: Analysis;
      try {
        analysis = analyze(text, opts);
      } catch (error) {
        const stack = error instanceof Error ? (error.stack ?? '').split('\n').slice(0, 4).join('\n') : String(error);
        return describeInput(`${label}: analyze threw\n${stack}`, text, opts);
      }
      const elapsed = performance.now() - started;
      if (elapsed > HANG_MS) return describeInput(`${label}: analyze took ${elapsed.toFixed(0)} ms`, text, opts);
      const problem = checkAnalysis(analysis, text, opts, index, run === 0);
      if (problem) return describeInput(`${label}: ${problem}`, text, opts);
    }
    return null;
  } finally {
    watchdog.disarm();
  }
}

const corpus: readonly string[] = [...fixtureDockerfiles(), ...TRICKY_SEEDS];

function report(failures: string[]): void {
  if (failures.length > 0) expect.fail(`${failures.length} failing input(s), seed ${SEED}:\n\n${failures.join('\n\n')}`);
}

// Thousands of analyses per case: on a loaded 2-core CI machine one case can take tens of
// seconds, which is not a failure. Hangs are caught per input by the watchdog instead.
describe('analyze survives any input', { timeout: 180_000 }, () => {
  it('has a corpus to mutate', () => {
    expect(corpus.length).toBeGreaterThan(TRICKY_SEEDS.length);
  });

  if (REPLAY) {
    it(`replays ${REPLAY}`, () => {
      const [name, iteration] = REPLAY.split(':') as [CaseName, string];
      const { text, options } = generate(name, Number(iteration), corpus);
      report([runOne(`seed=${SEED} ${REPLAY}`, text, options)].filter((f): f is string => f !== null));
    });
    return;
  }

  it('on the seeds as written, with several targets and build args', () => {
    const failures: string[] = [];
    for (const [i, text] of corpus.entries()) {
      const r = new Random(deriveSeed(SEED, i));
      for (let k = 0; k < 4 && failures.length < MAX_FAILURES; k++) {
        const failure = runOne(`seed=${SEED} corpus[${i}] #${k}`, text, randomOptions(r, text));
        if (failure) failures.push(failure);
      }
    }
    report(failures);
  });

  for (const name of Object.keys(CASES) as CaseName[]) {
    const count = Math.max(1, Math.round(CASES[name].count * SCALE));
    it(`on ${count} ${name} inputs`, () => {
      const failures: string[] = [];
      for (let i = 0; i < count && failures.length < MAX_FAILURES; i++) {
        const { text, options } = generate(name, i, corpus);
        const failure = runOne(`seed=${SEED} case=${name} iteration=${i} (replay: FUZZ_SEED=${SEED} FUZZ_REPLAY=${name}:${i})`, text, options);
        if (failure) failures.push(failure);
      }
      report(failures);
    });
  }
});

// Pathological inputs this fuzzer once found (fixed: a DP glob matcher, a nesting limit,
// iterative graph walks); kept so they stay fixed.
describe('known pathological inputs', { timeout: 60_000 }, () => {
  it('glob patterns with several * on a long value do not backtrack catastrophically', () => {
    // With a backtracking RegExp this took minutes at 400 chars; the glob matcher is O(text × pattern).
    const text = `ARG V=${'a'.repeat(200)}\nFROM \${V#*a*a*a*b}\n`;
    expect(runOne('glob backtracking', text, {})).toBeNull();
  });

  it('deeply nested ${A:-${A:-…}} in FROM does not overflow the stack', () => {
    // Once a RangeError at ~2,400 levels; now a clear diagnostic past the analyzer's nesting limit.
    const depth = 3000;
    expect(runOne('nested substitution', `FROM ${'${A:-'.repeat(depth)}x${'}'.repeat(depth)}\n`, {})).toBeNull();
  });

  it('a long chain of stages does not overflow the stack', () => {
    // Once a RangeError at ~5,300 stages (recursive visit / findCycle in plan/buildkit.ts).
    let text = 'FROM alpine AS s0\n';
    for (let i = 1; i < 6000; i++) text += `FROM s${i - 1} AS s${i}\n`;
    expect(runOne('stage chain', text, {})).toBeNull();
  });
});
