// From an agenda to a live room (src/lib/workshops/room-preset.ts): the planner's link carries
// the questions and exercises of the agenda's lessons, in agenda order, within the room's
// limits; the room opener reads back only what its page offers.
import { describe, expect, it } from 'vitest';
import { MAX_ROOM_EXERCISES, MAX_TITLE_LENGTH } from '../../src/lib/rooms/limits.ts';
import { presetForLessons, presetQuery, readRoomPreset, type LessonRoomItems } from '../../src/lib/workshops/room-preset.ts';

const items = new Map<string, LessonRoomItems>([
  ['stages', { question: 'stages-quiz/q1', exercises: ['what-is-a-stage'] }],
  ['targets', { question: 'targets-quiz/q3', exercises: [] }],
  ['myths', { exercises: ['myths'] }],
]);
const offered = { questions: ['stages-quiz/q1', 'targets-quiz/q3', 'other/q9'], exercises: ['what-is-a-stage', 'myths'] };

describe('a room preset from an agenda', () => {
  it('takes each lesson’s room question and exercises, in the agenda’s order', () => {
    expect(presetForLessons('', ['myths', 'stages', 'targets'], items)).toEqual({
      title: '',
      questions: ['stages-quiz/q1', 'targets-quiz/q3'],
      exercises: ['myths', 'what-is-a-stage'],
    });
  });

  it('leaves out lessons the agenda left out, and lessons it does not know', () => {
    expect(presetForLessons('', ['targets', 'unknown'], items)).toEqual({ title: '', questions: ['targets-quiz/q3'], exercises: [] });
  });

  it('stops at the room’s limit of exercises', () => {
    const many = new Map<string, LessonRoomItems>(Array.from({ length: 10 }, (_, i) => [`l${i}`, { exercises: [`e${i}`] }]));
    const preset = presetForLessons('', [...many.keys()], many);
    expect(preset.exercises).toEqual(Array.from({ length: MAX_ROOM_EXERCISES }, (_, i) => `e${i}`));
  });

  it('goes through the address and back unchanged', () => {
    const preset = presetForLessons('Onboarding, week 1', ['stages', 'targets', 'myths'], items);
    expect(readRoomPreset(`?${presetQuery(preset)}`, offered)).toEqual(preset);
  });
});

describe('reading a preset from the address', () => {
  it('keeps only what the page offers, each once', () => {
    const search = '?question=stages-quiz/q1&question=%22%3E%3Cimg%20src%3Dx%3E&question=stages-quiz/q1&exercise=myths&exercise=../../etc/passwd';
    expect(readRoomPreset(search, offered)).toEqual({ title: '', questions: ['stages-quiz/q1'], exercises: ['myths'] });
  });

  it('cuts a title to the room’s limit and trims it', () => {
    const title = `  ${'x'.repeat(MAX_TITLE_LENGTH + 50)}`;
    expect(readRoomPreset(`?title=${encodeURIComponent(title)}`, offered).title).toBe('x'.repeat(MAX_TITLE_LENGTH));
  });

  it('reads nothing from an empty or broken address', () => {
    expect(readRoomPreset('', offered)).toEqual({ title: '', questions: [], exercises: [] });
    expect(readRoomPreset('?%E0%A4%A=1&question', offered)).toEqual({ title: '', questions: [], exercises: [] });
  });
});
