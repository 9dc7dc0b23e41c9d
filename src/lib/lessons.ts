import { getCollection, type CollectionEntry } from 'astro:content';

export type Lesson = CollectionEntry<'lessons'>;

/** Published lessons (drafts too in `astro dev`), in course order. */
export async function getLessons(): Promise<Lesson[]> {
  const lessons = await getCollection('lessons', ({ data }) => import.meta.env.DEV || !data.draft);
  return lessons.sort((a, b) => a.data.order - b.data.order || a.id.localeCompare(b.id));
}

export function lessonHref(lesson: Lesson | string): string {
  const id = typeof lesson === 'string' ? lesson : lesson.id;
  return `${import.meta.env.BASE_URL.replace(/\/$/, '')}/lessons/${id}/`;
}

/** ISO 8601 duration for <time datetime>, e.g. 6 → "PT6M". */
export function isoMinutes(minutes: number): string {
  return `PT${minutes}M`;
}
