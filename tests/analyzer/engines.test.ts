// The engine option and what differs between Docker 28.5 and 26.1, piece by piece. The
// recordings that prove each behaviour are in tests/fixtures/builds (goldens.test.ts holds the
// analyzer to them); these tests pin the pieces the recordings cannot show one by one.

import { describe, expect, it } from 'vitest';
import { checkConfigOf, checkRuns, parseCheckOptions } from '../../src/analyzer/check-config.ts';
import { DEFAULT_ENGINE, engineFacts, ENGINES } from '../../src/analyzer/engine.ts';
import { chmodProblem } from '../../src/analyzer/flag-check.ts';
import { analyze } from '../../src/analyzer/index.ts';
import type { AnalyzeOptions, Flag } from '../../src/analyzer/model.ts';
import { mountFields } from '../../src/analyzer/mounts.ts';
import { triggerOf } from '../../src/analyzer/onbuild.ts';

const at = { line: 1, column: 1, offset: 0 };
const flag = (name: string, value: string | null): Flag => ({ name, value, range: { start: at, end: at } });

function errors(text: string, options: AnalyzeOptions = {}): string[] {
  return analyze(text, options)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => d.message);
}

describe('the engine option', () => {
  it('defaults to Docker 28.5 and is carried into the plan and the rules', () => {
    expect(DEFAULT_ENGINE).toBe('28.5');
    expect(ENGINES).toEqual(['28.5', '26.1']);
    expect(analyze('FROM alpine:3.20\n').plan.engine).toBe('28.5');
    expect(analyze('FROM alpine:3.20\n', { engine: '26.1' }).plan.engine).toBe('26.1');
  });

  it('words flag errors as each engine does', () => {
    const text = 'FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from build /a /b\n';
    expect(errors(text)).toEqual(['missing a value on flag: --from']);
    expect(errors(text, { engine: '26.1' })).toEqual(['missing a value on flag: from']);
    expect(errors(text, { builder: 'classic', engine: '26.1' })).toEqual(['missing a value on flag: from']);
    expect(errors('FROM alpine:3.20\nCOPY --link=maybe a /b\n')).toEqual(['expecting boolean value for flag --link, not: maybe']);
    expect(errors('FROM alpine:3.20\nCOPY --link=TRUE --link a /b\n')).toEqual(['duplicate flag specified: --link']);
    expect(errors('FROM alpine:3.20\nRUN --mount=type=cache,target=/a --mount=type=tmpfs,target=/b true\n')).toEqual([]);
    expect(errors('FROM alpine:3.20\nRUN --mount true\n')).toEqual(['missing a value on flag: --mount']);
  });

  it('knows which flags each engine accepts', () => {
    expect(engineFacts('28.5').flags['COPY']).toContain('exclude');
    expect(engineFacts('26.1').flags['COPY']).not.toContain('exclude');
    for (const engine of ENGINES) {
      expect(engineFacts(engine).flags['COPY']).not.toContain('parents');
      expect(engineFacts(engine).flags['RUN']).not.toContain('security');
    }
    expect(errors('FROM alpine:3.20\nADD --unpack a /b\n', { engine: '26.1' })).toEqual(['unknown flag: unpack']);
    expect(errors('FROM alpine:3.20\nADD --unpack a /b\n')).toEqual([]);
  });

  it('says where the daemon crashes on ARG lines without FROM instead of reporting it (no-from)', () => {
    const hint = (engine: '28.5' | '26.1', builder: 'buildkit' | 'classic') => analyze('ARG X=1\n', { engine, builder }).diagnostics[0]!.hint;
    expect(hint('28.5', 'buildkit')).not.toMatch(/crash/);
    expect(hint('28.5', 'classic')).toMatch(/Docker 28\.5 with the classic builder crashes on such a file/);
    expect(hint('26.1', 'buildkit')).toMatch(/Docker 26\.1 crashes on such a file/);
    expect(hint('26.1', 'classic')).toMatch(/Docker 26\.1 with the classic builder crashes/);
  });
});

describe('check configuration (# check= and BUILDKIT_DOCKERFILE_CHECK)', () => {
  it('reads skip, experimental and error as BuildKit does', () => {
    expect(parseCheckOptions(' skip = A, B ;error=true')).toMatchObject({ skip: new Set(['A', 'B']), error: true, skipAll: false });
    expect(parseCheckOptions('skip=all')).toMatchObject({ skipAll: true });
    expect(parseCheckOptions('experimental=all;error=1')).toMatchObject({ experimentalAll: true, error: true });
    expect(parseCheckOptions('')).toMatchObject({ error: false, skipAll: false });
    // At most three options: a fourth stays inside the third's value.
    expect(parseCheckOptions('error=false;skip=A;experimental=B;skip=C')).toMatchObject({ experimental: new Set(['B;skip=C']) });
    expect(parseCheckOptions('bogus')).toBe('invalid check option "bogus"');
    expect(parseCheckOptions('level=high')).toBe('invalid check option "level"');
    expect(parseCheckOptions('error=maybe')).toBe('failed to parse check option "error=maybe": strconv.ParseBool: parsing "maybe": invalid syntax');
  });

  it('the build argument replaces the directive', () => {
    const directive = [{ name: 'check', value: 'error=true', range: { start: at, end: at } }];
    expect(checkConfigOf(directive, {}).config).toMatchObject({ error: true, from: { kind: 'directive' } });
    expect(checkConfigOf(directive, { BUILDKIT_DOCKERFILE_CHECK: 'skip=A' }).config).toMatchObject({ error: false, skip: new Set(['A']) });
    expect(checkConfigOf([], { BUILDKIT_DOCKERFILE_CHECK: 'x' }).error?.message).toBe(
      'failed to parse build-arg:BUILDKIT_DOCKERFILE_CHECK: invalid check option "x"',
    );
  });

  it('experimental checks ignore skip and run only when enabled', () => {
    const config = { ...(parseCheckOptions('skip=all') as Exclude<ReturnType<typeof parseCheckOptions>, string>), from: { kind: 'default' as const } };
    expect(checkRuns('StageNameCasing', config)).toBe(false);
    expect(checkRuns('CopyIgnoredFile', config)).toBe(false);
    expect(checkRuns('CopyIgnoredFile', { ...config, experimental: new Set(['CopyIgnoredFile']) })).toBe(true);
  });

  const casing = '# check=error=true\nFROM alpine:3.20 AS Build\n';

  it('a skipped check is not reported; the others say whether the engine reports them', () => {
    const skipped = analyze('# check=skip=StageNameCasing\nFROM alpine:3.20 AS Build\n');
    expect(skipped.diagnostics.map((d) => d.sources?.buildkit)).not.toContain('StageNameCasing');
    const reported = (options: AnalyzeOptions) => analyze(casing, options).diagnostics.find((d) => d.sources?.buildkit === 'StageNameCasing')!.engineReports;
    expect(reported({})).toBe(true);
    // Docker 26.1 has no build checks, and the classic builder runs none: the finding is advice.
    expect(reported({ engine: '26.1' })).toBe(false);
    expect(reported({ builder: 'classic' })).toBe(false);
  });

  it('error=true fails every BuildKit build on 28.5, even when only Docker’s own errors are asked for', () => {
    for (const rules of [true, false]) {
      const analysis = analyze(casing, { rules });
      expect(analysis.plan.fails).toBe(true);
      expect(analysis.plan.stages).toEqual([]);
      expect(errors(casing, { rules })).toEqual(['lint violation found for rules: StageNameCasing']);
    }
    expect(analyze(casing, { rules: false }).diagnostics.map((d) => d.id)).toEqual(['check-violation']);
    expect(analyze(casing, { engine: '26.1' }).plan.fails).toBe(false);
    expect(analyze(casing, { builder: 'classic' }).plan.fails).toBe(false);
  });

  it('on 26.1 the check line is not a directive at all, so an escape directive after it is a comment', () => {
    const text = '# check=skip=all\n# escape=`\nFROM alpine:3.20\nRUN echo a `\n  b\n';
    expect(analyze(text).escape).toBe('`');
    expect(analyze(text, { engine: '26.1' }).escape).toBe('\\');
    expect(errors(text, { engine: '26.1' })).toEqual(['unknown instruction: b']);
  });
});

describe('flag values', () => {
  it('--chmod on 28.5: octal up to 07777 or a symbolic mode (probed on the engine)', () => {
    for (const ok of ['0755', '644', '7777', '+x', 'u+x', 'a=rwx,g-w', 'u=rwx,go=rx', 'ug+s', 'u+X', 'g=u', ''])
      expect(chmodProblem(flag('chmod', ok)), ok).toBeNull();
    for (const numeric of ['8888', '10000', '0o755']) {
      expect(chmodProblem(flag('chmod', numeric))!.message).toBe(`invalid chmod parameter: '${numeric}'. it should be octal string and between 0 and 07777`);
    }
    for (const garbled of ['abc', 'u+q', '-1']) expect(chmodProblem(flag('chmod', garbled))!.message).toBe('invalid syntax');
  });

  it('reads mount options as CSV fields', () => {
    expect(mountFields('type=bind,from=build,"target=/a,b",ro')).toEqual([
      { key: 'type', value: 'bind', text: 'type=bind' },
      { key: 'from', value: 'build', text: 'from=build' },
      { key: 'target', value: '/a,b', text: 'target=/a,b' },
      { key: 'ro', value: null, text: 'ro' },
    ]);
    expect(errors('FROM alpine:3.20\nRUN --mount=type=secret,id=t,env=T true\n', { engine: '26.1' })).toEqual(["unexpected key 'env' in 'env=T'"]);
    expect(errors('FROM alpine:3.20\nRUN --mount=type=secret,id=t,env=T true\n')).toEqual([]);
    expect(errors('FROM alpine:3.20\nRUN --mount=type=volume true\n')).toEqual(['unsupported mount type "volume"']);
  });
});

describe('ONBUILD triggers', () => {
  it('reads the trigger as an instruction of its own', () => {
    const onbuild = analyze('FROM alpine:3.20\nONBUILD COPY --from=src --chown=1 /a /b\n').instructions[1]!;
    const trigger = triggerOf(onbuild)!;
    expect(trigger.keyword).toBe('COPY');
    expect(trigger.flags.map((f) => [f.name, f.value])).toEqual([
      ['from', 'src'],
      ['chown', '1'],
    ]);
    expect(trigger.words.map((w) => w.value)).toEqual(['/a', '/b']);
  });

  it('a trigger’s COPY --from is a dependency of the stage built FROM its stage on 28.5', () => {
    const text = 'FROM alpine:3.20 AS src\nFROM alpine:3.20 AS base\nONBUILD COPY --from=src /a /b\nFROM base AS app\nFROM base AS mid\nFROM mid AS leaf\n';
    expect(analyze(text, { target: 'app' }).plan.stages).toEqual([0, 1, 2]);
    // Triggers run only in the stage built directly FROM the stage that registers them.
    expect(analyze(text, { target: 'leaf' }).plan.stages).toEqual([0, 1, 3, 4]);
    expect(analyze(text, { target: 'base' }).plan.stages).toEqual([1]);
    expect(errors(text, { target: 'app', engine: '26.1' })).toEqual(['cannot copy from stage "src", it needs to be defined before current stage "app"']);
  });
});
