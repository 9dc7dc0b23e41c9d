// From an agenda to a live room: the /workshops planner links to /workshops/rooms/ with the
// room questions and exercises of the lessons in its agenda in the address
// (?title=…&question=quiz/q…&exercise=id…), and the room opener ticks them, so a facilitator
// opens the room their handout talks about in one step. Pure; both ends use it.
//
// The address is anyone's to write: reading keeps only questions and exercises the page
// offers (compared as strings, never used as selectors or markup), each once, up to the
// room's limits, and a title cut to its maximum length.

import { MAX_ROOM_EXERCISES, MAX_ROOM_QUESTIONS, MAX_TITLE_LENGTH } from '../rooms/limits.ts';

export interface RoomPreset {
  title: string;
  /** Room question ids, `<quiz>/<question>`. */
  questions: string[];
  /** Exercise ids. */
  exercises: string[];
}

/** Per lesson, what it brings to a room: its room question and its exercises. */
export interface LessonRoomItems {
  question?: string | undefined;
  exercises: readonly string[];
}

/** The preset for the lessons of an agenda, in agenda order, within the room's limits. */
export function presetForLessons(title: string, lessons: readonly string[], items: ReadonlyMap<string, LessonRoomItems>): RoomPreset {
  const questions = lessons.flatMap((id) => (items.get(id)?.question ? [items.get(id)!.question!] : []));
  const exercises = lessons.flatMap((id) => items.get(id)?.exercises ?? []);
  return { title: title.slice(0, MAX_TITLE_LENGTH), questions: questions.slice(0, MAX_ROOM_QUESTIONS), exercises: exercises.slice(0, MAX_ROOM_EXERCISES) };
}

/** The query string (without `?`) that carries a preset. */
export function presetQuery(preset: RoomPreset): string {
  const params = new URLSearchParams();
  if (preset.title) params.set('title', preset.title);
  for (const question of preset.questions) params.append('question', question);
  for (const exercise of preset.exercises) params.append('exercise', exercise);
  return params.toString();
}

/** The preset an address asks for, keeping only what the page offers. */
export function readRoomPreset(search: string, offered: { questions: readonly string[]; exercises: readonly string[] }): RoomPreset {
  const params = new URLSearchParams(search);
  const known = (values: string[], allowed: readonly string[], max: number) => [...new Set(values.filter((value) => allowed.includes(value)))].slice(0, max);
  return {
    title: (params.get('title') ?? '').trim().slice(0, MAX_TITLE_LENGTH),
    questions: known(params.getAll('question'), offered.questions, MAX_ROOM_QUESTIONS),
    exercises: known(params.getAll('exercise'), offered.exercises, MAX_ROOM_EXERCISES),
  };
}
