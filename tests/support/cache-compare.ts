// Puts a recorded cache case to the model and lists where they disagree: the same case, engine
// and builder, step by step (BuildKit's `[stage k/N]` vertices, the classic builder's `Step N/M`).

import { analyze } from '../../src/analyzer/index.ts';
import { predictCache, type CacheEngine, type CacheInput, type CachePrediction, type StepVerdict } from '../../src/analyzer/cache/index.ts';
import type { Builder } from '../../src/analyzer/model.ts';
import type { CacheRecording, LoadedCacheCase } from './cache-cases.ts';

/** The model's input for a recorded case: the context after the change, and what changed. */
export function cacheInputFor(loaded: LoadedCacheCase, builder: Builder, engine: CacheEngine): CacheInput {
  const { build, change } = loaded.case;
  const previousDockerfile = loaded.files.Dockerfile!;
  const dockerfile = change.edit?.Dockerfile ?? previousDockerfile;
  const files = new Set(Object.keys(loaded.files));
  for (const path of Object.keys(change.add ?? {})) files.add(path);
  for (const path of change.remove ?? []) files.delete(path);
  const dockerignore = change.edit?.['.dockerignore'] ?? loaded.files['.dockerignore'];
  return {
    dockerfile,
    context: { files: [...files], ...(dockerignore === undefined ? {} : { dockerignore }) },
    builder,
    engine,
    target: change.target ?? build.target ?? null,
    buildArgs: change.buildArgs ?? build.buildArgs ?? {},
    change: {
      edited: Object.keys(change.edit ?? {}),
      added: Object.keys(change.add ?? {}),
      removed: change.remove ?? [],
      previousBuildArgs: build.buildArgs ?? {},
      previousTarget: build.target ?? null,
      ...(dockerfile === previousDockerfile ? {} : { previousDockerfile }),
      ...(loaded.files['.dockerignore'] === dockerignore || loaded.files['.dockerignore'] === undefined
        ? {}
        : { previousDockerignore: loaded.files['.dockerignore'] }),
      secrets: Object.keys(change.secrets ?? {}),
      noCache: change.noCache ?? false,
    },
  };
}

export interface Mismatch {
  /** `[build 4/6] RUN …` or `Step 5/12 : RUN …`. */
  step: string;
  recorded: string;
  predicted: string;
  /** The model's verdict for the step, when it has one. */
  verdict: StepVerdict | null;
}

function label(verdict: StepVerdict | null | undefined): string {
  return verdict ? `${verdict.outcome} (${verdict.reason})` : 'no such step';
}

/** BuildKit: each recorded vertex against the model's step at the same stage and position. */
function compareBuildKit(prediction: CachePrediction, recording: CacheRecording['buildkit'], multiStage: boolean): Mismatch[] {
  const mismatches: Mismatch[] = [];
  const second = recording.second;
  const seen = new Set<StepVerdict>();
  for (const stage of prediction.stages) {
    if (!stage.built) continue;
    const name = multiStage ? (stage.name ?? `stage-${stage.index}`) : null;
    stage.steps.forEach((verdict, position) => {
      const recorded = second.steps.find((s) => s.stage === name && s.step === position + 1);
      if (recorded && recorded.of !== stage.steps.length) {
        mismatches.push({
          step: `[${name ?? ''} ${recorded.step}/${recorded.of}] ${recorded.text}`,
          recorded: `${recorded.of} steps in the stage`,
          predicted: `${stage.steps.length} steps`,
          verdict,
        });
      }
      if (verdict.keyword === 'FROM') return; // BuildKit shares and resolves base images; its FROM vertex says nothing about the cache
      seen.add(verdict);
      if (!recorded)
        mismatches.push({ step: `${name ?? ''} step ${position + 1}: ${verdict.text}`, recorded: 'not reported', predicted: label(verdict), verdict });
      else if (recorded.cached !== verdict.cached)
        mismatches.push({
          step: `[${name ?? ''} ${recorded.step}/${recorded.of}] ${recorded.text}`,
          recorded: recorded.cached ? 'cached' : 'ran',
          predicted: label(verdict),
          verdict,
        });
    });
  }
  for (const recorded of second.steps) {
    if (recorded.step === 1) continue;
    const stage = prediction.stages.find((s) => (multiStage ? (s.name ?? `stage-${s.index}`) : null) === recorded.stage);
    if (!stage?.built)
      mismatches.push({
        step: `[${recorded.stage ?? ''} ${recorded.step}/${recorded.of}] ${recorded.text}`,
        recorded: recorded.cached ? 'cached' : 'ran',
        predicted: 'stage not built',
        verdict: null,
      });
  }
  return mismatches;
}

/** Classic: `Step N` is the Nth instruction of the file (global ARGs included, up to the target). */
function compareClassic(prediction: CachePrediction, recording: CacheRecording['classic'], dockerfile: string): Mismatch[] {
  const analysis = analyze(dockerfile, { builder: 'classic', rules: false });
  const byLine = new Map(prediction.steps.map((verdict) => [verdict.line, verdict]));
  const mismatches: Mismatch[] = [];
  for (const recorded of recording.second.steps) {
    const instruction = analysis.instructions[recorded.step - 1];
    const step = `Step ${recorded.step}/${recorded.of} : ${recorded.text}`;
    if (!instruction) {
      mismatches.push({ step, recorded: 'a step', predicted: 'no such instruction', verdict: null });
      continue;
    }
    if (instruction.stage < 0 || instruction.keyword === 'FROM') continue; // global ARG and FROM steps use no cache
    const verdict = byLine.get(instruction.range.start.line) ?? null;
    const predictedCached = verdict?.cached ?? null;
    if (verdict === null || predictedCached !== recorded.cached) {
      mismatches.push({
        step,
        recorded: recorded.cached ? 'cached' : verdict?.outcome === 'fails' && !recording.second.ok ? 'fails' : 'ran',
        predicted: label(verdict),
        verdict,
      });
    }
  }
  const lastRecorded = recording.second.steps.at(-1)?.step ?? 0;
  for (const verdict of prediction.steps) {
    const index = analysis.instructions.findIndex((i) => i.range.start.line === verdict.line);
    if (index + 1 > lastRecorded)
      mismatches.push({ step: `line ${verdict.line}: ${verdict.text}`, recorded: 'not reached', predicted: label(verdict), verdict });
  }
  return mismatches.filter((m) => !(m.recorded === 'fails' && m.verdict?.outcome === 'fails'));
}

/** Every disagreement between the model and one recording (empty when they agree). */
export function compareWithRecording(loaded: LoadedCacheCase, series: string, builder: Builder): { prediction: CachePrediction; mismatches: Mismatch[] } {
  const recording = loaded.recordings[series]!;
  const engine = series as CacheEngine;
  const input = cacheInputFor(loaded, builder, engine);
  const prediction = predictCache(input);
  const recorded = recording[builder];
  const mismatches: Mismatch[] = [];
  // The first build failing part-way (the classic builder at RUN --mount) is the same build as
  // the second: the model must see it fail at the same place (checked on the second build below).
  if (!recorded.first.ok && recorded.second.ok)
    mismatches.push({ step: 'the first build', recorded: `failed: ${recorded.first.error}`, predicted: 'the same outcome as the second build', verdict: null });
  const predictedOk = !prediction.fails;
  if (!recorded.second.ok && prediction.error && !recorded.second.error.includes(prediction.error.message)) {
    mismatches.push({ step: 'the error', recorded: recorded.second.error, predicted: prediction.error.message, verdict: null });
  }
  if (recorded.second.ok !== predictedOk) {
    mismatches.push({
      step: 'the build',
      recorded: recorded.second.ok ? 'succeeded' : `failed: ${recorded.second.error}`,
      predicted: predictedOk ? 'succeeds' : `fails: ${prediction.error?.message}`,
      verdict: null,
    });
  }
  // BuildKit names the stage in its step labels when the file has several, or when a RUN --mount
  // brings in a second source (recorded: node-cache-mount-source-edit, `[build 2/6]`, one stage).
  const labelled = prediction.stages.length > 1 || /^\s*RUN\s+(?:--\S+\s+)*--mount/im.test(input.dockerfile);
  if (builder === 'buildkit') mismatches.push(...compareBuildKit(prediction, recorded as CacheRecording['buildkit'], labelled));
  else mismatches.push(...compareClassic(prediction, recorded as CacheRecording['classic'], input.dockerfile));
  return { prediction, mismatches };
}
