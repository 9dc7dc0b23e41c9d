// The lessons' predictions (<PredictReveal id question options answer>explanation</PredictReveal>
// in the MDX source) as review questions, read at build time from each lesson's raw body, as
// src/lib/course/exercises.ts reads the exercise slots. Pure: pass in the lessons.
//
// The explanation is the component's children, Markdown: it becomes plain paragraphs with
// `code` kept (the review shows backticks as code) and emphasis and links reduced to their
// text. A PredictReveal this cannot read stops the build (tests/review/bank.test.ts reads every
// lesson), so a prediction is never silently left out of the review.
import type { RoomQuestion } from '../rooms/catalog.ts';
import { predictionCardId } from './schema.ts';

export interface PredictionLesson {
  id: string;
  title: string;
  body?: string | undefined;
}

const TAG = /<PredictReveal\b([\s\S]*?)>([\s\S]*?)<\/PredictReveal>/g;
const letter = (i: number) => String.fromCharCode(65 + i);

function stringProp(attrs: string, name: string): string | null {
  return (
    new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
      .exec(attrs)
      ?.slice(1)
      .find((v) => v !== undefined) ?? null
  );
}

function options(attrs: string): string[] | null {
  const list = /\boptions\s*=\s*\{\s*\[([\s\S]*?)\]\s*\}/.exec(attrs)?.[1];
  if (list === undefined) return null;
  return [...list.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1'));
}

/** Markdown paragraphs as plain text: `code` kept, **bold**, _emphasis_ and [links](…) as their text. */
export function markdownParagraphs(markdown: string): string[] {
  return markdown
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.trim())
        .join(' ')
        .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
        .replace(/\*\*([^*]+)\*\*/g, '$1')
        .replace(/(^|[\s(])[_*]([^_*]+)[_*](?=[\s.,;:)]|$)/g, '$1$2')
        .trim(),
    )
    .filter((paragraph) => paragraph !== '');
}

/** Every PredictReveal of `lesson` as a question of the review, in the order of the lesson. */
export function lessonPredictions(lesson: PredictionLesson): RoomQuestion[] {
  const questions: RoomQuestion[] = [];
  for (const match of (lesson.body ?? '').matchAll(TAG)) {
    const attrs = match[1]!;
    const id = stringProp(attrs, 'id');
    const prompt = stringProp(attrs, 'question');
    const texts = options(attrs);
    const answer = Number(/\banswer\s*=\s*\{\s*(\d+)\s*\}/.exec(attrs)?.[1] ?? NaN);
    if (!id || !prompt || !texts || texts.length < 2 || !Number.isInteger(answer) || answer >= texts.length) {
      throw new Error(
        `${lesson.id}: a PredictReveal${id ? ` (${id})` : ''} could not be read for the review: id, question, options and answer must be literal`,
      );
    }
    questions.push({
      id: predictionCardId(id),
      quiz: 'prediction',
      quizTitle: `Prediction in “${lesson.title}”`,
      kind: 'single',
      prompt,
      multiple: false,
      options: texts.map((text, key) => ({ key, label: `${letter(key)}. ${text}` })),
      correct: [answer],
      anticipated: [],
      answer: `${letter(answer)}. ${texts[answer]!}`,
      why: markdownParagraphs(match[2]!),
      wrong: [],
      lesson: lesson.id,
      lessonTitle: lesson.title,
    });
  }
  return questions;
}
