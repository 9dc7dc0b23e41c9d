// What the stage runner's panel carries from the build to the browser, in its JSON data
// block (escaped with src/lib/workbench/embed.ts): the exercise's starter Dockerfile (used
// until the workbench reports the learner's text) and the build context COPY reads from —
// every file of content/exercises/<id>/files, lockfiles included (`npm ci` needs them).
import type { BuildContext } from '../../runner/types.ts';

export interface RunnerData {
  exercise: string;
  starter: string;
  context: Record<string, string>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The data block's value checked for what the runner uses, or null. */
export function runnerDataFromJson(value: unknown): RunnerData | null {
  if (!isRecord(value)) return null;
  const { exercise, starter, context } = value;
  if (typeof exercise !== 'string' || typeof starter !== 'string' || !isRecord(context)) return null;
  if (!Object.values(context).every((text) => typeof text === 'string')) return null;
  return { exercise, starter, context: context as Record<string, string> };
}

/** The context as the runner takes it (a fresh object: runs must not share one). */
export function buildContext(data: RunnerData): BuildContext {
  return { ...data.context };
}
