// The drills' questions (src/lib/drills/questions.ts): every answer is the analyzer's plan for
// the build asked about, never a build that fails with BuildKit; classic-builder questions only
// where that builder runs something else; the feedback says what the other builder and Docker
// 26.1 do.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { LEVELS } from '../../src/lib/drills/generate.ts';
import { buildCommand, isCorrect, makeDrill, type Drill } from '../../src/lib/drills/questions.ts';

const SEEDS = Array.from({ length: 100 }, (_, i) => (i * 40503 + 11) >>> 0);
const all: Drill[] = LEVELS.flatMap((level) => SEEDS.map((seed) => makeDrill(level, seed)));

describe('makeDrill', () => {
  it('is the same drill for the same level and seed', () => {
    expect(makeDrill(3, 99)).toEqual(makeDrill(3, 99));
  });

  it('answers every question with the analyzer’s plan, and the answer is never empty', () => {
    for (const drill of all) {
      const q = drill.question;
      const where = `level ${drill.level} seed ${drill.seed}: ${q.command}`;
      const analysis = analyze(drill.dockerfile, { target: q.target, builder: q.builder, buildArgs: q.buildArgs, rules: false });
      expect(analysis.plan.fails, where).toBe(false);
      expect(q.correct.length, where).toBeGreaterThan(0);
      expect(q.correct, where).toEqual(q.kind === 'runs' ? analysis.plan.stages : [analysis.target.index]);
      expect(q.multiple).toBe(q.kind === 'runs');
      expect(q.options.map((o) => o.index)).toEqual(analysis.stages.map((s) => s.index));
      expect(q.command).toBe(buildCommand(q.builder, q.target, q.buildArgs));
      // Never a build BuildKit refuses, on either engine.
      expect(q.results.buildkit['28.5'].fails, where).toBe(false);
      expect(q.results.buildkit['26.1'].fails, where).toBe(false);
    }
  });

  it('asks about the classic builder only where it runs cleanly and differently from BuildKit', () => {
    const classic = all.filter((d) => d.question.builder === 'classic');
    expect(classic.length).toBeGreaterThan(20);
    for (const drill of classic) {
      const { results } = drill.question;
      expect(results.classic['28.5'].fails).toBe(false);
      expect(results.classic['28.5'].warnings).toEqual([]);
      expect(results.classic['28.5'].stages).not.toEqual(results.buildkit['28.5'].stages);
      // The feedback says what BuildKit does instead.
      expect(drill.question.notes.some((n) => n.startsWith('BuildKit runs '))).toBe(true);
    }
  });

  it('asks every kind of question, with targets, build arguments and the default build', () => {
    const kinds = new Set(all.map((d) => `${d.question.kind}/${d.question.builder}`));
    expect([...kinds].sort()).toEqual(['runs/buildkit', 'runs/classic', 'ships/buildkit']);
    expect(all.some((d) => d.question.target !== null)).toBe(true);
    expect(all.some((d) => d.question.target === null)).toBe(true);
    expect(all.some((d) => Object.keys(d.question.buildArgs).length > 0 && d.question.command.includes('--build-arg'))).toBe(true);
  });

  it('with two stages of one name, BuildKit ships the later one and the feedback says the classic builder takes the first', () => {
    const shared = all.filter((d) => d.question.kind === 'ships' && d.question.target !== null);
    expect(shared.length).toBeGreaterThan(0);
    for (const drill of shared) {
      const q = drill.question;
      const same = q.options.filter((o) => drill.dockerfile.split('\n')[Number(/line (\d+)/.exec(o.label)?.[1] ?? 0) - 1]?.endsWith(`AS ${q.target}`));
      expect(same).toHaveLength(2);
      expect(q.correct).toEqual([same[1]!.index]);
      expect(q.results.classic['28.5'].target).toBe(same[0]!.index);
      expect(q.notes.join(' ')).toContain(`ships ${same[0]!.label}`);
    }
  });

  it('never says the classic builder ships an image when it reads a later stage’s name as an image', () => {
    for (const drill of all) {
      const classic = drill.question.results.classic['28.5'];
      if (classic.warnings.length === 0 || drill.question.builder === 'classic') continue;
      const note = drill.question.notes.find((n) => n.startsWith('The classic builder'))!;
      expect(note).toContain('not cleanly');
      expect(note).not.toContain('ships');
    }
    expect(all.some((d) => d.question.results.classic['28.5'].warnings.length > 0)).toBe(true);
  });

  it('says whether Docker 26.1 builds the same', () => {
    for (const drill of all) {
      const { results, notes } = drill.question;
      const same = (['buildkit', 'classic'] as const).every(
        (b) => results[b]['26.1'].stages.join() === results[b]['28.5'].stages.join() && results[b]['26.1'].fails === results[b]['28.5'].fails,
      );
      expect(
        notes.some((n) => (same ? n.startsWith('Docker 26.1 does the same') : n.startsWith('On Docker 26.1'))),
        notes.join('\n'),
      ).toBe(true);
    }
  });
});

describe('level 3', () => {
  it('asks about a --build-arg with the default build, where the ARG picks the stage FROM builds on', () => {
    const level3 = all.filter((d) => d.level === 3);
    const withArgs = level3.filter((d) => Object.keys(d.question.buildArgs).length > 0);
    expect(withArgs.length).toBeGreaterThan(5);
    for (const drill of withArgs) {
      const { question: q, variantArg } = drill;
      expect(q.target).toBeNull();
      const value = q.buildArgs[variantArg!.name]!;
      expect(value).not.toBe(variantArg!.default);
      // BuildKit runs the stage the argument names, not the default's.
      const ran = q.correct.map((i) => q.options[i]!.label);
      if (q.builder === 'buildkit') {
        expect(ran.some((l) => l.endsWith(`-${value}`))).toBe(true);
        expect(ran.some((l) => l.endsWith(`-${variantArg!.default}`))).toBe(false);
      }
    }
  });
});

describe('isCorrect', () => {
  it('takes exactly the right set, in any order', () => {
    const q = makeDrill(2, 5).question;
    expect(isCorrect(q, q.correct)).toBe(true);
    expect(isCorrect(q, [...q.correct].reverse())).toBe(true);
    const wrong = q.options.map((o) => o.index).find((i) => !q.correct.includes(i))!;
    expect(isCorrect(q, [...q.correct, wrong])).toBe(false);
    expect(isCorrect(q, [wrong])).toBe(false);
    expect(isCorrect(q, [])).toBe(false);
  });
});
