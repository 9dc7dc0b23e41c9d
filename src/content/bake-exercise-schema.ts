// The bake exercises: content/bake-exercises/<id>/exercise.yaml (this schema), next to
// starter.hcl and solution.hcl (the docker-bake.hcl the learner starts from, and one that passes)
// and files/** (the build context, with the Dockerfile the bake file builds). The loader is
// src/exercises/bake/load.ts, the goal engine src/exercises/bake/goals.ts.
//
// A goal is a statement about what `docker buildx bake [names…]` does with the learner's file,
// never about its text. `names` are the targets or groups on the command line (none: the
// `default` group, what a plain `docker buildx bake` builds):
//   bake-builds        [names]                     every target they resolve to builds
//   bake-runs-stages   [names] includes/excludes   the Dockerfile stages those builds run, together
//   bake-tags          [names] tags                the image names they tag, exactly ([]: none)
//   bake-exports-nothing [names]                  no image is exported: every output is type=cacheonly
import { z } from 'astro/zod';
import type { BakeGoalSpec } from '../exercises/bake/types.ts';
import { exerciseHints, exerciseIdSchema, goalBase, lessonSchema, stageNames, text, uniqueGoalIds } from './exercise-schema.ts';

/** A bake target or group name as the command line gives it. */
const bakeName = z
  .string({ error: 'each of names must be a bake target or group name' })
  .regex(/^[A-Za-z0-9_-]+$/, { error: (issue) => `names: "${String(issue.input)}" is not a bake target or group name` });

const command = { names: z.array(bakeName, { error: 'names must be a list of bake targets or groups' }).optional() };

export const bakeBuildsGoalSchema = z.strictObject({ ...goalBase, ...command, kind: z.literal('bake-builds') });

export const bakeRunsStagesGoalSchema = z
  .strictObject({ ...goalBase, ...command, kind: z.literal('bake-runs-stages'), includes: stageNames('includes').optional(), excludes: stageNames('excludes').optional() })
  .superRefine((goal, ctx) => {
    if ((goal.includes?.length ?? 0) + (goal.excludes?.length ?? 0) === 0) {
      ctx.addIssue({ code: 'custom', path: ['includes'], message: `bake-runs-stages goal "${goal.id}" needs at least one stage in includes or excludes` });
    }
  });

export const bakeTagsGoalSchema = z.strictObject({
  ...goalBase,
  ...command,
  kind: z.literal('bake-tags'),
  tags: z.array(text('each of tags'), { error: 'tags must be a list of image names (an empty list: no image is tagged)' }),
});

export const bakeExportsNothingGoalSchema = z.strictObject({ ...goalBase, ...command, kind: z.literal('bake-exports-nothing') });

export const BAKE_GOAL_KINDS = ['bake-builds', 'bake-runs-stages', 'bake-tags', 'bake-exports-nothing'] as const;

export const bakeGoalSchema = z.discriminatedUnion('kind', [bakeBuildsGoalSchema, bakeRunsStagesGoalSchema, bakeTagsGoalSchema, bakeExportsNothingGoalSchema], {
  error: (issue) =>
    issue.code === 'invalid_union' ? `kind must be one of: ${BAKE_GOAL_KINDS.join(', ')} (a bake exercise's goals are about what bake builds)` : undefined,
});

export const bakeExerciseSchema = z
  .strictObject({
    /** The directory name, and the id of the lesson's <BakeExerciseSlot>. */
    id: exerciseIdSchema,
    title: text('title'),
    lesson: lessonSchema,
    task: text('task'),
    goals: z.array(bakeGoalSchema, { error: 'goals must be a list of goals' }).min(1, { error: 'goals must list at least one goal' }),
    hints: exerciseHints,
  })
  .superRefine(uniqueGoalIds);

type Assert<T extends true> = T;
export type BakeGoalsMatchContract = Assert<z.output<typeof bakeGoalSchema> extends BakeGoalSpec ? true : false>;

/** A bake exercise's answers.yaml: bake files a learner might write, like an exercise's answer
 *  table (exercise-answers-schema.ts) with `bake` for `dockerfile`. */
export const bakeAnswerTableSchema = z.strictObject({
  correct: z.array(z.strictObject({ name: text('name'), bake: text('bake') }), { error: 'correct must be a list of answers' }).min(4, { error: 'correct needs at least 4 different answers' }),
  wrong: z
    .array(
      z.strictObject({
        name: text('name'),
        /** Exactly the goals that must fail, in the exercise's order. */
        fails: z.array(text('each of fails')).min(1, { error: 'fails must name at least one goal' }),
        /** A regular expression the detail of the first failing goal must match. */
        detail: text('detail').optional(),
        /** A regular expression the hint of the first error in the editor must match. */
        problemHint: text('problemHint').optional(),
        bake: text('bake'),
      }),
      { error: 'wrong must be a list of answers' },
    )
    .min(4, { error: 'wrong needs at least 4 different answers' }),
});
