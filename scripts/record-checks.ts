// Records what Docker's build checks report for every case of tests/support/check-cases.ts,
// into tests/fixtures/checks/<group>.json. Run it through scripts/record-checks.sh, which
// starts the engine and exports DOCKER_HOST, DOCKER_CONFIG, ENGINE_ROOT and ROOTFS_TAR.
//   node scripts/record-checks.ts [--changed] [GROUP...]
//   node scripts/record-checks.ts --compare FILE... [-- DOCKER-BUILD-ARGS]
// --changed re-records only the cases whose Dockerfile, .dockerignore or arguments differ from
// the recording (and drops the cases that no longer exist); GROUP is rules, builds, exercises
// or lessons (default: all four). --compare records nothing: it checks each Dockerfile FILE
// (with FILE.dockerignore as its .dockerignore when there is one) on the engine and prints
// where the analyzer disagrees, to try out a case before it becomes an example or a fixture.

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  analyzerChecks,
  CHECK_GROUPS,
  checkDifferences,
  type CheckCase,
  type CheckGroup,
  checkCases,
  loadRecording,
  type RecordedCase,
  type RecordedCheck,
  recordingPath,
} from '../tests/support/check-cases.ts';

const ROOT = join(import.meta.dirname, '..');
const docker = join(process.env.ENGINE_ROOT ?? '/opt/stagecraft-engine-28', 'usr', 'bin', 'docker');
const rootfs = process.env.ROOTFS_TAR ?? '';

interface CheckOutput {
  warnings?: Array<{ ruleName?: string; detail?: string; location?: { ranges?: Array<{ start?: { line?: number } }> } }>;
  buildError?: { message?: string };
}

function fail(message: string): never {
  process.stderr.write(`record-checks: ${message}\n`);
  process.exit(2);
}

/**
 * The Dockerfile as it is checked offline: a `# syntax=` directive makes BuildKit fetch that
 * frontend from a registry, so it becomes a plain comment on the same line (the built-in
 * frontend is the one Docker 28.5 ships). Only when no directive follows it, which that
 * comment would turn into a comment too.
 */
export function offline(dockerfile: string): string {
  const lines = dockerfile.split('\n');
  const directive = /^#\s*([A-Za-z]+)\s*=/;
  let i = 0;
  while (i < lines.length && directive.test(lines[i]!) && directive.exec(lines[i]!)![1]!.toLowerCase() !== 'syntax') i++;
  if (i >= lines.length || directive.exec(lines[i]!)?.[1]?.toLowerCase() !== 'syntax' || directive.test(lines[i + 1] ?? '')) return dockerfile;
  lines[i] = '# (syntax directive left out when recording: no registry)';
  return lines.join('\n');
}

/** One `docker buildx build --call=check,format=json` in a fresh build context. */
function runCheck(testCase: CheckCase, extraArgs: readonly string[]): { checks: RecordedCheck[]; error: string } {
  const dir = mkdtempSync(join(tmpdir(), 'record-checks-'));
  try {
    if (testCase.context) cpSync(join(ROOT, testCase.context), dir, { recursive: true });
    writeFileSync(join(dir, 'Dockerfile'), offline(testCase.dockerfile));
    if (testCase.dockerignore !== null) writeFileSync(join(dir, '.dockerignore'), testCase.dockerignore);
    const args = ['buildx', 'build', '--call=check,format=json', ...testCase.args, ...extraArgs, '.'];
    const run = spawnSync(docker, args, { cwd: dir, encoding: 'utf8', timeout: 180_000 });
    let output: CheckOutput;
    try {
      output = JSON.parse(run.stdout || '{}') as CheckOutput;
    } catch {
      // No JSON: the build failed before the checks ran (a parse error, say).
      return { checks: [], error: (run.stderr || run.stdout).trim().split('\n').slice(-2).join(' ') };
    }
    if (!run.stdout.trim()) {
      const error = run.stderr.trim().split('\n').slice(-2).join(' ');
      if (/Cannot connect to the Docker daemon/.test(error)) fail(`the engine stopped answering while recording ${testCase.group} ${testCase.id}`);
      if (run.status !== 0) return { checks: [], error };
    }
    const checks = (output.warnings ?? [])
      .map((w) => ({ rule: w.ruleName ?? '', line: w.location?.ranges?.[0]?.start?.line ?? 0, message: w.detail ?? '' }))
      // Compares the platform of the image the engine has with the one the FROM line asks for:
      // here that is the busybox stand-in imported below, not the real image.
      .filter((check) => check.rule !== 'InvalidBaseImagePlatform');
    checks.sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message));
    return { checks, error: output.buildError?.message ?? '' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The image a build could not find (no registry is reachable), as the FROM line names it, or null. */
export function missingImage(error: string): string | null {
  const ref = /failed to resolve source metadata for (\S+?): /.exec(error)?.[1];
  return ref ? ref.replace(/^docker\.io\/(?:library\/)?/, '') : null;
}

/** The constant `--platform` values a Dockerfile asks for (a base image is looked for with them). */
export function platformsIn(dockerfile: string): string[] {
  return [...new Set([...dockerfile.matchAll(/--platform=(\S+)/g)].map((m) => m[1]!).filter((p) => !p.includes('$')))];
}

/**
 * Records one case. Checks that look inside the stages run only once every base image is
 * resolved, and the engine is offline, so an image the engine does not have is imported
 * (the oracle's busybox file system, under that name and for the platform the FROM line
 * asks for) and the check is run again.
 */
function checksOf(testCase: CheckCase, extraArgs: readonly string[]): { checks: RecordedCheck[]; error: string } {
  const tried = new Set<string>();
  const contexts: string[] = [];
  for (;;) {
    const result = runCheck(testCase, [...extraArgs, ...contexts]);
    const ref = missingImage(result.error);
    if (ref === null || tried.has(ref) || !rootfs) return result;
    if (ref.includes('@')) {
      // A digest cannot be given to an imported image: the name is mapped to busybox instead.
      tried.add(ref);
      contexts.push('--build-context', `${ref}=docker-image://busybox:latest`);
      continue;
    }
    const platform = ['linux/amd64', ...platformsIn(testCase.dockerfile)].find((p) => !tried.has(`${ref} ${p}`));
    if (platform === undefined) return result;
    tried.add(`${ref} ${platform}`);
    execFileSync(docker, ['import', '--platform', platform, rootfs, ref], { stdio: 'ignore' });
  }
}

/** Experimental build checks (Docker 28.5 runs them only when asked to, with
 *  `# check=experimental=…`) that the analyzer has a rule for. The other one,
 *  InvalidDefinitionDescription (a comment right above FROM or ARG must start with the
 *  stage or argument name), is not modelled. */
const EXPERIMENTAL = new Set(['CopyIgnoredFile']);

export function record(testCase: CheckCase): RecordedCase {
  const result = checksOf(testCase, []);
  // The experimental checks, for the cases that can have them (CopyIgnoredFile needs a
  // .dockerignore): the build argument overrides the file's own `# check=` line, so only
  // the experimental rules are taken from that run.
  const experimental =
    testCase.dockerignore === null
      ? []
      : checksOf(testCase, ['--build-arg', 'BUILDKIT_DOCKERFILE_CHECK=experimental=all']).checks.filter((check) => EXPERIMENTAL.has(check.rule));
  return { id: testCase.id, args: testCase.args, dockerfile: testCase.dockerfile, dockerignore: testCase.dockerignore, ...result, experimental };
}

function sameCase(a: Pick<CheckCase, 'dockerfile' | 'dockerignore' | 'args'>, b: Pick<CheckCase, 'dockerfile' | 'dockerignore' | 'args'>): boolean {
  return a.dockerfile === b.dockerfile && a.dockerignore === b.dockerignore && a.args.join('\0') === b.args.join('\0');
}

/** --compare: each Dockerfile on the engine and in the analyzer; exit status 1 when any disagree. */
function compare(argv: string[]): void {
  const dash = argv.indexOf('--');
  const files = dash === -1 ? argv : argv.slice(0, dash);
  const args = dash === -1 ? [] : argv.slice(dash + 1);
  let disagreements = 0;
  for (const file of files) {
    const ignore = `${file}.dockerignore`;
    const testCase: CheckCase = {
      group: 'rules',
      id: file,
      dockerfile: readFileSync(file, 'utf8'),
      dockerignore: existsSync(ignore) ? readFileSync(ignore, 'utf8') : null,
      context: null,
      args,
    };
    const recorded = record(testCase);
    const { missing, extra } = checkDifferences(recorded, analyzerChecks(recorded));
    const docker = [...recorded.checks, ...recorded.experimental].map((c) => `${c.line} ${c.rule}: ${c.message}`);
    if (missing.length + extra.length > 0) disagreements++;
    process.stdout.write(
      [
        `${missing.length + extra.length === 0 ? 'agree   ' : 'DISAGREE'} ${file}${recorded.error ? `  (error: ${recorded.error.slice(0, 160)})` : ''}`,
        ...docker.map((line) => `    docker:   ${line}`),
        ...missing.map((line) => `    missing:  ${line}`),
        ...extra.map((line) => `    extra:    ${line}`),
      ].join('\n') + '\n',
    );
  }
  process.exitCode = disagreements > 0 ? 1 : 0;
}

function main(): void {
  const argv = process.argv.slice(2);
  if (argv[0] === '--compare') return compare(argv.slice(1));
  const changedOnly = argv.includes('--changed');
  const groups = argv.filter((a) => a !== '--changed');
  for (const group of groups) if (!CHECK_GROUPS.includes(group as CheckGroup)) fail(`no group ${group} (groups: ${CHECK_GROUPS.join(', ')})`);
  const engine = execFileSync(docker, ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' }).trim().replace(/\+.*/, '');

  let total = 0;
  for (const group of (groups.length > 0 ? groups : CHECK_GROUPS) as CheckGroup[]) {
    const previous = changedOnly ? loadRecording(group) : null;
    const kept = new Map((previous?.engine === engine ? previous.cases : []).map((c) => [c.id, c]));
    const cases = checkCases(group).map((testCase) => {
      const old = kept.get(testCase.id);
      if (old && sameCase(old, testCase)) return old;
      total++;
      const recorded = record(testCase);
      const summary = recorded.checks.map((c) => `${c.rule}:${c.line}`).join(' ') || 'no checks';
      process.stderr.write(`${group} ${testCase.id}: ${summary}${recorded.error ? ` | error: ${recorded.error.slice(0, 120)}` : ''}\n`);
      return recorded;
    });
    writeFileSync(recordingPath(group), `${JSON.stringify({ engine, cases }, null, 2)}\n`);
  }
  process.stderr.write(`record-checks: recorded ${total} cases with engine ${engine}\n`);
}

// Run as a script (tests import the helpers above).
if (import.meta.main) main();
