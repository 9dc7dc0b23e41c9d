// The quizzes collection for pages: every quiz with its answers computed (once per build),
// lesson quizzes in course order, then the course-wide ones.
import { getCollection } from 'astro:content';
import { LESSON_PATH } from '../lib/course/lesson-path.ts';
import { prepareQuiz, type PreparedQuiz } from '../lib/quiz/compute.ts';

let prepared: Promise<PreparedQuiz[]> | null = null;

function position(quiz: PreparedQuiz): number {
  const index = quiz.lesson ? (LESSON_PATH as readonly string[]).indexOf(quiz.lesson) : -1;
  return index >= 0 ? index : LESSON_PATH.length;
}

/** Every quiz, answers computed by the analyzer. A question it cannot answer stops the build. */
export function getQuizzes(): Promise<PreparedQuiz[]> {
  prepared ??= getCollection('quizzes').then((entries) =>
    entries.map((entry) => prepareQuiz(entry.id, entry.data)).sort((a, b) => position(a) - position(b) || a.title.localeCompare(b.title)),
  );
  return prepared;
}

/** The quiz that closes a lesson, if there is one. */
export async function lessonQuiz(slug: string): Promise<PreparedQuiz | undefined> {
  return (await getQuizzes()).find((quiz) => quiz.lesson === slug);
}

export function quizHref(id: string): string {
  return `${import.meta.env.BASE_URL.replace(/\/$/, '')}/quizzes/${id}/`;
}
