import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './content/schemas.ts';

// Content lives in the top-level content/ folder, not src/content/.
// Entry ids are the file paths without extension, e.g. "what-is-a-stage".
const lessons = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/lessons' }),
  schema: lessonSchema,
});

export const collections = { lessons };
