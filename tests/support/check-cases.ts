// Every Dockerfile whose BuildKit build checks are recorded (tests/fixtures/checks/, written by
// scripts/record-checks.sh) and held against the analyzer (tests/analyzer/build-checks.test.ts):
// the examples of every rule, the build fixtures, the exercises' starters and solutions, the
// Dockerfiles the lessons show, and the edge cases in tests/fixtures/checks/cases/. The recording script and the test list them here, so a
// Dockerfile added anywhere is recorded and compared without anyone listing it twice.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/analyzer/index.ts';
import { buildkitRules } from '../../src/analyzer/rules/buildkit/index.ts';
import { RULES } from '../../src/analyzer/rules/index.ts';
import { optionsFromArgs } from './goldens.ts';
import { lessonDockerfiles } from './lesson-dockerfiles.ts';

const ROOT = join(import.meta.dirname, '..', '..');
export const CHECKS_DIR = join(ROOT, 'tests', 'fixtures', 'checks');
const BUILDS_DIR = join(ROOT, 'tests', 'fixtures', 'builds');
const EXERCISES_DIR = join(ROOT, 'content', 'exercises');
const EDGE_CASES_DIR = join(CHECKS_DIR, 'cases');

/** Where a case comes from; each group is recorded in tests/fixtures/checks/<group>.json. */
export type CheckGroup = 'rules' | 'builds' | 'exercises' | 'lessons' | 'cases';
export const CHECK_GROUPS: readonly CheckGroup[] = ['rules', 'builds', 'exercises', 'lessons', 'cases'];

export interface CheckCase {
  group: CheckGroup;
  /** Stable within its group: `undefined-var/invalid/1`, `copy-from-cycle --target a`, `capstone/solution`, `pitfalls/3`. */
  id: string;
  dockerfile: string;
  /** The build context's .dockerignore, when it has one. */
  dockerignore: string | null;
  /** A folder (relative to the repository) copied as the build context, when the case has files. */
  context: string | null;
  /** `--target T` and `--build-arg K=V`, as docker build takes them. */
  args: string[];
}

function argsOf(options: { target?: string | null; buildArgs?: Readonly<Record<string, string>> } | undefined): string[] {
  const args: string[] = [];
  if (options?.target) args.push('--target', options.target);
  for (const [key, value] of Object.entries(options?.buildArgs ?? {})) args.push('--build-arg', `${key}=${value}`);
  return args;
}

function ruleCases(): CheckCase[] {
  return RULES.flatMap((rule) =>
    (['valid', 'invalid'] as const).flatMap((kind) =>
      rule.examples[kind].map((example, i) => ({
        group: 'rules' as const,
        id: `${rule.meta.id}/${kind}/${i + 1}`,
        dockerfile: example.code,
        dockerignore: example.options?.dockerignore ?? null,
        context: null,
        args: argsOf(example.options),
      })),
    ),
  );
}

function buildCases(): CheckCase[] {
  return readdirSync(BUILDS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(BUILDS_DIR, entry.name, 'Dockerfile')))
    .map((entry) => entry.name)
    .sort()
    .flatMap((name) => {
      const dir = join(BUILDS_DIR, name);
      const dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf8');
      const builds = existsSync(join(dir, 'builds.json')) ? (JSON.parse(readFileSync(join(dir, 'builds.json'), 'utf8')) as Array<{ args: string[] }>) : [];
      // Each distinct set of arguments the fixture is built with (the checks of a --target
      // build look only at the stages it needs), and always the default build.
      const argSets = new Map<string, string[]>([['', []]]);
      for (const build of builds) argSets.set(build.args.join(' '), build.args.map(String));
      return [...argSets.values()].map((args) => ({
        group: 'builds' as const,
        id: [name, ...args].join(' '),
        dockerfile,
        dockerignore: null,
        context: null,
        args,
      }));
    });
}

function exerciseCases(): CheckCase[] {
  return readdirSync(EXERCISES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((slug) => {
      const dir = join(EXERCISES_DIR, slug);
      const files = join(dir, 'files');
      const ignore = join(files, '.dockerignore');
      return (['starter', 'solution'] as const)
        .filter((kind) => existsSync(join(dir, `${kind}.Dockerfile`)))
        .map((kind) => ({
          group: 'exercises' as const,
          id: `${slug}/${kind}`,
          dockerfile: readFileSync(join(dir, `${kind}.Dockerfile`), 'utf8'),
          dockerignore: existsSync(ignore) ? readFileSync(ignore, 'utf8') : null,
          context: existsSync(files) ? `content/exercises/${slug}/files` : null,
          args: [],
        }));
    });
}

function lessonCases(): CheckCase[] {
  // A StageDiagram is checked with the build it draws (its target and build args).
  return lessonDockerfiles().map((block) => ({
    group: 'lessons' as const,
    id: `${block.lesson}/${block.index}`,
    dockerfile: block.text,
    dockerignore: null,
    context: null,
    args: argsOf(block.options),
  }));
}

/**
 * The edge cases: tests/fixtures/checks/cases/<name>.Dockerfile, with <name>.dockerignore as
 * its build context's .dockerignore and <name>.args (`--target T --build-arg K=V` on one
 * line) as the build's arguments, when they exist.
 */
function edgeCases(): CheckCase[] {
  const read = (name: string): string | null => (existsSync(join(EDGE_CASES_DIR, name)) ? readFileSync(join(EDGE_CASES_DIR, name), 'utf8') : null);
  return readdirSync(EDGE_CASES_DIR)
    .filter((file) => file.endsWith('.Dockerfile'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.Dockerfile$/, '');
      return {
        group: 'cases' as const,
        id: name,
        dockerfile: read(file)!,
        dockerignore: read(`${name}.dockerignore`),
        context: null,
        args: (read(`${name}.args`) ?? '').trim().split(/\s+/).filter(Boolean),
      };
    });
}

/** Every case of one group, in a stable order. */
export function checkCases(group: CheckGroup): CheckCase[] {
  switch (group) {
    case 'rules':
      return ruleCases();
    case 'builds':
      return buildCases();
    case 'exercises':
      return exerciseCases();
    case 'lessons':
      return lessonCases();
    case 'cases':
      return edgeCases();
  }
}

/** One build check as `docker buildx build --call=check,format=json` reports it. */
export interface RecordedCheck {
  rule: string;
  line: number;
  message: string;
}

export interface RecordedCase {
  id: string;
  args: string[];
  dockerfile: string;
  dockerignore: string | null;
  checks: RecordedCheck[];
  /** The experimental checks (reported only with `# check=experimental=…`), recorded for
   *  the cases with a .dockerignore, the only ones where one (CopyIgnoredFile) can fire. */
  experimental: RecordedCheck[];
  /** The build error the engine reported with the checks ('' when none). */
  error: string;
}

export interface Recording {
  engine: string;
  cases: RecordedCase[];
}

export function recordingPath(group: CheckGroup): string {
  return join(CHECKS_DIR, `${group}.json`);
}

export function loadRecording(group: CheckGroup): Recording | null {
  const path = recordingPath(group);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Recording) : null;
}

const RULE_IDS = new Set(buildkitRules.map((rule) => rule.meta.id));

/** What a finding merged into a diagnostic the analyzer raised anyway shows as its message:
 *  that diagnostic keeps its own message, so only its rule and line can be compared. */
export const MERGED = '(merged)';

/** The analyzer's diagnostics that stand for a BuildKit check, as Docker prints them. */
export function analyzerChecks(c: Pick<RecordedCase, 'dockerfile' | 'dockerignore' | 'args'>): RecordedCheck[] {
  const { target, buildArgs } = optionsFromArgs(c.args, 'buildkit');
  const analysis = analyze(c.dockerfile, { builder: 'buildkit', target, buildArgs, ...(c.dockerignore === null ? {} : { dockerignore: c.dockerignore }) });
  return analysis.diagnostics
    .filter((d) => d.sources?.buildkit !== undefined)
    .map((d) => ({ rule: d.sources!.buildkit!, line: d.range.start.line, message: RULE_IDS.has(d.id) ? d.message : MERGED }));
}

/** `line Rule: message` for each check the analyzer and the recording do not share (empty when they agree). */
export function checkDifferences(
  recorded: Pick<RecordedCase, 'checks' | 'experimental'>,
  actual: readonly RecordedCheck[],
): { missing: string[]; extra: string[] } {
  const merged = new Set(actual.filter((c) => c.message === MERGED).map((c) => `${c.line} ${c.rule}`));
  const show = (c: RecordedCheck): string => `${c.line} ${c.rule}: ${merged.has(`${c.line} ${c.rule}`) ? MERGED : c.message}`;
  const extra = actual.map(show);
  const missing: string[] = [];
  for (const check of [...recorded.checks, ...recorded.experimental].map(show)) {
    const at = extra.indexOf(check);
    if (at === -1) missing.push(check);
    else extra.splice(at, 1);
  }
  return { missing: missing.sort(), extra: extra.sort() };
}
