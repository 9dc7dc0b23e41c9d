// The facilitator page's data: the discussion questions (content/workshops/discussion.yaml) and
// the lessons' exercises. The agenda planner is tested in workshop-plan.test.ts.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LESSON_PATH } from '../../src/lib/course/lesson-path.ts';
import { courseExercises } from '../../src/lib/course/exercises.ts';
import { loadDiscussion, parseDiscussion } from '../../src/build/workshops/discussion.ts';

const lessonsDir = new URL('../../content/lessons/', import.meta.url);

describe('discussion questions', () => {
  it('has open questions for every lesson on the course path', () => {
    const discussion = loadDiscussion();
    for (const slug of LESSON_PATH) {
      const questions = discussion[slug] ?? [];
      expect(questions.length, slug).toBeGreaterThanOrEqual(2);
      for (const { question } of questions) {
        expect(question.endsWith('?'), question).toBe(true);
        // Open questions, not yes/no ones.
        expect(question, slug).not.toMatch(/^(Is|Are|Does|Do|Can|Should|Will|Has|Have)\b/);
      }
    }
  });

  it('refuses an unknown lesson, a missing lesson and a statement', () => {
    const one = '  - question: What would you do?\n  - question: Why?\n';
    const all = LESSON_PATH.map((slug) => `${slug}:\n${one}`).join('');
    expect(() => parseDiscussion(all)).not.toThrow();
    expect(() => parseDiscussion(`${all}no-such-lesson:\n${one}`)).toThrow(/no-such-lesson/);
    expect(() => parseDiscussion(all.replace(/^what-is-a-stage:\n.*\n.*\n/m, ''))).toThrow(/what-is-a-stage: this lesson has no discussion questions/);
    expect(() => parseDiscussion(all.replace('What would you do?', 'Do this.'))).toThrow(/must end with "\?"/);
    expect(() => parseDiscussion(all.replace('  - question: Why?\n', '  - question: Why?\n    answer: 42\n'))).toThrow();
  });
});

describe('course exercises', () => {
  it('reads every ExerciseSlot of the lessons, with its lesson', () => {
    const exercises = courseExercises(LESSON_PATH.map((slug) => ({ id: slug, body: readFileSync(new URL(`${slug}.mdx`, lessonsDir), 'utf8') })));
    expect(exercises.length).toBeGreaterThanOrEqual(10);
    for (const exercise of exercises) {
      expect(LESSON_PATH).toContain(exercise.lesson);
      expect(exercise.title.length).toBeGreaterThan(10);
    }
    expect(courseExercises([{ id: 'x', body: `<ExerciseSlot title='T' id='a-b' />\n<ExerciseSlot\n  id="c"\n  title="D"\n/>` }])).toEqual([
      { id: 'a-b', title: 'T', lesson: 'x', practice: false },
      { id: 'c', title: 'D', lesson: 'x', practice: false },
    ]);
  });

  it('marks the steps of a faded worked example as practice, which a workshop agenda leaves out', () => {
    const body = `<ExerciseSlot id="own" title="Own" />\n<FadedStep step={2} of={3} kind="faded" title="S" exercise="f">\n<ExerciseSlot id="f" title="F" />\n</FadedStep>\n<ExerciseSlot id="after" title="After" />`;
    expect(courseExercises([{ id: 'x', body }]).map((e) => [e.id, e.practice])).toEqual([
      ['own', false],
      ['f', true],
      ['after', false],
    ]);
    const course = courseExercises(LESSON_PATH.map((slug) => ({ id: slug, body: readFileSync(new URL(`${slug}.mdx`, lessonsDir), 'utf8') })));
    expect(course.filter((e) => e.practice).map((e) => e.id)).toEqual([
      'what-is-a-stage-faded',
      'what-is-a-stage-blank-page',
      'named-stages-faded',
      'named-stages-blank-page',
      'lean-images-faded',
      'lean-images-blank-page',
    ]);
  });
});
