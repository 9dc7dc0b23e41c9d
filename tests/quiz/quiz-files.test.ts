// Every question bank in content/quizzes/: valid, complete, and answered by the analyzer
// wherever the answer depends on what Docker does.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/index.ts';
import { RULES } from '../../src/analyzer/rules/index.ts';
import { LESSON_PATH } from '../../src/lib/course/lesson-path.ts';
import { parseBuildCommand, questionMisconceptions, type PreparedQuestion } from '../../src/lib/quiz/index.ts';
import { LESSONS_DIR } from '../support/lesson-dockerfiles.ts';
import { quiz, quizFiles } from '../support/quizzes.ts';

const files = quizFiles();
const lessonSlugs: readonly string[] = LESSON_PATH;
const prepared = files.map((file) => ({ file, ...quiz(file.id) }));
const allQuestions = prepared.flatMap(({ file, prepared: p }) => p.questions.map((q) => ({ quizId: file.id, q })));

type OfKind<K extends PreparedQuestion['kind']> = PreparedQuestion extends infer Q ? (Q extends { kind: infer L } ? (K extends L ? Q : never) : never) : never;

function ofKind<K extends PreparedQuestion['kind']>(kind: K) {
  return allQuestions.filter((entry): entry is { quizId: string; q: OfKind<K> } => entry.q.kind === kind);
}

describe('the quiz files', () => {
  it.each(files.map((f) => [f.id]))('%s validates and every answer can be computed', (id) => {
    expect(() => quiz(id)).not.toThrow();
  });

  it('has a quiz for every lesson on the path, named after it and pointing back at it', () => {
    for (const slug of LESSON_PATH) {
      const entry = prepared.find((p) => p.file.id === slug);
      expect(entry, `content/quizzes/${slug}.yaml`).toBeDefined();
      expect(entry!.data.lesson).toBe(slug);
    }
  });

  it('has only lesson quizzes and the myth-buster', () => {
    for (const { file, data } of prepared) {
      if (file.id === 'myth-buster') expect(data.lesson).toBeUndefined();
      else expect(lessonSlugs, `${file.id}.yaml is neither a lesson quiz nor the myth-buster`).toContain(file.id);
    }
  });

  it('keeps each lesson quiz short: 3 to 5 questions', () => {
    for (const { file, data } of prepared.filter((p) => p.data.lesson)) {
      expect(data.questions.length, file.id).toBeGreaterThanOrEqual(3);
      expect(data.questions.length, file.id).toBeLessThanOrEqual(5);
    }
  });

  it('gives the myth-buster at least 25 shuffled questions of every kind, predict-build on both builders', () => {
    const { data } = quiz('myth-buster');
    expect(data.questions.length).toBeGreaterThanOrEqual(25);
    expect(data.shuffle).toBe(true);
    const kinds = new Set(data.questions.map((q) => q.kind));
    expect([...kinds].sort()).toEqual(['find-the-line', 'multiple', 'predict-build', 'predict-cache', 'single', 'true-false']);
    const builds = data.questions.filter((q) => q.kind === 'predict-build');
    expect(builds.filter((q) => q.builder === 'buildkit').length).toBeGreaterThanOrEqual(3);
    expect(builds.filter((q) => q.builder === 'classic').length).toBeGreaterThanOrEqual(3);
    expect(data.questions.filter((q) => q.kind === 'find-the-line').length).toBeGreaterThanOrEqual(3);
  });
});

describe('misconceptions and lesson links', () => {
  it('names a misconception, explains it and links an existing lesson for every wrong answer', () => {
    for (const { quizId, q } of allQuestions) {
      const misconceptions = questionMisconceptions(q);
      expect(misconceptions.length, `${quizId}/${q.id}`).toBeGreaterThan(0);
      for (const m of misconceptions) {
        expect(m.misconception.trim(), `${quizId}/${q.id}`).not.toBe('');
        expect(m.explanation.trim(), `${quizId}/${q.id}`).not.toBe('');
        expect(lessonSlugs, `${quizId}/${q.id} links "${m.lesson}"`).toContain(m.lesson);
        expect(existsSync(join(LESSONS_DIR, `${m.lesson}.mdx`)), `${quizId}/${q.id}: content/lessons/${m.lesson}.mdx`).toBe(true);
      }
    }
  });

  it('gives every wrong choice option its own misconception, and every option an explanation', () => {
    for (const { quizId, q } of [...ofKind('single'), ...ofKind('multiple')]) {
      for (const option of q.options) {
        expect(option.explanation.trim(), `${quizId}/${q.id}: "${option.text}"`).not.toBe('');
        if (!option.correct) {
          expect(option.misconception, `${quizId}/${q.id}: "${option.text}"`).toBeTruthy();
          expect(lessonSlugs).toContain(option.lesson);
        }
      }
    }
  });

  it('links existing lessons from predict-build and find-the-line questions', () => {
    for (const { quizId, q } of [...ofKind('predict-build'), ...ofKind('find-the-line')]) {
      expect(lessonSlugs, `${quizId}/${q.id}`).toContain(q.lesson);
    }
  });

  it('gives right answers an explanation', () => {
    for (const { quizId, q } of allQuestions) {
      const explanations = 'options' in q ? q.options.filter((o) => o.correct).map((o) => o.explanation) : [q.explanation];
      for (const text of explanations) expect(text.trim(), `${quizId}/${q.id}`).not.toBe('');
    }
  });
});

describe('predict-build questions', () => {
  const builds = ofKind('predict-build');

  it('exist in quantity', () => {
    expect(builds.length).toBeGreaterThanOrEqual(15);
  });

  it.each(builds.map(({ quizId, q }) => [`${quizId}/${q.id}`, q] as const))('%s: the computed answer is what analyze() plans', (_name, q) => {
    const command = parseBuildCommand(q.command);
    const analysis = analyze(q.dockerfile, { builder: q.builder, target: command.target, buildArgs: command.buildArgs });
    const planned = [...analysis.plan.stages].sort((a, b) => a - b);
    expect(planned.length).toBeGreaterThan(0);
    expect(q.key.correct).toEqual(planned);
    // The options are the file's stages.
    expect(q.choices.map((c) => c.index)).toEqual(analysis.stages.map((s) => s.index));
  });

  it.each(builds.map(({ quizId, q }) => [`${quizId}/${q.id}`, q] as const))('%s: the builders differ exactly when the question says so', (_name, q) => {
    const command = parseBuildCommand(q.command);
    const run = (builder: 'buildkit' | 'classic') =>
      [...analyze(q.dockerfile, { builder, target: command.target, buildArgs: command.buildArgs }).plan.stages].sort((a, b) => a - b).join(',');
    expect(run('buildkit') !== run('classic')).toBe(q.buildersDiffer);
  });

  it.each(builds.map(({ quizId, q }) => [`${quizId}/${q.id}`, q] as const))('%s: no anticipated wrong answer is the right one', (_name, q) => {
    for (const m of q.misconceptions) expect(m.stages).not.toEqual(q.key.correct);
  });

  it('says which builder runs them in the command, when the command says so', () => {
    for (const { quizId, q } of builds) {
      const { builder } = parseBuildCommand(q.command);
      if (q.builder === 'classic') expect(builder, `${quizId}/${q.id}: show DOCKER_BUILDKIT=0 in a classic command`).toBe('classic');
      else expect(builder === null || builder === 'buildkit', `${quizId}/${q.id}`).toBe(true);
    }
  });
});

describe('find-the-line questions', () => {
  const lines = ofKind('find-the-line');
  const ruleIds = new Set(RULES.map((rule) => rule.meta.id));

  it('exist in quantity', () => {
    expect(lines.length).toBeGreaterThanOrEqual(8);
  });

  it.each(lines.map(({ quizId, q }) => [`${quizId}/${q.id}`, q] as const))('%s: exactly one matching diagnostic, on the computed line', (_name, q) => {
    const command = parseBuildCommand(q.command);
    const found = analyze(q.dockerfile, { builder: q.builder, target: command.target, buildArgs: command.buildArgs }).diagnostics.filter(
      (d) => d.id === q.rule,
    );
    expect(found).toHaveLength(1);
    expect(q.key.correct).toEqual([found[0]!.range.start.line]);
    expect(q.lines[q.line - 1]?.trim()).not.toBe('');
  });

  it.each(lines.map(({ quizId, q }) => [`${quizId}/${q.id}`, q] as const))('%s: the rule is a catalogue rule or an analyzer diagnostic', (_name, q) => {
    expect([...ruleIds, q.diagnostic.id]).toContain(q.rule);
  });

  it.each(lines.map(({ quizId, q }) => [`${quizId}/${q.id}`, q] as const))('%s: anticipated wrong lines are other, non-blank lines', (_name, q) => {
    for (const m of q.misconceptions) {
      expect(m.line).not.toBe(q.line);
      expect(q.lines[m.line - 1]?.trim()).toBeTruthy();
    }
  });
});
