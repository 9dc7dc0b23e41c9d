// The facilitator page's data: the agenda computed from the lessons' minutes
// (src/lib/workshops/agenda.ts) and the discussion questions (content/workshops/discussion.yaml).

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LESSON_PATH } from '../../src/course/lesson-path.ts';
import { courseExercises } from '../../src/lib/course/exercises.ts';
import { clockTime, duration, planAgenda, type AgendaLesson } from '../../src/lib/workshops/agenda.ts';
import { loadDiscussion, parseDiscussion } from '../../src/lib/workshops/discussion.ts';

const lessonsDir = new URL('../../content/lessons/', import.meta.url);

/** The real course: every lesson's minutes from its frontmatter, in course order. */
function courseLessons(): AgendaLesson[] {
  const files = new Set(readdirSync(lessonsDir));
  return LESSON_PATH.filter((slug) => files.has(`${slug}.mdx`)).map((slug) => {
    const body = readFileSync(new URL(`${slug}.mdx`, lessonsDir), 'utf8');
    const minutes = Number(/^minutes:\s*(\d+)\s*$/m.exec(body)?.[1]);
    const title = /^title:\s*"?(.*?)"?\s*$/m.exec(body)?.[1] ?? slug;
    return { id: slug, title, minutes, exercise: courseExercises([{ id: slug, body }]).length > 0 };
  });
}

const lesson = (id: string, minutes: number): AgendaLesson => ({ id, title: id, minutes });

describe('planAgenda', () => {
  it('packs the real course into sessions of about 60–90 minutes, in order, with breaks between', () => {
    const lessons = courseLessons();
    expect(lessons).toHaveLength(LESSON_PATH.length);
    const agenda = planAgenda(lessons);

    // Every lesson exactly once, in course order, between the welcome and the wrap-up.
    const blocks = agenda.sessions.flatMap((session) => session.blocks);
    expect(blocks.map((block) => block.id)).toEqual(['welcome', ...LESSON_PATH, 'wrap-up']);

    for (const session of agenda.sessions) {
      expect(session.minutes, `session ${session.number}`).toBeLessThanOrEqual(90);
      expect(session.minutes, `session ${session.number}`).toBeGreaterThanOrEqual(50);
    }
    // Sessions and breaks alternate, and the clock runs on without gaps.
    expect(agenda.timeline.map((item) => item.kind)).toEqual(agenda.timeline.map((_, i) => (i % 2 === 0 ? 'session' : 'break')));
    for (let i = 1; i < agenda.timeline.length; i++) expect(agenda.timeline[i]!.start).toBe(agenda.timeline[i - 1]!.end);
    for (const session of agenda.sessions) {
      expect(session.blocks[0]!.start).toBe(session.start);
      expect(session.blocks.at(-1)!.end).toBe(session.end);
    }
    // One long (lunch) break in a day of four or more sessions.
    expect(agenda.sessions.length).toBeGreaterThanOrEqual(4);
    expect(agenda.breaks.filter((b) => b.long)).toHaveLength(1);
    const totalLesson = lessons.reduce((sum, l) => sum + l.minutes, 0);
    expect(agenda.teachingMinutes).toBe(totalLesson + lessons.length * 10 + 20 + 10);
    expect(agenda.totalMinutes).toBe(agenda.teachingMinutes + agenda.breaks.reduce((sum, b) => sum + b.minutes, 0));
  });

  it('matches the agenda worked out by hand for the current lessons', () => {
    const agenda = planAgenda(courseLessons());
    const summary = agenda.timeline.map((item) =>
      item.kind === 'session'
        ? `${clockTime(item.start)}-${clockTime(item.end)} ${item.blocks.map((b) => b.id).join(' ')}`
        : `${item.long ? 'lunch' : 'break'} ${item.minutes}`,
    );
    expect(summary).toEqual([
      '09:00-10:04 welcome what-is-a-stage build-vs-runtime',
      'break 15',
      '10:19-11:36 named-stages-and-target sharing-steps lean-production-images',
      'break 15',
      '11:51-12:47 advanced-builds one-dockerfile-every-environment',
      'lunch 45',
      '13:32-14:49 local-development-with-compose debugging-stage myths',
      'break 15',
      '15:04-16:19 pitfalls capstone wrap-up',
    ]);
  });

  it('uses the fewest sessions that fit, and the most even split among them', () => {
    const agenda = planAgenda([lesson('a', 30), lesson('b', 30), lesson('c', 30), lesson('d', 30)], {
      discussionMinutes: 0,
      checkpointMinutes: 0,
      welcomeMinutes: 0,
      wrapUpMinutes: 0,
    });
    expect(agenda.sessions.map((s) => s.minutes)).toEqual([60, 60]);
    expect(agenda.breaks).toEqual([{ kind: 'break', start: 9 * 60 + 60, end: 9 * 60 + 75, minutes: 15, long: false }]);
  });

  it('prefers sessions of at least minSession over a lopsided split', () => {
    const agenda = planAgenda([lesson('a', 20), lesson('b', 50), lesson('c', 40), lesson('d', 50)], {
      discussionMinutes: 0,
      checkpointMinutes: 0,
      welcomeMinutes: 0,
      wrapUpMinutes: 0,
    });
    expect(agenda.sessions.map((s) => s.blocks.map((b) => b.id))).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('gives a lesson longer than a session a session of its own', () => {
    const agenda = planAgenda([lesson('a', 20), lesson('huge', 120), lesson('c', 20)], { discussionMinutes: 0, checkpointMinutes: 0, welcomeMinutes: 0, wrapUpMinutes: 0 });
    expect(agenda.sessions.map((s) => s.blocks.map((b) => b.id))).toEqual([['a'], ['huge'], ['c']]);
  });

  it('adds checkpoint time for lessons with an exercise when asked', () => {
    const agenda = planAgenda([{ ...lesson('a', 10), exercise: true }, lesson('b', 10)], { exerciseCheckpointMinutes: 10, welcomeMinutes: 0, wrapUpMinutes: 0 });
    expect(agenda.sessions[0]!.blocks.map((b) => b.checkpointMinutes)).toEqual([15, 5]);
  });

  it('starts when asked, and a short day is one session with no break', () => {
    const agenda = planAgenda([lesson('a', 10)], { start: 13 * 60 + 30 });
    expect(agenda.sessions).toHaveLength(1);
    expect(agenda.breaks).toEqual([]);
    expect(clockTime(agenda.start)).toBe('13:30');
    // 10 minutes of lesson, 5 of discussion, 5 of checkpoint, 20 of welcome, 10 of wrap-up.
    expect(clockTime(agenda.end)).toBe('14:20');
  });

  it('is empty without lessons, and refuses nonsense', () => {
    expect(planAgenda([]).timeline).toEqual([]);
    expect(() => planAgenda([lesson('a', 0)])).toThrow(RangeError);
    expect(() => planAgenda([lesson('a', 10)], { minSession: 90, maxSession: 60 })).toThrow(RangeError);
  });

  it('formats times and durations', () => {
    expect(clockTime(9 * 60 + 5)).toBe('09:05');
    expect(duration(45)).toBe('45 min');
    expect(duration(60)).toBe('1 h');
    expect(duration(95)).toBe('1 h 35 min');
  });
});

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
    const exercises = courseExercises(
      LESSON_PATH.map((slug) => ({ id: slug, body: readFileSync(new URL(`${slug}.mdx`, lessonsDir), 'utf8') })),
    );
    expect(exercises.length).toBeGreaterThanOrEqual(10);
    for (const exercise of exercises) {
      expect(LESSON_PATH).toContain(exercise.lesson);
      expect(exercise.title.length).toBeGreaterThan(10);
    }
    expect(courseExercises([{ id: 'x', body: `<ExerciseSlot title='T' id='a-b' />\n<ExerciseSlot\n  id="c"\n  title="D"\n/>` }])).toEqual([
      { id: 'a-b', title: 'T', lesson: 'x' },
      { id: 'c', title: 'D', lesson: 'x' },
    ]);
  });
});
