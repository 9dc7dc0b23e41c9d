// The exercises: content/exercises/<id>/exercise.yaml (this schema), next to starter.Dockerfile,
// solution.Dockerfile and files/** (the build context shown to the learner). The loader
// src/exercises/load.ts reads a whole directory into the `Exercise` contract of
// src/exercises/types.ts; the goal engine src/exercises/goals.ts evaluates it.
//
// Like schemas.ts and quiz-schema.ts, this module has no `astro:*` imports, so Vitest and
// plain Node load it. Objects are strict: a misspelt key is an error, not a silently ignored
// field, and every message names the field it is about.
//
// A goal is a statement about the analysis, never about the text. Its `kind` picks the
// fields it takes (see GoalSpec in src/exercises/types.ts):
//   stage-exists     stage                 a stage with this (lower-case) name exists
//   default-target   stage                 the last stage, what a plain docker build builds, has this name
//   builds           [target] [builder]    the build succeeds (no error, no misnamed stage pulled as an image)
//   runs-stages      includes / excludes   building the scope runs all of includes and none of excludes
//   rule-silent      rule                  the rule (an analyzer rule id) reports nothing for the scope
//   no-problems      [target] [builder]    the scope builds and the analyzer reports nothing for it
//   non-root-user    [target] [builder]    the image of the scope ends with a USER that is not root
//   copies-only      from, paths [byName]  the image's COPY --from=<from> lines copy exactly these paths
//   copies-from      from, paths [byName]  …copy at least these paths (byName: and name the stage, not its index)
//   cache-keeps      change, steps         after the change, every step `steps` picks comes from the build cache
//   cache-reruns     change, steps         after the change, at least one step `steps` picks runs again
//   no-blanks        [blanks]              no blank (`___`) of a faded example is left (src/exercises/blanks.ts);
//                                          blanks: what each of the starter's blanks asks for, in order
//     change: edited / added / removed (paths of files/), buildArgs and previousBuildArgs (name → value)
//     steps:  stage (every step of it), instruction (a pattern or a list: `RUN npm ci`), or both
// `target` and `builder` make the scope: by default the file's default target built by BuildKit.
// Every goal has its own hint ladder (`hints`, 1 to 3 steps); the exercise's `hints` are the
// ladder shown without JavaScript and when no failing goal has a hint left.
import { z } from 'astro/zod';
import { RULES } from '../analyzer/rules/index.ts';
import { LESSON_PATH } from '../lib/course/lesson-path.ts';
import type { GoalSpec } from '../exercises/types.ts';

function expected(field: string, what: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? `${field} is required` : `${field} must be ${what}`);
}

export function text(field: string) {
  return z
    .string({ error: expected(field, 'a string') })
    .trim()
    .min(1, { error: `${field} must not be empty` });
}

const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Docker's rule for a stage name (`AS <name>`), in the lower case Docker stores it in. */
const stageNamePattern = /^[a-z][a-z0-9._-]*$/;

function stageName(field: string) {
  return z
    .string({ error: expected(field, 'a stage name') })
    .regex(stageNamePattern, { error: (issue) => `${field}: "${String(issue.input)}" is not a lower-case stage name (e.g. "production")` });
}

export function stageNames(field: string) {
  return z.array(stageName(`each of ${field}`), { error: expected(field, 'a list of stage names') });
}

export const exerciseIdSchema = z
  .string({ error: expected('id', 'a string') })
  .regex(kebab, { error: (issue) => `id "${String(issue.input)}" must be kebab-case (it is the directory name and the ExerciseSlot id)` });

export const lessonSchema = z.enum(LESSON_PATH, {
  error: (issue) =>
    issue.input === undefined
      ? 'lesson is required (the slug of the lesson the exercise belongs to)'
      : `lesson "${String(issue.input)}" is not a lesson slug; use one of: ${LESSON_PATH.join(', ')}`,
});

const RULE_IDS = new Set(RULES.map((rule) => rule.meta.id));

/** The fields every goal has (id, statement, failure, hints); bake-exercise-schema.ts's goals too. */
export const goalBase = {
  id: z
    .string({ error: expected('goal id', 'a string') })
    .regex(kebab, { error: (issue) => `goal id "${String(issue.input)}" must be kebab-case` }),
  statement: text('statement'),
  failure: text('failure'),
  hints: z
    .array(text('each goal hint'), { error: expected('hints', 'a list of 1 to 3 hints for this goal') })
    .min(1, { error: 'a goal needs at least 1 hint' })
    .max(3, { error: 'a goal has at most 3 hints' }),
};

const scope = {
  /** `--target`; absent: the default target (the last stage). */
  target: stageName('target').optional(),
  builder: z.enum(['buildkit', 'classic'], { error: 'builder must be "buildkit" or "classic"' }).optional(),
};

export const stageExistsGoalSchema = z.strictObject({ ...goalBase, kind: z.literal('stage-exists'), stage: stageName('stage') });

export const defaultTargetGoalSchema = z.strictObject({ ...goalBase, kind: z.literal('default-target'), stage: stageName('stage') });

export const buildsGoalSchema = z.strictObject({ ...goalBase, ...scope, kind: z.literal('builds') });

export const runsStagesGoalSchema = z
  .strictObject({ ...goalBase, ...scope, kind: z.literal('runs-stages'), includes: stageNames('includes').optional(), excludes: stageNames('excludes').optional() })
  .superRefine((goal, ctx) => {
    if ((goal.includes?.length ?? 0) + (goal.excludes?.length ?? 0) === 0) {
      ctx.addIssue({ code: 'custom', path: ['includes'], message: `runs-stages goal "${goal.id}" needs at least one stage in includes or excludes` });
    }
    for (const name of goal.includes ?? []) {
      if (goal.excludes?.includes(name)) ctx.addIssue({ code: 'custom', path: ['excludes'], message: `runs-stages goal "${goal.id}" both includes and excludes "${name}"` });
    }
  });

export const ruleSilentGoalSchema = z.strictObject({
  ...goalBase,
  ...scope,
  kind: z.literal('rule-silent'),
  rule: z
    .string({ error: expected('rule', 'a rule id') })
    .refine((id) => RULE_IDS.has(id), { error: (issue) => `rule "${String(issue.input)}" is not a rule id of the analyzer (see src/analyzer/rules)` }),
});

export const noProblemsGoalSchema = z.strictObject({ ...goalBase, ...scope, kind: z.literal('no-problems') });

export const nonRootUserGoalSchema = z.strictObject({ ...goalBase, ...scope, kind: z.literal('non-root-user') });

const copies = {
  from: stageName('from'),
  paths: z
    .array(text('each path'), { error: expected('paths', 'a list of source paths') })
    .min(1, { error: 'paths must list at least one source path' }),
  /** The COPY --from lines must name the stage, not give its index. */
  byName: z.boolean({ error: 'byName must be true or false' }).optional(),
};

export const copiesOnlyGoalSchema = z.strictObject({ ...goalBase, ...scope, kind: z.literal('copies-only'), ...copies });

export const copiesFromGoalSchema = z.strictObject({ ...goalBase, ...scope, kind: z.literal('copies-from'), ...copies });

const contextPath = (field: string) =>
  z
    .string({ error: expected(field, 'a path of the build context') })
    .trim()
    .min(1, { error: `${field} must not be empty` })
    .refine((path) => !path.startsWith('/') && !path.split('/').includes('..'), {
      error: (issue) => `${field}: "${String(issue.input)}" must be a path inside the build context (relative, without ..), like "src/app.js"`,
    });

const contextPaths = (field: string) => z.array(contextPath(`each of ${field}`), { error: expected(field, 'a list of paths of the build context') }).optional();

const buildArgs = (field: string) =>
  z
    .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string({ error: `each value of ${field} must be a string (quote numbers: VERSION: "1.4")` }), {
      error: (issue) =>
        issue.code === 'invalid_key'
          ? `${field}: "${String(issue.input)}" is not a build argument name (letters, digits and _, not starting with a digit)`
          : expected(field, 'a map of build argument names to values')(issue),
    })
    .optional();

const sameArgs = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([key, value]) => b[key] === value);

/** What changed since the last build: the vocabulary of `stagecraft rebuild` (CacheChange). */
const cacheChangeSchema = z
  .strictObject(
    {
      edited: contextPaths('edited'),
      added: contextPaths('added'),
      removed: contextPaths('removed'),
      buildArgs: buildArgs('buildArgs'),
      previousBuildArgs: buildArgs('previousBuildArgs'),
    },
    { error: expected('change', 'what changed since the last build (edited, added, removed, buildArgs, previousBuildArgs)') },
  )
  .superRefine((change, ctx) => {
    const files = [...(change.edited ?? []), ...(change.added ?? []), ...(change.removed ?? [])];
    const argsChanged = change.previousBuildArgs !== undefined && !sameArgs(change.previousBuildArgs, change.buildArgs ?? {});
    if (files.length === 0 && !argsChanged) {
      ctx.addIssue({ code: 'custom', message: 'change must say what changed: files (edited, added, removed) or build arguments (previousBuildArgs different from buildArgs)' });
    }
    const seen = new Set<string>();
    for (const path of files) {
      if (seen.has(path)) ctx.addIssue({ code: 'custom', message: `change names "${path}" twice (a file is edited, added or removed, once)` });
      seen.add(path);
    }
  });

const INSTRUCTION_KEYWORDS = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'WORKDIR', 'ENV', 'ARG', 'USER', 'LABEL', 'EXPOSE', 'VOLUME', 'CMD', 'ENTRYPOINT', 'SHELL', 'HEALTHCHECK', 'STOPSIGNAL', 'ONBUILD', 'MAINTAINER']);

/** Which steps: every step of a stage, those matching an instruction pattern, or both. */
const cacheStepsSchema = z
  .strictObject(
    {
      stage: stageName('steps.stage').optional(),
      instruction: z
        .union([text('steps.instruction'), z.array(text('each of steps.instruction')).min(1, { error: 'steps.instruction must list at least one pattern' })], {
          error: 'steps.instruction must be a pattern like "RUN npm ci", or a list of them',
        })
        .transform((value) => (Array.isArray(value) ? value : [value]))
        .optional(),
    },
    { error: expected('steps', 'which steps the goal is about (stage, instruction)') },
  )
  .superRefine((steps, ctx) => {
    if (steps.stage === undefined && steps.instruction === undefined) ctx.addIssue({ code: 'custom', message: 'steps needs a stage, an instruction pattern, or both' });
    for (const pattern of steps.instruction ?? []) {
      if (!INSTRUCTION_KEYWORDS.has(pattern.split(/\s/)[0]!.toUpperCase())) ctx.addIssue({ code: 'custom', path: ['instruction'], message: `steps.instruction "${pattern}" must start with an instruction keyword, like "RUN npm ci"` });
    }
  });

const cache = { change: cacheChangeSchema, steps: cacheStepsSchema };

export const cacheKeepsGoalSchema = z.strictObject({ ...goalBase, ...scope, kind: z.literal('cache-keeps'), ...cache });

export const cacheRerunsGoalSchema = z.strictObject({ ...goalBase, ...scope, kind: z.literal('cache-reruns'), ...cache });

/** A faded worked example's blanks are all filled: what each one asks for, in the starter's order
 *  ("the name of the stage that compiled /out/app"), so a blank left says so at its place. */
export const noBlanksGoalSchema = z.strictObject({
  ...goalBase,
  kind: z.literal('no-blanks'),
  blanks: z.array(text('each of blanks'), { error: expected('blanks', 'a list of what each blank asks for') }).optional(),
});

export const GOAL_KINDS = ['stage-exists', 'default-target', 'builds', 'runs-stages', 'rule-silent', 'no-problems', 'non-root-user', 'copies-only', 'copies-from', 'cache-keeps', 'cache-reruns', 'no-blanks'] as const;

export const goalSchema = z.discriminatedUnion(
  'kind',
  [stageExistsGoalSchema, defaultTargetGoalSchema, buildsGoalSchema, runsStagesGoalSchema, ruleSilentGoalSchema, noProblemsGoalSchema, nonRootUserGoalSchema, copiesOnlyGoalSchema, copiesFromGoalSchema, cacheKeepsGoalSchema, cacheRerunsGoalSchema, noBlanksGoalSchema],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? (issue.input as { kind?: unknown } | undefined)?.kind === undefined
          ? `kind is required; use one of: ${GOAL_KINDS.join(', ')}`
          : `kind "${String((issue.input as { kind?: unknown }).kind)}" is not a goal kind; use one of: ${GOAL_KINDS.join(', ')}`
        : undefined,
  },
);

/** An exercise's hint ladder: from a nudge to nearly the answer. */
export const exerciseHints = z
  .array(text('each hint'), { error: expected('hints', 'a list of 2 to 4 hints') })
  .min(2, { error: 'hints must list at least 2 steps' })
  .max(4, { error: 'hints must list at most 4 steps' });

/** Goal ids are unique within an exercise. */
export function uniqueGoalIds(exercise: { goals: Array<{ id: string }> }, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  exercise.goals.forEach((goal, i) => {
    if (seen.has(goal.id)) ctx.addIssue({ code: 'custom', path: ['goals', i, 'id'], message: `goal id "${goal.id}" is used twice` });
    seen.add(goal.id);
  });
}

export const exerciseSchema = z
  .strictObject({
    /** The directory name, and the id of the lesson's <ExerciseSlot>. */
    id: exerciseIdSchema,
    title: text('title'),
    lesson: lessonSchema,
    /** What to do, in plain text (no Markdown). */
    task: text('task'),
    goals: z
      .array(goalSchema, { error: expected('goals', 'a list of goals') })
      .min(1, { error: 'goals must list at least one goal' }),
    hints: exerciseHints,
  })
  .superRefine(uniqueGoalIds);

// The parsed goals are the contract's GoalSpec: this line stops the build if they drift apart.
type Assert<T extends true> = T;
export type GoalsMatchContract = Assert<z.output<typeof goalSchema> extends GoalSpec ? true : false>;
