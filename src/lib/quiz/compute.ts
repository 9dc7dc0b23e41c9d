// From a validated quiz to one ready to render and grade: every question gets its answer
// key, and the two kinds whose answers depend on Docker's behaviour get them from the
// analyzer, never from the YAML:
//   predict-build  analyze(dockerfile, { target, builder, buildArgs }).plan.stages
//   find-the-line  the line of the one diagnostic with the question's rule id
//   predict-cache  the cache model's steps that run again (compute-cache.ts)
// A question the analyzer cannot answer as written (no stage runs, no diagnostic or several,
// a "wrong" answer that is in fact right, a builder comparison that does not hold) throws a
// QuizError, which stops the site build and fails the tests.

import { analyze, type Analysis, type Builder } from '../../analyzer/index.ts';
import type { ChoiceOption, FindTheLineQuestion, Misconception, PredictBuildQuestion, Question, QuizData } from '../../content/quiz-schema.ts';
import { CommandError, parseBuildCommand } from './command.ts';
import { explanationContradiction } from './explanation-check.ts';
import { preparePredictCache, type PreparedPredictCache } from './compute-cache.ts';
import { normalizeResponse, stageSetKey, type AnswerKey } from './grade.ts';

export class QuizError extends Error {}

export const BUILDER_NAMES: Record<Builder, string> = { buildkit: 'BuildKit', classic: 'the classic builder' };

/** A stage offered as an answer to a predict-build question. */
export interface StageChoice {
  index: number;
  /** Lower-cased name, or null for an unnamed stage. */
  name: string | null;
  /** The name as written after AS. */
  nameAsWritten: string | null;
  /** 1-based line of its FROM. */
  line: number;
  /** What its FROM names, as written. */
  from: string;
  /** How the option reads: `build (line 3)`, `stage 2, unnamed (line 9)`. */
  label: string;
  /** How a sentence names it: `build`, `stage 2`, or `test (line 10)` when two stages share the name. */
  short: string;
}

/** What one build does, as the analyzer predicts it. */
export interface BuildOutcome {
  builder: Builder;
  target: string | null;
  buildArgs: Record<string, string>;
  /** Stages the build executes (sorted indices). */
  stages: number[];
  fails: boolean;
  /** The first error Docker would print, with its line. */
  error: { message: string; line: number } | null;
  /** Where a classic build that fails part-way stops. */
  stoppedAt: { stage: number; line: number } | null;
}

export interface PreparedMisconception extends Misconception {
  /** The feedback key this misconception is filed under (see feedbackKeys in grade.ts). */
  key: string;
}

export interface PreparedBase {
  id: string;
  prompt: string;
  key: AnswerKey;
  /** Feedback keys the question has an anticipated explanation for. */
  anticipated: string[];
}

export interface PreparedChoice extends PreparedBase {
  kind: 'single' | 'multiple';
  dockerfile?: string | undefined;
  command?: string | undefined;
  options: ChoiceOption[];
}

export interface PreparedTrueFalse extends PreparedBase {
  kind: 'true-false';
  dockerfile?: string | undefined;
  command?: string | undefined;
  answer: boolean;
  explanation: string;
  wrong: PreparedMisconception;
}

export interface PreparedPredictBuild extends PreparedBase {
  kind: 'predict-build';
  dockerfile: string;
  command: string;
  builder: Builder;
  buildersDiffer: boolean;
  explanation: string;
  lesson: string;
  choices: StageChoice[];
  outcome: BuildOutcome;
  /** The same command on the other builder. */
  otherOutcome: BuildOutcome;
  misconceptions: Array<PreparedMisconception & { stages: number[] }>;
}

export interface PreparedFindTheLine extends PreparedBase {
  kind: 'find-the-line';
  dockerfile: string;
  command: string;
  builder: Builder;
  rule: string;
  explanation: string;
  lesson: string;
  /** The Dockerfile's lines (line n is lines[n - 1]). */
  lines: string[];
  line: number;
  /** The diagnostic that marks the line, as the analyzer words it. */
  diagnostic: { id: string; severity: string; message: string; line: number };
  misconceptions: Array<PreparedMisconception & { line: number }>;
}

export type PreparedQuestion = PreparedChoice | PreparedTrueFalse | PreparedPredictBuild | PreparedFindTheLine | PreparedPredictCache;

export type { PreparedPredictCache };

export interface PreparedQuiz {
  id: string;
  title: string;
  description: string;
  lesson: string | null;
  shuffle: boolean;
  questions: PreparedQuestion[];
}

/** The Dockerfile as the analyzer and the learner see it: YAML block scalars end with one newline. */
export function dockerfileText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\n*$/, '\n');
}

function fail(quizId: string, questionId: string, message: string): never {
  throw new QuizError(`quiz "${quizId}", question "${questionId}": ${message}`);
}

function stageChoices(analysis: Analysis): StageChoice[] {
  const uses = new Map<string, number>();
  for (const stage of analysis.stages) if (stage.name) uses.set(stage.name, (uses.get(stage.name) ?? 0) + 1);
  return analysis.stages.map((stage) => {
    const line = stage.from.range.start.line;
    const name = stage.nameAsWritten ?? null;
    const from = stage.from.words[0]?.value ?? stage.baseText;
    const shared = stage.name !== null && (uses.get(stage.name) ?? 0) > 1;
    return {
      index: stage.index,
      name: stage.name,
      nameAsWritten: name,
      line,
      from,
      label: name ? `${name} (line ${line})` : `stage ${stage.index}, unnamed (line ${line})`,
      short: name ? (shared ? `${name} (line ${line})` : name) : `stage ${stage.index}`,
    };
  });
}

function outcomeOf(text: string, builder: Builder, target: string | null, buildArgs: Record<string, string>): { analysis: Analysis; outcome: BuildOutcome } {
  const analysis = analyze(text, { builder, target, buildArgs, rules: false });
  const error = analysis.diagnostics.find((d) => d.severity === 'error') ?? null;
  const stopped = analysis.plan.stoppedAt;
  return {
    analysis,
    outcome: {
      builder,
      target,
      buildArgs,
      stages: normalizeResponse(analysis.plan.stages),
      fails: analysis.plan.fails,
      error: error ? { message: error.message, line: error.range.start.line } : null,
      stoppedAt: stopped ? { stage: stopped.stage, line: stopped.range.start.line } : null,
    },
  };
}

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  const x = normalizeResponse(a);
  const y = normalizeResponse(b);
  return x.length === y.length && x.every((n, i) => n === y[i]);
}

function buildOptions(quizId: string, q: PredictBuildQuestion | FindTheLineQuestion) {
  let command;
  try {
    command = parseBuildCommand(q.command);
  } catch (error) {
    if (error instanceof CommandError) fail(quizId, q.id, error.message);
    throw error;
  }
  if (command.builder !== null && command.builder !== q.builder) {
    fail(quizId, q.id, `the command selects ${BUILDER_NAMES[command.builder]} but builder is "${q.builder}"`);
  }
  return command;
}

export function preparePredictBuild(quizId: string, q: PredictBuildQuestion): PreparedPredictBuild {
  const text = dockerfileText(q.dockerfile);
  const { target, buildArgs } = buildOptions(quizId, q);
  const { analysis, outcome } = outcomeOf(text, q.builder, target, buildArgs);
  const other = outcomeOf(text, q.builder === 'buildkit' ? 'classic' : 'buildkit', target, buildArgs).outcome;
  const choices = stageChoices(analysis);
  if (choices.length < 2) fail(quizId, q.id, 'a predict-build Dockerfile needs at least two stages to choose from');
  if (outcome.stages.length === 0) {
    fail(
      quizId,
      q.id,
      `no stage runs with ${BUILDER_NAMES[q.builder]} (${outcome.error?.message ?? 'the build fails before any step'}); ask about this build another way`,
    );
  }
  const differ = !sameSet(outcome.stages, other.stages);
  if (differ !== q.buildersDiffer) {
    fail(
      quizId,
      q.id,
      `buildersDiffer is ${q.buildersDiffer}, but the analyzer has ${BUILDER_NAMES[q.builder]} run [${outcome.stages.join(', ')}] and ${BUILDER_NAMES[other.builder]} run [${other.stages.join(', ')}]`,
    );
  }

  const names = (stages: number[]) => stages.map((index) => choices[index]?.name ?? null);
  const contradiction = explanationContradiction(q.explanation, q.builder, {
    [q.builder]: names(outcome.stages),
    [other.builder]: names(other.stages),
  } as Record<Builder, Array<string | null>>);
  if (contradiction) fail(quizId, q.id, contradiction);

  const seen = new Set<string>();
  const misconceptions = q.misconceptions.map((m) => {
    const stages = normalizeResponse(
      m.stages.map((ref) => {
        if (typeof ref === 'number') {
          if (ref >= choices.length) fail(quizId, q.id, `misconception stage index ${ref} is out of range (0 to ${choices.length - 1})`);
          return ref;
        }
        const matches = choices.filter((c) => c.name === ref.toLowerCase());
        if (matches.length === 0) fail(quizId, q.id, `misconception names stage "${ref}", which the Dockerfile does not define`);
        if (matches.length > 1) fail(quizId, q.id, `stage name "${ref}" is used ${matches.length} times; refer to the stage by its index`);
        return matches[0]!.index;
      }),
    );
    if (sameSet(stages, outcome.stages))
      fail(quizId, q.id, `the misconception "${m.misconception}" lists the stages that really run; it is not a wrong answer`);
    const key = stageSetKey(stages);
    if (seen.has(key)) fail(quizId, q.id, `two misconceptions list the same stages [${stages.join(', ')}]`);
    seen.add(key);
    return { ...m, stages, key };
  });

  return {
    id: q.id,
    kind: 'predict-build',
    prompt: q.prompt,
    dockerfile: text,
    command: q.command,
    builder: q.builder,
    buildersDiffer: q.buildersDiffer,
    explanation: q.explanation,
    lesson: q.lesson,
    choices,
    outcome,
    otherOutcome: other,
    misconceptions,
    key: { kind: 'predict-build', correct: outcome.stages },
    anticipated: misconceptions.map((m) => m.key),
  };
}

export function prepareFindTheLine(quizId: string, q: FindTheLineQuestion): PreparedFindTheLine {
  const text = dockerfileText(q.dockerfile);
  const { target, buildArgs } = buildOptions(quizId, q);
  const analysis = analyze(text, { builder: q.builder, target, buildArgs });
  const found = analysis.diagnostics.filter((d) => d.id === q.rule);
  if (found.length !== 1) {
    const ids = [...new Set(analysis.diagnostics.map((d) => d.id))].join(', ') || 'none';
    fail(
      quizId,
      q.id,
      `the Dockerfile must produce exactly one "${q.rule}" diagnostic with ${BUILDER_NAMES[q.builder]}; it produces ${found.length} (diagnostics: ${ids})`,
    );
  }
  const diagnostic = found[0]!;
  const line = diagnostic.range.start.line;
  const lines = text.replace(/\n$/, '').split('\n');

  const seen = new Set<number>();
  const misconceptions = q.misconceptions.map((m) => {
    if (m.line > lines.length) fail(quizId, q.id, `misconception line ${m.line} is past the end of the Dockerfile (${lines.length} lines)`);
    if ((lines[m.line - 1] ?? '').trim() === '') fail(quizId, q.id, `misconception line ${m.line} is blank`);
    if (m.line === line) fail(quizId, q.id, `misconception line ${m.line} is the line the analyzer reports; it is not a wrong answer`);
    if (seen.has(m.line)) fail(quizId, q.id, `two misconceptions name line ${m.line}`);
    seen.add(m.line);
    return { ...m, key: `line-${m.line}` };
  });

  return {
    id: q.id,
    kind: 'find-the-line',
    prompt: q.prompt,
    dockerfile: text,
    command: q.command,
    builder: q.builder,
    rule: q.rule,
    explanation: q.explanation,
    lesson: q.lesson,
    lines,
    line,
    diagnostic: { id: diagnostic.id, severity: diagnostic.severity, message: diagnostic.message, line },
    misconceptions,
    key: { kind: 'find-the-line', correct: [line] },
    anticipated: misconceptions.map((m) => m.key),
  };
}

export function prepareQuestion(quizId: string, q: Question): PreparedQuestion {
  switch (q.kind) {
    case 'single':
    case 'multiple': {
      const correct = q.options.flatMap((o, i) => (o.correct ? [i] : []));
      return {
        id: q.id,
        kind: q.kind,
        prompt: q.prompt,
        dockerfile: q.dockerfile === undefined ? undefined : dockerfileText(q.dockerfile),
        command: q.command,
        options: q.options,
        key: { kind: q.kind, correct },
        anticipated: q.options.map((_, i) => `option-${i}`),
      };
    }
    case 'true-false':
      return {
        id: q.id,
        kind: 'true-false',
        prompt: q.prompt,
        dockerfile: q.dockerfile === undefined ? undefined : dockerfileText(q.dockerfile),
        command: q.command,
        answer: q.answer,
        explanation: q.explanation,
        wrong: { ...q.wrong, key: 'wrong' },
        key: { kind: 'true-false', correct: [q.answer ? 1 : 0] },
        anticipated: ['wrong'],
      };
    case 'predict-build':
      return preparePredictBuild(quizId, q);
    case 'find-the-line':
      return prepareFindTheLine(quizId, q);
    case 'predict-cache':
      return preparePredictCache(quizId, q);
  }
}

/** Computes every answer of a validated quiz. Throws a QuizError naming the question when one cannot be computed. */
export function prepareQuiz(id: string, quiz: QuizData): PreparedQuiz {
  return {
    id,
    title: quiz.title,
    description: quiz.description,
    lesson: quiz.lesson ?? null,
    shuffle: quiz.shuffle,
    questions: quiz.questions.map((q) => prepareQuestion(id, q)),
  };
}

/** Every misconception a question can show, with the lesson that corrects it (for review lists and tests). */
export function questionMisconceptions(q: PreparedQuestion): Misconception[] {
  switch (q.kind) {
    case 'single':
    case 'multiple':
      return q.options.flatMap((o) =>
        o.correct || !o.misconception || !o.lesson ? [] : [{ misconception: o.misconception, explanation: o.explanation, lesson: o.lesson }],
      );
    case 'true-false':
      return [q.wrong];
    case 'predict-build':
    case 'find-the-line':
    case 'predict-cache':
      return q.misconceptions;
  }
}

/** "base, dev and test" */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The stages of an outcome as a sentence fragment: "base, dev and test". */
export function stageNames(choices: readonly StageChoice[], stages: readonly number[]): string {
  return listNames(stages.map((i) => choices[i]?.short ?? `stage ${i}`));
}
