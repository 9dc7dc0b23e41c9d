// A room's results for the facilitator to keep: JSON (everything, structured) and CSV (one
// row per answer, for a spreadsheet). Pure.
import { gradeResponse, type AnswerRecord } from '../../lib/rooms/results.ts';
import type { RoomData } from './views.ts';
import { lessonsToRevisit, rankMisconceptions, scoreOf } from '../../lib/rooms/results.ts';

/** The export needs every answer; `data.answers` must hold them (see RoomViews.allAnswers). */
export function resultsJson(data: RoomData & { answers: AnswerRecord[] }, exportedAt: number) {
  const names = new Map(data.participants.map((p) => [p.id, p.name]));
  const byQuestion = new Map(data.questions.map((q) => [q.id, q]));
  const ranked = rankMisconceptions(data.questions, data.answers);
  return {
    room: {
      code: data.room.code,
      title: data.room.title,
      createdAt: new Date(data.room.createdAt).toISOString(),
      expiresAt: new Date(data.room.expiresAt).toISOString(),
      exportedAt: new Date(exportedAt).toISOString(),
    },
    questions: data.questions.map((q, i) => ({
      number: i + 1,
      id: q.id,
      quiz: q.quizTitle,
      prompt: q.prompt,
      answer: q.answer,
      revealed: data.room.revealed.includes(q.id),
    })),
    participants: data.participants.map((p) => ({
      name: p.name,
      joinedAt: new Date(p.joinedAt).toISOString(),
      score: scoreOf(
        data.questions,
        data.answers.filter((a) => a.participant === p.id),
      ),
    })),
    answers: data.answers.flatMap((a) => {
      const q = byQuestion.get(a.question);
      if (!q) return [];
      const graded = gradeResponse(q, a.response);
      return [
        {
          participant: names.get(a.participant) ?? '?',
          question: q.id,
          answer: a.response.map((key) => q.options.find((o) => o.key === key)?.label ?? String(key)),
          correct: graded.correct,
          misconceptions: graded.misconceptions,
          answeredAt: new Date(a.at).toISOString(),
        },
      ];
    }),
    misconceptions: ranked,
    lessonsToRevisit: lessonsToRevisit(ranked),
  };
}

/** A CSV cell: quoted when needed; a leading = + - @ (a spreadsheet formula) is defused with a quote mark. */
export function csvCell(value: string | number | boolean): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function resultsCsv(data: RoomData & { answers: AnswerRecord[] }, exportedAt: number): string {
  const json = resultsJson(data, exportedAt);
  const prompts = new Map(json.questions.map((q) => [q.id, q]));
  const header = ['participant', 'question number', 'question', 'answer', 'correct', 'misconceptions', 'answered at'];
  const rows = json.answers.map((a) => {
    const q = prompts.get(a.question);
    const misconceptions = a.misconceptions.map(
      (key) => data.questions.find((question) => question.id === a.question)?.wrong.find((m) => m.key === key)?.misconception ?? 'another wrong answer',
    );
    return [a.participant, q?.number ?? '', q?.prompt ?? a.question, a.answer.join('; '), a.correct ? 'yes' : 'no', misconceptions.join('; '), a.answeredAt];
  });
  return `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
