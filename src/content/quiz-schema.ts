// The question banks in content/quizzes/<id>.yaml (the `quizzes` collection).
//
// Like schemas.ts, this module has no `astro:*` imports, so Vitest and plain Node load it;
// src/content.config.ts wraps it in defineCollection. Objects are strict: a misspelt key is
// an error, not a silently ignored field.
//
// Six kinds of question:
//   single / multiple  options written by hand, each marked right (`correct: true`) or wrong;
//                      `multiple` is graded all-or-nothing.
//   true-false         a statement and whether it is true.
//   predict-build      a Dockerfile and a `docker build` command; the learner picks the stages
//                      that run. The answer is computed by the analyzer (src/lib/quiz/compute.ts),
//                      so this kind has no answer field at all.
//   find-the-line      a Dockerfile and a rule or diagnostic id; the learner picks the line that
//                      breaks it. The line is computed by the analyzer, never written here.
//   predict-cache      a Dockerfile, its build context and a change since the last build; the
//                      learner picks the steps that run again. The author writes the answer as
//                      `reruns` (the lines), and the build fails unless the cache model
//                      (src/analyzer/cache) computes the same (src/lib/quiz/compute-cache.ts).
//
// Every wrong answer names the misconception it reflects, explains why it is wrong and links
// the lesson (a slug from LESSON_PATH) that corrects it. Right answers explain themselves too.
import { z } from 'astro/zod';
import { LESSON_PATH } from '../lib/course/lesson-path.ts';

function text(field: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be a string`) })
    .trim()
    .min(1, { error: `${field} must not be empty` });
}

const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A link to the lesson that teaches the point: one of the slugs in LESSON_PATH. */
export const lessonLink = z.enum(LESSON_PATH, {
  error: (issue) =>
    issue.input === undefined
      ? 'lesson is required (the slug of the lesson that corrects this misconception)'
      : `"${String(issue.input)}" is not a lesson slug; use one of: ${LESSON_PATH.join(', ')}`,
});

/** Why a wrong answer is tempting, why it is wrong, and where the course corrects it. */
const misconceptionFields = {
  /** The belief behind the wrong answer, as a learner would put it. */
  misconception: text('misconception'),
  /** Why the belief is wrong (what Docker really does). */
  explanation: text('explanation'),
  /** The lesson that corrects it. */
  lesson: lessonLink,
};

export const misconceptionSchema = z.strictObject(misconceptionFields);

const questionId = z
  .string({ error: 'id is required (kebab-case, unique in the quiz)' })
  .regex(kebab, { error: (issue) => `question id "${String(issue.input)}" must be kebab-case` });

/** The fields every question has. `dockerfile` is code shown with the question. */
const common = {
  id: questionId,
  prompt: text('prompt'),
};

/** An option of a single or multiple choice question. */
export const choiceOptionSchema = z
  .strictObject({
    text: text('option text'),
    correct: z.boolean({ error: 'correct must be true or false' }).default(false),
    misconception: text('misconception').optional(),
    explanation: text('explanation'),
    lesson: lessonLink.optional(),
  })
  .superRefine((option, ctx) => {
    if (option.correct) {
      if (option.misconception !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['misconception'], message: 'a right option has no misconception; explain why it is right in explanation' });
      }
      return;
    }
    if (option.misconception === undefined) {
      ctx.addIssue({ code: 'custom', path: ['misconception'], message: `wrong option "${option.text}" must name the misconception it reflects` });
    }
    if (option.lesson === undefined) {
      ctx.addIssue({ code: 'custom', path: ['lesson'], message: `wrong option "${option.text}" must link the lesson that corrects it` });
    }
  });

/** Code shown with a hand-answered question (not analyzed for the answer). */
const shownCode = {
  dockerfile: text('dockerfile').optional(),
  /** A command shown under the code, e.g. `docker build --target test .`. */
  command: text('command').optional(),
};

const options = z
  .array(choiceOptionSchema, { error: 'options must be a list' })
  .min(2, { error: 'a choice question needs at least 2 options' })
  .max(8, { error: 'a choice question has at most 8 options' });

export const singleQuestionSchema = z
  .strictObject({ ...common, kind: z.literal('single'), ...shownCode, options })
  .superRefine((q, ctx) => {
    const right = q.options.filter((o) => o.correct).length;
    if (right !== 1) ctx.addIssue({ code: 'custom', path: ['options'], message: `single-choice question "${q.id}" needs exactly one correct option; it has ${right}` });
  });

export const multipleQuestionSchema = z
  .strictObject({ ...common, kind: z.literal('multiple'), ...shownCode, options })
  .superRefine((q, ctx) => {
    const right = q.options.filter((o) => o.correct).length;
    if (right < 1) ctx.addIssue({ code: 'custom', path: ['options'], message: `multiple-choice question "${q.id}" needs at least one correct option` });
    if (right === q.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: `multiple-choice question "${q.id}" needs at least one wrong option` });
  });

export const trueFalseQuestionSchema = z.strictObject({
  ...common,
  kind: z.literal('true-false'),
  ...shownCode,
  /** Whether the statement in `prompt` is true. */
  answer: z.boolean({ error: 'answer must be true or false' }),
  /** Why the answer is right. */
  explanation: text('explanation'),
  /** The belief of a learner who answers the other way. */
  wrong: misconceptionSchema,
});

/** A stage in a predict-build misconception: its name (case ignored) or its 0-based index. */
const stageRef = z.union([z.string().trim().min(1), z.int().min(0)], { error: 'a stage is a stage name or a 0-based stage index' });

const computed = (what: string) =>
  z.never({ error: `${what} is computed by the analyzer from the Dockerfile; do not write it by hand` }).optional();

export const builderSchema = z.enum(['buildkit', 'classic'], { error: 'builder must be "buildkit" or "classic"' });

export const predictBuildQuestionSchema = z.strictObject({
  ...common,
  kind: z.literal('predict-build'),
  dockerfile: text('dockerfile'),
  /** The build, e.g. `docker build --target test .`; --target and --build-arg are honoured. */
  command: text('command').default('docker build .'),
  builder: builderSchema.default('buildkit'),
  /** Whether the other builder runs a different set of stages for the same command (checked by the tests). */
  buildersDiffer: z.boolean({ error: 'buildersDiffer is required: does the other builder run different stages?' }),
  /** Why the computed answer is right; shown after the computed list of stages. What it says a
   *  build runs ("BuildKit runs `base` and `test`", "skips `dev`") must match the analyzer, or
   *  the build stops (src/lib/quiz/explanation-check.ts). */
  explanation: text('explanation'),
  /** Tempting wrong sets of stages, each with its misconception. */
  misconceptions: z
    .array(z.strictObject({ stages: z.array(stageRef).min(1, { error: 'stages must list at least one stage' }), ...misconceptionFields }))
    .min(1, { error: 'a predict-build question needs at least one anticipated wrong answer in misconceptions' }),
  /** The lesson for a wrong answer none of the misconceptions anticipates. */
  lesson: lessonLink,
  answer: computed('The answer of a predict-build question'),
  stages: computed('The stages of a predict-build question'),
  options: computed('The options of a predict-build question (the stages)'),
});

export const findTheLineQuestionSchema = z.strictObject({
  ...common,
  kind: z.literal('find-the-line'),
  dockerfile: text('dockerfile'),
  /** The build to analyze (for target-dependent rules); default `docker build .`. */
  command: text('command').default('docker build .'),
  builder: builderSchema.default('buildkit'),
  /** A rule id (src/analyzer/rules) or an analyzer diagnostic id; the Dockerfile must produce exactly one. */
  rule: z.string({ error: 'rule is required' }).regex(kebab, { error: 'rule must be a kebab-case rule or diagnostic id' }),
  explanation: text('explanation'),
  /** Tempting wrong lines (1-based), each with its misconception. */
  misconceptions: z
    .array(z.strictObject({ line: z.int().min(1, { error: 'line is 1-based' }), ...misconceptionFields }))
    .min(1, { error: 'a find-the-line question needs at least one anticipated wrong line in misconceptions' }),
  lesson: lessonLink,
  answer: computed('The line of a find-the-line question'),
  line: computed('The line of a find-the-line question'),
});

const contextPath = z
  .string({ error: 'a build context path is a string' })
  .trim()
  .min(1, { error: 'a build context path must not be empty' })
  .refine((path) => !path.startsWith('/') && !path.split('/').includes('..'), { error: 'a build context path is relative and stays inside the context (no leading / or ..)' });

/** The lines that run again: 1-based line numbers of steps, [] for "no step runs again". */
const lineSet = z.array(z.int().min(1, { error: 'lines are 1-based' }), { error: 'a list of line numbers' });

export const predictCacheQuestionSchema = z.strictObject({
  ...common,
  kind: z.literal('predict-cache'),
  dockerfile: text('dockerfile'),
  /** The files of the build context besides the Dockerfile (which is in it too, as `Dockerfile`). */
  files: z.array(contextPath).min(1, { error: 'files lists the build context (at least one file)' }),
  /** The context's .dockerignore, when it has one. */
  dockerignore: z.string().optional(),
  /** What changed since the last build, which filled the cache. */
  change: z
    .strictObject({
      edited: z.array(contextPath).optional(),
      added: z.array(contextPath).optional(),
      removed: z.array(contextPath).optional(),
      /** Lines of the Dockerfile whose instruction was edited (the prompt says how). */
      editedLines: lineSet.optional(),
      /** The last build's command, when it differed (other build arguments or target). */
      previousCommand: text('previousCommand').optional(),
    })
    .refine((c) => Object.values(c).some((v) => v !== undefined && (!Array.isArray(v) || v.length > 0)), { error: 'change must say what changed' }),
  /** The new build, e.g. `docker build --build-arg VERSION=1.4.0 .`. */
  command: text('command').default('docker build .'),
  builder: builderSchema.default('buildkit'),
  /** The engine, when the answer differs between Docker 26.1 and 28.5 (it must be the same on both otherwise). */
  engine: z.enum(['26.1', '28.5'], { error: 'engine must be "26.1" or "28.5"' }).optional(),
  /** The author's answer: the lines of the steps that run again ([] when none does). Checked against the model. */
  reruns: lineSet,
  explanation: text('explanation'),
  /** Tempting wrong sets of lines, each with its misconception. */
  misconceptions: z
    .array(z.strictObject({ reruns: lineSet, ...misconceptionFields }))
    .min(1, { error: 'a predict-cache question needs at least one anticipated wrong answer in misconceptions' }),
  lesson: lessonLink,
});

export const questionSchema = z.discriminatedUnion(
  'kind',
  [singleQuestionSchema, multipleQuestionSchema, trueFalseQuestionSchema, predictBuildQuestionSchema, findTheLineQuestionSchema, predictCacheQuestionSchema],
  { error: (issue) => (issue.code === 'invalid_union' ? 'kind must be one of: single, multiple, true-false, predict-build, find-the-line, predict-cache' : undefined) },
);

export const quizSchema = z
  .strictObject({
    title: text('title'),
    /** One or two sentences for the quiz list. */
    description: text('description'),
    /** The lesson this quiz closes; absent for course-wide quizzes such as the myth-buster. */
    lesson: lessonLink.optional(),
    /** Shuffle the questions on every attempt. */
    shuffle: z.boolean({ error: 'shuffle must be true or false' }).default(false),
    questions: z.array(questionSchema, { error: 'questions must be a list' }).min(1, { error: 'a quiz needs questions' }).max(80),
  })
  .superRefine((quiz, ctx) => {
    const seen = new Set<string>();
    quiz.questions.forEach((q, i) => {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: `question id "${q.id}" is used twice` });
      seen.add(q.id);
    });
  });

export type QuizData = z.output<typeof quizSchema>;
export type Question = QuizData['questions'][number];
export type ChoiceOption = z.output<typeof choiceOptionSchema>;
export type Misconception = z.output<typeof misconceptionSchema>;
export type PredictBuildQuestion = z.output<typeof predictBuildQuestionSchema>;
export type FindTheLineQuestion = z.output<typeof findTheLineQuestionSchema>;
export type PredictCacheQuestion = z.output<typeof predictCacheQuestionSchema>;
