// Builds the views of src/lib/rooms/views.ts from what the store holds. A room's data is read
// once per version and shared by every view built from it (a phase change rebuilds the views
// of 200 participants from one read).
import type { RoomCatalog, RoomExercise, RoomQuestion } from '../../lib/rooms/catalog.ts';
import { distribution, gradeResponse, lessonsToRevisit, rankMisconceptions, scoreOf, type AnswerRecord } from '../../lib/rooms/results.ts';
import type { HostView, PlayerView, QuestionView, ResultsView, RevealView, RoomSummary } from '../../lib/rooms/views.ts';
import type { BoardRow, ParticipantRow, RoomRow, RoomStore, Tallies } from '../store/room-store.ts';

export interface RoomData {
  room: RoomRow;
  participants: ParticipantRow[];
  /** The answers to the current question (none in the lobby). */
  current: AnswerRecord[];
  /** Every answer of the room: read only once the room has ended (results, export). */
  answers: AnswerRecord[] | null;
  tallies: Tallies;
  board: BoardRow[];
  questions: RoomQuestion[];
  exercises: RoomExercise[];
  /** The room's results, built once per version and shared by every view. */
  results?: ResultsView;
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
  if (!data.results) {
    const answers = data.answers ?? [];
    const ranked = rankMisconceptions(data.questions, answers);
    data.results = { ranked, lessons: lessonsToRevisit(ranked), participants: data.participants.length, answers: answers.length };
  }
  return data.results;
}

/** The question on screen, if any. */
function currentQuestion(room: RoomRow, questions: readonly RoomQuestion[]): RoomQuestion | undefined {
  return room.phase === 'question' || room.phase === 'revealed' ? questions.find((q) => q.id === room.questions[room.index]) : undefined;
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

  /** The room's data at `room`'s version; only what the views of its phase show is read. */
  async #load(room: RoomRow): Promise<RoomData | null> {
    const questions = room.questions.flatMap((id) => this.catalog.questions[id] ?? []);
    const exercises = room.exercises.flatMap((id) => this.catalog.exercises[id] ?? []);
    const current = currentQuestion(room, questions);
    const [participants, currentAnswers, answers, tallies, board] = await Promise.all([
      this.store.participants(room.code),
      current ? this.store.answers(room.code, current.id) : Promise.resolve([]),
      room.phase === 'ended' ? this.store.answers(room.code) : Promise.resolve(null),
      this.store.tallies(room.code),
      this.store.board(room.code),
    ]);
    return { room, participants, current: currentAnswers, answers, tallies, board, questions, exercises };
  }

  /** Every answer of the room, for the export (whatever its phase). */
  async allAnswers(code: string): Promise<AnswerRecord[]> {
    return this.store.answers(code);
  }

  forget(code: string): void {
    this.#cache.delete(code);
  }

  host(data: RoomData): HostView {
    const { room } = data;
    const current = currentQuestion(room, data.questions);
    const names = new Map(data.participants.map((p) => [p.id, p.name]));
    const currentAnswers = data.current;
    return {
      kind: 'host',
      version: room.version,
      room: summary(room),
      participants: data.participants.map((p) => ({
        id: p.id,
        name: p.name,
        joinedAt: p.joinedAt,
        answered: data.tallies.participants.get(p.id)?.answered ?? 0,
        correct: data.tallies.participants.get(p.id)?.correct ?? 0,
      })),
      questions: data.questions.map((q, i) => ({
        id: q.id,
        number: i + 1,
        prompt: q.prompt,
        quizTitle: q.quizTitle,
        answered: data.tallies.questions.get(q.id) ?? 0,
        revealed: room.revealed.includes(q.id),
      })),
      question: current ? questionView(current, room.index) : null,
      key: current ? keyOf(current) : null,
      live: current
        ? {
            answered: currentAnswers.length,
            of: data.participants.length,
            distribution: distribution(
              current,
              currentAnswers.map((a) => a.response),
            ),
            responses: currentAnswers.map((a) => ({
              participant: a.participant,
              name: names.get(a.participant) ?? '?',
              response: a.response,
              correct: gradeResponse(current, a.response).correct,
              at: a.at,
            })),
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
    const current = currentQuestion(room, data.questions);
    const yourAnswer = current ? (data.current.find((a) => a.participant === participant)?.response ?? null) : null;
    const revealed = current !== undefined && room.revealed.includes(current.id);
    let reveal: PlayerView['reveal'] = null;
    if (current && revealed) {
      const all = data.current;
      reveal = {
        ...keyOf(current),
        distribution: distribution(
          current,
          all.map((a) => a.response),
        ),
        answered: all.length,
        yours: yourAnswer ? gradeResponse(current, yourAnswer) : null,
      };
    }
    let resultsView: PlayerView['results'] = null;
    if (room.phase === 'ended') {
      const shared = results(data);
      const mine = (data.answers ?? []).filter((a) => a.participant === participant);
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
      board: data.board
        .filter((entry) => entry.participant === participant)
        .map(({ exercise, passed, goals, hasDockerfile }) => ({ exercise, passed, goals, hasDockerfile })),
    };
  }
}
