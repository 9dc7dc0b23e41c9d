// Every Dockerfile on the printable cheat sheet (src/lib/workshops/cheat-sheet.ts) builds on
// BuildKit without an error, for its default target and for every target it shows, and
// draws no warning from the analyzer's rules. The stage lists the page prints come from
// the same analysis (cheatSheetBuilds), so they are checked here too.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { CHEAT_COMMANDS, CHEAT_DIFFERENCES, CHEAT_RULES, CHEAT_SNIPPETS } from '../../src/lib/workshops/cheat-sheet.ts';
import { cheatSheetBuilds } from '../../src/lib/workshops/cheat-sheet-builds.ts';

const describeDiagnostics = (text: string, target: string | null) =>
  analyze(text, { target, builder: 'buildkit' })
    .diagnostics.map((d) => `${d.severity} ${d.id} (line ${d.range.start.line}): ${d.message}`)
    .join('\n');

describe('cheat sheet snippets', () => {
  it('has snippets with unique ids', () => {
    expect(CHEAT_SNIPPETS.length).toBeGreaterThanOrEqual(4);
    expect(new Set(CHEAT_SNIPPETS.map((s) => s.id)).size).toBe(CHEAT_SNIPPETS.length);
  });

  for (const snippet of CHEAT_SNIPPETS) {
    const analysis = analyze(snippet.dockerfile, { builder: 'buildkit', buildArgs: snippet.buildArgs ?? {} });
    const targets = [null, ...analysis.stages.map((stage) => stage.name).filter((name): name is string => name !== null)];

    // Every stage builds as a target without an error; the builds the sheet shows (the
    // default and its `builds` lines) also draw no warning. (A stage like runtime-full is a
    // base for production, not an image to run, so rules about shipped images do not apply.)
    const shown = new Set<string | null>([null, ...snippet.builds]);
    for (const target of targets) {
      const strict = shown.has(target);
      it(`${snippet.id}: ${target ? `--target ${target}` : 'the default target'} builds on BuildKit with no error${strict ? ' or warning' : ''}`, () => {
        const result = analyze(snippet.dockerfile, { target, builder: 'buildkit', buildArgs: snippet.buildArgs ?? {} });
        expect(result.plan.fails, describeDiagnostics(snippet.dockerfile, target)).toBe(false);
        const problems = result.diagnostics.filter((d) => d.severity === 'error' || (strict && d.severity === 'warning'));
        expect(problems, describeDiagnostics(snippet.dockerfile, target)).toEqual([]);
      });
    }

    it(`${snippet.id}: ends with a newline and has no tabs`, () => {
      expect(snippet.dockerfile.endsWith('\n')).toBe(true);
      expect(snippet.dockerfile).not.toContain('\t');
    });
  }

  it('the global ARG snippet picks the stage named by --build-arg, and BuildKit builds only that one', () => {
    const snippet = CHEAT_SNIPPETS.find((s) => s.id === 'arg-selects-stage')!;
    for (const [variant, other] of [
      ['alpine', 'runtime-full'],
      ['full', 'runtime-alpine'],
    ] as const) {
      const result = analyze(snippet.dockerfile, { builder: 'buildkit', buildArgs: { VARIANT: variant } });
      expect(result.plan.fails).toBe(false);
      const ran = result.plan.stages.map((i) => result.stages[i]?.name);
      expect(ran).toContain(`runtime-${variant}`);
      expect(ran).not.toContain(other);
    }
  });

  it('the cache snippet is refused by the classic builder, as the differences table says', () => {
    const snippet = CHEAT_SNIPPETS.find((s) => s.id === 'cache')!;
    const classic = analyze(snippet.dockerfile, { builder: 'classic' });
    expect(classic.plan.fails).toBe(true);
    expect(classic.diagnostics.map((d) => d.message).join('\n')).toContain('the --mount option requires BuildKit');
  });

  it('lists the stages each shown build runs, per builder, from the analyzer', () => {
    const builds = cheatSheetBuilds(CHEAT_SNIPPETS.find((s) => s.id === 'shared-base')!);
    expect(builds).toEqual([
      { command: 'docker build --target test .', buildkit: ['base', 'dev', 'test'], classic: ['base', 'dev', 'test'] },
      { command: 'docker build .', buildkit: ['base', 'production'], classic: ['base', 'dev', 'test', 'production'] },
    ]);
  });
});

describe('cheat sheet text', () => {
  it('covers the commands and patterns a workshop needs', () => {
    const all = [
      ...CHEAT_COMMANDS.map((c) => `${c.command} ${c.effect}`),
      ...CHEAT_SNIPPETS.map((s) => `${s.title} ${s.note} ${s.dockerfile}`),
      ...CHEAT_DIFFERENCES.map((d) => `${d.topic} ${d.buildkit} ${d.classic}`),
      ...CHEAT_RULES,
    ].join('\n');
    for (const needle of [
      'docker build --target',
      'DOCKER_BUILDKIT=0',
      'COPY --from=',
      'FROM base AS',
      'ARG VARIANT',
      'FROM runtime-${VARIANT}',
      'RUN --mount=type=cache',
      'USER node',
      'COPY package.json package-lock.json ./',
    ]) {
      expect(all).toContain(needle);
    }
  });

  it('balances its backticks, so no code span runs on', () => {
    for (const line of [
      ...CHEAT_COMMANDS.map((c) => c.effect),
      ...CHEAT_SNIPPETS.map((s) => s.note),
      ...CHEAT_DIFFERENCES.flatMap((d) => [d.topic, d.buildkit, d.classic]),
      ...CHEAT_RULES,
    ]) {
      expect((line.match(/`/g) ?? []).length % 2, line).toBe(0);
    }
  });
});
