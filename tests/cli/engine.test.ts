// `--engine 28.5|26.1` through the real bin/stagecraft.mjs, on the recorded fixture files: the
// plan the CLI prints agrees with what each Docker release did with the same file.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/analyzer/model.ts';
import { BUILDS_DIR, recordedBuild } from '../support/goldens.ts';
import { spawnCli } from './cli-helpers.ts';

interface PlanJson {
  engine: Engine;
  builder: string;
  stages: Array<{ index: number; name: string | null }>;
  errors: Array<{ id: string; message: string; line: number }>;
}

function plan(fixture: string, engine: Engine | null, extra: string[] = []): { status: number | null; json: PlanJson } {
  const result = spawnCli(['plan', join(BUILDS_DIR, fixture, 'Dockerfile'), '--json', ...(engine ? ['--engine', engine] : []), ...extra]);
  expect(result.stderr).toBe('');
  return { status: result.status, json: JSON.parse(result.stdout) as PlanJson };
}

/** Fixtures whose builds differ between the two engines; each is planned on both and
 *  compared with that engine's recording. */
const DIFFERING = ['copy-from-without-equals', 'copy-exclude', 'check-error-stage-name-casing', 'onbuild-copy-from-stage', 'directive-check-hides-escape'];

describe('stagecraft plan --engine agrees with each engine’s recording', () => {
  for (const fixture of DIFFERING) {
    for (const engine of ['28.5', '26.1'] as const) {
      for (const builder of ['buildkit', 'classic'] as const) {
        it(`${fixture} on Docker ${engine} [${builder}]`, { timeout: 60_000 }, () => {
          const recorded = recordedBuild(fixture, [], engine)[builder];
          const { status, json } = plan(fixture, engine, ['--builder', builder]);
          expect(json.engine).toBe(engine);
          expect(json.builder).toBe(builder);
          expect(status).toBe(recorded.ok ? 0 : 1);
          if (recorded.ok) expect(json.errors).toEqual([]);
          else expect(recorded.error).toContain(json.errors[0]!.message);
        });
      }
    }
  }
});

describe('stagecraft --engine', () => {
  it('defaults to 28.5 and says so in the JSON and the report', { timeout: 60_000 }, () => {
    const { status, json } = plan('copy-from-without-equals', null);
    expect(json.engine).toBe('28.5');
    expect(status).toBe(1);
    expect(json.errors.map((e) => `${e.line} ${e.message}`)).toEqual(['6 missing a value on flag: --from']);
    const text = spawnCli(['plan', join(BUILDS_DIR, 'copy-exclude', 'Dockerfile'), '--engine', '26.1']);
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/^Engine: +Docker 26\.1$/m);
    expect(text.stdout).toContain('unknown flag: exclude');
  });

  it('check --json names the engine, and marks build checks 26.1 does not run as advice', { timeout: 60_000 }, () => {
    const file = join(BUILDS_DIR, 'check-error-stage-name-casing', 'Dockerfile');
    const today = JSON.parse(spawnCli(['check', file, '--json']).stdout);
    expect(today.engine).toBe('28.5');
    expect(today.diagnostics.map((d: { id: string }) => d.id)).toContain('check-violation');
    const casing = today.diagnostics.find((d: { sources: { buildkit?: string } }) => d.sources.buildkit === 'StageNameCasing');
    expect(casing.engineReports).toBe(true);

    const result = spawnCli(['check', file, '--json', '--engine', '26.1']);
    expect(result.status).toBe(0);
    const old = JSON.parse(result.stdout);
    expect(old.engine).toBe('26.1');
    expect(old.diagnostics.map((d: { id: string }) => d.id)).not.toContain('check-violation');
    const advice = old.diagnostics.find((d: { sources: { buildkit?: string } }) => d.sources.buildkit === 'StageNameCasing');
    expect(advice.engineReports).toBe(false);
  });

  it('refuses an engine it does not model, and --engine on run', { timeout: 60_000 }, () => {
    const bad = spawnCli(['plan', '-', '--engine', '27.0'], { input: 'FROM alpine:3.20\n' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.split('\n')[0]).toBe('stagecraft: --engine must be 28.5 or 26.1, not "27.0"');
    const run = spawnCli(['run', '-', '--engine', '26.1'], { input: 'FROM alpine:3.20\n' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--engine is an option of plan and check/);
  });
});
