// Sentences the quiz pages show about computed answers. Pure; the words come from the
// analyzer's results, so they can never disagree with the answer key.

import {
  BUILDER_NAMES,
  listNames,
  stageNames,
  type PreparedChoice,
  type PreparedFindTheLine,
  type PreparedPredictBuild,
  type PreparedPredictCache,
} from './compute.ts';

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "A", "B", … for option i. */
export function optionLetter(i: number): string {
  return String.fromCharCode(65 + i);
}

/** "B" or "A and C": the right options of a choice question. */
export function choiceAnswer(q: PreparedChoice): string {
  return listNames(q.key.correct.map(optionLetter));
}

/** "With the classic builder, `docker build --target test .` runs base, dev and test." */
export function buildAnswer(q: PreparedPredictBuild): string {
  const runs = stageNames(q.choices, q.outcome.stages);
  const verb = q.outcome.stages.length === 1 ? 'runs only' : 'runs';
  return `${capitalize(BUILDER_NAMES[q.builder])}: \`${q.command}\` ${verb} ${runs}.`;
}

/** "Then the build fails at line 10: test stage name already used" — or null when it succeeds. */
export function buildFailure(q: PreparedPredictBuild): string | null {
  const { fails, error, stoppedAt } = q.outcome;
  if (!fails || !error) return null;
  return `Then the build fails at line ${stoppedAt?.line ?? error.line}: ${error.message}`;
}

/** "Line 7: `COPY --from=build / /`" */
export function lineAnswer(q: PreparedFindTheLine): string {
  return `Line ${q.line}: \`${(q.lines[q.line - 1] ?? '').trim()}\``;
}

/** The builder a question's build runs on, as a label. */
export function builderLabel(builder: PreparedPredictBuild['builder']): string {
  return builder === 'buildkit' ? 'BuildKit (the default builder)' : 'the classic builder (DOCKER_BUILDKIT=0)';
}

/** "Lines 5 and 6 run again." / "No step runs again: every step comes from the cache." */
export function cacheAnswer(q: PreparedPredictCache): string {
  if (q.reruns.length === 0) return 'No step runs again: every step comes from the cache.';
  const lines = listNames(q.reruns.map(String));
  return q.reruns.length === 1
    ? `Line ${lines} runs again; every other step comes from the cache.`
    : `Lines ${lines} run again; the other steps come from the cache.`;
}

/** Which Docker a cache prediction holds for. */
export function cacheSource(q: PreparedPredictCache): string {
  const engines = q.engine ? `Docker ${q.engine}` : 'Docker 26.1 and 28.5';
  return `Worked out by Stagecraft's cache model for ${BUILDER_NAMES[q.builder]} on ${engines}, which is checked against recorded builds.`;
}
