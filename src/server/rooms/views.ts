// Builds the views of src/lib/rooms/views.ts from what the store holds. A room's data is read
// once per version and shared by every view built from it (a phase change rebuilds the views
// of 200 participants from one read).
import type { RoomCatalog, RoomExercise, RoomQuestion } from '../../lib/rooms/catalog.ts';
import { distribution, gradeResponse, lessonsToRevisit, rankMisconceptions, scoreOf, type AnswerRecord } from '../../lib/rooms/results.ts';
import type { HostView, PlayerView, QuestionView, ResultsView, RevealView, RoomSummary } from '../../lib/rooms/views.ts';
import type { BoardRow, ParticipantRow, RoomRow, RoomStore } from '../store/store.ts';

export interface RoomData {
  room: RoomRow;
  participants: ParticipantRow[];
  answers: AnswerRecord[];
  board: BoardRow[];
  questions: RoomQuestion[];
  exercises: RoomExercise[];
}

function summary(room: RoomRow): RoomSummary {
  return { code: room.code, title: room.title, phase: room.phase, index: room.index, total: room.questions.length, expiresAt: room.expiresAt };
}

function questionView(q: RoomQuestion, index: number): QuestionView {
  const view: QuestionView = { id: q.id, number: index + 1, quizTitle: q.quizTitle, kind: q.kind, prompt: q.prompt, multiple: q.multiple, options: q.options };
  if (q.dockerfile !== undefined) view.dockerfile = q.dockerfile;
  if (q.command !== undefined) view.command = q.command;
  if (q.builder !== undefined) view.builder = q.builder;
  return view;
}

function keyOf(q: RoomQuestion): Omit<RevealView, 'distribution' | 'answered'> {
  return { correct: q.correct, answer: q.answer, why: q.why, wrong: q.wrong, lesson: q.lesson, lessonTitle: q.lessonTitle };
}

function results(data: RoomData): ResultsView {
  const ranked = rankMisconceptions(data.questions, data.answers);
  return { ranked, lessons: lessonsToRevisit(ranked), participants: data.participants.length, answers: data.answers.length };
}

export class RoomViews {
  readonly #cache = new Map<string, { version: number; data: Promise<RoomData | null> }>();

  readonly store: RoomStore;
  readonly catalog: RoomCatalog;
  readonly now: () => number;

  constructor(store: RoomStore, catalog: RoomCatalog, now: () => number = Date.now) {
    this.store = store;
    this.catalog = catalog;
    this.now = now;
  }

  /** The room's data at its current version (read once per version), or null when it is gone. */
  async data(code: string): Promise<RoomData | null> {
    const room = await this.store.room(code, this.now());
    if (!room) {
      this.#cache.delete(code);
      return null;
    }
    const cached = this.#cache.get(code);
    if (cached && cached.version === room.version) return cached.data;
    const data = this.#load(room);
    this.#cache.set(code, { version: room.version, data });
    return data;
  }

  async #load(room: RoomRow): Promise<RoomData | null> {
    const [participants, answers, board] = await Promise.all([this.store.participants(room.code), this.store.answers(room.code), this.store.board(room.code)]);
    const questions = room.questions.flatMap((id) => this.catalog.questions[id] ?? []);
    const exercises = room.exercises.flatMap((id) => this.catalog.exercises[id] ?? []);
    return { room, participants, answers, board, questions, exercises };
  }

  forget(code: string): void {
    this.#cache.delete(code);
  }

  host(data: RoomData): HostView {
    const { room } = data;
    const current = room.phase === 'question' || room.phase === 'revealed' ? data.questions[room.index] : undefined;
    const names = new Map(data.participants.map((p) => [p.id, p.name]));
    const byQuestion = new Map(data.questions.map((q) => [q.id, q]));
    const tally = new Map<string, { answered: number; correct: number }>();
    const perQuestion = new Map<string, number>();
    for (const answer of data.answers) {
      const q = byQuestion.get(answer.question);
      if (!q) continue;
      const entry = tally.get(answer.participant) ?? { answered: 0, correct: 0 };
      entry.answered += 1;
      if (gradeResponse(q, answer.response).correct) entry.correct += 1;
      tally.set(answer.participant, entry);
      perQuestion.set(q.id, (perQuestion.get(q.id) ?? 0) + 1);
    }
    const currentAnswers = current ? data.answers.filter((a) => a.question === current.id) : [];
    return {
      kind: 'host',
      version: room.version,
      room: summary(room),
      participants: data.participants.map((p) => ({ id: p.id, name: p.name, joinedAt: p.joinedAt, answered: tally.get(p.id)?.answered ?? 0, correct: tally.get(p.id)?.correct ?? 0 })),
      questions: data.questions.map((q, i) => ({ id: q.id, number: i + 1, prompt: q.prompt, quizTitle: q.quizTitle, answered: perQuestion.get(q.id) ?? 0, revealed: room.revealed.includes(q.id) })),
      question: current ? questionView(current, room.index) : null,
      key: current ? keyOf(current) : null,
      live: current
        ? {
            answered: currentAnswers.length,
            of: data.participants.length,
            distribution: distribution(current, currentAnswers.map((a) => a.response)),
            responses: currentAnswers.map((a) => ({ participant: a.participant, name: names.get(a.participant) ?? '?', response: a.response, correct: gradeResponse(current, a.response).correct, at: a.at })),
            revealed: room.revealed.includes(current.id),
          }
        : null,
      results: room.phase === 'ended' ? results(data) : null,
      exercises: data.exercises,
      board: data.board.flatMap((entry) => {
        const name = names.get(entry.participant);
        return name === undefined ? [] : [{ ...entry, name }];
      }),
    };
  }

  /** A participant's view, or null when they are no longer in the room. */
  player(data: RoomData, participant: string): PlayerView | null {
    const { room } = data;
    const you = data.participants.find((p) => p.id === participant);
    if (!you) return null;
    const current = room.phase === 'question' || room.phase === 'revealed' ? data.questions[room.index] : undefined;
    const mine = data.answers.filter((a) => a.participant === participant);
    const yourAnswer = current ? (mine.find((a) => a.question === current.id)?.response ?? null) : null;
    const revealed = current !== undefined && room.revealed.includes(current.id);
    let reveal: PlayerView['reveal'] = null;
    if (current && revealed) {
      const all = data.answers.filter((a) => a.question === current.id);
      reveal = {
        ...keyOf(current),
        distribution: distribution(current, all.map((a) => a.response)),
        answered: all.length,
        yours: yourAnswer ? gradeResponse(current, yourAnswer) : null,
      };
    }
    let resultsView: PlayerView['results'] = null;
    if (room.phase === 'ended') {
      const shared = results(data);
      const yours = rankMisconceptions(data.questions, mine);
      resultsView = { ...shared, score: scoreOf(data.questions, mine), yours };
    }
    return {
      kind: 'player',
      version: room.phaseVersion,
      room: summary(room),
      you: { id: you.id, name: you.name },
      question: current ? questionView(current, room.index) : null,
      yourAnswer,
      reveal,
      results: resultsView,
      exercises: data.exercises,
      board: data.board.filter((entry) => entry.participant === participant).map(({ exercise, passed, goals, hasDockerfile }) => ({ exercise, passed, goals, hasDockerfile })),
    };
  }
}
