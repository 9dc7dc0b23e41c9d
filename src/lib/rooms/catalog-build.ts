// Building the room catalog (catalog.ts) from the prepared quizzes and the exercises, at
// build time. Every answer and sentence comes from src/lib/quiz (compute.ts and text.ts), so
// a room says exactly what the quiz pages say.
import type { Exercise } from '../../exercises/types.ts';
import type { PreparedQuestion, PreparedQuiz } from '../quiz/compute.ts';
import { NO_STEP } from '../quiz/grade.ts';
import { buildAnswer, buildFailure, builderLabel, cacheAnswer, cacheSource, choiceAnswer, lineAnswer, optionLetter } from '../quiz/text.ts';
import { type CatalogQuiz, type RoomCatalog, type RoomExercise, type RoomMisconception, type RoomOption, type RoomQuestion } from './catalog.ts';

type Titles = ReadonlyMap<string, string>;

function options(q: PreparedQuestion): RoomOption[] {
  switch (q.kind) {
    case 'single':
    case 'multiple':
      return q.options.map((option, i) => ({ key: i, label: `${optionLetter(i)}. ${option.text}` }));
    case 'true-false':
      return [
        { key: 1, label: 'True' },
        { key: 0, label: 'False' },
      ];
    case 'predict-build':
      return q.choices.map((stage) => ({ key: stage.index, label: stage.label, detail: `FROM ${stage.from}` }));
    case 'find-the-line':
      return q.lines.flatMap((text, i) => (text.trim() === '' ? [] : [{ key: i + 1, label: `${i + 1}  ${text}`, code: true }]));
    case 'predict-cache':
      return q.choices.map((step) =>
        step.line === NO_STEP ? { key: NO_STEP, label: step.text } : { key: step.line, label: `${step.line}  ${step.text}`, code: true },
      );
  }
}

function wrongAnswers(q: PreparedQuestion, titles: Titles): RoomMisconception[] {
  const entry = (key: string, choice: string, m: { misconception: string; explanation: string; lesson: string }): RoomMisconception => ({
    key,
    choice,
    misconception: m.misconception,
    explanation: m.explanation,
    lesson: m.lesson,
    lessonTitle: titles.get(m.lesson) ?? m.lesson,
  });
  switch (q.kind) {
    case 'single':
    case 'multiple':
      return q.options.flatMap((option, i) =>
        !option.correct && option.misconception && option.lesson
          ? [
              entry(`option-${i}`, `${optionLetter(i)}. ${option.text}`, {
                misconception: option.misconception,
                explanation: option.explanation,
                lesson: option.lesson,
              }),
            ]
          : [],
      );
    case 'true-false':
      return [entry('wrong', `If you answered ${q.answer ? 'false' : 'true'}`, q.wrong)];
    case 'predict-build':
      return q.misconceptions.map((m) => entry(m.key, `If you chose ${m.stages.map((i) => q.choices[i]?.short ?? `stage ${i}`).join(', ')}`, m));
    case 'find-the-line':
      return q.misconceptions.map((m) => entry(m.key, `If you chose line ${m.line}: \`${(q.lines[m.line - 1] ?? '').trim()}\``, m));
    case 'predict-cache':
      return q.misconceptions.map((m) =>
        entry(m.key, m.reruns.length === 0 ? 'If you chose “No step runs again”' : `If you chose ${m.reruns.map((line) => `line ${line}`).join(', ')}`, m),
      );
  }
}

function answerAndWhy(q: PreparedQuestion): { answer: string; why: string[] } {
  switch (q.kind) {
    case 'single':
    case 'multiple':
      return { answer: choiceAnswer(q), why: q.options.flatMap((option) => (option.correct ? [option.explanation] : [])) };
    case 'true-false':
      return { answer: q.answer ? 'True' : 'False', why: [q.explanation] };
    case 'predict-build': {
      const failure = buildFailure(q);
      return { answer: buildAnswer(q), why: [...(failure ? [failure] : []), q.explanation] };
    }
    case 'find-the-line':
      return { answer: lineAnswer(q), why: [`Stagecraft's analyzer reports \`${q.rule}\` there: ${q.diagnostic.message}`, q.explanation] };
    case 'predict-cache':
      return { answer: cacheAnswer(q), why: [q.explanation, cacheSource(q)] };
  }
}

/** The lesson a question belongs to: its own, its quiz's, or that of its first misconception. */
function questionLesson(quiz: PreparedQuiz, q: PreparedQuestion, wrong: RoomMisconception[]): string {
  if (q.kind === 'predict-build' || q.kind === 'find-the-line' || q.kind === 'predict-cache') return q.lesson;
  return quiz.lesson ?? wrong[0]?.lesson ?? 'what-is-a-stage';
}

export function roomQuestion(quiz: PreparedQuiz, q: PreparedQuestion, titles: Titles): RoomQuestion {
  const wrong = wrongAnswers(q, titles);
  const lesson = questionLesson(quiz, q, wrong);
  const { answer, why } = answerAndWhy(q);
  const shown: Pick<RoomQuestion, 'dockerfile' | 'command' | 'builder'> = {};
  if (q.kind !== 'find-the-line' && q.dockerfile !== undefined) shown.dockerfile = q.dockerfile;
  if (q.command !== undefined && !(q.kind === 'find-the-line' && q.command === 'docker build .')) shown.command = q.command;
  if (q.kind === 'predict-build' || q.kind === 'predict-cache') shown.builder = builderLabel(q.builder);
  return {
    id: `${quiz.id}/${q.id}`,
    quiz: quiz.id,
    quizTitle: quiz.title,
    kind: q.kind,
    prompt: q.prompt,
    ...shown,
    multiple: q.kind === 'multiple' || q.kind === 'predict-build' || q.kind === 'predict-cache',
    options: options(q),
    correct: [...q.key.correct],
    anticipated: [...q.anticipated],
    answer,
    why,
    wrong,
    lesson,
    lessonTitle: titles.get(lesson) ?? lesson,
  };
}

export function roomExercise(exercise: Exercise, titles: Titles): RoomExercise {
  const dockerignore = exercise.files['.dockerignore'];
  return {
    id: exercise.id,
    title: exercise.title,
    lesson: exercise.lesson,
    lessonTitle: titles.get(exercise.lesson) ?? exercise.lesson,
    task: exercise.task,
    goals: exercise.goals,
    ...(dockerignore === undefined ? {} : { dockerignore }),
    ...(exercise.goals.some((goal) => goal.kind === 'cache-keeps' || goal.kind === 'cache-reruns') ? { contextFiles: Object.keys(exercise.files) } : {}),
  };
}

/** The catalog: quizzes in the order given, exercises in the order given. */
export function buildCatalog(quizzes: readonly PreparedQuiz[], exercises: readonly Exercise[], titles: Titles): RoomCatalog {
  const questions: Record<string, RoomQuestion> = {};
  const list: CatalogQuiz[] = quizzes.map((quiz) => {
    const ids = quiz.questions.map((q) => {
      const question = roomQuestion(quiz, q, titles);
      questions[question.id] = question;
      return question.id;
    });
    return { id: quiz.id, title: quiz.title, lesson: quiz.lesson, questions: ids };
  });
  const byId: Record<string, RoomExercise> = {};
  for (const exercise of exercises) byId[exercise.id] = roomExercise(exercise, titles);
  return { quizzes: list, questions, exercises: byId };
}
