// The bake exercise contract, shared by the content schema (src/content/bake-exercise-schema.ts),
// the goal engine (goals.ts) and the bake workbench island: the learner edits a docker-bake.hcl
// beside a Dockerfile they cannot change, and goals say what `docker buildx bake` does with it.
import type { GoalBase } from '../types.ts';

/** The targets or groups on the command line; none or absent: the `default` group. */
export interface BakeCommand {
  names?: string[];
}

export type BakeGoalSpec =
  /** Every target the command resolves to builds: the bake file resolves, each target's stage exists, no build error. */
  | ({ kind: 'bake-builds' } & BakeCommand & GoalBase)
  /** The Dockerfile stages the command's builds run, all targets together: all of `includes`, none of `excludes`. */
  | ({ kind: 'bake-runs-stages'; includes?: string[]; excludes?: string[] } & BakeCommand & GoalBase)
  /** The image names the command tags are exactly `tags` ([]: none); a cacheonly target tags nothing. */
  | ({ kind: 'bake-tags'; tags: string[] } & BakeCommand & GoalBase)
  /** The command exports no image: every target's output is type=cacheonly (the result stays in the build cache). */
  | ({ kind: 'bake-exports-nothing' } & BakeCommand & GoalBase);

export interface BakeExercise {
  id: string;
  title: string;
  lesson: string;
  task: string;
  /** The file the learner edits (docker-bake.hcl). */
  file: string;
  starter: string;
  solution: string;
  /** The build context (path → text), with the Dockerfile the bake file builds. */
  files: Record<string, string>;
  goals: BakeGoalSpec[];
  hints: string[];
}
