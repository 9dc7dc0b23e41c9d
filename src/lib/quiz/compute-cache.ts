// Predict-the-cache questions: a Dockerfile, its build context and a change since the last
// build; the learner picks the steps that run again. The cache model (src/analyzer/cache)
// computes the answer, and the question states it too (`reruns`): a question whose stated
// answer the model does not reproduce stops the site build, so an explanation written for
// one answer can never sit under another. A question is also refused when its answer would
// differ between Docker 26.1 and 28.5 without saying which, or rests on the model's
// assumption about what a command writes.

import { makesStep, predictCache, type CacheEngine, type CachePrediction } from '../../analyzer/cache/index.ts';
import { analyze, type Builder } from '../../analyzer/index.ts';
import type { PredictCacheQuestion } from '../../content/quiz-schema.ts';
import { CommandError, parseBuildCommand, type BuildCommand } from './command.ts';
import { BUILDER_NAMES, dockerfileText, QuizError, type PreparedBase, type PreparedMisconception } from './compute.ts';
import { lineSetKey, NO_STEP, normalizeResponse } from './grade.ts';
import { sentence } from '../workbench/diagnostics.ts';

/** A step offered as an answer. */
export interface StepChoice {
  /** The key: the step's 1-based line, or NO_STEP for "no step runs again". */
  line: number;
  /** The instruction's first line, as written. */
  text: string;
  /** The stage's name, or `stage N`. */
  stage: string;
  /** How feedback names it: `line 5`, or `no step`. */
  short: string;
}

/** What the model says about one step, shown with the answer. */
export interface StepOutcome {
  line: number;
  text: string;
  stage: string;
  cached: boolean;
  reason: string;
}

export interface PreparedPredictCache extends PreparedBase {
  kind: 'predict-cache';
  dockerfile: string;
  command: string;
  builder: Builder;
  /** The engine the question is about; null: the answer is the same on 26.1 and 28.5. */
  engine: CacheEngine | null;
  /** "Since the last build, you edited `src/routes.js`." — what changed (the prompt may say more). */
  change: string;
  explanation: string;
  lesson: string;
  choices: StepChoice[];
  steps: StepOutcome[];
  /** Stages the build does not build, with the reason. */
  skipped: Array<{ stage: string; reason: string }>;
  /** The lines that run again (the answer), ascending; empty when none does. */
  reruns: number[];
  misconceptions: Array<PreparedMisconception & { reruns: number[] }>;
}

function fail(quizId: string, questionId: string, message: string): never {
  throw new QuizError(`quiz "${quizId}", question "${questionId}": ${message}`);
}

function command(quizId: string, q: PredictCacheQuestion, text: string): BuildCommand {
  try {
    const parsed = parseBuildCommand(text);
    if (parsed.builder !== null && parsed.builder !== q.builder)
      fail(quizId, q.id, `"${text}" selects ${BUILDER_NAMES[parsed.builder]} but builder is "${q.builder}"`);
    return parsed;
  } catch (error) {
    if (error instanceof CommandError) fail(quizId, q.id, error.message);
    throw error;
  }
}

function stageLabel(prediction: CachePrediction, index: number): string {
  const stage = prediction.stages[index];
  return stage?.name ?? `stage ${index}`;
}

/** "Since the last build, you edited `src/routes.js`, added `src/metrics.js`." */
function describeChange(q: PredictCacheQuestion): string {
  const { edited = [], added = [], removed = [], editedLines = [], previousCommand } = q.change;
  const code = (paths: readonly string[]) => paths.map((p) => `\`${p}\``).join(', ');
  const parts: string[] = [];
  if (edited.length) parts.push(`edited ${code(edited)}`);
  if (added.length) parts.push(`added ${code(added)}`);
  if (removed.length) parts.push(`deleted ${code(removed)}`);
  if (editedLines.length) parts.push(`edited line ${editedLines.join(' and ')} of the Dockerfile`);
  const changes = parts.length ? `Since the last build, you ${parts.join(', ')}.` : '';
  // sentence(): a command ending in the build context's `.` ends the sentence itself.
  const before = previousCommand ? sentence(`The last build ran \`${previousCommand}\``) : '';
  return [before, changes].filter(Boolean).join(' ');
}

function predict(
  q: PredictCacheQuestion,
  text: string,
  engine: CacheEngine,
  current: BuildCommand,
  previous: BuildCommand | null,
  noCache: boolean,
): CachePrediction {
  return predictCache({
    dockerfile: text,
    context: { files: ['Dockerfile', ...q.files], ...(q.dockerignore === undefined ? {} : { dockerignore: q.dockerignore }) },
    builder: q.builder,
    engine,
    target: current.target,
    buildArgs: current.buildArgs,
    change: {
      edited: q.change.edited ?? [],
      added: q.change.added ?? [],
      removed: q.change.removed ?? [],
      editedLines: q.change.editedLines ?? [],
      ...(previous ? { previousBuildArgs: previous.buildArgs, previousTarget: previous.target } : {}),
      noCache,
    },
  });
}

const rerunLines = (prediction: CachePrediction) => prediction.steps.filter((s) => !s.cached && s.keyword !== 'FROM').map((s) => s.line);

const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((n, i) => n === b[i]);

export function preparePredictCache(quizId: string, q: PredictCacheQuestion): PreparedPredictCache {
  const text = dockerfileText(q.dockerfile);
  const current = command(quizId, q, q.command);
  const previous = q.change.previousCommand ? command(quizId, q, q.change.previousCommand) : null;
  const noCache = /(^|\s)--no-cache(\s|$)/.test(q.command);
  const engines: CacheEngine[] = q.engine ? [q.engine] : ['28.5', '26.1'];
  const predictions = engines.map((engine) => predict(q, text, engine, current, previous, noCache));
  const prediction = predictions[0]!;
  if (prediction.fails) fail(quizId, q.id, `the build fails (${prediction.error?.message ?? 'see the analyzer'}); ask about a build that runs`);
  const reruns = rerunLines(prediction);
  const other = predictions[1];
  if (other && !same(reruns, rerunLines(other))) {
    fail(
      quizId,
      q.id,
      `the answer differs between Docker 28.5 ([${reruns.join(', ')}]) and 26.1 ([${rerunLines(other).join(', ')}]): set engine to the one the question is about`,
    );
  }
  const assumed = prediction.steps.find((s) => s.assumption);
  if (assumed) fail(quizId, q.id, `the answer at line ${assumed.line} rests on an assumption (${assumed.assumption}); ask about a build whose answer does not`);
  const stated = normalizeResponse(q.reruns);
  if (!same(stated, reruns)) {
    const why = prediction.steps.map((s) => `line ${s.line} ${s.cached ? 'cached' : 'runs'}: ${s.reason}`).join('; ');
    fail(quizId, q.id, `reruns says [${stated.join(', ')}], but the cache model has lines [${reruns.join(', ')}] run again (${why})`);
  }

  // Every step of every stage is offered, built or not: thinking a skipped stage runs is a
  // misconception worth anticipating.
  const analysis = analyze(text, { builder: q.builder, target: current.target, buildArgs: current.buildArgs, rules: false });
  const choices: StepChoice[] = analysis.stages.flatMap((stage) =>
    stage.instructions
      .filter((instruction) => makesStep(instruction, q.builder))
      .map((instruction) => {
        const line = instruction.range.start.line;
        return { line, text: (text.split('\n')[line - 1] ?? '').trimEnd(), stage: stage.name ?? `stage ${stage.index}`, short: `line ${line}` };
      }),
  );
  choices.push({ line: NO_STEP, text: 'No step runs again', stage: '', short: 'no step' });
  const offered = new Set(choices.map((c) => c.line));
  const answerKey = reruns.length ? reruns : [NO_STEP];

  const seen = new Set<string>();
  const misconceptions = q.misconceptions.map((m) => {
    const lines = normalizeResponse(m.reruns.length ? m.reruns : [NO_STEP]);
    for (const line of lines)
      if (!offered.has(line))
        fail(quizId, q.id, `misconception line ${line} is not a step of the build (steps: ${[...offered].filter((l) => l !== NO_STEP).join(', ')})`);
    if (same(lines, answerKey)) fail(quizId, q.id, `the misconception "${m.misconception}" lists the steps that really run again; it is not a wrong answer`);
    const key = lineSetKey(lines);
    if (seen.has(key)) fail(quizId, q.id, `two misconceptions list the same lines [${lines.join(', ')}]`);
    seen.add(key);
    return { misconception: m.misconception, explanation: m.explanation, lesson: m.lesson, reruns: lines.filter((l) => l !== NO_STEP), key };
  });

  return {
    id: q.id,
    kind: 'predict-cache',
    prompt: q.prompt,
    dockerfile: text,
    command: q.command,
    builder: q.builder,
    engine: q.engine ?? null,
    change: describeChange(q),
    explanation: q.explanation,
    lesson: q.lesson,
    choices,
    steps: prediction.steps.map((s) => ({ line: s.line, text: s.text, stage: stageLabel(prediction, s.stage), cached: s.cached, reason: s.reason })),
    skipped: prediction.stages.filter((s) => !s.built).map((s) => ({ stage: s.name ?? `stage ${s.index}`, reason: s.reason ?? '' })),
    reruns,
    misconceptions,
    key: { kind: 'predict-cache', correct: answerKey },
    anticipated: misconceptions.map((m) => m.key),
  };
}
