// Build semantics, one point each (recorded on Docker 26.1: see tests/fixtures/builds and
// goldens.test.ts for the comparison with the real engine).

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import type { AnalyzeOptions } from '../../src/analyzer/model.ts';

const THREE_TARGETS = `FROM alpine:3.20 AS base
FROM base AS build
FROM alpine:3.20 AS test
FROM base AS prod
COPY --from=build /out /out
`;

function plan(text: string, options: AnalyzeOptions = {}) {
  const a = analyze(text, options);
  return {
    stages: a.plan.stages.map((i) => a.stages[i]!.name ?? `stage-${i}`),
    errors: a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
    warnings: a.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.id),
    analysis: a,
  };
}

describe('targets', () => {
  it('builds the last stage by default', () => {
    const a = analyze('FROM alpine:3.20 AS prod\nFROM alpine:3.20 AS dev\n');
    expect(a.target).toEqual({ requested: null, index: 1 });
  });

  it('matches --target case-insensitively, on both builders', () => {
    for (const builder of ['buildkit', 'classic'] as const) {
      expect(analyze(THREE_TARGETS, { target: 'PROD', builder }).target.index).toBe(3);
      expect(analyze('FROM alpine:3.20 AS Base\n', { target: 'base', builder }).target.index).toBe(0);
    }
  });

  it('never takes an index as a target, and names the stages in the hint', () => {
    const { errors, analysis } = plan(THREE_TARGETS, { target: '0' });
    expect(errors).toEqual(['target stage "0" could not be found']);
    expect(analysis.plan.stages).toEqual([]);
    expect(analysis.diagnostics[0]!.hint).toContain('not an index');
    expect(plan(THREE_TARGETS, { target: 'nope', builder: 'classic' }).errors).toEqual(['target stage "nope" could not be found']);
  });
});

describe('which stages run', () => {
  it('BuildKit runs the target and what it needs; the classic builder runs everything up to the target', () => {
    expect(plan(THREE_TARGETS).stages).toEqual(['base', 'build', 'prod']);
    expect(plan(THREE_TARGETS, { builder: 'classic' }).stages).toEqual(['base', 'build', 'test', 'prod']);
    expect(plan(THREE_TARGETS, { target: 'test' }).stages).toEqual(['test']);
    expect(plan(THREE_TARGETS, { target: 'test', builder: 'classic' }).stages).toEqual(['base', 'build', 'test']);
  });

  it('follows RUN --mount from= as a dependency in BuildKit', () => {
    const text = 'FROM alpine:3.20 AS deps\nFROM alpine:3.20 AS other\nFROM alpine:3.20 AS app\nRUN --mount=type=bind,from=deps,target=/d ls /d\n';
    expect(plan(text).stages).toEqual(['deps', 'app']);
    const classic = plan(text, { builder: 'classic' });
    expect(classic.errors[0]).toMatch(/^the --mount option requires BuildKit/);
    expect(classic.stages).toEqual(['deps', 'other', 'app']);
    expect(classic.analysis.plan.stoppedAt?.range.start.line).toBe(4);
  });

  it('counts numeric --from over all stages, named or not', () => {
    const text = 'FROM alpine:3.20\nFROM alpine:3.20 AS one\nFROM alpine:3.20 AS final\nCOPY --from=0 /a /a\n';
    expect(plan(text).stages).toEqual(['stage-0', 'final']);
  });
});

describe('stage names', () => {
  it('lower-cases names and rejects invalid ones', () => {
    expect(analyze('FROM alpine:3.20 AS Build.Env_1\n').stages[0]!.name).toBe('build.env_1');
    for (const bad of ['1abc', '-x', 'my_stage!']) {
      const d = analyze(`FROM alpine:3.20 AS ${bad}\n`).diagnostics[0]!;
      expect(d.message).toBe(`invalid name for build stage: "${bad}", name can't start with a number or contain symbols`);
      expect(d.range.start.column).toBe(21);
    }
  });

  it('resolves COPY --from case-insensitively on both builders', () => {
    for (const builder of ['buildkit', 'classic'] as const) {
      const a = analyze('FROM alpine:3.20 AS Build\nFROM alpine:3.20 AS final\nCOPY --from=BUILD /a /a\n', { builder });
      expect(a.edges.find((e) => e.kind === 'copy-from')!.target).toEqual({ kind: 'stage', index: 0 });
      expect(a.plan.fails).toBe(false);
    }
  });

  it('BuildKit matches FROM <stage> exactly against the lower-cased name; the classic builder ignores case', () => {
    const text = 'FROM alpine:3.20 AS Build\nFROM Build AS final\n';
    const buildkit = analyze(text);
    expect(buildkit.stages[1]!.base).toEqual({ kind: 'image', ref: 'Build' });
    expect(buildkit.diagnostics[0]!.message).toBe(
      'failed to parse stage name "Build": invalid reference format: repository name (library/Build) must be lowercase',
    );
    // Even when the target does not need the stage: BuildKit parses every FROM.
    expect(analyze(text, { target: 'build' }).plan.fails).toBe(true);
    const classic = analyze(text, { builder: 'classic' });
    expect(classic.stages[1]!.base).toEqual({ kind: 'stage', index: 0 });
    expect(classic.plan.stages).toEqual([0, 1]);
    expect(analyze('FROM alpine:3.20 AS Build\nFROM build AS final\n').stages[1]!.base).toEqual({ kind: 'stage', index: 0 });
  });

  it('lets FROM see only earlier stages: a later name is an image', () => {
    const text = 'FROM later AS app\nFROM alpine:3.20 AS later\n';
    for (const builder of ['buildkit', 'classic'] as const) {
      expect(analyze(text, { builder }).stages[0]!.base).toEqual({ kind: 'image', ref: 'later' });
    }
  });

  it('lets a stage mask an image of the same name', () => {
    const a = analyze('FROM alpine:3.20 AS busybox\nFROM alpine:3.20 AS final\nCOPY --from=busybox /a /a\n');
    expect(a.edges.find((e) => e.kind === 'copy-from')!.target).toEqual({ kind: 'stage', index: 0 });
  });

  it('reads an unknown --from name as an image', () => {
    const a = analyze('FROM alpine:3.20\nCOPY --from=nginx:alpine /etc/nginx /etc/nginx\n');
    expect(a.edges.find((e) => e.kind === 'copy-from')!.target).toEqual({ kind: 'image', ref: 'nginx:alpine' });
    expect(a.plan.fails).toBe(false);
  });
});

describe('references Docker refuses', () => {
  const FORWARD = 'FROM alpine:3.20 AS a\nCOPY --from=b /b /b\nFROM alpine:3.20 AS b\nFROM a AS final\n';

  it('BuildKit refuses COPY --from a later stage in a stage it builds', () => {
    const { errors, analysis } = plan(FORWARD);
    expect(errors).toEqual(['cannot copy from stage "b", it needs to be defined before current stage "a"']);
    expect(analysis.diagnostics[0]!.range.start).toMatchObject({ line: 2, column: 6 });
  });

  it('BuildKit skips the forward reference when the stage is not built, and says so', () => {
    const { errors, warnings, stages } = plan(FORWARD, { target: 'b' });
    expect(errors).toEqual([]);
    expect(stages).toEqual(['b']);
    expect(warnings).toContain('copy-from-later-stage-not-built');
  });

  it('the classic builder reads a later stage name as an image', () => {
    const { errors, warnings, analysis } = plan(FORWARD, { builder: 'classic' });
    expect(errors).toEqual([]);
    expect(warnings).toContain('copy-from-later-stage');
    expect(analysis.edges.find((e) => e.kind === 'copy-from')!.target).toEqual({ kind: 'image', ref: 'b' });
  });

  it('detects self-reference and cycles, whatever the target', () => {
    expect(plan('FROM alpine:3.20 AS a\nCOPY --from=a /x /x\n').errors).toEqual(['circular dependency detected on stage: a']);
    const cycle = 'FROM alpine:3.20 AS a\nCOPY --from=b /x /x\nFROM alpine:3.20 AS b\nCOPY --from=a /y /y\n';
    expect(plan(cycle, { target: 'a' }).errors).toEqual(['circular dependency detected on stage: a']);
    expect(plan('FROM alpine:3.20 AS a\nFROM alpine:3.20\nCOPY --from=1 /x /x\n').errors).toEqual(['circular dependency detected on stage: stage-1']);
  });

  it('refuses numeric --from out of range (BuildKit: anywhere; classic: on reaching it)', () => {
    const text = 'FROM alpine:3.20 AS a\nFROM alpine:3.20 AS mid\nCOPY --from=5 /x /x\nFROM alpine:3.20 AS last\n';
    expect(plan(text).errors).toEqual(['invalid stage index 5']);
    expect(plan(text, { builder: 'classic' }).errors).toEqual(['invalid from flag value 5: index out of bounds']);
    expect(plan(text, { builder: 'classic', target: 'a' }).errors).toEqual([]);
    expect(plan('FROM alpine:3.20\nCOPY --from=0 /x /x\n', { builder: 'classic' }).errors).toEqual([
      'invalid from flag value 0: refers to current build stage',
    ]);
  });

  it('never expands variables in --from: 28.5 says so, 26.1 reads the text as an (invalid) image name', () => {
    const text = 'ARG SRC=build\nFROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from=$SRC /b /b\n';
    expect(plan(text).errors).toEqual([
      'variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround',
    ]);
    expect(plan(text, { engine: '26.1' }).errors).toEqual([
      'failed to parse stage name "$SRC": invalid reference format: repository name (library/$SRC) must be lowercase',
    ]);
    expect(plan(text, { builder: 'classic' }).errors).toEqual([
      'invalid from flag value $SRC: invalid reference format: repository name (library/$SRC) must be lowercase',
    ]);
  });
});

describe('duplicate stage names', () => {
  const DUP =
    'FROM alpine:3.20 AS first\nFROM alpine:3.20 AS dup\nFROM alpine:3.20 AS dup\nFROM dup AS from-dup\nFROM alpine:3.20 AS copy-dup\nCOPY --from=dup /w /w\n';

  it('BuildKit warns; --target, --from and FROM take the later definition', () => {
    const { errors, warnings, analysis } = plan(DUP);
    expect(errors).toEqual([]);
    expect(warnings).toContain('duplicate-stage-name');
    expect(analysis.plan.stages).toEqual([2, 4]);
    expect(analyze(DUP, { target: 'dup' }).plan.stages).toEqual([2]);
    expect(analyze(DUP, { target: 'from-dup' }).plan.stages).toEqual([2, 3]);
  });

  it('the classic builder fails on reaching the second definition, not before', () => {
    const failing = plan(DUP, { builder: 'classic' });
    expect(failing.errors).toEqual(['dup stage name already used']);
    expect(failing.stages).toEqual(['first', 'dup']);
    expect(failing.analysis.plan.stoppedAt?.stage).toBe(2);
    expect(plan(DUP, { builder: 'classic', target: 'dup' })).toMatchObject({ errors: [], stages: ['first', 'dup'] });
  });

  it('compares names after lower-casing', () => {
    const text = 'FROM alpine:3.20 AS App\nFROM alpine:3.20 AS app\nFROM alpine:3.20 AS final\n';
    expect(plan(text, { builder: 'classic' }).errors).toEqual(['app stage name already used']);
    expect(analyze(text, { target: 'APP' }).plan.stages).toEqual([1]);
  });
});

describe('global ARG', () => {
  const SELECT = 'ARG VARIANT=slim\nFROM alpine:3.20 AS base-slim\nFROM alpine:3.20 AS base-full\nFROM base-${VARIANT} AS final\n';

  it('picks a stage in FROM, by default and with --build-arg', () => {
    expect(plan(SELECT).stages).toEqual(['base-slim', 'final']);
    expect(plan(SELECT, { buildArgs: { VARIANT: 'full' } }).stages).toEqual(['base-full', 'final']);
    expect(plan(SELECT, { buildArgs: { VARIANT: 'full' }, builder: 'classic' }).stages).toEqual(['base-slim', 'base-full', 'final']);
    expect(analyze(SELECT, { buildArgs: { VARIANT: 'full' } }).globalArgs).toEqual({ VARIANT: 'full' });
  });

  it('evaluates substitution forms in FROM', () => {
    const text = (from: string) => `ARG V=pfull\nARG E\nFROM alpine:3.20 AS base-full\nFROM ${from} AS final\n`;
    for (const from of ['base-${V#p}', 'base-${E:-full}', 'base-${V/pfull/full}', 'base-f${V:+ull}']) {
      expect(plan(text(from)).stages, from).toEqual(['base-full', 'final']);
    }
  });

  it('reports a FROM that expands to nothing', () => {
    expect(plan('ARG IMAGE\nFROM ${IMAGE}\n').errors).toEqual(['base name (${IMAGE}) should not be blank']);
  });

  it('provides BuildKit platform arguments without declaring them', () => {
    const a = analyze('FROM --platform=$BUILDPLATFORM alpine:3.20 AS x\n');
    expect(a.stages[0]!.platform).toBe('linux/amd64');
  });
});

describe('BuildKit-only syntax on the classic builder', () => {
  it('fails COPY from a heredoc and warns that RUN drops the body', () => {
    const copy = plan('FROM alpine:3.20\nCOPY <<EOF /f\nhi\nEOF\n', { builder: 'classic' });
    expect(copy.errors).toEqual(['COPY failed: no source files were specified']);
    const run = plan('FROM alpine:3.20\nRUN <<EOF\necho hi\nEOF\n', { builder: 'classic' });
    expect(run.errors).toEqual([]);
    expect(run.warnings).toEqual(['heredoc-ignored-by-classic']);
    expect(plan('FROM alpine:3.20\nRUN <<EOF\necho hi\nEOF\n').warnings).toEqual([]);
  });

  it('fails RUN --mount when it reaches it', () => {
    const { errors, stages } = plan('FROM alpine:3.20 AS a\nFROM alpine:3.20 AS b\nRUN --mount=type=cache,target=/c true\n', { builder: 'classic' });
    expect(errors[0]).toMatch(/^the --mount option requires BuildKit/);
    expect(stages).toEqual(['a', 'b']);
  });
});
