// Database rows to the store's records, shared by both stores (column names are the same).
import type { AnswerRecord } from '../../lib/rooms/results.ts';
import type { BoardRow, ParticipantRow, Phase, RoomRow, Tallies } from './room-store.ts';

type Row = Record<string, unknown>;

const PHASES: readonly Phase[] = ['lobby', 'question', 'revealed', 'ended'];

function text(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new Error(`column ${column} is not text`);
  return value;
}

function number(row: Row, column: string): number {
  const value = row[column];
  const n = typeof value === 'bigint' ? Number(value) : typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new Error(`column ${column} is not a number`);
  return n;
}

function list<T>(row: Row, column: string, check: (item: unknown) => item is T): T[] {
  const parsed: unknown = JSON.parse(text(row, column));
  if (!Array.isArray(parsed) || !parsed.every(check)) throw new Error(`column ${column} is not a list`);
  return parsed;
}

const isString = (item: unknown): item is string => typeof item === 'string';
const isInteger = (item: unknown): item is number => Number.isInteger(item);

export function roomRow(row: Row): RoomRow {
  const phase = text(row, 'phase') as Phase;
  if (!PHASES.includes(phase)) throw new Error(`room phase ${phase} is unknown`);
  return {
    id: text(row, 'id'),
    code: text(row, 'code'),
    hostHash: text(row, 'host_hash'),
    title: text(row, 'title'),
    questions: list(row, 'questions', isString),
    exercises: list(row, 'exercises', isString),
    phase,
    index: number(row, 'question_index'),
    revealed: list(row, 'revealed', isString),
    version: number(row, 'version'),
    phaseVersion: number(row, 'phase_version'),
    createdAt: number(row, 'created_at'),
    expiresAt: number(row, 'expires_at'),
  };
}

export function participantRow(row: Row): ParticipantRow {
  return { id: text(row, 'id'), name: text(row, 'name'), joinedAt: number(row, 'joined_at') };
}

export function answerRow(row: Row): AnswerRecord {
  return {
    participant: text(row, 'participant_id'),
    question: text(row, 'question'),
    response: list(row, 'response', isInteger),
    at: number(row, 'answered_at'),
  };
}

export function boardRow(row: Row): BoardRow {
  return {
    participant: text(row, 'participant_id'),
    exercise: text(row, 'exercise'),
    passed: list(row, 'passed', isString),
    goals: number(row, 'goals'),
    hasDockerfile: Boolean(row['has_dockerfile']),
    updatedAt: number(row, 'updated_at'),
  };
}

/** Whether an answer to `question` may be stored now. */
export function acceptsAnswers(room: RoomRow, question: string): boolean {
  return room.phase === 'question' && room.questions[room.index] === question && !room.revealed.includes(question);
}

/** The two GROUP BY results of tallies() as maps (count and sum come back as numbers or numeric strings). */
export function talliesOf(participants: Row[], questions: Row[]): Tallies {
  return {
    participants: new Map(participants.map((row) => [text(row, 'participant_id'), { answered: number(row, 'answered'), correct: number(row, 'correct') }])),
    questions: new Map(questions.map((row) => [text(row, 'question'), number(row, 'answered')])),
  };
}
