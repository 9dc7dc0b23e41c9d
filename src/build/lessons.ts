import { getCollection, type CollectionEntry } from 'astro:content';
import { LESSON_PATH } from '../lib/course/lesson-path.ts';

export type Lesson = CollectionEntry<'lessons'>;

/** 1-based position of a slug on the course path (src/lib/course/lesson-path.ts), or 0 when it is not on it. */
export function pathPosition(slug: string): number {
  return (LESSON_PATH as readonly string[]).indexOf(slug) + 1;
}

/** How many lessons the course path has, written or not. */
export const PATH_LENGTH = LESSON_PATH.length;

/**
 * Published lessons (drafts too in `astro dev`), in course order. The order comes from
 * LESSON_PATH, not from the files: a lesson that is not written yet is simply absent, and
 * the others keep their numbers. A lesson file whose slug is not on the path cannot be
 * placed, so it stops the build (tests/course/lesson-path.test.ts says the same earlier).
 */
export async function getLessons(): Promise<Lesson[]> {
  const lessons = await getCollection('lessons', ({ data }) => import.meta.env.DEV || !data.draft);
  const offPath = lessons.filter((lesson) => pathPosition(lesson.id) === 0).map((lesson) => lesson.id);
  if (offPath.length > 0) {
    throw new Error(
      `content/lessons: ${offPath.map((id) => `"${id}"`).join(', ')} ${offPath.length === 1 ? 'is' : 'are'} not on the course path; add the slug to src/lib/course/lesson-path.ts or rename the file.`,
    );
  }
  return lessons.sort((a, b) => pathPosition(a.id) - pathPosition(b.id));
}

export function lessonHref(lesson: Lesson | string): string {
  const id = typeof lesson === 'string' ? lesson : lesson.id;
  return `${import.meta.env.BASE_URL.replace(/\/$/, '')}/lessons/${id}/`;
}

/** ISO 8601 duration for <time datetime>, e.g. 6 → "PT6M". */
export function isoMinutes(minutes: number): string {
  return `PT${minutes}M`;
}
