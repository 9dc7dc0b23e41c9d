import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './content/schemas.ts';
import { quizSchema } from './content/quiz-schema.ts';

// Content lives in the top-level content/ folder, not src/content/.
// Entry ids are the file paths without extension, e.g. "what-is-a-stage".
const lessons = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/lessons' }),
  schema: lessonSchema,
});

// Question banks: content/quizzes/<id>.yaml (see src/content/quiz-schema.ts). Answers that
// depend on Docker's behaviour are computed from the analyzer by src/lib/quiz/compute.ts.
const quizzes = defineCollection({
  loader: glob({ pattern: '**/*.yaml', base: './content/quizzes' }),
  schema: quizSchema,
});

export const collections = { lessons, quizzes };
