// /workshops/rooms/catalog.json: every quiz question and exercise a live room can use, with
// answers and misconceptions computed at build time (src/lib/rooms/catalog-build.ts). The
// room server (src/server/start.ts) reads it from dist/ when it starts.
import type { APIRoute } from 'astro';
import { courseExercises } from '../../../lib/course/exercises.ts';
import { loadExercises } from '../../../exercises/load.ts';
import { getLessons } from '../../../build/lessons.ts';
import { getQuizzes } from '../../../build/quizzes.ts';
import { buildCatalog } from '../../../lib/rooms/catalog-build.ts';

export const GET: APIRoute = async () => {
  const lessons = await getLessons();
  const titles = new Map(lessons.map((lesson) => [lesson.id, lesson.data.title]));
  const order = courseExercises(lessons.map((lesson) => ({ id: lesson.id, body: lesson.body }))).map((slot) => slot.id);
  const exercises = loadExercises().sort((a, b) => (order.indexOf(a.id) + 1 || Infinity) - (order.indexOf(b.id) + 1 || Infinity));
  const catalog = buildCatalog(await getQuizzes(), exercises, titles);
  return new Response(JSON.stringify(catalog), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
