// Discussion questions for workshop facilitators: content/workshops/discussion.yaml, one list
// per lesson slug. Validated here with Zod (Astro's instance, as in src/content/schemas.ts), so
// a misspelt slug, a missing lesson or a question that is not a question stops the build and
// fails tests/build/workshops.test.ts. No astro:* imports: Vitest and plain Node load it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { z } from 'astro/zod';
import { LESSON_PATH } from '../../lib/course/lesson-path.ts';
import { describeIssues } from '../../shared/schema-issues.ts';

export const DISCUSSION_FILE = join(process.cwd(), 'content', 'workshops', 'discussion.yaml');

const sentence = (field: string) =>
  z
    .string({ error: `${field} must be a string` })
    .trim()
    .min(1, { error: `${field} must not be empty` });

export const discussionQuestionSchema = z.strictObject({
  /** An open question for the group; it ends with a question mark. */
  question: sentence('question').refine((text) => text.endsWith('?'), { error: 'question must end with "?"' }),
  /** What a good answer touches on, for the facilitator. */
  listen: sentence('listen').optional(),
});

const lessonSlug = z.enum(LESSON_PATH, {
  error: (issue) => `"${String(issue.input)}" is not a lesson slug; use one of: ${LESSON_PATH.join(', ')}`,
});

// A record keyed by an enum is exhaustive in Zod 4: a lesson without questions, or a key that
// is not a lesson, fails.
export const discussionSchema = z.record(
  lessonSlug,
  z
    .array(discussionQuestionSchema, {
      error: (issue) => (issue.input === undefined ? 'this lesson has no discussion questions' : 'each lesson needs a list of questions'),
    })
    .min(2, { error: 'each lesson needs at least 2 questions' })
    .max(5, { error: 'each lesson takes at most 5 questions' }),
);

export type DiscussionQuestion = z.infer<typeof discussionQuestionSchema>;
export type Discussion = Partial<Record<(typeof LESSON_PATH)[number], DiscussionQuestion[]>>;

/** Parses and validates the file's text; throws an Error naming every problem. */
export function parseDiscussion(text: string, where = 'content/workshops/discussion.yaml'): Discussion {
  const result = discussionSchema.safeParse(load(text));
  if (!result.success) {
    throw new Error(`${where}:\n${describeIssues(result.error.issues)}`);
  }
  return result.data as Discussion;
}

let cached: Discussion | null = null;

export function loadDiscussion(file = DISCUSSION_FILE): Discussion {
  if (file !== DISCUSSION_FILE) return parseDiscussion(readFileSync(file, 'utf8'), file);
  cached ??= parseDiscussion(readFileSync(file, 'utf8'));
  return cached;
}
