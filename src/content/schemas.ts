// Frontmatter schemas for the content collections.
//
// This module is deliberately free of `astro:*` imports so that plain Node and Vitest
// can load it; src/content.config.ts wraps it in `defineCollection`. `astro/zod` is
// Astro's re-export of Zod 4, so the schema is the very same Zod instance Astro uses.
//
// Every message names its field, so a bad lesson fails with e.g.
// "order must be a positive whole number (1, 2, 3, …)" rather than "Too small".
import { z } from 'astro/zod';

/** "<field> is required" when absent, otherwise "<field> must be <what>". */
function expected(field: string, what: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? `${field} is required` : `${field} must be ${what}`;
}

function text(field: string) {
  return z
    .string({ error: expected(field, 'a string') })
    .trim()
    .min(1, { error: `${field} must not be empty` });
}

function positiveInt(field: string) {
  return z
    .number({ error: expected(field, 'a number') })
    .int({ error: `${field} must be a whole number` })
    .positive({ error: `${field} must be a positive whole number (1, 2, 3, …)` });
}

/** A lesson slug: the file name under content/lessons without `.mdx`, kebab-case. */
export const lessonSlug = z
  .string({ error: 'a lesson slug must be a string' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: (issue) => `"${String(issue.input)}" is not a lesson slug (kebab-case, e.g. "what-is-a-stage")`,
  });

export const lessonSchema = z.object({
  title: text('title'),
  /** One or two sentences for the lesson list and the meta description. */
  summary: text('summary'),
  /** Position in the course path, 1-based. */
  order: positiveInt('order'),
  /** Estimated minutes to work through the lesson. */
  minutes: positiveInt('minutes'),
  /** What the learner will be able to do afterwards. */
  objectives: z
    .array(text('each objective'), { error: expected('objectives', 'a list of strings') })
    .min(1, { error: 'objectives must list at least one objective' }),
  /** 2–5 short sentences shown under "Recap" at the end of the lesson. */
  recap: z
    .array(text('each recap sentence'), { error: expected('recap', 'a list of 2 to 5 sentences') })
    .min(2, { error: 'recap must list at least 2 sentences' })
    .max(5, { error: 'recap must list at most 5 sentences' }),
  /** Slugs of lessons to do first. */
  prerequisites: z
    .array(lessonSlug, { error: 'prerequisites must be a list of lesson slugs' })
    .default([]),
  draft: z.boolean({ error: 'draft must be true or false' }).default(false),
});
