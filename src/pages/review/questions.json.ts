// /review/questions.json: every question a review card can ask again (src/lib/review/bank.ts):
// the quiz questions with their answers computed at build time, as the live rooms have them,
// and the lessons' predictions. /progress/ fetches it when the learner has cards due.
import type { APIRoute } from 'astro';
import { getLessons } from '../../build/lessons.ts';
import { getQuizzes } from '../../build/quizzes.ts';
import { buildCatalog } from '../../lib/rooms/catalog-build.ts';
import { buildBank } from '../../lib/review/bank.ts';
import { lessonPredictions } from '../../lib/review/predictions.ts';

export const GET: APIRoute = async () => {
  const lessons = await getLessons();
  const titles = new Map(lessons.map((lesson) => [lesson.id, lesson.data.title]));
  const { questions } = buildCatalog(await getQuizzes(), [], titles);
  const predictions = lessons.flatMap((lesson) => lessonPredictions({ id: lesson.id, title: lesson.data.title, body: lesson.body }));
  return new Response(JSON.stringify(buildBank(questions, predictions)), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
