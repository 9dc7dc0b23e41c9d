// What a live room can ask and set: every quiz question and exercise of the course in the
// shape the room needs, written once at build time to /workshops/rooms/catalog.json
// (src/pages/workshops/rooms/catalog.json.ts, from catalog-build.ts). The room server reads
// that file; it never runs the analyzer or reads content/ itself. Types only here, so the
// server and the room pages share them without the analyzer.
import type { QuestionKind } from '../quiz/grade.ts';
import type { GoalSpec } from '../../exercises/types.ts';

/** One thing a participant can pick. */
export interface RoomOption {
  /** The number a response holds: option index, 1/0 for true/false, stage index, line number. */
  key: number;
  /** How it reads; backticks mark code. */
  label: string;
  /** A second, smaller line (a stage's FROM). */
  detail?: string;
  /** The label is a Dockerfile line (find-the-line). */
  code?: boolean;
}

/** A wrong answer the question anticipates, and what it says about the person who gives it. */
export interface RoomMisconception {
  /** Its feedback key (src/lib/quiz/grade.ts feedbackKeys): option-2, wrong, stages-0-1, line-4, fallback. */
  key: string;
  /** The answer it goes with: "B. Only the last stage", "If you chose build, test". */
  choice: string;
  misconception: string;
  explanation: string;
  lesson: string;
  lessonTitle: string;
}

export interface RoomQuestion {
  /** `<quiz id>/<question id>`. */
  id: string;
  quiz: string;
  quizTitle: string;
  kind: QuestionKind;
  prompt: string;
  dockerfile?: string;
  command?: string;
  /** Which builder a predict-build question is about, in words. */
  builder?: string;
  /** Several options may be picked (multiple choice, predict-build). */
  multiple: boolean;
  options: RoomOption[];
  correct: number[];
  /** Feedback keys the question has a misconception for (grade.ts feedbackKeys). */
  anticipated: string[];
  /** The right answer in a sentence; backticks mark code. */
  answer: string;
  /** Why it is right: one paragraph each. */
  why: string[];
  /** The misconceptions, one per anticipated wrong answer, in the order the quiz gives them. */
  wrong: RoomMisconception[];
  /** The lesson behind the question, for a wrong answer nothing anticipates. */
  lesson: string;
  lessonTitle: string;
}

export interface RoomExercise {
  id: string;
  title: string;
  lesson: string;
  lessonTitle: string;
  task: string;
  goals: GoalSpec[];
  /** The exercise's .dockerignore, which some goals read. */
  dockerignore?: string;
  /** The paths of its build context (files/), which its cache goals read; only when it has one. */
  contextFiles?: string[];
}

/** The build context a room exercise's goals see, as the goal engine takes it: the paths (their
 *  contents matter to no goal) and the .dockerignore's text. */
export function roomExerciseFiles(exercise: Pick<RoomExercise, 'dockerignore' | 'contextFiles'>): Record<string, string> {
  const files: Record<string, string> = Object.fromEntries((exercise.contextFiles ?? []).map((path) => [path, '']));
  if (exercise.dockerignore !== undefined) files['.dockerignore'] = exercise.dockerignore;
  return files;
}

export interface CatalogQuiz {
  id: string;
  title: string;
  /** The lesson it closes; null for course-wide quizzes (the myth-buster). */
  lesson: string | null;
  /** Its question ids (`<quiz>/<question>`), in the quiz's order. */
  questions: string[];
}

export interface RoomCatalog {
  quizzes: CatalogQuiz[];
  questions: Record<string, RoomQuestion>;
  exercises: Record<string, RoomExercise>;
}

/** The path the build writes the catalog to, under the site's root. */
export const CATALOG_PATH = 'workshops/rooms/catalog.json';

/** The misconception a wrong response not anticipated by the question is filed under. */
export const FALLBACK_KEY = 'fallback';
