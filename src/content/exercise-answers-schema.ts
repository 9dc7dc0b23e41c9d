// An exercise's table of answers: content/exercises/<id>/answers.yaml, next to exercise.yaml.
// Like ESLint's valid/invalid cases, it lists Dockerfiles a learner might write: correct ones
// that must pass every goal (and that Docker builds), and plausible wrong ones, each with
// exactly the goals it must fail. tests/exercises/answers.test.ts runs every table through the
// goal engine; the /workshops handout lists the wrong answers as the exercise's common
// mistakes, so a facilitator knows what to look for in the room. It is content, not test
// code, because both read it.
//
// Like the other schemas, no `astro:*` imports (Vitest and plain Node load it). Objects are
// strict, and every message names the field it is about. The loader
// (src/exercises/answers.ts) checks what a schema cannot: that `fails` names goals of the
// exercise and that `detail` and `problemHint` are valid regular expressions.
import { z } from 'astro/zod';

const MIN_ANSWERS = 4;

function text(field: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be a string`) })
    .refine((value) => value.trim() !== '', { error: `${field} must not be empty` });
}

const correctAnswerSchema = z.strictObject({
  /** What makes this solution different from the others. */
  name: text('name'),
  dockerfile: text('dockerfile'),
});

const wrongAnswerSchema = z.strictObject({
  /** The mistake, as a learner would make it (the handout shows it as a common mistake). */
  name: text('name'),
  /** Exactly the goals that must fail, in the exercise's order. */
  fails: z.array(text('each of fails'), { error: 'fails must be a list of goal ids' }).min(1, { error: 'fails must name at least one goal' }),
  /** A regular expression the detail of the first failing goal must match. */
  detail: text('detail').optional(),
  /** A regular expression the hint of the first error the editor shows must match. */
  problemHint: text('problemHint').optional(),
  dockerfile: text('dockerfile'),
});

export const answerTableSchema = z.strictObject({
  correct: z.array(correctAnswerSchema, { error: 'correct must be a list of answers' }).min(MIN_ANSWERS, { error: `correct needs at least ${MIN_ANSWERS} different answers` }),
  wrong: z.array(wrongAnswerSchema, { error: 'wrong must be a list of answers' }).min(MIN_ANSWERS, { error: `wrong needs at least ${MIN_ANSWERS} different answers` }),
});

export type AnswerTableData = z.infer<typeof answerTableSchema>;
