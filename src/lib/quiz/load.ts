// Validating question banks outside Astro: for the tests, the room server's catalog and the build-time content check (content-contradictions.ts). The site reads them through the
// `quizzes` content collection (src/content.config.ts), with the same schema.

import { load } from 'js-yaml';
import { quizSchema, type QuizData } from '../../content/quiz-schema.ts';
import { describeIssues } from '../../shared/schema-issues.ts';
import { prepareQuiz, QuizError, type PreparedQuiz } from './compute.ts';

/** Validates parsed YAML against the quiz schema; throws a QuizError listing every problem. */
export function parseQuiz(data: unknown, where = 'quiz'): QuizData {
  const result = quizSchema.safeParse(data);
  if (!result.success) throw new QuizError(`${where} is not a valid quiz:\n${describeIssues(result.error.issues)}`);
  return result.data;
}

/** YAML text to a validated quiz. */
export function parseQuizYaml(text: string, where = 'quiz'): QuizData {
  let data: unknown;
  try {
    data = load(text);
  } catch (error) {
    throw new QuizError(`${where} is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseQuiz(data, where);
}

/** YAML text to a quiz with every answer computed (the room catalog read straight from content/). */
export function loadQuiz(id: string, text: string): PreparedQuiz {
  return prepareQuiz(id, parseQuizYaml(text, `content/quizzes/${id}.yaml`));
}
