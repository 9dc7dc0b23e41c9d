// What the room server sends each page over its event stream: the facilitator's view and a
// participant's view, whole each time (a page just renders the latest one). Types only,
// shared by src/server/rooms/views.ts and the room islands.
//
// A participant's view never holds another participant's answer or name, nor the right
// answer of a question before it is revealed; the facilitator's view holds everything.
import type { RoomExercise, RoomMisconception, RoomOption } from './catalog.ts';
import type { Graded, LessonToRevisit, OptionCount, RankedMisconception, Score } from './results.ts';

export type RoomPhase = 'lobby' | 'question' | 'revealed' | 'ended';

export interface RoomSummary {
  code: string;
  title: string;
  phase: RoomPhase;
  /** The current question, 0-based. */
  index: number;
  /** How many questions the room asks. */
  total: number;
  /** When the room and all it holds are deleted (ms since the epoch). */
  expiresAt: number;
}

export interface QuestionView {
  id: string;
  /** 1-based. */
  number: number;
  quizTitle: string;
  kind: string;
  prompt: string;
  dockerfile?: string;
  command?: string;
  builder?: string;
  multiple: boolean;
  options: RoomOption[];
}

export interface RevealView {
  correct: number[];
  answer: string;
  why: string[];
  wrong: RoomMisconception[];
  lesson: string;
  lessonTitle: string;
  distribution: OptionCount[];
  answered: number;
}

export interface ResultsView {
  /** Misconceptions the room held, most held first. */
  ranked: RankedMisconception[];
  lessons: LessonToRevisit[];
  participants: number;
  answers: number;
}

export interface PlayerView {
  kind: 'player';
  version: number;
  room: RoomSummary;
  you: { id: string; name: string };
  question: QuestionView | null;
  /** Your answer to the current question, as stored. */
  yourAnswer: number[] | null;
  reveal: (RevealView & { yours: Graded | null }) | null;
  results: (ResultsView & { score: Score; yours: RankedMisconception[] }) | null;
  exercises: RoomExercise[];
  /** What you share on the exercise board. */
  board: Array<{ exercise: string; passed: string[]; goals: number; hasDockerfile: boolean }>;
}

export interface HostParticipant {
  id: string;
  name: string;
  joinedAt: number;
  answered: number;
  correct: number;
}

export interface HostResponse {
  participant: string;
  name: string;
  response: number[];
  correct: boolean;
  at: number;
}

export interface HostView {
  kind: 'host';
  version: number;
  room: RoomSummary;
  participants: HostParticipant[];
  /** Every question of the room, for the facilitator's running order. */
  questions: Array<{ id: string; number: number; prompt: string; quizTitle: string; answered: number; revealed: boolean }>;
  question: QuestionView | null;
  /** The current question's key and explanations (shown to the room only once revealed). */
  key: Omit<RevealView, 'distribution' | 'answered'> | null;
  live: { answered: number; of: number; distribution: OptionCount[]; responses: HostResponse[]; revealed: boolean } | null;
  results: ResultsView | null;
  exercises: RoomExercise[];
  board: Array<{ participant: string; name: string; exercise: string; passed: string[]; goals: number; hasDockerfile: boolean; updatedAt: number }>;
}
