// A workshop agenda for the time the facilitator has (60, 90, 120 minutes, half a day, a day)
// from the lessons they choose: the /workshops planner (src/components/workshops/
// workshop-planner.ts, in the browser) and the page's first render (src/pages/workshops/
// index.astro, at build time) both call buildPlan(). Pure, no DOM; tested in
// tests/workshops/workshop-plan.test.ts.
//
// Each chosen lesson becomes up to three blocks: working through the lesson together (its own
// `minutes`), the exercise when it has one, and one live-room question (ask, answer, reveal the
// misconceptions). A welcome opens the session and a wrap-up (the room's misconceptions, ranked)
// closes it; longer sessions get breaks, a day a lunch. Everything is scaled to fit exactly:
// - the blocks' minutes always add up to the chosen length, with no gap and no overlap;
// - when the chosen lessons need more time than there is, their blocks are shortened, down to
//   MIN_PACE of their full length, and the lessons that still do not fit are left out, last
//   first (they come later on the course path), and listed so the facilitator can set them as
//   homework;
// - when there is time to spare, blocks are stretched up to MAX_PACE and whatever remains
//   becomes an "open questions and catch-up" block before the wrap-up.

export interface PlanLesson {
  id: string;
  title: string;
  /** The lesson's own estimate (frontmatter `minutes`). */
  minutes: number;
  exercise: boolean;
  /** Whether the lesson has a quiz question for the live room. */
  question: boolean;
}

export interface AgendaLength {
  minutes: number;
  label: string;
}

export const AGENDA_LENGTHS: readonly AgendaLength[] = [
  { minutes: 60, label: '60 minutes' },
  { minutes: 90, label: '90 minutes' },
  { minutes: 120, label: '2 hours' },
  { minutes: 210, label: 'Half a day (3½ hours)' },
  { minutes: 420, label: 'A day (7 hours)' },
];

/** Full-pace minutes for a lesson's exercise and for one live-room question. */
export const EXERCISE_MINUTES = 12;
export const QUESTION_MINUTES = 5;
/** How far blocks may shrink (too little time) or stretch (time to spare). */
export const MIN_PACE = 0.7;
export const MAX_PACE = 1.3;

export type BlockKind = 'welcome' | 'lesson' | 'exercise' | 'question' | 'break' | 'lunch' | 'open' | 'wrap-up';

export interface PlanBlock {
  kind: BlockKind;
  /** Minutes from the start of the session. */
  start: number;
  minutes: number;
  /** The lesson a lesson, exercise or question block belongs to. */
  lesson?: string;
}

export interface Plan {
  length: number;
  blocks: PlanBlock[];
  /** The chosen lessons in the plan, in course order. */
  lessons: string[];
  /** Chosen lessons that do not fit the time, in course order. */
  leftOut: string[];
}

interface Frame {
  welcome: number;
  wrapUp: number;
  /** The breaks, in order; the one marked lunch is the long one. */
  breaks: Array<{ kind: 'break' | 'lunch'; minutes: number }>;
}

/** The fixed parts of a session of `length` minutes. */
export function frameFor(length: number): Frame {
  const welcome = length <= 90 ? 5 : length <= 120 ? 10 : 15;
  const wrapUp = length <= 60 ? 5 : length <= 120 ? 10 : length <= 240 ? 15 : 20;
  const breaks: Frame['breaks'] =
    length < 120
      ? []
      : length < 180
        ? [{ kind: 'break', minutes: 10 }]
        : length < 300
          ? [
              { kind: 'break', minutes: 15 },
              { kind: 'break', minutes: 15 },
            ]
          : [
              { kind: 'break', minutes: 15 },
              { kind: 'lunch', minutes: 45 },
              { kind: 'break', minutes: 15 },
            ];
  return { welcome, wrapUp, breaks };
}

interface Piece {
  kind: 'lesson' | 'exercise' | 'question';
  lesson: string;
  full: number;
}

function piecesOf(lesson: PlanLesson): Piece[] {
  const pieces: Piece[] = [{ kind: 'lesson', lesson: lesson.id, full: lesson.minutes }];
  if (lesson.exercise) pieces.push({ kind: 'exercise', lesson: lesson.id, full: EXERCISE_MINUTES });
  if (lesson.question) pieces.push({ kind: 'question', lesson: lesson.id, full: QUESTION_MINUTES });
  return pieces;
}

const fullMinutes = (lessons: readonly PlanLesson[]) => lessons.flatMap(piecesOf).reduce((sum, piece) => sum + piece.full, 0);

/**
 * Scales `pieces` to fill `minutes` exactly at `pace` (whole minutes, at least 1 each): each
 * gets the floor of its scaled length, and the minutes rounding leaves over go one each to the
 * largest remainders.
 */
function scale(pieces: readonly Piece[], minutes: number, pace: number): number[] {
  const exact = pieces.map((piece) => piece.full * pace);
  const sized = exact.map((value) => Math.max(1, Math.floor(value)));
  let left = minutes - sized.reduce((sum, value) => sum + value, 0);
  const order = exact.map((value, i) => ({ i, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; left > 0 && order.length > 0; k++, left--) sized[order[k % order.length]!.i]! += 1;
  return sized;
}

/**
 * Where the breaks go: at the lesson boundary nearest each even share of the teaching time
 * (a block boundary within a lesson when no lesson boundary is free). Returns, per break, the
 * index of the teaching block it comes after; breaks that find no place are dropped.
 */
function breakPlaces(teaching: ReadonlyArray<{ minutes: number; lesson: string }>, count: number): number[] {
  const ends: Array<{ after: number; at: number; lessonEnd: boolean }> = [];
  let at = 0;
  teaching.forEach((block, i) => {
    at += block.minutes;
    if (i < teaching.length - 1) ends.push({ after: i, at, lessonEnd: teaching[i + 1]!.lesson !== block.lesson });
  });
  const places: number[] = [];
  for (let k = 1; k <= count; k++) {
    const target = (at * k) / (count + 1);
    const free = ends.filter((end) => !places.includes(end.after));
    const pick = (list: typeof free) =>
      list.reduce<(typeof free)[number] | undefined>((best, end) => (!best || Math.abs(end.at - target) < Math.abs(best.at - target) ? end : best), undefined);
    const chosen = pick(free.filter((end) => end.lessonEnd)) ?? pick(free);
    if (chosen) places.push(chosen.after);
  }
  return places.sort((a, b) => a - b);
}

/**
 * The agenda for `length` minutes from the `chosen` lesson ids, taken in the order of
 * `lessons` (the course path). Unknown ids are ignored.
 */
export function buildPlan(lessons: readonly PlanLesson[], chosen: readonly string[], length: number): Plan {
  if (!Number.isInteger(length) || length < 30) throw new RangeError(`a workshop needs at least 30 whole minutes, not ${length}`);
  const frame = frameFor(length);
  const breakMinutes = frame.breaks.reduce((sum, entry) => sum + entry.minutes, 0);
  const teachingTime = length - frame.welcome - frame.wrapUp - breakMinutes;

  const included = lessons.filter((lesson) => chosen.includes(lesson.id));
  const leftOut: PlanLesson[] = [];
  while (included.length > 0 && fullMinutes(included) * MIN_PACE > teachingTime) leftOut.unshift(included.pop()!);

  const pieces = included.flatMap(piecesOf);
  const full = fullMinutes(included);
  const pace = full === 0 ? 0 : Math.min(MAX_PACE, teachingTime / full);
  const used = full === 0 ? 0 : Math.min(teachingTime, Math.round(full * pace));
  const sized = scale(pieces, used, pace);
  const teaching = pieces.map((piece, i) => ({ kind: piece.kind, lesson: piece.lesson, minutes: sized[i]! }));

  const places = breakPlaces(teaching, frame.breaks.length);
  // A break with no place (too few blocks) gives its minutes to the open block.
  const placedBreaks = frame.breaks.slice(0, places.length);
  const unplaced = frame.breaks.slice(places.length).reduce((sum, entry) => sum + entry.minutes, 0);
  const open = teachingTime - used + unplaced;

  const sequence: Array<Omit<PlanBlock, 'start'>> = [{ kind: 'welcome', minutes: frame.welcome }];
  teaching.forEach((block, i) => {
    sequence.push(block);
    const breakIndex = places.indexOf(i);
    if (breakIndex >= 0) sequence.push(placedBreaks[breakIndex]!);
  });
  if (open > 0) sequence.push({ kind: 'open', minutes: open });
  sequence.push({ kind: 'wrap-up', minutes: frame.wrapUp });

  let start = 0;
  const blocks = sequence.map((block) => {
    const placed = { ...block, start };
    start += block.minutes;
    return placed;
  });
  return { length, blocks, lessons: included.map((lesson) => lesson.id), leftOut: leftOut.map((lesson) => lesson.id) };
}

/** "9:05" for 545 minutes after midnight (wraps past midnight). */
export function clock(minutes: number): string {
  const day = ((minutes % 1440) + 1440) % 1440;
  return `${Math.floor(day / 60)}:${String(day % 60).padStart(2, '0')}`;
}

/** "09:30" → 570; null for anything else. */
export function parseClock(text: string): number | null {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** What a block is called in the agenda; a lesson's blocks name the lesson. */
export function blockTitle(block: PlanBlock, titleOf: (id: string) => string): string {
  const title = block.lesson ? titleOf(block.lesson) : '';
  switch (block.kind) {
    case 'welcome':
      return 'Welcome: introductions, everyone opens the site and joins the live room';
    case 'lesson':
      return title;
    case 'exercise':
      return `Exercise: ${title}`;
    case 'question':
      return `Live-room question: ${title}`;
    case 'break':
      return 'Break';
    case 'lunch':
      return 'Lunch';
    case 'open':
      return 'Open questions and catch-up';
    case 'wrap-up':
      return "Wrap-up: the room's misconceptions, ranked, and feedback";
  }
}

/** Query string state of the planner: ?length=90&start=09:00&lessons=a,b. */
export interface PlannerState {
  length: number;
  start: number;
  lessons: string[];
}

export function readPlannerState(search: string, lessonIds: readonly string[], fallback: PlannerState): PlannerState {
  const params = new URLSearchParams(search);
  const length = Number(params.get('length'));
  const start = parseClock(params.get('start') ?? '');
  const listed = params.get('lessons');
  return {
    length: AGENDA_LENGTHS.some((entry) => entry.minutes === length) ? length : fallback.length,
    start: start ?? fallback.start,
    lessons: listed === null ? fallback.lessons : listed.split(',').filter((id) => lessonIds.includes(id)),
  };
}
