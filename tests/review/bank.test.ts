// The questions a review card can ask again (src/lib/review/bank.ts): every quiz question and
// every lesson's prediction, under the ids the cards use; and what a card of a removed question
// becomes.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogFromContent } from '../../src/build/rooms/catalog-content.ts';
import { buildBank, readBank } from '../../src/lib/review/bank.ts';
import { lessonPredictions, markdownParagraphs } from '../../src/lib/review/predictions.ts';
import { isCardId, quizCardId } from '../../src/lib/review/schema.ts';
import { LESSONS_DIR } from '../support/lesson-dockerfiles.ts';
import { lessonSource, predictReveal } from '../content/lessons/mdx-source.ts';

const slugs = readdirSync(LESSONS_DIR)
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => name.slice(0, -'.mdx'.length));
const lessons = slugs.map((slug) => ({ id: slug, title: slug, body: lessonSource(slug) }));

describe('predictions', () => {
  it('reads every PredictReveal of every lesson, with the options and the answer the lesson shows', () => {
    let tags = 0;
    for (const lesson of lessons) {
      const ids = [...lesson.body.matchAll(/<PredictReveal\b[\s\S]*?\bid="([^"]+)"/g)].map((m) => m[1]!);
      tags += ids.length;
      const questions = lessonPredictions(lesson);
      expect(questions.map((q) => q.id)).toEqual(ids.map((id) => `prediction:${id}`));
      for (const [i, id] of ids.entries()) {
        const { options, answer } = predictReveal(lesson.id, id);
        const question = questions[i]!;
        expect(question.options.map((o) => o.label)).toEqual(options.map((text, k) => `${String.fromCharCode(65 + k)}. ${text}`));
        expect(question.correct).toEqual([answer]);
        expect(question.why.length).toBeGreaterThan(0);
        expect(question.lesson).toBe(lesson.id);
      }
    }
    expect(tags).toBeGreaterThan(20);
  });

  it('turns the explanation’s Markdown into paragraphs, code kept', () => {
    expect(markdownParagraphs('Without `--target`, Docker builds the **last stage**,\nhere `dev`.\n\nSee [the docs](https://docs.docker.com).')).toEqual([
      'Without `--target`, Docker builds the last stage, here `dev`.',
      'See the docs.',
    ]);
  });

  it('stops the build on a PredictReveal it cannot read, rather than leaving it out', () => {
    expect(() =>
      lessonPredictions({ id: 'x', title: 'X', body: '<PredictReveal id="p" question="Q?" options={opts} answer={1}>Why.</PredictReveal>' }),
    ).toThrow(/could not be read/);
  });
});

describe('the bank', () => {
  const catalog = catalogFromContent();
  const bank = buildBank(
    catalog.questions,
    lessons.flatMap((lesson) => lessonPredictions(lesson)),
  );

  it('holds every quiz question under the id a card gets when it is missed in a quiz or a room', () => {
    for (const quiz of catalog.quizzes) {
      for (const id of quiz.questions) {
        const question = id.slice(quiz.id.length + 1);
        expect(quizCardId(quiz.id, question)).toBe(id);
        expect(isCardId(id), id).toBe(true);
        expect(bank.questions[id]?.correct.length).toBeGreaterThan(0);
      }
    }
  });

  it('gives predictions ids that can be card ids and never collide with a quiz question', () => {
    const predictions = Object.keys(bank.questions).filter((id) => id.startsWith('prediction:'));
    expect(predictions.length).toBeGreaterThan(20);
    for (const id of predictions) expect(isCardId(id), id).toBe(true);
    expect(() => buildBank(bank.questions, [bank.questions[predictions[0]!]!])).toThrow(/two review questions/);
  });

  it('reads back only a bank of the expected shape', () => {
    expect(readBank(JSON.parse(JSON.stringify(bank)))?.questions['prediction:named-stages-default-target']?.correct).toEqual([1]);
    expect(readBank({ version: 2, questions: {} })).toBeNull();
    expect(readBank('<!doctype html>')).toBeNull();
  });
});
