// src/lib/workshops/plan.ts: the /workshops agenda for the time available from chosen lessons.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LESSON_PATH } from '../../src/lib/course/lesson-path.ts';
import { courseExercises } from '../../src/lib/course/exercises.ts';
import {
  AGENDA_LENGTHS,
  blockTitle,
  buildPlan,
  clock,
  MAX_PACE,
  MIN_PACE,
  parseClock,
  readPlannerState,
  type Plan,
  type PlanLesson,
} from '../../src/lib/workshops/plan.ts';

const lessonsDir = new URL('../../content/lessons/', import.meta.url);

/** The real course, in course order: minutes from the frontmatter, exercises from the lessons. */
function courseLessons(): PlanLesson[] {
  const files = new Set(readdirSync(lessonsDir));
  return LESSON_PATH.filter((slug) => files.has(`${slug}.mdx`)).map((slug) => {
    const body = readFileSync(new URL(`${slug}.mdx`, lessonsDir), 'utf8');
    const minutes = Number(/^minutes:\s*(\d+)\s*$/m.exec(body)?.[1]);
    return { id: slug, title: slug, minutes, exercise: courseExercises([{ id: slug, body }]).length > 0, question: true };
  });
}

const course = courseLessons();
const ids = course.map((lesson) => lesson.id);

/** Every block starts where the one before ended, the first at 0, the last ending at the length. */
function expectContiguous(plan: Plan): void {
  let at = 0;
  for (const block of plan.blocks) {
    expect(block.start).toBe(at);
    expect(Number.isInteger(block.minutes) && block.minutes >= 1, `${block.kind} ${block.minutes}`).toBe(true);
    at += block.minutes;
  }
  expect(at).toBe(plan.length);
}

/** Minutes of a lesson's own blocks in the plan. */
const lessonMinutes = (plan: Plan, id: string) => plan.blocks.filter((block) => block.lesson === id).reduce((sum, block) => sum + block.minutes, 0);

describe('buildPlan', () => {
  it('fills exactly the time available, for every length and every number of lessons of the course', () => {
    expect(course.length).toBe(12);
    for (const { minutes } of AGENDA_LENGTHS) {
      for (let n = 0; n <= ids.length; n++) {
        const plan = buildPlan(course, ids.slice(0, n), minutes);
        expectContiguous(plan);
        expect(plan.blocks[0]!.kind).toBe('welcome');
        expect(plan.blocks.at(-1)!.kind).toBe('wrap-up');
        // Every chosen lesson is either in the plan or listed as left out; nothing else is.
        expect([...plan.lessons, ...plan.leftOut]).toEqual(ids.slice(0, n));
      }
    }
  });

  it('gives each lesson its walkthrough, its exercise and its room question, in that order, never shorter than MIN_PACE', () => {
    const plan = buildPlan(course, ['what-is-a-stage', 'build-vs-runtime'], 90);
    expect(plan.leftOut).toEqual([]);
    expect(plan.blocks.map((block) => `${block.kind}${block.lesson ? `:${block.lesson}` : ''}`)).toEqual([
      'welcome',
      'lesson:what-is-a-stage',
      'exercise:what-is-a-stage',
      'question:what-is-a-stage',
      'lesson:build-vs-runtime',
      'exercise:build-vs-runtime',
      'question:build-vs-runtime',
      ...(plan.blocks.some((block) => block.kind === 'open') ? ['open'] : []),
      'wrap-up',
    ]);
    for (const block of plan.blocks.filter((b) => b.kind === 'lesson')) {
      const lesson = course.find((l) => l.id === block.lesson)!;
      expect(block.minutes).toBeGreaterThanOrEqual(Math.floor(lesson.minutes * MIN_PACE));
      expect(block.minutes).toBeLessThanOrEqual(Math.ceil(lesson.minutes * MAX_PACE));
    }
  });

  it('in 60 minutes keeps what fits, in course order, and lists the rest as left out', () => {
    const plan = buildPlan(course, ids, 60);
    expect(plan.lessons.length).toBeGreaterThan(0);
    expect(plan.lessons).toEqual(ids.slice(0, plan.lessons.length));
    expect(plan.leftOut).toEqual(ids.slice(plan.lessons.length));
    expect(plan.blocks.some((block) => block.kind === 'break' || block.kind === 'lunch')).toBe(false);
  });

  it('shortens lessons when they barely fit, and stretches them with an open block when there is time to spare', () => {
    const tight = buildPlan(course, ids.slice(0, 3), 60);
    const roomy = buildPlan(course, ids.slice(0, 1), 120);
    const full = (id: string) => {
      const lesson = course.find((l) => l.id === id)!;
      return lesson.minutes + (lesson.exercise ? 12 : 0) + 5;
    };
    for (const id of tight.lessons) expect(lessonMinutes(tight, id)).toBeLessThan(full(id));
    expect(lessonMinutes(roomy, ids[0]!)).toBeGreaterThan(full(ids[0]!));
    expect(roomy.blocks.find((block) => block.kind === 'open')!.minutes).toBeGreaterThan(0);
  });

  it('has breaks from two hours on, a lunch in a day, never first or last and never inside a lesson when a lesson boundary is free', () => {
    expect(buildPlan(course, ids, 90).blocks.filter((block) => block.kind === 'break')).toHaveLength(0);
    expect(buildPlan(course, ids.slice(0, 4), 120).blocks.filter((block) => block.kind === 'break')).toHaveLength(1);
    const day = buildPlan(course, ids, 420);
    expect(day.blocks.filter((block) => block.kind === 'lunch')).toHaveLength(1);
    expect(day.blocks.filter((block) => block.kind === 'break')).toHaveLength(2);
    day.blocks.forEach((block, i) => {
      if (block.kind !== 'break' && block.kind !== 'lunch') return;
      expect(i).toBeGreaterThan(1);
      expect(i).toBeLessThan(day.blocks.length - 1);
      expect(day.blocks[i - 1]!.kind, 'a lesson ends before a break').toBe('question');
    });
    // The lunch is near the middle of the day.
    const lunch = day.blocks.find((block) => block.kind === 'lunch')!;
    expect(Math.abs(lunch.start - 420 / 2)).toBeLessThan(60);
  });

  it('plans a day of the whole course with every lesson in it', () => {
    const day = buildPlan(course, ids, 420);
    expect(day.leftOut).toEqual([]);
    expect(day.lessons).toEqual(ids);
  });

  it('gives a session with no lesson chosen to open questions, and ignores unknown lessons', () => {
    const plan = buildPlan(course, ['no-such-lesson'], 60);
    expect(plan.lessons).toEqual([]);
    expect(plan.blocks.map((block) => block.kind)).toEqual(['welcome', 'open', 'wrap-up']);
    expectContiguous(plan);
  });

  it('takes the lessons in course order whatever order they are chosen in', () => {
    expect(buildPlan(course, [ids[3]!, ids[0]!], 120).lessons).toEqual([ids[0], ids[3]]);
  });

  it('leaves out a lesson too long for the time even alone', () => {
    const plan = buildPlan([{ id: 'huge', title: 'Huge', minutes: 200, exercise: false, question: false }], ['huge'], 60);
    expect(plan.leftOut).toEqual(['huge']);
    expectContiguous(plan);
  });

  it('refuses a length that is not whole minutes or too short', () => {
    expect(() => buildPlan(course, ids, 20)).toThrow(RangeError);
    expect(() => buildPlan(course, ids, 90.5)).toThrow(RangeError);
  });
});

describe('planner helpers', () => {
  it('reads and writes clock times', () => {
    expect(clock(9 * 60 + 5)).toBe('9:05');
    expect(clock(24 * 60 + 30)).toBe('0:30');
    expect(parseClock('09:30')).toBe(570);
    expect(parseClock('13:05')).toBe(785);
    for (const bad of ['', '24:00', '9:5', '9h30', '<script>']) expect(parseClock(bad), bad).toBeNull();
  });

  it('reads the choice from the address, falling back on anything unknown', () => {
    const fallback = { length: 90, start: 540, lessons: ['a'] };
    expect(readPlannerState('?length=420&start=13:30&lessons=b,zzz,a', ['a', 'b'], fallback)).toEqual({ length: 420, start: 810, lessons: ['b', 'a'] });
    expect(readPlannerState('?length=77&start=nope', ['a', 'b'], fallback)).toEqual(fallback);
    expect(readPlannerState('?lessons=', ['a'], fallback).lessons).toEqual([]);
  });

  it('names every kind of block, a lesson block by its lesson', () => {
    const titleOf = (id: string) => `T(${id})`;
    expect(blockTitle({ kind: 'lesson', start: 0, minutes: 5, lesson: 'x' }, titleOf)).toBe('T(x)');
    expect(blockTitle({ kind: 'exercise', start: 0, minutes: 5, lesson: 'x' }, titleOf)).toBe('Exercise: T(x)');
    expect(blockTitle({ kind: 'question', start: 0, minutes: 5, lesson: 'x' }, titleOf)).toBe('Live-room question: T(x)');
    expect(blockTitle({ kind: 'lunch', start: 0, minutes: 45 }, titleOf)).toBe('Lunch');
  });
});
