// `# check=error=true` (or BUILDKIT_DOCKERFILE_CHECK=error=true): on Docker 27+ BuildKit fails
// the build before any step runs when a build check reports, whatever the target, since the
// checks cover the whole file. The classic builder and Docker 26.1 run no checks.

import type { CheckConfig } from '../check-config.ts';
import { diagnostic } from '../diagnostic.ts';
import type { Diagnostic, Range } from '../model.ts';

/** The error BuildKit fails with, or null when nothing reported or error=true is not set.
 *  `reported`: the checks the engine reports (BuildKit lists them in no fixed order). */
export function checkViolation(reported: readonly string[], config: CheckConfig, fileStart: Range): Diagnostic | null {
  if (!config.error || reported.length === 0) return null;
  const where = config.from.kind === 'build-arg' ? 'BUILDKIT_DOCKERFILE_CHECK=error=true' : '`# check=error=true`';
  return diagnostic(
    'check-violation',
    'error',
    `lint violation found for rules: ${reported.join(', ')}`,
    `${where} turns every build-check warning into an error. Fix the warnings listed (each is reported on its line), or skip a check you accept with skip=<Rule>.`,
    config.from.kind === 'directive' ? config.from.range : fileStart,
    'buildkit',
  );
}
