// The question banks in content/quizzes/, loaded the way the site loads them (same schema,
// same answer computation), for the tests in tests/quiz/.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Question, QuizData } from '../../src/content/quiz-schema.ts';
import { parseQuizYaml, prepareQuiz, type PreparedQuiz } from '../../src/lib/quiz/index.ts';

export const QUIZZES_DIR = join(import.meta.dirname, '..', '..', 'content', 'quizzes');

export interface QuizFile {
  id: string;
  file: string;
  text: string;
}

export function quizFiles(): QuizFile[] {
  return readdirSync(QUIZZES_DIR)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => {
      const file = join(QUIZZES_DIR, name);
      return { id: name.replace(/\.ya?ml$/, ''), file, text: readFileSync(file, 'utf8') };
    });
}

const cache = new Map<string, { data: QuizData; prepared: PreparedQuiz }>();

/** A quiz as validated data and with its answers computed (cached per test file). */
export function quiz(id: string): { data: QuizData; prepared: PreparedQuiz } {
  const hit = cache.get(id);
  if (hit) return hit;
  const file = quizFiles().find((f) => f.id === id);
  if (!file) throw new Error(`no content/quizzes/${id}.yaml`);
  const data = parseQuizYaml(file.text, file.file);
  const entry = { data, prepared: prepareQuiz(id, data) };
  cache.set(id, entry);
  return entry;
}

/** One question as written in the YAML. */
export function question(quizId: string, questionId: string): Question {
  const found = quiz(quizId).data.questions.find((q) => q.id === questionId);
  if (!found) throw new Error(`no question "${questionId}" in content/quizzes/${quizId}.yaml`);
  return found;
}

/** The Dockerfile a question shows, as the analyzer and the learner see it. */
export function questionDockerfile(quizId: string, questionId: string): string {
  const q = question(quizId, questionId);
  if (!('dockerfile' in q) || !q.dockerfile) throw new Error(`question "${questionId}" shows no Dockerfile`);
  return q.dockerfile.replace(/\n*$/, '\n');
}
