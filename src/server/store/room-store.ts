// What the room server keeps, behind one interface with two implementations:
//   sqlite.ts    node:sqlite, a file in the data folder (the default; one server process)
//   postgres.ts  PostgreSQL through pg (DATABASE_URL=postgres://…; several server processes,
//                which learn of each other's changes through LISTEN/NOTIFY)
// Both run the same schema migrations (migrations.ts) and the same contract tests
// (tests/server/store.test.ts).
//
// Every change is one transaction that also bumps the room's version counters, and every
// committed change is announced to onChange() listeners, in this process and (PostgreSQL) in
// every other one. A change is acknowledged to a client only after its transaction commits,
// so a server killed at any moment loses no acknowledged answer.
import type { AnswerRecord } from '../../lib/rooms/results.ts';

/**
 *   lobby     participants join; no question yet
 *   question  the question at `index` is open for answers
 *   revealed  the question at `index` shows its right answer and misconceptions
 *   ended     the results
 */
export type Phase = 'lobby' | 'question' | 'revealed' | 'ended';

export interface RoomState {
  phase: Phase;
  /** The current question (0-based; 0 in the lobby). */
  index: number;
  /** Question ids whose answers have been revealed. */
  revealed: string[];
}

export interface RoomRow extends RoomState {
  id: string;
  code: string;
  /** SHA-256 of the facilitator's key (hex). */
  hostHash: string;
  title: string;
  questions: string[];
  exercises: string[];
  /** Bumped by every change (what the facilitator's view shows). */
  version: number;
  /** Bumped by changes participants see (the phase, the question, a reveal). */
  phaseVersion: number;
  createdAt: number;
  expiresAt: number;
}

export interface NewRoom {
  code: string;
  hostHash: string;
  title: string;
  questions: string[];
  exercises: string[];
  createdAt: number;
  expiresAt: number;
}

export interface ParticipantRow {
  id: string;
  name: string;
  joinedAt: number;
}

export interface BoardRow {
  participant: string;
  exercise: string;
  /** Ids of the goals the participant's Dockerfile passes. */
  passed: string[];
  /** How many goals the exercise has. */
  goals: number;
  hasDockerfile: boolean;
  updatedAt: number;
}

export interface BoardEntry {
  exercise: string;
  passed: string[];
  goals: number;
  dockerfile: string | null;
  updatedAt: number;
}

/**
 * A committed change. `scope` says who must see it: 'host' the facilitator only (a join, an
 * answer, the board), 'all' everyone (phase, question, reveal), 'participant' one participant
 * (removed from the room).
 */
export interface RoomChange {
  code: string;
  scope: 'host' | 'all' | 'participant';
  version: number;
  phaseVersion: number;
  participant?: string;
}

export interface Tallies {
  participants: Map<string, { answered: number; correct: number }>;
  questions: Map<string, number>;
}

export type JoinResult = { ok: true; participant: ParticipantRow } | { ok: false; reason: 'full' | 'name-taken' | 'no-room' };
export type AnswerResult = { ok: true; at: number } | { ok: false; reason: 'closed' | 'no-room' };

export interface RoomStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Null when the code is already in use. */
  createRoom(room: NewRoom): Promise<RoomRow | null>;
  /** The room with this code, unless it has expired by `now`. */
  room(code: string, now: number): Promise<RoomRow | null>;
  setState(code: string, state: RoomState): Promise<RoomRow | null>;
  addParticipant(code: string, participant: { name: string; tokenHash: string; joinedAt: number }, max: number): Promise<JoinResult>;
  participantByToken(code: string, tokenHash: string): Promise<ParticipantRow | null>;
  participants(code: string): Promise<ParticipantRow[]>;
  removeParticipant(code: string, participant: string): Promise<boolean>;
  /** Stores (or replaces) an answer if `question` is the room's open, unrevealed question; `correct` is its grade, kept for the tallies. */
  recordAnswer(code: string, participant: string, question: string, response: number[], correct: boolean, at: number): Promise<AnswerResult>;
  /** Every answer of the room, or of one question. */
  answers(code: string, question?: string): Promise<AnswerRecord[]>;
  /** How many answers (and right ones) each participant gave, and how many each question got, counted by the database. */
  tallies(code: string): Promise<Tallies>;
  setBoard(code: string, participant: string, entry: BoardEntry): Promise<boolean>;
  clearBoard(code: string, participant: string): Promise<boolean>;
  board(code: string): Promise<BoardRow[]>;
  boardDockerfile(code: string, participant: string, exercise: string): Promise<string | null>;
  deleteRoom(code: string): Promise<boolean>;
  /** Deletes every room that expired by `now`, with all it holds; returns how many. */
  deleteExpired(now: number): Promise<number>;
  /** Calls `listener` after every committed change (here and, with PostgreSQL, in other processes). */
  onChange(listener: (change: RoomChange) => void): () => void;
  close(): Promise<void>;
}

/** The change announced when a room is deleted (versions 0: there is nothing left to show). */
export function goneChange(code: string): RoomChange {
  return { code, scope: 'all', version: 0, phaseVersion: 0 };
}

/** The case- and width-insensitive form two names must not share in a room. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ');
}
