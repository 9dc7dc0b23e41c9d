// Which build checks BuildKit runs, and whether they fail the build, as Docker 27+ reads its
// configuration (frontend/dockerfile/linter ParseLintOptions): the `# check=` parser directive,
// or the BUILDKIT_DOCKERFILE_CHECK build argument, which replaces the directive entirely.
//   skip=A,B | skip=all       these checks do not run (experimental checks ignore skip)
//   experimental=A,B | all    experimental checks run only when listed here
//   error=true                any check that reports fails the build:
//                             "lint violation found for rules: A, B"
// Options are separated by ";" (at most three: a fourth stays in the third's value). Docker
// 26.1 has no build checks: it ignores both, and does not even know `check` as a directive.

import type { Directive, Range } from './model.ts';

export const CHECK_BUILD_ARG = 'BUILDKIT_DOCKERFILE_CHECK';

/** BuildKit checks that are experimental on Docker 28.5: they run only when enabled. */
export const EXPERIMENTAL_CHECKS: ReadonlySet<string> = new Set(['CopyIgnoredFile', 'InvalidDefinitionDescription']);

export interface CheckConfig {
  skipAll: boolean;
  skip: ReadonlySet<string>;
  experimentalAll: boolean;
  experimental: ReadonlySet<string>;
  /** `error=true`: a reported check fails the build. */
  error: boolean;
  /** Where the configuration was read from: the directive (with its range), the build argument, or neither. */
  from: { kind: 'directive'; range: Range } | { kind: 'build-arg' } | { kind: 'default' };
}

export type CheckConfigResult = { config: CheckConfig; error: null } | { config: null; error: { message: string; range: Range | null } };

const DEFAULT: CheckConfig = { skipAll: false, skip: new Set(), experimentalAll: false, experimental: new Set(), error: false, from: { kind: 'default' } };

/** The configuration BuildKit uses for this build. */
export function checkConfigOf(directives: readonly Directive[], buildArgs: Readonly<Record<string, string>>): CheckConfigResult {
  if (Object.hasOwn(buildArgs, CHECK_BUILD_ARG)) {
    const parsed = parseCheckOptions(buildArgs[CHECK_BUILD_ARG]!);
    return typeof parsed === 'string'
      ? { config: null, error: { message: `failed to parse build-arg:${CHECK_BUILD_ARG}: ${parsed}`, range: null } }
      : { config: { ...parsed, from: { kind: 'build-arg' } }, error: null };
  }
  const directive = directives.find((d) => d.name === 'check');
  if (!directive) return { config: DEFAULT, error: null };
  const parsed = parseCheckOptions(directive.value);
  return typeof parsed === 'string'
    ? { config: null, error: { message: `failed to parse check options: ${parsed}`, range: directive.range } }
    : { config: { ...parsed, from: { kind: 'directive', range: directive.range } }, error: null };
}

/** Whether BuildKit runs `check` under `config` (deprecated checks never run; none of ours is). */
export function checkRuns(check: string, config: CheckConfig): boolean {
  if (EXPERIMENTAL_CHECKS.has(check)) return config.experimentalAll || config.experimental.has(check);
  return !(config.skipAll || config.skip.has(check));
}

/** Whether the author switched `check` off (skip), as opposed to leaving an experimental check off. */
export function checkSkipped(check: string, config: CheckConfig): boolean {
  return !EXPERIMENTAL_CHECKS.has(check) && (config.skipAll || config.skip.has(check));
}

/** ParseLintOptions: the options, or BuildKit's error message. */
export function parseCheckOptions(text: string): Omit<CheckConfig, 'from'> | string {
  const trimmed = text.trim();
  const config = { skipAll: false, skip: new Set<string>(), experimentalAll: false, experimental: new Set<string>(), error: false };
  if (trimmed === '') return config;
  for (const part of splitN(trimmed, ';', 3)) {
    const eq = part.indexOf('=');
    if (eq === -1) return `invalid check option ${goQuote(part)}`;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1);
    switch (key) {
      case 'skip':
      case 'experimental': {
        const all = value.trim() === 'all';
        const names = all
          ? []
          : value
              .trim()
              .split(',')
              .map((name) => name.trim());
        if (key === 'skip') {
          config.skipAll = all;
          config.skip = new Set(names);
        } else {
          config.experimentalAll = all;
          config.experimental = new Set(names);
        }
        break;
      }
      case 'error': {
        const flag = parseGoBool(value.trim());
        if (flag === null) return `failed to parse check option ${goQuote(part)}: strconv.ParseBool: parsing ${goQuote(value.trim())}: invalid syntax`;
        config.error = flag;
        break;
      }
      default:
        return `invalid check option ${goQuote(key)}`;
    }
  }
  return config;
}

/** Go's strings.SplitN. */
function splitN(text: string, separator: string, n: number): string[] {
  const parts = text.split(separator);
  return parts.length <= n ? parts : [...parts.slice(0, n - 1), parts.slice(n - 1).join(separator)];
}

/** Go's strconv.ParseBool. */
function parseGoBool(text: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return null;
}

/** Go's %q for the printable text a directive holds. */
function goQuote(text: string): string {
  return JSON.stringify(text);
}
